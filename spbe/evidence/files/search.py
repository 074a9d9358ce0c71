"""Text normalisation shared by indexing and querying, so both sides compare alike."""

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")


def normalise_for_search(text: str | None) -> str:
    """Lower-case, fold accents and compatibility forms, collapse whitespace.

    "ARSITEKTUR  SPBE" and "Arsitektur\\nSPBE" both become "arsitektur spbe"; "Pérda" -> "perda";
    the ligature "ﬁ" (common in PDF text) -> "fi". Apply it to the stored text AND to the query.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WHITESPACE.sub(" ", without_marks.casefold()).strip()
