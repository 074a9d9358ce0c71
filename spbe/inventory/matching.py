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

import numpy as np
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

    The same score as `pair_score`, computed for all pairs at once: each name and function is
    normalised once, rapidfuzz's C matrices (`process.cdist`) give every pairwise ratio, and
    numpy combines them; only the pairs that qualify become Python objects. A province's
    thousands of applications take seconds, not minutes.
    """
    if len(records) < 2:
        return []
    generic = GENERIC_WORDS | place
    parts = [_name_parts(r.name, generic) for r in records]
    mains = [m for m, _l in parts]
    longs = [lo for _m, lo in parts]
    wholes = [name_core(r.name, generic) for r in records]
    funcs = [function_text(r.function) for r in records]

    def matrix(texts, scorer):
        # Scored once per distinct text (names and functions repeat: "SMS Gateway", "-"),
        # then spread back to every record pair.
        unique, index = np.unique(np.array(texts, dtype=object), return_inverse=True)
        scores = process.cdist(
            list(unique), list(unique), scorer=scorer, dtype=np.float64, workers=1
        )
        return scores[np.ix_(index, index)]

    single = np.array([" " not in m for m in mains])
    single_pair = single[:, None] & single[None, :]
    main_ratio = matrix(mains, fuzz.ratio)
    main_bal = (matrix(mains, fuzz.token_set_ratio) + matrix(mains, fuzz.token_sort_ratio)) / 2
    spelled = np.where(single_pair, main_ratio * 0.6, main_bal)
    whole = (matrix(wholes, fuzz.token_set_ratio) + matrix(wholes, fuzz.token_sort_ratio)) / 2
    whole = np.where(single_pair, np.minimum(whole, spelled), whole)
    has_long = np.array([bool(lo) for lo in longs])
    expanded = np.where(
        has_long[:, None] & has_long[None, :], matrix(longs, fuzz.token_sort_ratio) * 0.9, 0.0
    )
    name = np.rint(np.maximum(np.maximum(spelled, whole), expanded))
    nonempty = np.array([bool(m) for m in mains])
    same_main = (main_ratio == 100) & nonempty[:, None] & nonempty[None, :]
    name = np.where(same_main, 100.0, name)
    has_func = np.array([bool(f) for f in funcs])
    both_func = has_func[:, None] & has_func[None, :]
    func = np.rint(matrix(funcs, fuzz.token_set_ratio))
    score = np.where(both_func, NAME_WEIGHT * name + FUNCTION_WEIGHT * func, name * 0.92)
    media = np.array([r.media or "" for r in records], dtype=object)
    same_media = (media[:, None] == media[None, :]) & (media != "")[:, None]
    score = np.minimum(100, np.rint(score + np.where(same_media, 3, 0)))
    found = []
    for i, j in zip(*np.nonzero(np.triu(score >= min_score, k=1)), strict=True):
        a, b = records[i], records[j]
        n = int(name[i, j])
        f = int(func[i, j]) if both_func[i, j] else None
        found.append(Candidate(a, b, int(score[i, j]), n, f, _reasons(a, b, n, f)))
    found.sort(key=lambda c: (-c.score, c.a.name.lower(), c.b.name.lower()))
    return found


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
