"""Template filters of evidence: search-hit highlighting and file sizes. (The assessment
evidence panel tag is evaluations': `{% load evaluations %}{% assessment_evidence_panel %}`.)"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from spbe.core.sizes import format_megabytes
from spbe.evidence.files import PREVIEWABLE_MIME_TYPES, normalise_for_search

register = template.Library()


@register.filter
def highlight(text, query):
    """Escape `text` and wrap each occurrence of the (normalised) query in <mark>."""
    text = escape(text or "")
    needle = normalise_for_search(query)
    if not needle:
        return mark_safe(text)  # noqa: S308 - escaped above
    pattern = re.compile(re.escape(escape(needle)), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))  # noqa: S308


@register.filter
def file_size(size):
    """Bytes as users read them: "900 KB", "1,5 MB"."""
    return format_megabytes(int(size or 0))


@register.filter
def previewable(revision) -> bool:
    """Whether the evidence preview shows this revision inside the page (PDF, PNG, JPG)."""
    return revision is not None and revision.mime_type in PREVIEWABLE_MIME_TYPES
