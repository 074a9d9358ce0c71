"""Reading framework and mapping files from disk: bytes → UTF-8 text → YAML → checked document.

Nothing here touches the database, so a file can be checked (and every problem listed)
before anything is written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from spbe.frameworks.validation import check_framework, check_mapping

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
    problems: list[str] = field(default_factory=list)


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
        return yaml.safe_load(text), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" (baris {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [f"berkas bukan YAML yang sah{place}: {reason}"]


def content_sha256(data: Any) -> str:
    """Hash of the parsed content, so comments and layout can change without a new version."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def framework_file_check(path: Path | str) -> CheckedFile:
    """Read and validate a framework file; raise FrameworkFileError listing every problem."""
    return _checked(Path(path), check_framework)


def mapping_file_check(path: Path | str) -> CheckedFile:
    """Read and validate the shape of a mapping file (indicators are resolved on load)."""
    return _checked(Path(path), check_mapping)


def _checked(path: Path, check) -> CheckedFile:
    data, problems = read_yaml(path)
    if problems:
        raise FrameworkFileError(path, problems)
    document, problems = check(data)
    if problems:
        raise FrameworkFileError(path, problems)
    return CheckedFile(path=path, document=document, sha256=content_sha256(data))


def shipped_framework_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def shipped_mapping_files() -> list[Path]:
    return sorted(MAPPINGS_DIR.glob("*.yaml"))
