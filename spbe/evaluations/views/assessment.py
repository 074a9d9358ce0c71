"""The page of one indicator: the self-assessment, review, decision, stage value, assignment and
comment forms it carries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from spbe.core.forms import apply_errors
from spbe.evaluations import access, selectors, services
from spbe.evaluations.forms import (
    AssignForm,
    CommentForm,
    DecideForm,
    ReviewForm,
    SelfAssessmentForm,
    StageValueForm,
)
from spbe.evaluations.selectors.evidence_review import assessment_evidence_review
from spbe.evaluations.views._common import error_text
from spbe.frameworks.selectors import indicator_ladder
from spbe.frameworks.stages import self_assessment_stage


def _assessment_context(request, assessment, **forms):
    user = request.user
    cycle = assessment.cycle
    history = selectors.assessment_history(assessment)
    own_stage = self_assessment_stage(cycle.framework).code
    mandiri = next((v for v in history["stage_values"] if v.stage == own_stage), None)
    # the form starts from the latest claim revision (the mandiri value stays as recorded)
    latest_claim = history["claims"][-1] if history["claims"] else None
    explained = selectors.explanation(latest_claim, mandiri)
    fills_in = access.fills_in(user, assessment) and not cycle.is_locked
    reviews = access.reviews(user, assessment) and not cycle.is_locked
    coordinates = access.coordinates(user, cycle) and not cycle.is_locked
    initial = {
        "revision": assessment.revision,
        "value": _level_str(assessment.claimed_value, cycle),
        "fakta": explained.fakta if explained else "",
        "analisis": explained.analisis if explained else "",
        "subject_name": assessment.subject_name,
    }
    context = {
        "cycle": cycle,
        "assessment": assessment,
        "indicator": assessment.indicator,
        "ladder": indicator_ladder(assessment.indicator),
        "mandiri": mandiri,
        "explained": explained,
        "stage_values": history["stage_values"],
        "claims": history["claims"],
        "comments": history["comments"],
        "warnings": selectors.claim_warnings(assessment),
        "evidence_review": assessment_evidence_review(assessment),
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
    explained = context["explained"]
    context["conflict"] = {
        "message": error_text(exc),
        "value": current.claimed_value,
        "fakta": explained.fakta if explained else "",
        "analisis": explained.analisis if explained else "",
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
        form_kwargs={"instansi": assessment.cycle.instansi},
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
