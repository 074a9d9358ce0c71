"""HTML to PDF with WeasyPrint: offline (no URL is fetched outside `base_url`)."""

from __future__ import annotations


def _no_network(url: str, *args, **kwargs):
    # Everything a document needs is inline; a remote URL would stall an intranet server.
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"tidak mengambil sumber luar: {url[:80]}")


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render `html` as PDF bytes (A4 unless the HTML's CSS says otherwise)."""
    from weasyprint import HTML

    fetcher = None if base_url else _no_network
    kwargs = {"string": html, "base_url": base_url}
    if fetcher is not None:
        kwargs["url_fetcher"] = fetcher
    return HTML(**kwargs).write_pdf()
