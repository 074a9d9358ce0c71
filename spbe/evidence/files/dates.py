"""Guess a regulation's or decree's date and number from its text, to prefill the form.

Indonesian legal documents end with "Ditetapkan di <tempat> pada tanggal <d> <bulan> <yyyy>";
that is the document date the evaluation cares about, so it wins over any other date (the body
cites older laws and letters with their own dates). The number is in the heading: "NOMOR 54
TAHUN 2021" or "NOMOR : 800/123/Diskominfo". Guesses only: the user confirms them.
"""

import re
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = rf"(?P<day>\d{{1,2}})\s*(?P<month>{_MONTH})\.?\s*(?P<year>(?:19|20)\d\d)\b"
DATE_RE = re.compile(rf"\b{_DATE}", re.IGNORECASE)
# "Ditetapkan di Denpasar\npada tanggal 4 Oktober 2019" (place up to 60 chars, any line breaks)
ENACTED_RE = re.compile(
    r"ditetapkan\s+di\s+[^\n]{1,60}?\s*pada\s+tanggal\s*:?\s*(?P<rest>[^\n]*(?:\n[^\n]*)?)",
    re.IGNORECASE,
)
_TANGGAL_RE = re.compile(rf"\btanggal\s*:?\s*{_DATE}", re.IGNORECASE)

HEADING_CHARS = 1500
_NUMBER_YEAR_RE = re.compile(
    r"\bNOMOR\s*:?\s*(?P<num>\d+[A-Za-z]?)\s+TAHUN\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)
_NUMBER_CODE_RE = re.compile(
    r"\bNOMOR(?:\s+SOP)?\s*:?\s*(?P<code>[0-9A-Za-z][\w.\-]*(?:\s*/\s*[\w.\-]+)+)", re.IGNORECASE
)


def _to_date(match: re.Match) -> date | None:
    """A real calendar date or None ("31 Februari" and OCR noise are dropped)."""
    try:
        month = MONTHS[match["month"].lower()]
        return date(int(match["year"]), month, int(match["day"]))
    except (KeyError, ValueError):
        return None


def _first_date(pattern: re.Pattern, text: str) -> date | None:
    for match in pattern.finditer(text):
        found = _to_date(match)
        if found:
            return found
    return None


def guess_document_date(text: str | None) -> date | None:
    """The enactment date if the text has one, else the first "tanggal <date>", else any date.

    An enactment clause whose date is left blank ("pada tanggal     2021") marks an unsigned
    draft: we return None rather than a date quoted in the body.
    """
    if not text:
        return None
    enacted = list(ENACTED_RE.finditer(text))
    for clause in enacted:
        match = DATE_RE.match(clause["rest"].strip())
        if match and (found := _to_date(match)):
            return found
    if enacted:
        return None
    return _first_date(_TANGGAL_RE, text) or _first_date(DATE_RE, text)


def guess_document_number(text: str | None) -> str | None:
    """The number in the document's heading: "54 Tahun 2021" or "800/123/Diskominfo".

    Only the heading (before the first "TENTANG", at most HEADING_CHARS) is searched, because
    the body cites other regulations' numbers; a blank number (a draft) gives None.
    """
    if not text:
        return None
    heading = text[:HEADING_CHARS]
    about = re.search(r"\bTENTANG\b", heading, re.IGNORECASE)
    if about:
        heading = heading[: about.start()]
    candidates = []
    if match := _NUMBER_YEAR_RE.search(heading):
        candidates.append((match.start(), f"{match['num']} Tahun {match['year']}"))
    if match := _NUMBER_CODE_RE.search(heading):
        candidates.append((match.start(), re.sub(r"\s*/\s*", "/", match["code"]).rstrip(".-")))
    if not candidates:
        return None
    number = min(candidates)[1]
    return None if re.search(r"X{2,}", number) else number
