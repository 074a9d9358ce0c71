"""The evidence panel of one assessment (indicator of a cycle): HTMX endpoints under
/bukti/penilaian/<id>/ (routes in `evidence_urls`, mounted beside evidence's own pages). The
evaluation page only includes "evaluations/evidence/_assessment_evidence.html"; every action
here answers with the re-rendered panel (or redirects back without JavaScript).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from spbe.core.forms import apply_errors
from spbe.evaluations import services
from spbe.evaluations.access import ensure_fills_in
from spbe.evaluations.evidence_panel import panel_context
from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evaluations.selectors import assessment_get
from spbe.evaluations.services.evidence_links import evidence_upload
from spbe.evidence import selectors
from spbe.evidence.forms import LinkForm, UploadLinkForm

PICKER_LIMIT = 20


def _assessment(request, pk) -> Assessment:
    return assessment_get(user=request.user, pk=pk)


def _back(request, assessment, **extra):
    """HTMX: the re-rendered panel. Without JavaScript: back to the page that included it."""
    if request.htmx:
        return render(
            request,
            "evaluations/evidence/_assessment_panel.html",
            panel_context(request, assessment, **extra),
        )
    if extra.get("reused"):
        messages.info(request, extra["reused"])
    for other in extra.get("duplicates") or ():
        messages.warning(
            request,
            _("Berkas yang sama sudah ada sebagai dokumen “%(title)s”.") % {"title": other.title},
        )
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    if extra.get("upload_form") is not None or extra.get("error"):
        return render(
            request,
            "evaluations/evidence/assessment_page.html",
            panel_context(request, assessment, **extra),
            status=400,
        )
    return redirect(
        target or "evidence:assessment_panel", **({} if target else {"pk": assessment.pk})
    )


@login_required
@require_GET
def assessment_panel(request, pk):
    assessment = _assessment(request, pk)
    name = "_assessment_panel.html" if request.htmx else "assessment_page.html"
    template = f"evaluations/evidence/{name}"
    return render(request, template, panel_context(request, assessment))


@login_required
@require_GET
def assessment_picker(request, pk):
    """Documents of the assessment's instansi matching the query, to link (HTMX)."""
    assessment = _assessment(request, pk)
    ensure_fills_in(request.user, assessment)
    query = (request.GET.get("q") or "").strip()
    if query:
        result = selectors.document_search(
            user=request.user,
            query=query,
            instansi=assessment.cycle.instansi,
            limit=PICKER_LIMIT,
        )
        documents = [hit.document for hit in result.hits]
    else:
        documents = list(
            selectors.document_visible(user=request.user, instansi=assessment.cycle.instansi)[
                :PICKER_LIMIT
            ]
        )
    return render(
        request,
        "evaluations/evidence/_picker_results.html",
        {
            "assessment": assessment,
            "documents": documents,
            "query": query,
            "link_form": LinkForm(assessment=assessment),
        },
    )


@login_required
@require_POST
def assessment_link(request, pk):
    assessment = _assessment(request, pk)
    ensure_fills_in(request.user, assessment)
    form = LinkForm(request.POST, assessment=assessment)
    error = ""
    if form.is_valid():
        document = selectors.document_get(user=request.user, pk=form.cleaned_data["document"])
        try:
            services.evidence_link(
                actor=request.user,
                assessment=assessment,
                document=document,
                level=form.cleaned_data["level"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    return _back(request, assessment, error=error)


@login_required
@require_POST
def assessment_upload(request, pk):
    """Upload a new document and link it in one go (both or nothing)."""
    assessment = _assessment(request, pk)
    ensure_fills_in(request.user, assessment)
    form = UploadLinkForm(request.POST, request.FILES, user=request.user, assessment=assessment)
    if form.is_valid():
        values = dict(form.cleaned_data)
        level, note = values.pop("level"), values.pop("note")
        try:
            done = evidence_upload(
                actor=request.user,
                assessment=assessment,
                level=level,
                note=note,
                request=request,
                **values,
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "locked":  # the form is not shown on a locked panel
                return _back(request, assessment, error=" ".join(exc.messages))
            apply_errors(form, exc)
        else:
            document = done.link.document
            duplicates = (
                selectors.document_duplicates(revision=document.current_revision)
                if document.current_revision and not done.reused
                else []
            )
            return _back(
                request,
                assessment,
                duplicates=duplicates,
                uploaded=document,
                uploaded_level=done.link.level,
                reused=done.message,
            )
    return _back(request, assessment, upload_form=form)


@login_required
@require_POST
def unlink(request, pk):
    link = get_object_or_404(EvidenceLink.objects.select_related("document"), pk=pk)
    assessment = _assessment(request, link.assessment_id)
    link.assessment = assessment
    error = ""
    try:
        services.evidence_unlink(actor=request.user, link=link, request=request)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    return _back(request, assessment, error=error)
