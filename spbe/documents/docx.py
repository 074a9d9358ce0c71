"""DOCX from an editable template (docxtpl: Jinja inside a Word document).

A template is something a coordinator edits in Word and uploads back, so before it is kept it
is checked: a real DOCX, safe to open (the evidence file checks: zip bombs, encryption, path
tricks, macros), Jinja that parses, and exactly the fields the document knows.
"""

from __future__ import annotations

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
