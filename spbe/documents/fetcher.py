"""WeasyPrint's URL fetcher restricted to local resources (imported with WeasyPrint, only
when a PDF is made: see `spbe.documents.pdf`)."""

from __future__ import annotations

from weasyprint.urls import URLFetcher

LOCAL_PROTOCOLS = frozenset({"file", "data"})


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher restricted to local files and data URLs (no http, https, ftp)."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=LOCAL_PROTOCOLS, allow_redirects=False, **kwargs)
