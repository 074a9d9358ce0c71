"""Reading framework and mapping files from disk: bytes → UTF-8 text → YAML → checked document.

Nothing here touches the database, so a file can be checked (and every problem listed)
before anything is written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from spbe.frameworks.mapping_validation import check_mapping
from spbe.frameworks.validation import check_framework

# libyaml's parser when present: the SPBE file is ~80 kB and the pure-Python parser is slow.
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_DIR = Path(__file__).resolve().parent / "data"
MAPPINGS_DIR = DATA_DIR / "mappings"


class FrameworkFileError(Exception):
    """A file that cannot be loaded; `problems` lists every fault found, in Bahasa Indonesia."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{self.path}: " + "; ".join(problems))


@dataclass(frozen=True)
class CheckedFile:
    """A valid document and the hash that decides whether a reload changes anything."""

    path: Path
    document: dict[str, Any]
    sha256: str
    is_mapping: bool = False


def read_yaml(path: Path) -> tuple[Any, list[str]]:
    """Parse a YAML file strictly as UTF-8; report unreadable files as problems, not tracebacks."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [f"berkas tidak dapat dibaca: {exc.strerror or exc}"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [f"berkas bukan teks UTF-8 (byte tidak sah pada posisi {exc.start})"]
    try:
        # _YamlLoader is a SafeLoader (C or Python): no object construction.
        return yaml.load(text, Loader=_YamlLoader), []  # nosec B506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" (baris {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [f"berkas bukan YAML yang sah{place}: {reason}"]


def content_sha256(data: Any) -> str:
    """Hash of the parsed content, so comments and layout can change without a new version."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def is_mapping(data: Any) -> bool:
    """Mapping files are told apart from framework files by their `links` list."""
    return isinstance(data, dict) and "links" in data


def file_check(path: Path | str) -> CheckedFile:
    """Read and validate a framework or mapping file; raise FrameworkFileError on any problem.

    Mapping files are only checked for shape here; their indicators are resolved on load.
    """
    path = Path(path)
    data, problems = read_yaml(path)
    if problems:
        raise FrameworkFileError(path, problems)
    document, problems = (check_mapping if is_mapping(data) else check_framework)(data)
    if problems:
        raise FrameworkFileError(path, problems)
    return CheckedFile(path, document, content_sha256(_scored_content(data)), is_mapping(data))


# Facts about a framework's official documents (headings, year rules): correcting them does
# not change how a loaded version scores, so they stay out of the content hash and need no
# new version (docs/framework-format.md, "Hasil resmi").
UNHASHED_KEYS = ("official_report",)


def _scored_content(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    return {key: value for key, value in data.items() if key not in UNHASHED_KEYS}


def shipped_framework_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def shipped_mapping_files() -> list[Path]:
    return sorted(MAPPINGS_DIR.glob("*.yaml"))
