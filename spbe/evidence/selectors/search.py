"""Search over evidence: title, number and extracted text, within what the user may see.

Portable on SQLite and PostgreSQL: the stored ``search_text`` is already normalised
(`normalise_for_search`), the query is normalised the same way and matched with
``icontains``; the snippet is cut by the database (StrIndex/Substr) so a 500-page text is never
loaded to show 200 characters of it. No database-specific full-text search.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, IntegerField, Q, Value
from django.db.models.functions import Coalesce, Greatest, StrIndex, Substr

from spbe.evidence.files import normalise_for_search
from spbe.evidence.selectors.documents import document_visible

SNIPPET_BEFORE = 80
SNIPPET_LENGTH = 220
MIN_QUERY_LENGTH = 2


@dataclass(frozen=True)
class SearchHit:
    document: object
    snippet: str  # a piece of the extracted text around the first hit ("" when it matched
    # only the title or number)
    in_text: bool


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[SearchHit, ...]


def document_search(
    *,
    user,
    query: str,
    instansi=None,
    kind: str | None = None,
    include_archived: bool = False,
    limit: int = 50,
) -> SearchResult:
    """Documents the user sees whose title, number or extracted text contain `query`.

    ``total`` counts every visible match (never documents out of the user's sight); ``hits``
    the first `limit`, newest first, each with a snippet of the text around the first hit.
    """
    needle = normalise_for_search(query)
    if len(needle) < MIN_QUERY_LENGTH:
        return SearchResult(query=query, total=0, hits=())
    raw = " ".join((query or "").split())
    text_path = "current_revision__extracted__search_text"
    qs = document_visible(user=user, instansi=instansi, include_archived=include_archived)
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.filter(
        Q(title__icontains=raw)
        | Q(number__icontains=raw)
        | Q(title__icontains=needle)
        | Q(**{f"{text_path}__icontains": needle})
    )
    total = qs.count()
    position = Coalesce(StrIndex(text_path, Value(needle)), Value(0), output_field=IntegerField())
    rows = qs.annotate(
        hit_at=position,
        snippet=Substr(
            Coalesce(F(text_path), Value("")),
            Greatest(F("hit_at") - SNIPPET_BEFORE, Value(1)),
            SNIPPET_LENGTH,
        ),
    )[:limit]
    hits = tuple(
        SearchHit(
            document=doc,
            snippet=_trim(doc.snippet, doc.hit_at) if doc.hit_at else "",
            in_text=bool(doc.hit_at),
        )
        for doc in rows
    )
    return SearchResult(query=query, total=total, hits=hits)


def _trim(snippet: str, hit_at: int) -> str:
    """Cut to whole words and mark the cut ends with an ellipsis."""
    text = snippet or ""
    starts_inside = hit_at > SNIPPET_BEFORE + 1
    if starts_inside and " " in text:
        text = "… " + text.split(" ", 1)[1]
    if len(snippet or "") >= SNIPPET_LENGTH and " " in text:
        text = text.rsplit(" ", 1)[0] + " …"
    return text
