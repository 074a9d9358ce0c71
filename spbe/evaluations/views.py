"""Pages of the evaluation cycle. Thin: access is `spbe.evaluations.access` /
`spbe.organizations.permissions`, reads are selectors, writes are services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.core.forms import apply_errors
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
from spbe.evaluations.models import Cycle
from spbe.evaluations.services.cycles import next_states
from spbe.frameworks.selectors import indicator_ladder
from spbe.frameworks.stages import self_assessment_stage
from spbe.organizations.permissions import can
from spbe.organizations.selectors import instansi_managed


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# -- cycles -----------------------------------------------------------------------------------
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


# -- one indicator ----------------------------------------------------------------------------
def _assessment_context(request, assessment, **forms):
    user = request.user
    cycle = assessment.cycle
    history = selectors.assessment_history(assessment)
    own_stage = self_assessment_stage(cycle.framework).code
    mandiri = next((v for v in history["stage_values"] if v.stage == own_stage), None)
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
        "external": _external(assessment),
        "fills_in": fills_in,
        # the one rule for the respondent's form: None shows the form, else the reason
        "self_refusal": services.self_assessment_refusal(assessment) if fills_in else None,
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


def _external(assessment) -> dict | None:
    """For an externally sourced indicator: why it takes no level and its value now."""
    indicator = assessment.indicator
    if indicator.source != indicator.Source.EXTERNAL:
        return None
    value, pending = selectors.cycle_external_values(assessment.cycle)[str(indicator.number)]
    return {
        "message": services.external_source_message(indicator, assessment.cycle.framework),
        "value": value,
        "pending": pending,
    }


def _level_str(value, cycle):
    if value is None:
        return None
    if cycle.framework.value_kind == "integer":
        return str(int(value))
    return value


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


def _post_form(request, assessment, *, form_class, form_name, write, success, form_kwargs=None):
    """Validate `form_class`, run `write(cleaned_data)`; a stale revision answers 409 with
    both versions, any other refusal re-renders the page with the errors on the form."""
    form_kwargs = form_kwargs if form_kwargs is not None else {"assessment": assessment}
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except services.StaleRevision as exc:
            data = request.POST.copy()
            data["revision"] = str(exc.current.revision)  # saving again is a deliberate choice
            form = form_class(data, **form_kwargs)
            return _conflict_response(request, assessment, exc, form_name, form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return _done(request, assessment, success)
    context = _assessment_context(request, assessment, **{form_name: form})
    return render(request, "evaluations/assessment.html", context, status=400)


def _post_self_assessment(request, assessment):
    access.ensure_fills_in(request.user, assessment)
    submit = request.POST.get("submit") == "1"
    return _post_form(
        request,
        assessment,
        form_class=SelfAssessmentForm,
        form_name="form",
        success=_("Diajukan untuk direviu.") if submit else _("Draf disimpan."),
        write=lambda data: services.assessment_save(
            actor=request.user,
            assessment=assessment,
            revision=data["revision"],
            value=data["value"],
            fakta=data["fakta"],
            analisis=data["analisis"],
            subject_name=data.get("subject_name"),
            submit=submit,
            request=request,
        ),
    )


def _review(request, assessment, data):
    return services.review_decide(
        actor=request.user,
        assessment=assessment,
        decision=data["decision"],
        revision=data["revision"],
        note=data["note"],
        value=data.get("value"),
        request=request,
    )


def _post_review(request, assessment):
    access.ensure_reviews(request.user, assessment)
    return _post_form(
        request,
        assessment,
        form_class=ReviewForm,
        form_name="review_form",
        success=_("Reviu disimpan."),
        write=lambda data: _review(request, assessment, data),
    )


def _post_decide(request, assessment):
    access.ensure_coordinates(request.user, assessment.cycle)
    return _post_form(
        request,
        assessment,
        form_class=DecideForm,
        form_name="decide_form",
        success=_("Level akhir penilaian mandiri ditetapkan."),
        write=lambda data: services.assessment_decide(
            actor=request.user, assessment=assessment, request=request, **data
        ),
    )


def _post_stage(request, assessment):
    access.ensure_coordinates(request.user, assessment.cycle)
    return _post_form(
        request,
        assessment,
        form_class=StageValueForm,
        form_name="stage_form",
        success=_("Nilai tahap disimpan."),
        write=lambda data: services.stage_value_set(
            actor=request.user, assessment=assessment, request=request, **data
        ),
    )


def _post_assign(request, assessment):
    access.ensure_coordinates(request.user, assessment.cycle)
    return _post_form(
        request,
        assessment,
        form_class=AssignForm,
        form_name="assign_form",
        instansi=assessment.cycle.instansi,
        success=_("Penugasan disimpan."),
        write=lambda data: services.assessment_assign(
            actor=request.user, assessment=assessment, request=request, **data
        ),
    )


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
