"""Pages of planning: the target planner, the what-if simulator and action plans.

Reads (planner proposals, what-if) are open to everyone who sees the cycle and save nothing;
writes (target, action items) need the managing role: 403 for viewers, 404 for outsiders.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.core.forms import apply_errors
from spbe.core.numbers import decimal_text, fmt_level, parse_decimal
from spbe.evaluations.access import sees_whole_instansi
from spbe.evaluations.selectors import cycle_get
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.organizations.permissions import can, ensure
from spbe.planning import selectors, services
from spbe.planning.forms import ActionItemForm, PlannerForm

GROUPINGS = ("unit", "indikator")


def _managed_cycle(request, pk):
    return cycle_get(user=request.user, pk=pk, coordinated=True)


# -- planner ---------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def planner(request, pk):
    cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
    if request.method == "POST":
        ensure(request.user, "instansi.manage", cycle.instansi)
    figures = cycle_figures(cycle)
    target = selectors.target_of(cycle)
    data = request.POST if request.method == "POST" else request.GET
    bound = bool(data.get("target") or data.get("band"))
    if bound:
        form = PlannerForm(data, figures=figures)
    else:
        initial = (
            PlannerForm.initial_from(selectors.planner_input_from_target(target)) if target else {}
        )
        form = PlannerForm(initial=initial, figures=figures)
    proposal, error = None, None
    inputs = None
    if bound and form.is_valid():
        inputs = form.to_inputs()
    elif not bound and target is not None:
        inputs = selectors.planner_input_from_target(target)
    if inputs is not None:
        try:
            if request.method == "POST" and request.POST.get("aksi") == "jadikan":
                items = services.action_items_from_proposal(
                    actor=request.user, figures=figures, inputs=inputs, request=request
                )
                messages.success(
                    request, _("%(n)d rencana aksi dibuat dari usulan.") % {"n": len(items)}
                )
                return redirect("planning:plan", pk=cycle.pk)
            if request.method == "POST":
                services.target_set(
                    actor=request.user, cycle=cycle, inputs=inputs, request=request, figures=figures
                )
                messages.success(request, _("Target disimpan."))
                return redirect(f"{request.path}?{request.POST.urlencode()}")
            proposal = selectors.planner_propose(figures=figures, inputs=inputs)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    base, base_reason = selectors.planner_base(figures, inputs.stage if inputs else "")
    return render(
        request,
        "planning/planner.html",
        {
            "cycle": cycle,
            "figures": figures,
            "form": form,
            "proposal": proposal,
            "error": error,
            "target": target,
            "base": base,
            "base_reason": base_reason,
            "manages": can(request.user, "instansi.manage", cycle.instansi),
            "defaults_rule": selectors.action_defaults_rule(cycle),
            "query": data,
        },
    )


# -- what-if ---------------------------------------------------------------------------------
def _what_if_context(request, cycle, figures, stage: str, posted=None) -> dict:
    base = figures.stage(stage) or figures.headline
    changes: dict[str, Decimal] = {}
    error = None
    if posted is not None and base is not None:
        for row in figures.rows:
            raw = decimal_text(posted.get(f"v_{row.key}") or "")
            if not raw:
                continue
            try:
                value = parse_decimal(raw)
            except InvalidOperation:
                error = _("Nilai indikator %(code)s bukan angka.") % {"code": row.code}
                continue
            out_of_range = not figures.spec.value_min <= value <= figures.spec.value_max
            if out_of_range or value != value.quantize(Decimal("0.01")):
                # said here in the reader's number style; the engine checks again
                error = _(
                    "Nilai indikator %(code)s harus di antara %(lo)s dan %(hi)s, paling "
                    "banyak 2 angka desimal."
                ) % {
                    "code": row.code,
                    "lo": fmt_level(figures.spec.value_min, figures.spec.value_kind),
                    "hi": fmt_level(figures.spec.value_max, figures.spec.value_kind),
                }
                continue
            if base.result.values.get(row.key) != value:
                changes[row.key] = value
    result = None
    if base is not None and error is None:
        try:
            result = selectors.cycle_what_if(figures=figures, stage=base.stage, changes=changes)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    spec = figures.spec
    levels = []
    if spec.value_kind == "integer":
        levels = list(range(int(spec.value_min), int(spec.value_max) + 1))
    bounds = {  # for the number inputs: "5", not "5.00", in the browser's own messages
        "min": format(spec.value_min.normalize(), "f"),
        "max": format(spec.value_max.normalize(), "f"),
    }
    return {
        "cycle": cycle,
        "figures": figures,
        "base": base,
        "result": result,
        "changes": changes,
        "error": error,
        "levels": levels,
        "bounds": bounds,
    }


@login_required
def what_if(request, pk):
    cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
    figures = cycle_figures(cycle)
    context = _what_if_context(request, cycle, figures, request.GET.get("tahap", ""))
    return render(request, "planning/what_if.html", context)


@login_required
@require_POST
def what_if_result(request, pk):
    """HTMX fragment: the engine's what-if for the posted values. Saves nothing."""
    cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
    figures = cycle_figures(cycle)
    context = _what_if_context(
        request, cycle, figures, request.POST.get("tahap", ""), posted=request.POST
    )
    return render(request, "planning/_what_if_result.html", context)


# -- action plans ----------------------------------------------------------------------------
@login_required
def plan(request, pk):
    """The action items of a cycle, for everyone who sees it (owners may be limited to their
    unit); what they would do to the index only for those who see its figures."""
    cycle = cycle_get(user=request.user, pk=pk)
    items = list(selectors.action_items_of(cycle))
    target = selectors.target_of(cycle)
    grouping = request.GET.get("kelompok", "unit")
    grouping = grouping if grouping in GROUPINGS else "unit"
    for item in items:
        item.overdue = selectors.is_overdue(item)
    return render(
        request,
        "planning/plan.html",
        {
            "cycle": cycle,
            "items": items,
            "groups": selectors.group_items(items, grouping),
            "grouping": grouping,
            "target": target,
            "progress": selectors.plan_progress(
                figures=cycle_figures(cycle), items=items, target=target
            )
            if sees_whole_instansi(request.user, cycle)
            else None,
            "manages": can(request.user, "instansi.manage", cycle.instansi),
            "overdue_count": sum(1 for i in items if i.overdue),
        },
    )


def _item_data(form) -> tuple[dict, list]:
    data = dict(form.cleaned_data)
    evidence = list(data.pop("evidence", []) or [])
    return data, evidence


@login_required
@require_http_methods(["GET", "POST"])
def action_item_create(request, pk):
    cycle = _managed_cycle(request, pk)
    form = ActionItemForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data, evidence = _item_data(form)
        try:
            services.action_item_create(
                actor=request.user, cycle=cycle, request=request, evidence=evidence, **data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Rencana aksi ditambahkan."))
            return redirect("planning:plan", pk=cycle.pk)
    return render(
        request, "planning/action_item_form.html", {"cycle": cycle, "form": form, "item": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_edit(request, pk, item_pk):
    cycle = cycle_get(user=request.user, pk=pk)
    item = selectors.action_item_get(cycle=cycle, pk=item_pk)
    if request.method == "POST":
        ensure(request.user, "instansi.manage", cycle.instansi)
    form = ActionItemForm(request.POST or None, instance=item, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data, evidence = _item_data(form)
        item.refresh_from_db()  # the form wrote into the instance; the service diffs from the DB
        try:
            services.action_item_update(
                actor=request.user, item=item, request=request, evidence=evidence, **data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Rencana aksi disimpan."))
            return redirect("planning:plan", pk=cycle.pk)
    return render(
        request,
        "planning/action_item_form.html",
        {
            "cycle": cycle,
            "form": form,
            "item": item,
            "manages": can(request.user, "instansi.manage", cycle.instansi),
        },
    )


@login_required
@require_POST
def action_item_delete(request, pk, item_pk):
    cycle = _managed_cycle(request, pk)
    item = selectors.action_item_get(cycle=cycle, pk=item_pk)
    services.action_item_delete(actor=request.user, item=item, request=request)
    messages.success(request, _("Rencana aksi dihapus."))
    return redirect("planning:plan", pk=cycle.pk)
