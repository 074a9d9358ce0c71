"""Template helpers of the evaluation pages: status badges, levels, unread notifications."""

from django import template

from spbe.core.numbers import input_number
from spbe.core.templatetags import numbers
from spbe.evaluations.evidence_panel import panel_context
from spbe.evaluations.models import Assessment
from spbe.evaluations.selectors import notification_unread_count

register = template.Library()

STATUS_CLASS = {
    "belum_diisi": "st-empty",
    "draf": "st-draft",
    "diajukan": "st-submitted",
    "perlu_perbaikan": "st-returned",
    "disetujui": "st-approved",
}


@register.filter
def status_class(status: str) -> str:
    """CSS class of an assessment status (colour is never the only cue: text is shown too)."""
    return STATUS_CLASS.get(status, "")


@register.filter
def status_label(status: str) -> str:
    """The (translated) name of an assessment status: "belum_diisi" → "Belum diisi"."""
    return Assessment.Status(status).label if status in Assessment.Status.values else status


# The one |level filter (spbe.core); registered here so evaluation templates keep one load.
register.filter("level", numbers.level)


@register.inclusion_tag("evaluations/evidence/_assessment_panel.html", takes_context=True)
def assessment_evidence_panel(context, assessment):
    """Render the evidence panel of `assessment` for the current request's user."""
    return panel_context(context["request"], assessment)


@register.filter
def number_input(value, places: int = 2) -> str:
    """A number as a text field shows it (2,50; 2.50 in English; "" for none)."""
    return input_number(value, int(places))


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return 0
    cache = "_spbe_unread_notifications"
    if not hasattr(request, cache):
        setattr(request, cache, notification_unread_count(user=user))
    return getattr(request, cache)
