"""What a document is, read from its text: kind, number, year, title, enactment, issuer, draft.

Indonesian regulations and decrees share one layout (UU 12/2011, Lampiran II): the issuing
office on top ("BUPATI BATU BARA"), the kind and issuer ("PERATURAN BUPATI BATU BARA"), the
number ("NOMOR 81 TAHUN 2021"), "TENTANG" and the title, and at the end "Ditetapkan di <place>
pada tanggal <date>" above the signatory's position. We read those parts with plain patterns,
so every answer can be explained by the line it came from (``evidence``); nothing is learned.

A draft (rancangan) shows itself by the word RANCANGAN/DRAFT/KONSEP in its heading, by a blank
or placeholder number ("NOMOR    TAHUN 2021", "XXX"), or, for a regulation read to its end,
by an enactment clause without a date or no enactment clause at all.

Pure functions over text: no Django models, no database (the background worker's child
process and `spbe evidence inspect` run them).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from spbe.evidence.files.dates import DATE_RE, ENACTED_RE, guess_document_date
from spbe.evidence.files.dates import _to_date as to_date

from .issuers import Issuer, issuer_from_heading

# The heading is what comes before the body: the title ends at "DENGAN RAHMAT", "Menimbang"
# or after this many characters, whichever comes first.
HEADING_CHARS = 2500
TITLE_MAX_CHARS = 300

# Kind vocabulary of the reader (finer than Document.Kind: a Perbup and a Pergub are one
# Document.Kind, but only the first is a regency's). Order matters: first match wins.
KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    ("sop", r"STANDAR(?:D)?\s+OPERASIONAL\s+PROSEDUR|\bNOMOR\s+SOP\b|\bNAMA\s+SOP\b"),
    ("perda", r"PERATURAN\s+DAERAH"),
    ("pergub", r"PERATURAN\s+GUBERNUR"),
    ("perbup", r"PERATURAN\s+BUPATI"),
    ("perwali", r"PERATURAN\s+WALI\s*KOTA"),
    ("permen", r"PERATURAN\s+(?:MENTERI|KEPALA|BADAN|LEMBAGA)"),
    ("perpres", r"PERATURAN\s+PRESIDEN"),
    (
        "keputusan",
        r"KEPUTUSAN\s+(?:GUBERNUR|BUPATI|WALI\s*KOTA|MENTERI|KEPALA|SEKRETARIS|DIREKTUR)",
    ),
    ("instruksi", r"INSTRUKSI\s+(?:GUBERNUR|BUPATI|WALI\s*KOTA|MENTERI|PRESIDEN)"),
    ("surat_edaran", r"SURAT\s+EDARAN"),
    ("notulen", r"\bNOTULEN|\bNOTULA\b|BERITA\s+ACARA|DAFTAR\s+HADIR"),
    ("laporan", r"\bLAPORAN\b|\bMONEV\b|\bMONITORING\s+DAN\s+EVALUASI\b"),
    ("keputusan", r"\bKEPUTUSAN\b"),
)
REGULATION_KINDS = frozenset(
    {"perda", "pergub", "perbup", "perwali", "permen", "perpres", "keputusan", "instruksi"}
)
# What each reader kind becomes in Document.Kind (the model's coarser choice list).
DOCUMENT_KIND = {
    "perda": "perda",
    "pergub": "pergub",
    "perbup": "pergub",
    "perwali": "pergub",
    "permen": "peraturan",
    "perpres": "peraturan",
    "keputusan": "keputusan",
    "instruksi": "keputusan",
    "surat_edaran": "surat_edaran",
    "sop": "sop",
    "notulen": "notulen",
    "laporan": "laporan",
    "dokumen": "dokumen",
    "foto": "foto",
}

_DRAFT_WORD = re.compile(r"\b(RANCANGAN|RANPERDA|RAPERDA|DRAFT|DRAF|KONSEP)\b")
_LAMPIRAN = re.compile(r"\bLAMPIR\s*A?\s*N?\b", re.IGNORECASE)
_NUMBER_YEAR = re.compile(
    r"\bNOMOR\s*:?\s*(?P<num>\d{1,4}[A-Za-z]?)\s*,?\s+TAHUN\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_NUMBER_CODE = re.compile(
    r"\bNOMOR(?:\s+SOP)?\s*:?\s*(?P<code>(?:KEP\.?\s*)?[0-9A-Za-z][\w.\-]*(?:\s*/\s*[\w.\-]+)+)",
    re.IGNORECASE,
)
_BLANK_NUMBER = re.compile(r"\bNOMOR\s*:?\s*(?:\n\s*)?TAHUN\s+(?:19|20)\d\d\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"X{2,}|\.{3,}|_{3,}")
_YEAR_IN_CODE = re.compile(r"(?:^|/)((?:19|20)\d\d)$")
# Regulation headings write TENTANG in capitals; "tentang" in the body cites other laws.
_ABOUT = re.compile(r"\bTENTANG\b\s*:?")
ABOUT_WITHIN = 900
_TITLE_END = re.compile(
    r"DENGAN\s+RAHMAT|\bMenimbang\b|\bMengingat\b|\n\s*(?:BUPATI|GUBERNUR|WALI\s*KOTA|MENTERI)"
    r"[^\n]*,\s*\n|\bBAB\s+[IV1]+\b|\bPASAL\s+1\b",
    re.IGNORECASE,
)
_TAHUN = re.compile(r"\bTAHUN\s+(?:ANGGARAN\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_SIGNATORY_LINE = re.compile(
    r"^\s*((?:(?:Pj|Plt|Plh)\.?\s+|a\.?\s*n\.?\s+)?(?:GUBERNUR|BUPATI|WALI\s*KOTA|MENTERI|KEPALA|"
    r"SEKRETARIS|DIREKTUR|PRESIDEN|WAKIL)[^\n]{0,80}?),?\s*$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class DocumentFacts:
    """What was read from one document's text. Every field may be empty: a guess, not a fact,
    until the respondent confirms it. ``evidence`` maps a field to the text it came from."""

    kind: str = "dokumen"
    number: str | None = None
    year: int | None = None
    title: str | None = None
    enacted_on: date | None = None
    signatory: str | None = None
    issuer: str | None = None
    issuer_key: str | None = None  # normalised "kabupaten:batu bara", for comparisons
    is_draft: bool = False
    is_attachment: bool = False
    draft_reasons: tuple[str, ...] = ()
    evidence: dict = field(default_factory=dict)

    @property
    def document_kind(self) -> str:
        """The Document.Kind value this reading suggests."""
        return DOCUMENT_KIND.get(self.kind, "lainnya")

    @property
    def is_regulation(self) -> bool:
        return self.kind in REGULATION_KINDS

    def as_dict(self) -> dict:
        data = asdict(self)
        data["enacted_on"] = self.enacted_on.isoformat() if self.enacted_on else None
        data["draft_reasons"] = list(self.draft_reasons)
        return data


def _upper(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.upper())


def heading_of(text: str) -> str:
    """The part of the text before the body starts (kind, number, TENTANG and the title)."""
    head = text[:HEADING_CHARS]
    about = _ABOUT.search(head, 0, ABOUT_WITHIN)
    if about:
        end = _TITLE_END.search(head, about.end())
        return head[: end.start()] if end else head[: about.end() + TITLE_MAX_CHARS]
    end = re.search(r"\bMenimbang\b|\bBAB\s+[IV1]+\b", head, re.IGNORECASE)
    return head[: end.start()] if end else head[:300]


def read_kind(heading: str) -> tuple[str, str]:
    """(kind, the words that decided it); "dokumen" when nothing in the heading says."""
    upper = _upper(heading)
    for kind, pattern in KIND_PATTERNS:
        match = re.search(pattern, upper)
        if match:
            return kind, match.group(0)
    return "dokumen", ""


def read_number(heading: str) -> tuple[str | None, int | None]:
    """("81 Tahun 2021", 2021) or ("188.45/1589/HK/2019", 2019); (None, None) when blank."""
    candidates = []
    if match := _NUMBER_YEAR.search(heading):
        candidates.append((match.start(), f"{match['num']} Tahun {match['year']}", match["year"]))
    if match := _NUMBER_CODE.search(heading):
        code = re.sub(r"\s*/\s*", "/", match["code"]).rstrip(".-")
        code = re.sub(r"^KEP\.?\s*", "KEP.", code, flags=re.IGNORECASE)
        year = _YEAR_IN_CODE.search(code)
        candidates.append((match.start(), code, year.group(1) if year else None))
    if not candidates:
        return None, None
    _, number, year = min(candidates)
    if _PLACEHOLDER.search(number):
        return None, int(year) if year else None
    return number, int(year) if year else None


def read_title(heading: str) -> str | None:
    """The words after TENTANG, on one line, in the capitalisation of the heading."""
    about = _ABOUT.search(heading)
    if not about:
        return None
    rest = heading[about.end() :]
    if about.group(0).rstrip().endswith(":"):
        # An attachment's heading is a table: "TENTANG : <title>" on one line.
        return " ".join(rest.lstrip().splitlines()[0].split())[:TITLE_MAX_CHARS] or None
    lines = []
    for line in rest.splitlines():
        if not line.strip():
            continue
        if _mostly_lowercase(line) or (lines and _OFFICE_LINE.match(line)):
            break
        lines.append(line.strip())
    title = " ".join(" ".join(lines).split()).strip(" :;,.")
    return title[:TITLE_MAX_CHARS] or None


_OFFICE_LINE = re.compile(r"^\s*(?:BUPATI|GUBERNUR|WALI\s*KOTA|MENTERI)\b[^a-z]*$")


def _mostly_lowercase(line: str) -> bool:
    """Titles are set in capitals; a line of ordinary prose is where the title has ended."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) > len(letters) * 0.3


def read_enactment(text: str) -> tuple[bool, date | None, str | None]:
    """(has an enactment clause, its date, the signatory's position under it)."""
    clauses = list(ENACTED_RE.finditer(text))
    if not clauses:
        return False, None, None
    for clause in clauses:
        stripped = clause["rest"].lstrip()
        match = DATE_RE.match(stripped)
        if match and (found := to_date(match)):
            offset = clause.start("rest") + len(clause["rest"]) - len(stripped) + match.end()
            return True, found, _signatory_after(text, offset)
    return True, None, _signatory_after(text, clauses[0].start("rest"))


def _signatory_after(text: str, start: int) -> str | None:
    match = _SIGNATORY_LINE.search(text, start, start + 400)
    return " ".join(match.group(1).split()) if match else None


def read_draft(
    text: str, heading: str, *, kind: str, number: str | None, complete: bool
) -> tuple[bool, list[str]]:
    """Whether the text reads as an unsigned draft, and why (reasons in Bahasa Indonesia)."""
    reasons = []
    if word := _DRAFT_WORD.search(_upper(heading)):
        reasons.append(f"kata “{word.group(1)}” di kepala dokumen")
    if _BLANK_NUMBER.search(heading):
        reasons.append("nomor dikosongkan")
    elif number is None and _PLACEHOLDER.search(_upper(heading)) and "NOMOR" in _upper(heading):
        reasons.append("nomor masih berisi tanda isian (XXX)")
    if kind in REGULATION_KINDS:
        has_clause, enacted_on, _signatory = read_enactment(text)
        if has_clause and enacted_on is None:
            reasons.append("tanggal penetapan dikosongkan")
        elif not has_clause and complete and not _LAMPIRAN.search(heading[:200]):
            reasons.append("tidak ada “Ditetapkan di … pada tanggal …”")
    return bool(reasons), reasons


def read_year(heading: str, number_year: int | None, enacted_on: date | None) -> int | None:
    """The number's year, else the enactment year, else a "TAHUN yyyy" of the heading."""
    if number_year:
        return number_year
    if enacted_on:
        return enacted_on.year
    if match := _TAHUN.search(heading):
        return int(match.group(1))
    if match := re.search(r"\bTANGGAL\s*:?\s*\d{1,2}\s+\w+\s+((?:19|20)\d\d)", heading, re.I):
        return int(match.group(1))
    if match := _ANY_YEAR.search(heading[:200]):
        return int(match.group(1))
    return None


def understand_text(text: str | None, *, complete: bool = True) -> DocumentFacts:
    """Read what the document is from its text. ``complete``: the whole document was read
    (a missing enactment clause then means a draft; in a truncated reading it proves nothing)."""
    if not text or not text.strip():
        return DocumentFacts()
    heading = heading_of(text)
    kind, kind_words = read_kind(heading)
    number, number_year = read_number(heading)
    has_clause, enacted_on, signatory = read_enactment(text)
    is_draft, reasons = read_draft(text, heading, kind=kind, number=number, complete=complete)
    if enacted_on is None and not has_clause and kind not in REGULATION_KINDS:
        enacted_on = _document_date(text)
    issuer: Issuer | None = issuer_from_heading(heading or text[:600])
    evidence = {"kind": kind_words} if kind_words else {}
    if issuer:
        evidence["issuer"] = issuer.source
    return DocumentFacts(
        kind=kind,
        number=number,
        year=read_year(heading, number_year, enacted_on),
        title=read_title(heading),
        enacted_on=enacted_on,
        signatory=signatory,
        issuer=issuer.name if issuer else None,
        issuer_key=issuer.key if issuer else None,
        is_draft=is_draft,
        is_attachment=bool(_LAMPIRAN.search(heading[:200])),
        draft_reasons=tuple(reasons),
        evidence=evidence,
    )


def _document_date(text: str) -> date | None:
    """A non-regulation's date ("Tgl. Efektif : 2 Januari 2018"), through the shared guesser."""
    return guess_document_date(text[:HEADING_CHARS])
