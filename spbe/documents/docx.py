"""DOCX from an editable template (docxtpl: Jinja inside a Word document).

A template is something a coordinator edits in Word and uploads back, so before it is kept it
is checked: a real DOCX, safe to open (the evidence file checks: zip bombs, encryption, path
tricks, macros), Jinja that parses, and exactly the fields the document knows.
"""

from __future__ import annotations

import html
import io

from django.conf import settings
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError

# The evidence app's file checks are plain functions without models (spbe.evidence.files);
# they are the one place that knows how to open an Office file safely.
from spbe.evidence.files import EvidenceFileError, inspect_upload

TEMPLATE_MAX_BYTES = 5 * 1024 * 1024


def render_docx(template: bytes, context: dict) -> bytes:
    """Fill `template` (DOCX bytes with Jinja fields) with `context`; returns DOCX bytes."""
    document = DocxTemplate(io.BytesIO(template))
    document.render(context, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def validate_docx_template(
    template: bytes, *, required: set[str], allowed: set[str] | frozenset[str] = frozenset()
) -> list[str]:
    """Problems of a DOCX template, in Bahasa Indonesia (empty: the template is usable).

    `required` are the fields the template must use; `allowed` further fields it may use.
    Any other field is unknown (a typo would otherwise print nothing in the signed letter).
    """
    problem = _file_problem(template)
    if problem:
        return [problem]
    try:
        used = DocxTemplate(io.BytesIO(template)).get_undeclared_template_variables()
    except TemplateSyntaxError as exc:
        return [f"Kesalahan penulisan kolom isian (Jinja) di templat: {exc.message}."]
    except (TemplateError, ValueError, KeyError) as exc:
        return [f"Templat tidak dapat dibaca: {exc}."]
    problems = []
    unknown = sorted(set(used) - set(required) - set(allowed))
    missing = sorted(set(required) - set(used))
    if unknown:
        problems.append("Kolom isian tidak dikenal: " + ", ".join(unknown) + ".")
    if missing:
        problems.append("Kolom isian wajib tidak ada di templat: " + ", ".join(missing) + ".")
    return problems


def _file_problem(template: bytes) -> str:
    if not template:
        return "Berkas templat kosong."
    try:
        inspected = inspect_upload(
            io.BytesIO(template),
            filename="templat.docx",
            max_bytes=TEMPLATE_MAX_BYTES,
            max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
        )
    except EvidenceFileError as exc:
        return f"Templat harus dokumen Word (DOCX) yang utuh; berkas ini ditolak: {exc.text}"
    if inspected.detected_kind != "docx":
        return "Templat harus dokumen Word (DOCX)."
    return ""


# -- DOCX to PDF: the PDF carries the same (possibly edited) text as the DOCX, without an
# office suite on the server: paragraphs and tables through HTML and WeasyPrint.
def _runs_html(paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = html.escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
    return "".join(parts)


def _paragraph_html(paragraph) -> str:
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    align = {1: "center", 2: "right", 3: "justify"}.get(
        int(paragraph.alignment) if paragraph.alignment is not None else 0, "left"
    )
    tag = "h2" if style.startswith("heading") or style == "title" else "p"
    return f'<{tag} style="text-align:{align}">{_runs_html(paragraph) or "&nbsp;"}</{tag}>'


def _table_html(table) -> str:
    rows = []
    for index, row in enumerate(table.rows):
        cell_tag = "th" if index == 0 else "td"
        cells = "".join(
            f"<{cell_tag}>{'<br>'.join(html.escape(p.text) for p in cell.paragraphs)}</{cell_tag}>"
            for cell in row.cells
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table>{''.join(rows)}</table>"


def docx_to_pdf(docx: bytes) -> bytes:
    """A PDF of the DOCX's paragraphs and tables, in document order (A4, DejaVu)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from spbe.documents.pdf import html_to_pdf

    document = Document(io.BytesIO(docx))
    body = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            body.append(_paragraph_html(Paragraph(child, document)))
        elif tag == "tbl":
            body.append(_table_html(Table(child, document)))
    page = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><style>'
        "@page { size: A4; margin: 20mm; } body { font-family: 'DejaVu Sans', sans-serif; "
        "font-size: 10pt; } h2 { font-size: 12pt; } table { border-collapse: collapse; "
        "width: 100%; font-size: 8.5pt; } th, td { border: 1px solid #777; padding: 3px; "
        "vertical-align: top; text-align: left; }</style></head><body>"
        + "".join(body)
        + "</body></html>"
    )
    return html_to_pdf(page)
