"""HTML → PDF with WeasyPrint, offline.

Government intranets have no internet access and a report must never leak what it is about
to a third-party server, so the fetcher accepts only local resources (`file:` and inline
`data:` URLs); anything else is refused and the element is left out of the PDF.
"""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

LOCAL_PROTOCOLS = frozenset({"file", "data"})


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher restricted to local files and data URLs (no http, https, ftp)."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=LOCAL_PROTOCOLS, allow_redirects=False, **kwargs)


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render `html` to PDF bytes. `base_url` (a `file:` URL or a folder) resolves relative
    links to local stylesheets and images; network URLs are never fetched."""
    return HTML(string=html, base_url=base_url, url_fetcher=LocalOnlyFetcher()).write_pdf()
