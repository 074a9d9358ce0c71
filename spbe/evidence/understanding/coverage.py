"""Which criteria and typical evidence of an indicator the linked documents appear to cover.

The method, as the page explains it:

1. Every linked document's text is cut into sentences, each remembered with its page.
2. Words are lower-cased, Indonesian stop words dropped and the rest stemmed with Sastrawi
   (PySastrawi: "penyelenggaraan" and "diselenggarakan" both become "selenggara").
3. For each level, its criterion and each typical evidence item is a query; BM25 (rank_bm25's
   Okapi BM25 over all sentences of the linked documents) ranks the sentences for it.
4. A query is *covered* when its best sentence holds at least half of the query's key words
   (COVER_SHARE); the sentence is shown with those words highlighted and its page.
5. A level is supported when its criterion or one of its evidence items is covered; the
   evidence supports the highest level reached without a gap. The first level (a draft, an
   ad hoc start) is implied by any higher level supported: an enacted policy was a draft once.

A suggestion, never a verdict: the assessor reads the sentences and decides. Pure functions,
no database.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

COVER_SHARE = 0.4
MIN_SENTENCE_CHARS = 25
MAX_SENTENCE_CHARS = 600
# Only the start of a very long document is read for coverage (a 200-page master plan would
# make the page slow); the limit is shown on the page.
MAX_TEXT_CHARS = 150_000

_WORD = re.compile(r"[a-zA-Z][a-zA-Z\-]*[a-zA-Z]|[a-zA-Z]")
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n\s*\n|\n(?=\s*(?:[a-z0-9]{1,3}[.)]|[-•])\s)")
# Words that say nothing about the subject of an indicator, on top of Sastrawi's list.
EXTRA_STOP_WORDS = frozenset(
    {
        "sebut",
        "tunjuk",
        "muat",
        "pasal",
        "halaman",
        "tetap",
        "dokumen",
        "bukti",
        "instansi",
        "pusat",
        "pemerintah",
        "daerah",
        "atau",
        "dan",
        "yang",
        "telah",
        "sudah",
        "belum",
        "masih",
        "berupa",
        "boleh",
        "bentuk",
        "lain",
        "setiap",
        "seluruh",
        "tiap",
    }
)


@functools.cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@functools.cache
def _stop_words() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words()) | EXTRA_STOP_WORDS


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Sastrawi stem of one lower-case word (cached: documents repeat their words)."""
    return _stemmer().stem(word)


def key_words(text: str) -> list[str]:
    """Stems of the words that carry meaning (stop words and 1-2 letter words dropped)."""
    stops = _stop_words()
    out = []
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in stops:
            continue
        stemmed = stem(word)
        if stemmed and stemmed not in stops and len(stemmed) >= 3:
            out.append(stemmed)
    return out


@dataclass(frozen=True)
class Sentence:
    document_id: int
    page: int | None
    text: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """The best sentence for one query: ``segments`` are (text, highlighted) pieces."""

    query: str
    kind: str  # "criteria" or the evidence kind
    covered: bool
    share: float
    score: float
    document_id: int | None = None
    page: int | None = None
    segments: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class LevelCoverage:
    level: int
    criteria: Match | None
    evidence: tuple[Match, ...]

    @property
    def supported(self) -> bool:
        return bool(
            (self.criteria and self.criteria.covered) or any(m.covered for m in self.evidence)
        )

    @property
    def missing(self) -> tuple[Match, ...]:
        return tuple(m for m in self.evidence if not m.covered)


@dataclass(frozen=True)
class Coverage:
    levels: tuple[LevelCoverage, ...]
    sentence_count: int

    @property
    def supported_level(self) -> int:
        """The highest level supported without a gap (0: none); the first level is implied by
        any higher one that is supported."""
        ordered = sorted(self.levels, key=lambda lv: lv.level)
        reached = 0
        for index, level in enumerate(ordered):
            implied = index == 0 and any(lv.supported for lv in ordered[1:2])
            if not (level.supported or implied):
                break
            reached = level.level
        return reached

    @property
    def next_level(self) -> LevelCoverage | None:
        reached = self.supported_level
        return next((lv for lv in self.levels if lv.level == reached + 1), None)


def sentences_of(document_id: int, text: str, page_starts: list[int]) -> list[Sentence]:
    """The document's sentences with the page (1-based) each begins on."""
    text = text[:MAX_TEXT_CHARS]
    out = []
    position = 0
    for piece in _SENTENCE_END.split(text):
        start = text.find(piece, position)
        position = max(position, start + len(piece)) if start >= 0 else position
        sentence = " ".join(piece.split())
        if len(sentence) < MIN_SENTENCE_CHARS:
            continue
        sentence = sentence[:MAX_SENTENCE_CHARS]
        page = bisect.bisect_right(page_starts, max(start, 0)) if page_starts else None
        words = tuple(key_words(sentence))
        if words:
            out.append(Sentence(document_id, page, sentence, words))
    return out


def highlight(sentence: str, words: set[str]) -> tuple[tuple[str, bool], ...]:
    """The sentence cut into pieces, those whose stem is one of ``words`` marked True."""
    segments: list[tuple[str, bool]] = []
    last = 0
    for match in _WORD.finditer(sentence):
        token = match.group(0).lower()
        if len(token) >= 3 and stem(token) in words:
            if match.start() > last:
                segments.append((sentence[last : match.start()], False))
            segments.append((match.group(0), True))
            last = match.end()
    if last < len(sentence):
        segments.append((sentence[last:], False))
    return tuple(segments)


def best_match(query: str, kind: str, sentences: list[Sentence], ranker) -> Match:
    """The BM25-best sentence for ``query`` and whether it covers it (COVER_SHARE)."""
    wanted = list(dict.fromkeys(key_words(query)))
    if not wanted or not sentences:
        return Match(query, kind, False, 0.0, 0.0)
    scores = ranker.get_scores(wanted)
    best = max(range(len(sentences)), key=lambda i: scores[i])
    sentence = sentences[best]
    shared = set(wanted) & set(sentence.words)
    share = len(shared) / len(wanted)
    return Match(
        query=query,
        kind=kind,
        covered=share >= COVER_SHARE,
        share=share,
        score=float(scores[best]),
        document_id=sentence.document_id,
        page=sentence.page,
        segments=highlight(sentence.text, shared),
    )


def coverage_of(levels: list[dict], documents: list[tuple[int, str, list[int]]]) -> Coverage:
    """Coverage of an indicator's ``levels`` (framework data: level, criteria, evidence) by
    ``documents`` given as (document id, text, page starts)."""
    from rank_bm25 import BM25Okapi

    sentences = [
        s for doc_id, text, starts in documents for s in sentences_of(doc_id, text, starts)
    ]
    ranker = BM25Okapi([list(s.words) for s in sentences]) if sentences else None
    out = []
    for level in levels:
        criteria = level.get("criteria") or ""
        out.append(
            LevelCoverage(
                level=int(level["level"]),
                criteria=best_match(criteria, "criteria", sentences, ranker) if criteria else None,
                evidence=tuple(
                    best_match(item["text"], item.get("kind", ""), sentences, ranker)
                    for item in level.get("evidence") or ()
                ),
            )
        )
    return Coverage(tuple(out), len(sentences))


def title_relates(title: str, topic: str) -> bool:
    """Whether a document's title shares a key word with the indicator's topic (its name,
    criteria and evidence texts)."""
    return bool(set(key_words(title)) & set(key_words(topic)))
