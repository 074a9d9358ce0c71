"""Fuzzy matching of applications (rapidfuzz): who else already builds or runs "the same"
application. Plain Python on plain records, so the budget app and tests use it unchanged.

A pair's score (0-100) is driven by the name, corrected by the function:

- names are normalised (lower case, punctuation out) and the words that only say what kind
  of thing it is ("aplikasi", "sistem informasi", "website", "mobile", "online", ...) are
  dropped, so "PRO Denpasar Website" and "PRO Denpasar Mobile Android" compare as the same
  name; a parenthesised expansion ("SINGGAN (Sistem Informasi Pelanggan)") is compared too;
- two different short codes ("SINGGAN"/"SINGGAR", "Simyandu"/"Simyandes") are different
  systems however alike they look: one changed letter in an acronym is a different name, so
  a pair of distinct one-word names is scored on its function rather than its spelling;
- the function text (token set ratio) confirms or weakens the name; a missing function
  ("-", empty) neither helps nor hurts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# Words that describe the kind or platform of an application, not which one it is.
_GENERIC = (
    "aplikasi app apps sistem system informasi information manajemen management website "
    "web portal mobile android ios desktop dekstop online daring elektronik e berbasis "
    "versi software si sim dan the of untuk kota kabupaten provinsi pemerintah"
)
GENERIC_WORDS = frozenset(_GENERIC.split())
MIN_SCORE = 60  # below this a pair is not worth a person's time
NAME_WEIGHT = 0.7
FUNCTION_WEIGHT = 0.3
_EMPTY = {"", "-", "--", "belum ada", "tidak ada"}


@dataclass(frozen=True)
class AppRecord:
    """What matching needs of an application (or of a planned one in a budget item)."""

    key: object  # the caller's id
    name: str
    function: str = ""
    media: str = ""  # display label, e.g. "Website"
    unit: str = ""


@dataclass(frozen=True)
class Candidate:
    a: AppRecord
    b: AppRecord
    score: int
    name_score: int
    function_score: int | None
    reasons: str


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def name_core(name: str, generic: frozenset[str] = GENERIC_WORDS) -> str:
    """The identifying words of a name: normalised, generic words dropped (never all)."""
    words = _plain(name).split()
    kept = [w for w in words if w not in generic]
    return " ".join(kept or words)


def place_words(*names: str) -> frozenset[str]:
    """The words of the instansi's own names ("Kota Denpasar" -> "denpasar"): inside one
    instansi they say nothing about which application it is."""
    return frozenset(w for n in names for w in _plain(n).split() if len(w) > 2)


def _balanced(a: str, b: str) -> float:
    # token_set alone calls "gis" and "arcview gis" identical (a subset); averaging with
    # token_sort keeps subset names alike but not the same.
    return (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2


def _name_parts(name: str, generic: frozenset[str]) -> tuple[str, str]:
    """(main name, parenthesised expansion) of e.g. "SIDAB (Sistem Informasi Air Bersih)"."""
    main, _, rest = (name or "").partition("(")
    return name_core(main, generic), name_core(rest.rstrip(") "), generic)


def function_text(text: str) -> str:
    plain = _plain(text)
    return "" if plain in _EMPTY or len(plain) < 4 else plain


def name_similarity(a: str, b: str, generic: frozenset[str] = GENERIC_WORDS) -> int:
    (main_a, long_a), (main_b, long_b) = _name_parts(a, generic), _name_parts(b, generic)
    if main_a == main_b and main_a:
        return 100
    single = " " not in main_a and " " not in main_b
    # Distinct one-word names (codes, brand names) are distinct systems: SINGGAN/SINGGAR.
    spelled = fuzz.ratio(main_a, main_b) * 0.6 if single else _balanced(main_a, main_b)
    whole = _balanced(name_core(a, generic), name_core(b, generic))
    if single:
        whole = min(whole, spelled)
    expanded = 0.0
    if long_a and long_b:
        expanded = fuzz.token_sort_ratio(long_a, long_b) * 0.9
    return round(max(spelled, whole, expanded))


def function_similarity(a: str, b: str) -> int | None:
    fa, fb = function_text(a), function_text(b)
    if not fa or not fb:
        return None
    return round(fuzz.token_set_ratio(fa, fb))


def pair_score(a: AppRecord, b: AppRecord, generic: frozenset[str] = GENERIC_WORDS) -> Candidate:
    name = name_similarity(a.name, b.name, generic)
    func = function_similarity(a.function, b.function)
    # Without a function to confirm the name, a little less sure.
    score = name * 0.92 if func is None else NAME_WEIGHT * name + FUNCTION_WEIGHT * func
    if a.media and a.media == b.media:
        score += 3
    score = min(100, round(score))
    return Candidate(a, b, score, name, func, _reasons(a, b, name, func))


def _reasons(a: AppRecord, b: AppRecord, name: int, func: int | None) -> str:
    parts = [f"nama {name}% mirip"]
    parts.append(f"fungsi {func}% mirip" if func is not None else "fungsi tidak diisi")
    if a.media and a.media == b.media:
        parts.append(f"keduanya {a.media}")
    if a.unit and a.unit == b.unit:
        parts.append("unit yang sama")
    elif a.unit and b.unit:
        parts.append("unit berbeda")
    return ", ".join(parts)


def candidates(
    records: list[AppRecord], *, min_score: int = MIN_SCORE, place: frozenset[str] = frozenset()
) -> list[Candidate]:
    """Every pair scoring at least `min_score`, best first (ties by name, for a stable list).

    Pruned with rapidfuzz's C matrix on the name cores first, so a province's few hundred
    applications cost milliseconds, not a Python loop over every pair's full scoring.
    """
    if len(records) < 2:
        return []
    generic = GENERIC_WORDS | place
    cores = [name_core(r.name, generic) for r in records]
    matrix = process.cdist(cores, cores, scorer=fuzz.token_set_ratio, workers=1)
    found = []
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            # A pair can only reach min_score with a name at least this alike.
            if matrix[i][j] < min_score * 0.6 and not _same_expansion(records[i], records[j]):
                continue
            cand = pair_score(records[i], records[j], generic)
            if cand.score >= min_score:
                found.append(cand)
    found.sort(key=lambda c: (-c.score, c.a.name.lower(), c.b.name.lower()))
    return found


def _same_expansion(a: AppRecord, b: AppRecord) -> bool:
    long_a, long_b = _name_parts(a.name, GENERIC_WORDS)[1], _name_parts(b.name, GENERIC_WORDS)[1]
    return bool(long_a and long_b and fuzz.token_sort_ratio(long_a, long_b) >= 80)


def matches_for(
    name: str,
    function: str,
    records: list[AppRecord],
    *,
    min_score: int = MIN_SCORE,
    place: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """The existing applications a planned one (e.g. a budget item) resembles, best first."""
    probe = AppRecord(key=None, name=name, function=function)
    found = [pair_score(probe, r, GENERIC_WORDS | place) for r in records]
    return sorted((c for c in found if c.score >= min_score), key=lambda c: -c.score)
