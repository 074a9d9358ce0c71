"""Context of the assessment evidence panel, shared by the template tag (server-side include
in the evaluation page) and the panel's own HTMX endpoints.

Contract of "evaluations/evidence/_assessment_evidence.html": context ``assessment`` (an
evaluations.Assessment; cycle, framework, indicator and lead unit ideally select_related)
and ``request`` (for ``user`` and the CSRF token). Everything else is computed here.
"""

from __future__ import annotations

from django.urls import reverse

from spbe.evaluations.access import fills_in
from spbe.evaluations.models import EvidenceLink
from spbe.evaluations.selectors.evidence_status import assessment_evidence_status
from spbe.evaluations.services.evidence_links import evidence_lock_reason
from spbe.evidence.forms import UploadLinkForm


def _levels(assessment, status, links):
    framework = assessment.cycle.framework
    ladder = framework.ladders.get(assessment.indicator.ladder, {}).get("levels", {})
    items_by_level: dict[int, list] = {}
    for item in status.items:
        items_by_level.setdefault(item.level, []).append(item)
    groups = []
    for level in assessment.indicator.levels:
        number = int(level["level"])
        groups.append(
            {
                "level": number,
                "name": ladder.get(str(number), {}).get("name", ""),
                "criteria": level.get("criteria", ""),
                "items": items_by_level.get(number, []),
                "links": [
                    (link, status.freshness.get(link.document_id))
                    for link in links
                    if link.level == number
                ],
            }
        )
    return groups


def _next_url(request) -> str:
    current = request.headers.get("HX-Current-URL") if getattr(request, "htmx", False) else None
    return current or request.get_full_path()


def panel_context(request, assessment, **extra) -> dict:
    user = request.user
    # A final cycle or an approved indicator: the reason replaces the controls.
    lock_reason = evidence_lock_reason(assessment)
    can_edit = lock_reason is None and fills_in(user, assessment)
    status = assessment_evidence_status(assessment)
    links = list(
        EvidenceLink.objects.filter(assessment=assessment)
        .select_related("document__current_revision", "linked_by")
        .order_by("level", "pk")
    )
    upload_form = extra.pop("upload_form", None)
    if extra.get("uploaded") is not None:
        from spbe.evidence.views_reading import reading_context

        # The respondent confirms what was read from the file right where they uploaded it.
        extra["reading"] = reading_context(request, extra["uploaded"])
    if upload_form is None and can_edit:
        upload_form = UploadLinkForm(user=user, assessment=assessment)
    return {
        "assessment": assessment,
        "request": request,
        "user": user,
        "status": status,
        "groups": _levels(assessment, status, links),
        "locked": lock_reason is not None,
        "lock_reason": lock_reason or "",
        "can_edit": can_edit,
        "upload_form": upload_form,
        "next": _next_url(request),
        "panel_url": reverse("evidence:assessment_panel", args=[assessment.pk]),
        "error": "",
        "duplicates": [],
        "uploaded": None,
        "uploaded_level": None,
        "reused": "",
        "reading": None,
        **extra,
    }
