"""Pages of the evaluation cycle. Thin: access is `spbe.evaluations.access` /
`spbe.organizations.permissions`, reads are selectors, writes are services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.evaluations import access, selectors, services
from spbe.evaluations.forms import (
    AssignForm,
    BulkAssignForm,
    CommentForm,
    CycleCreateForm,
    DeadlineForm,
    DecideForm,
    ReopenForm,
    ReviewForm,
    SelfAssessmentForm,
    StageValueForm,
)
from spbe.evaluations.models import Cycle, Stage
from spbe.evaluations.services.cycles import NEXT_STATES
from spbe.frameworks.selectors import indicator_ladder
from spbe.organizations.permissions import scope_for
from spbe.organizations.selectors import instansi_managed
from spbe.web.forms import apply_errors


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# -- cycles -----------------------------------------------------------------------------------
@login_required
def cycle_list(request):
    cycles = list(selectors.cycle_visible(user=request.user))
    can_create = instansi_managed(user=request.user).exists()
    return render(
        request, "evaluations/cycle_list.html", {"cycles": cycles, "can_create": can_create}
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
    overview = selectors.cycle_stage_overview(cycle) if _sees_all(request.user, cycle) else None
    return render(
        request,
        "evaluations/cycle_detail.html",
        {
            "cycle": cycle,
            "overview": overview,
            "assessments": assessments,
            "coordinates": coordinates,
            "next_states": [Cycle.State(s) for s in NEXT_STATES[cycle.state]],
            "deadline_form": DeadlineForm(
                initial={
                    "self_assessment_due": cycle.self_assessment_due,
                    "review_due": cycle.review_due,
                }
            ),
            "reopen_form": ReopenForm(),
        },
    )


def _sees_all(user, cycle) -> bool:
    scope = scope_for(user)
    return scope.is_admin or cycle.instansi_id in scope.full_instansi_ids


def _cycle_action(request, pk, run, success):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    try:
        run(cycle)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
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
def cycle_matrix(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    matrix = selectors.cycle_matrix(user=request.user, cycle=cycle)
    return render(request, "evaluations/matrix.html", {"cycle": cycle, "matrix": matrix})


@login_required
@require_http_methods(["GET", "POST"])
def cycle_assign(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    access.ensure_coordinates(request.user, cycle)
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


# -- one indicator ----------------------------------------------------------------------------
def _assessment_context(request, assessment, **forms):
    user = request.user
    cycle = assessment.cycle
    history = selectors.assessment_history(assessment)
    mandiri = next((v for v in history["stage_values"] if v.stage == Stage.MANDIRI), None)
    fills_in = access.fills_in(user, assessment) and not cycle.is_locked
    reviews = access.reviews(user, assessment) and not cycle.is_locked
    coordinates = access.coordinates(user, cycle) and not cycle.is_locked
    initial = {
        "revision": assessment.revision,
        "value": _level_str(assessment.claimed_value, cycle),
        "fakta": mandiri.fakta if mandiri else "",
        "analisis": mandiri.analisis if mandiri else "",
        "subject_name": assessment.subject_name,
    }
    context = {
        "cycle": cycle,
        "assessment": assessment,
        "indicator": assessment.indicator,
        "ladder": indicator_ladder(assessment.indicator),
        "mandiri": mandiri,
        "stage_values": history["stage_values"],
        "comments": history["comments"],
        "warnings": selectors.claim_warnings(assessment),
        "fills_in": fills_in,
        "reviews": reviews,
        "coordinates": coordinates,
        "may_comment": access.may_write(user) and not cycle.is_locked,
        "form": SelfAssessmentForm(initial=initial, assessment=assessment),
        "review_form": ReviewForm(initial={"revision": assessment.revision}, assessment=assessment),
        "decide_form": DecideForm(initial={"revision": assessment.revision}, assessment=assessment),
        "stage_form": StageValueForm(
            initial={"revision": assessment.revision}, assessment=assessment
        ),
        "assign_form": AssignForm(
            initial={
                "revision": assessment.revision,
                "lead_unit": assessment.lead_unit_id,
                "contributing_units": [u.pk for u in assessment.contributing_units.all()],
                "reviewer": assessment.reviewer_id,
                "due_date": assessment.due_date,
            },
            instansi=cycle.instansi,
        ),
        "comment_form": CommentForm(),
        "conflict": None,
    }
    context.update(forms)
    return context


def _level_str(value, cycle):
    if value is None:
        return None
    if cycle.framework.value_kind == "integer":
        return str(int(value))
    return value


def _rebase_form(form_class, request, assessment, current_revision):
    """The user's submitted data kept as typed, based on the current revision (so saving
    again is a deliberate choice after seeing both versions)."""
    data = request.POST.copy()
    data["revision"] = str(current_revision)
    return form_class(data, assessment=assessment)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request, pk, number):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    assessment = selectors.assessment_get_by_number(user=request.user, cycle=cycle, number=number)
    if request.method == "GET":
        return render(
            request, "evaluations/assessment.html", _assessment_context(request, assessment)
        )
    action = request.POST.get("action", "")
    handler = _ACTIONS.get(action)
    if handler is None:
        messages.error(request, _("Aksi tidak dikenal."))
        return redirect(request.path)
    return handler(request, assessment)


def _done(request, assessment, text):
    messages.success(request, text)
    return redirect(
        "evaluations:assessment_detail", pk=assessment.cycle_id, number=assessment.indicator.number
    )


def _conflict_response(request, assessment, exc, form_name, form):
    current = selectors.assessment_get(user=request.user, pk=assessment.pk)
    context = _assessment_context(request, current, **{form_name: form})
    mandiri = context["mandiri"]
    context["conflict"] = {
        "message": _error_text(exc),
        "value": current.claimed_value,
        "fakta": mandiri.fakta if mandiri else "",
        "analisis": mandiri.analisis if mandiri else "",
        "status": current.get_status_display(),
        "mine": form.data,
    }
    return render(request, "evaluations/assessment.html", context, status=409)


def _post_self_assessment(request, assessment):
    access.ensure_fills_in(request.user, assessment)
    form = SelfAssessmentForm(request.POST, assessment=assessment)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_save(
                actor=request.user,
                assessment=assessment,
                revision=data["revision"],
                value=data["value"],
                fakta=data["fakta"],
                analisis=data["analisis"],
                subject_name=data.get("subject_name"),
                submit=request.POST.get("submit") == "1",
                request=request,
            )
        except services.StaleRevision as exc:
            form = _rebase_form(SelfAssessmentForm, request, assessment, exc.current.revision)
            return _conflict_response(request, assessment, exc, "form", form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            submitted = request.POST.get("submit") == "1"
            return _done(
                request,
                assessment,
                _("Diajukan untuk direviu.") if submitted else _("Draf disimpan."),
            )
    context = _assessment_context(request, assessment, form=form)
    return render(request, "evaluations/assessment.html", context, status=400)


def _post_review(request, assessment):
    access.ensure_reviews(request.user, assessment)
    form = ReviewForm(request.POST, assessment=assessment)
    if form.is_valid():
        data = form.cleaned_data
        common = {"actor": request.user, "assessment": assessment, "request": request}
        try:
            if data["decision"] == "accept":
                services.review_accept(revision=data["revision"], note=data["note"], **common)
            elif data["decision"] == "return":
                services.review_return(revision=data["revision"], note=data["note"], **common)
            else:
                services.review_set_level(
                    revision=data["revision"], value=data["value"], note=data["note"], **common
                )
        except services.StaleRevision as exc:
            form = _rebase_form(ReviewForm, request, assessment, exc.current.revision)
            return _conflict_response(request, assessment, exc, "review_form", form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _done(request, assessment, _("Reviu disimpan."))
    context = _assessment_context(request, assessment, review_form=form)
    return render(request, "evaluations/assessment.html", context, status=400)


def _post_decide(request, assessment):
    access.ensure_coordinates(request.user, assessment.cycle)
    form = DecideForm(request.POST, assessment=assessment)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_decide(
                actor=request.user,
                assessment=assessment,
                revision=data["revision"],
                source=data["source"],
                value=data["value"],
                note=data["note"],
                request=request,
            )
        except services.StaleRevision as exc:
            form = _rebase_form(DecideForm, request, assessment, exc.current.revision)
            return _conflict_response(request, assessment, exc, "decide_form", form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _done(request, assessment, _("Level akhir penilaian mandiri ditetapkan."))
    context = _assessment_context(request, assessment, decide_form=form)
    return render(request, "evaluations/assessment.html", context, status=400)


def _post_stage(request, assessment):
    access.ensure_coordinates(request.user, assessment.cycle)
    form = StageValueForm(request.POST, assessment=assessment)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.stage_value_set(
                actor=request.user, assessment=assessment, request=request, **data
            )
        except services.StaleRevision as exc:
            form = _rebase_form(StageValueForm, request, assessment, exc.current.revision)
            return _conflict_response(request, assessment, exc, "stage_form", form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _done(request, assessment, _("Nilai tahap disimpan."))
    context = _assessment_context(request, assessment, stage_form=form)
    return render(request, "evaluations/assessment.html", context, status=400)


def _post_assign(request, assessment):
    access.ensure_coordinates(request.user, assessment.cycle)
    form = AssignForm(request.POST, instansi=assessment.cycle.instansi)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_assign(
                actor=request.user, assessment=assessment, request=request, **data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _done(request, assessment, _("Penugasan disimpan."))
    context = _assessment_context(request, assessment, assign_form=form)
    return render(request, "evaluations/assessment.html", context, status=400)


def _post_comment(request, assessment):
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(
                actor=request.user,
                assessment=assessment,
                body=form.cleaned_data["body"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if request.htmx:
                history = selectors.assessment_history(assessment)
                return render(
                    request,
                    "evaluations/_comments.html",
                    {
                        "assessment": assessment,
                        "comments": history["comments"],
                        "comment_form": CommentForm(),
                        "may_comment": True,
                    },
                )
            return _done(request, assessment, _("Komentar dikirim."))
    context = _assessment_context(request, assessment, comment_form=form)
    return render(request, "evaluations/assessment.html", context, status=400)


_ACTIONS = {
    "self": _post_self_assessment,
    "review": _post_review,
    "decide": _post_decide,
    "stage": _post_stage,
    "assign": _post_assign,
    "comment": _post_comment,
}


# -- respondents' to-do list and notifications ------------------------------------------------
@login_required
def my_tasks(request):
    return render(
        request, "evaluations/my_tasks.html", {"tasks": list(selectors.my_tasks(user=request.user))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    if request.method == "POST":
        ids = request.POST.getlist("id")
        services.notification_mark_read(
            user=request.user, ids=[int(i) for i in ids if i.isdigit()] or None
        )
        return redirect("evaluations:notifications")
    items = list(selectors.notification_list(user=request.user)[:200])
    return render(request, "evaluations/notifications.html", {"items": items})
