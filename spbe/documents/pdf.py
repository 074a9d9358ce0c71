"""HTML → PDF with WeasyPrint, offline.

Government intranets have no internet access and a report must never leak what it is about
to a third-party server, so the fetcher accepts only local resources (`file:` and inline
`data:` URLs); anything else is refused and the element is left out of the PDF.

WeasyPrint (with Pango and fontTools) is imported when the first PDF is made, not when a
view that can make one is imported: that kept about 30 MB and 1.3 s in every web worker.
"""

from __future__ import annotations


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render `html` to PDF bytes. `base_url` (a `file:` URL or a folder) resolves relative
    links to local stylesheets and images; network URLs are never fetched."""
    from weasyprint import HTML

    from spbe.documents.fetcher import LocalOnlyFetcher

    return HTML(string=html, base_url=base_url, url_fetcher=LocalOnlyFetcher()).write_pdf()
