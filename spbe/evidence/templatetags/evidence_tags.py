"""Template filters of evidence: search-hit highlighting and file sizes. (The assessment
evidence panel tag is evaluations': `{% load evaluations %}{% assessment_evidence_panel %}`.)"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from spbe.evidence.files import normalise_for_search
from spbe.evidence.files.sizes import format_megabytes

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
