"""Pages of the cycle: list, open, overview, export, its actions, bulk assignment."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.core.exports import FORMATS, table_response
from spbe.core.forms import apply_errors
from spbe.evaluations import access, selectors, services
from spbe.evaluations.forms import (
    BulkAssignForm,
    CycleCreateForm,
    DeadlineForm,
    ReopenForm,
)
from spbe.evaluations.models import Cycle
from spbe.evaluations.services.cycles import next_states
from spbe.evaluations.tables import assessment_table
from spbe.evaluations.views._common import error_text
from spbe.organizations.permissions import can
from spbe.organizations.selectors import instansi_managed


@login_required
def cycle_list(request):
    page = Paginator(selectors.cycle_visible(user=request.user), settings.SPBE_LIST_PAGE_SIZE)
    page = page.get_page(request.GET.get("hal"))
    can_create = instansi_managed(user=request.user).exists()
    return render(
        request,
        "evaluations/cycle_list.html",
        {"cycles": page.object_list, "page": page, "can_create": can_create},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cycle_create(request):
    managed = instansi_managed(user=request.user)
    if not managed.exists():
        raise PermissionDenied
    cycles = Cycle.objects.filter(instansi__in=managed).select_related("instansi")
    form = CycleCreateForm(
        request.POST or None,
        instansi_qs=managed,
        cycle_qs=cycles,
        initial={"instansi": managed.first(), "shift_due_dates": True},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_create(
                actor=request.user,
                instansi=data["instansi"],
                framework=data["framework"],
                year=data["year"],
                kind=data["kind"],
                name=data["name"],
                self_assessment_due=data["self_assessment_due"],
                review_due=data["review_due"],
                copy_from=data["copy_from"],
                copy_parts=set(data["copy_parts"]),
                shift_due_dates=data["shift_due_dates"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Siklus %(n)s dibuka.") % {"n": cycle.name})
            return redirect("evaluations:cycle_detail", pk=cycle.pk)
    return render(request, "evaluations/cycle_form.html", {"form": form})


@login_required
def cycle_detail(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    coordinates = access.coordinates(request.user, cycle)
    assessments = list(selectors.assessment_visible(user=request.user, cycle=cycle))
    whole = access.sees_whole_instansi(request.user, cycle)
    overview = selectors.cycle_stage_overview(cycle) if whole else None
    external = selectors.cycle_external_indices(cycle)
    return render(
        request,
        "evaluations/cycle_detail.html",
        {
            "cycle": cycle,
            "overview": overview,
            "whole": whole,
            "external": external,
            "assessments": assessments,
            "coordinates": coordinates,
            "may_write": access.may_write(request.user),
            "may_audit": can(request.user, "audit.view", cycle.instansi),
            "next_states": [Cycle.State(s) for s in next_states(cycle)],
            "deadline_form": DeadlineForm(
                initial={
                    "self_assessment_due": cycle.self_assessment_due,
                    "review_due": cycle.review_due,
                }
            ),
            "reopen_form": ReopenForm(),
        },
    )


@login_required
def cycle_export(request, pk, fmt):
    """The indicator table of the cycle page as CSV or XLSX (the same rows, the same scope)."""
    if fmt not in FORMATS:
        raise Http404
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    columns, rows = assessment_table(
        cycle, selectors.assessment_visible(user=request.user, cycle=cycle)
    )
    return table_response(
        columns=columns, rows=rows, filename=f"indikator-{cycle.pk}", fmt=fmt, title=cycle.name
    )


def _cycle_action(request, pk, run, success):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    try:
        run(cycle)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, success)
    return redirect("evaluations:cycle_detail", pk=cycle.pk)


@login_required
@require_POST
def cycle_transition(request, pk):
    state = request.POST.get("state", "")
    return _cycle_action(
        request,
        pk,
        lambda c: services.cycle_transition(
            actor=request.user, cycle=c, state=state, request=request
        ),
        _("Tahap siklus diubah."),
    )


@login_required
@require_POST
def cycle_finalise(request, pk):
    return _cycle_action(
        request,
        pk,
        lambda c: services.cycle_finalise(actor=request.user, cycle=c, request=request),
        _("Siklus difinalkan dan dikunci."),
    )


@login_required
@require_POST
def cycle_reopen(request, pk):
    reason = request.POST.get("reason", "")
    return _cycle_action(
        request,
        pk,
        lambda c: services.cycle_reopen(
            actor=request.user, cycle=c, reason=reason, request=request
        ),
        _("Siklus dibuka kembali."),
    )


@login_required
@require_POST
def cycle_deadlines(request, pk):
    form = DeadlineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tanggal tidak valid."))
        return redirect("evaluations:cycle_detail", pk=pk)
    return _cycle_action(
        request,
        pk,
        lambda c: services.cycle_set_deadlines(
            actor=request.user, cycle=c, request=request, **form.cleaned_data
        ),
        _("Batas waktu disimpan."),
    )


@login_required
@require_POST
def cycle_external_values(request, pk):
    """The koordinator records the other agencies' published indices (field ``idx_<code>``)."""
    values = {
        key.removeprefix("idx_"): value
        for key, value in request.POST.items()
        if key.startswith("idx_")
    }
    return _cycle_action(
        request,
        pk,
        lambda c: services.cycle_set_external_values(
            actor=request.user, cycle=c, values=values, request=request
        ),
        _("Nilai indeks eksternal disimpan."),
    )


@login_required
def cycle_matrix(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    matrix = selectors.cycle_matrix(user=request.user, cycle=cycle)
    return render(request, "evaluations/matrix.html", {"cycle": cycle, "matrix": matrix})


@login_required
@require_http_methods(["GET", "POST"])
def cycle_assign(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk, coordinated=True)
    assessments = selectors.assessment_visible(user=request.user, cycle=cycle)
    form = BulkAssignForm(request.POST or None, cycle=cycle, assessments=assessments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kwargs = {
            name: data[name]
            for name in ("lead_unit", "reviewer", "due_date")
            if data[name] not in (None, "")
        }
        if data["contributing_units"]:
            kwargs["contributing_units"] = list(data["contributing_units"])
        try:
            changed = services.assessments_assign_bulk(
                actor=request.user,
                cycle=cycle,
                assessment_ids=[a.pk for a in data["assessments"]],
                request=request,
                **kwargs,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(n)s indikator ditugaskan.") % {"n": changed})
            return redirect("evaluations:cycle_assign", pk=cycle.pk)
    return render(
        request,
        "evaluations/assign.html",
        {"cycle": cycle, "form": form, "assessments": list(assessments)},
    )
