"""Which government issued a document, and whether it is the instansi being evaluated.

Both sides are reduced to one key, ``<level>:<name>``: "kabupaten:batu bara", "kota:denpasar",
"provinsi:kalimantan timur", "pusat:koordinator bidang perekonomian". The document's side comes
from its heading ("PERATURAN BUPATI BATU BARA", "WALIKOTA DENPASAR", "PEMERINTAH PROVINSI
BALI", "MENTERI KOORDINATOR BIDANG PEREKONOMIAN"); the instansi's from its name and kind
("Pemerintah Provinsi Kalimantan Timur", provinsi). Pure functions, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OFFICE_LEVEL = {"BUPATI": "kabupaten", "WALIKOTA": "kota", "GUBERNUR": "provinsi"}
LEVEL_NAME = {"kabupaten": "Kabupaten", "kota": "Kota", "provinsi": "Provinsi"}
INSTANSI_KIND_LEVEL = {
    "provinsi": "provinsi",
    "kabupaten": "kabupaten",
    "kota": "kota",
    "kementerian-lembaga": "pusat",
}
# A name ends at the line's end or where the next heading element starts.
_NAME = r"(?P<name>[A-Z][A-Z .'\-]{1,60}?)\s*(?=,|\n|$|NOMOR\b|PROVINSI\b|TENTANG\b)"
_OFFICE = r"(?P<office>BUPATI|WALI\s*KOTA|GUBERNUR)"
_PATTERNS = (
    re.compile(rf"(?:PERATURAN|KEPUTUSAN|INSTRUKSI|SURAT\s+EDARAN)\s+{_OFFICE}\s+{_NAME}"),
    re.compile(rf"PEMERINTAH\s+(?P<level>KABUPATEN|KOTA|PROVINSI)\s+{_NAME}"),
    re.compile(rf"PERATURAN\s+DAERAH\s+(?P<level>KABUPATEN|KOTA|PROVINSI)\s+{_NAME}"),
    re.compile(rf"^\s*(?:PJ\.?\s+|PLT\.?\s+)?{_OFFICE}\s+{_NAME}", re.MULTILINE),
)
_CENTRAL = re.compile(
    r"(?:MENTERI|KEMENTERIAN)\s+(?P<name>[A-Z][A-Z ,\-]{3,90}?)\s*"
    r"(?=REPUBLIK|NOMOR|TENTANG|SALINAN|$)"
)
_PREFIXES = re.compile(
    r"^(?:pemerintah|pemkab|pemkot|pemprov|kab\.?|kabupaten|kota|provinsi|prov\.?)\s+",
    re.IGNORECASE,
)
_WORD_FIXES = {"kaltim": "kalimantan timur"}


@dataclass(frozen=True)
class Issuer:
    """A government as read from a document: display ``name``, comparison ``key`` and the
    heading words it came from (``source``)."""

    name: str
    key: str
    source: str


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.-")
    return re.sub(r"\s+(?:REPUBLIK INDONESIA|NOMOR.*)$", "", name)


def issuer_from_heading(heading: str) -> Issuer | None:
    """The issuing government named in a document's heading, or None."""
    upper = re.sub(r"[ \t]+", " ", heading.upper())
    for pattern in _PATTERNS:
        match = pattern.search(upper)
        if not match:
            continue
        name = _clean(match["name"])
        if len(name) < 3:
            continue
        groups = match.groupdict()
        if groups.get("office"):
            level = OFFICE_LEVEL[re.sub(r"\s+", "", groups["office"])]
        else:
            level = groups["level"].lower()
        display = f"{LEVEL_NAME[level]} {name.title()}"
        return Issuer(display, f"{level}:{name.lower()}", " ".join(match.group(0).split()))
    if match := _CENTRAL.search(" ".join(upper.split())):
        name = _clean(match["name"])
        return Issuer(
            f"Kementerian {name.title()}", f"pusat:{name.lower()}", " ".join(match.group(0).split())
        )
    return None


def instansi_issuer_key(name: str, kind: str) -> str:
    """The key of an instansi, from its name ("Pemerintah Provinsi Kalimantan Timur") and
    kind, to compare with `Issuer.key`."""
    level = INSTANSI_KIND_LEVEL.get(kind, "pusat")
    bare = name.strip()
    for _ in range(3):
        bare = _PREFIXES.sub("", bare)
    bare = re.sub(r"^(?:kementerian|badan|lembaga)\s+", "", bare, flags=re.IGNORECASE)
    bare = " ".join(bare.lower().split())
    return f"{level}:{_WORD_FIXES.get(bare, bare)}"


def same_government(issuer_key: str, instansi_key: str) -> bool:
    """Whether a document's issuer is the instansi. A central agency's documents may name the
    minister or the ministry; names match when one contains the other."""
    level_a, _, name_a = issuer_key.partition(":")
    level_b, _, name_b = instansi_key.partition(":")
    if level_a != level_b:
        return False
    return name_a == name_b or (level_a == "pusat" and (name_a in name_b or name_b in name_a))
