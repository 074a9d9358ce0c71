"""Just enough of a .po reader to check the committed catalog without GNU gettext.

`read_po(path)` returns the entries (obsolete `#~` entries are skipped); `compiled_catalog`
gives the mapping msgfmt would write, in the shape `gettext.GNUTranslations._catalog` has,
so the test can compare it with the committed .mo.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

CONTEXT_SEP = "\x04"


@dataclass
class PoEntry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def _unquote(text: str) -> str:
    # PO strings use C escapes (\n, \t, \", \\), which a Python literal reads the same way.
    return ast.literal_eval(text)


def read_po(path: Path) -> list[PoEntry]:
    entries: list[PoEntry] = []
    current: PoEntry | None = None
    flags: set[str] = set()
    target: tuple[str, int] | None = None
    parts: dict[tuple[str, int], list[str]] = {}

    def finish():
        nonlocal current, parts
        if current is not None:
            for (kind, n), chunks in parts.items():
                text = "".join(chunks)
                if kind == "msgid":
                    current.msgid = text
                elif kind == "msgctxt":
                    current.msgctxt = text
                elif kind == "msgid_plural":
                    current.msgid_plural = text
                else:
                    current.msgstr[n] = text
            entries.append(current)
        current, parts = None, {}

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                flags |= {f.strip() for f in line[2:].split(",")}
            continue
        keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if keyword:
            kind, index, text = keyword.group(1), keyword.group(2), keyword.group(3)
            after_context = target is not None and target[0] == "msgctxt"
            if kind == "msgctxt" or (kind == "msgid" and not after_context):
                finish()
                current = PoEntry(msgid="", flags=flags, line=number)
                flags = set()
            target = (kind, int(index or 0))
            parts[target] = [_unquote(text)]
        elif line.startswith('"') and target is not None:
            parts[target].append(_unquote(line))
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def compiled_catalog(entries: list[PoEntry]) -> dict:
    """What msgfmt puts in the .mo: translated, non-fuzzy entries (and the header)."""
    catalog: dict = {}
    for entry in entries:
        if entry.fuzzy or not any(entry.msgstr.values()):
            continue
        key = entry.msgid if entry.msgctxt is None else entry.msgctxt + CONTEXT_SEP + entry.msgid
        if key == "":
            # msgfmt leaves the POT-Creation-Date out of the compiled header
            header = entry.msgstr[0].splitlines(keepends=True)
            catalog[key] = "".join(h for h in header if not h.startswith("POT-Creation-Date:"))
        elif entry.msgid_plural is None:
            catalog[key] = entry.msgstr[0]
        else:
            for n, text in entry.msgstr.items():
                catalog[(key, n)] = text
    return catalog
