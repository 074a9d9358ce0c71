"""The import rules of docs/architecture.md, held by import-linter's contracts in pyproject.toml.

The first test checks the real tree; the others prove each kind of check can fail, by running
the same contracts over a throw-away `spbe` package that breaks one rule.
"""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(config: Path, *, cwd: Path, pythonpath: Path | None = None):
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(config), "--no-cache", "--no-logo"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_tree_keeps_every_import_rule():
    result = _lint(PYPROJECT, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _contract_modules() -> set[str]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    names: set[str] = set()
    for contract in config["contracts"]:
        names.update(contract.get("source_modules", []))
        names.update(contract.get("forbidden_modules", []))
        for layer in contract.get("layers", []):
            names.update(part.strip() for part in layer.split("|"))
    return names


@pytest.fixture
def fake_tree(tmp_path):
    """An empty `spbe` with every package the contracts name (they refuse unknown modules)."""
    for name in _contract_modules() | {"spbe"}:
        package = tmp_path.joinpath(*name.split("."))
        package.mkdir(parents=True, exist_ok=True)
        (package / "__init__.py").touch()
    return tmp_path


def _broken(fake_tree, module: str, imports: str):
    fake_tree.joinpath(*module.split("."), "__init__.py").write_text(f"import {imports}\n")
    return _lint(PYPROJECT, cwd=fake_tree, pythonpath=fake_tree)


def test_the_clean_fake_tree_passes(fake_tree):
    result = _lint(PYPROJECT, cwd=fake_tree, pythonpath=fake_tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "imports", "contract"),
    [
        ("spbe.scoring", "spbe.frameworks", "scoring imports nothing of the project BROKEN"),
        ("spbe.core", "spbe.organizations", "core imports no app BROKEN"),
        ("spbe.evaluations", "spbe.web", "imports the page shell (web) or the REST root"),
        ("spbe.planning", "spbe.api", "imports the page shell (web) or the REST root"),
        ("spbe.audit", "spbe.organizations", "imports none of them BROKEN"),
        ("spbe.evidence", "spbe.evaluations", "evaluations alone own the links BROKEN"),
        ("spbe.organizations", "spbe.accounts", "do not depend on the apps that use them BROKEN"),
        ("spbe.planning", "spbe.reports", "no import cycle between apps) BROKEN"),
    ],
)
def test_a_broken_rule_fails_the_check(fake_tree, module, imports, contract):
    result = _broken(fake_tree, module, imports)
    assert result.returncode != 0
    assert contract in result.stdout, result.stdout
