"""Print the app-level import graph of spbe/ (every import, also inside functions).

    python3 tools/import_graph.py [ROOT] [-v]

ROOT is a checkout (default "."); -v lists each import behind each arrow. The rules
themselves are enforced by import-linter (pyproject.toml [tool.importlinter], tests/
test_architecture.py); this script is the map a newcomer reads next to docs/architecture.md.
"""

import ast
import collections
import pathlib
import sys


def _imported(node: ast.AST, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if not node.level:
            return [node.module or ""]
        parts = package.split(".")
        base = parts[: len(parts) - node.level + 1]
        return [".".join(base + ([node.module] if node.module else []))]
    return []


def app_edges(root: pathlib.Path) -> dict[str, set[tuple[str, str]]]:
    """{app: {(imported app, "file:line module"), ...}} over spbe/**, migrations left out."""
    edges: dict[str, set[tuple[str, str]]] = collections.defaultdict(set)
    for path in sorted((root / "spbe").rglob("*.py")):
        rel = path.relative_to(root)
        if "migrations" in rel.parts:
            continue
        module = ".".join(rel.with_suffix("").parts)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        app = rel.parts[1] if len(rel.parts) > 2 else rel.stem
        for node in ast.walk(ast.parse(path.read_text())):
            for name in _imported(node, package):
                parts = name.split(".")
                if parts[0] == "spbe" and len(parts) > 1 and parts[1] != app:
                    edges[app].add((parts[1], f"{rel}:{node.lineno} {name}"))
    return edges


def main(argv: list[str]) -> None:
    args = [a for a in argv if a != "-v"]
    edges = app_edges(pathlib.Path(args[0] if args else "."))
    apps = {app: {target for target, _ in found} for app, found in edges.items()}
    for app in sorted(apps):
        print(f"{app:14} -> {', '.join(sorted(apps[app]))}")
    print("\ncycles between two apps:")
    for app in sorted(apps):
        for other in sorted(apps[app]):
            if app < other and app in apps.get(other, ()):
                print(f"  {app} <-> {other}")
    if "-v" in argv:
        for app in sorted(edges):
            for target, where in sorted(edges[app]):
                print(f"{app} -> {target}: {where}")


if __name__ == "__main__":
    main(sys.argv[1:])
