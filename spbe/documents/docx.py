"""DOCX templates (docxtpl): render with a context, check a template before accepting it, and
turn a rendered DOCX into PDF (through HTML and WeasyPrint, so the PDF carries the same edited
text as the DOCX, without an office suite on the server)."""

from __future__ import annotations

import html
import io
import re
import zipfile

from django.utils.translation import gettext as _

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_BYTES = 50 * 1024 * 1024
_VARIABLE = re.compile(r"{{\s*([a-zA-Z_][a-zA-Z0-9_]*)")
_LOOP = re.compile(r"{%-?\s*(?:tr|p|tc)?\s*for\s+\w+\s+in\s+([a-zA-Z_][a-zA-Z0-9_]*)")


def render_docx(template: bytes, context: dict) -> bytes:
    """The template rendered with `context` (Jinja tags in the document, docxtpl)."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(context, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _zip_problems(template: bytes) -> list[str]:
    if len(template) > MAX_TEMPLATE_BYTES:
        return [_("Templat terlalu besar (paling besar 5 MB).")]
    try:
        with zipfile.ZipFile(io.BytesIO(template)) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_EXPANDED_BYTES:
                return [_("Templat mengembang terlalu besar saat dibuka; ditolak demi keamanan.")]
            if "word/document.xml" not in {i.filename for i in infos}:
                return [_("Berkas bukan dokumen Word (DOCX).")]
    except zipfile.BadZipFile:
        return [_("Berkas bukan DOCX yang utuh (bukan arsip Office).")]
    return []


def validate_docx_template(template: bytes, *, required: set[str]) -> list[str]:
    """Problems (Bahasa Indonesia) that make `template` unusable: not a DOCX, broken Jinja
    syntax, or a required variable/loop missing. Empty list: the template is fine."""
    problems = _zip_problems(template)
    if problems:
        return problems
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    try:
        document = DocxTemplate(io.BytesIO(template))
        document.init_docx()
        xml = document.patch_xml(document.get_xml())
    except Exception:  # python-docx raises many kinds for a damaged file
        return [_("Dokumen Word tidak dapat dibaca.")]
    try:
        from jinja2 import Environment

        Environment().parse(xml)
    except TemplateSyntaxError as exc:
        return [
            _("Tanda templat rusak (baris %(line)s): %(message)s")
            % {"line": exc.lineno, "message": exc.message}
        ]
    used = set(_VARIABLE.findall(xml)) | set(_LOOP.findall(xml))
    missing = sorted(required - used)
    if missing:
        problems.append(
            _("Templat tidak memuat isian wajib: %(names)s") % {"names": ", ".join(missing)}
        )
    return problems


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
