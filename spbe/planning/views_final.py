"""The page "Rencana menuju nilai akhir": the plan judged on the expected final index, with
the assumption in words, the steps that fit before the deadline and those for next year, and,
once the final result is in, plan vs claim vs final per indicator. Reads only; saves nothing."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from spbe.core.numbers import parse_decimal
from spbe.evaluations.selectors import cycle_get
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.planning.feedback import cycle_feedback
from spbe.planning.final_plan import final_plan_propose
from spbe.planning.selectors import PlannerInput

CONFIDENCE_CHOICES = ("", "0.8", "0.9")


def _target(raw: str, spec) -> Decimal:
    try:
        value = parse_decimal(raw)
    except (ArithmeticError, ValueError):
        value = None
    if value is None or not value.is_finite() or not spec.value_min <= value <= spec.value_max:
        raise ValidationError(
            _("Target harus angka %(a)s–%(b)s, mis. 3,00.")
            % {"a": spec.value_min, "b": spec.value_max}
        )
    return value


def _max_steps(request) -> int | None:
    raw = request.GET.get("langkah", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError(_("Kenaikan level per indikator harus bilangan bulat ≥ 0."))
    return int(raw)


@login_required
@require_GET
def final_plan(request, pk):
    cycle = cycle_get(user=request.user, pk=pk, whole_instansi=True)
    figures = cycle_figures(cycle)
    raw_target = request.GET.get("target", "").strip()
    confidence = request.GET.get("keyakinan", "")
    if confidence not in CONFIDENCE_CHOICES:
        confidence = ""
    proposal, error = None, None
    if raw_target:
        try:
            proposal = final_plan_propose(
                figures=figures,
                inputs=PlannerInput(
                    target=_target(raw_target, figures.spec), max_steps=_max_steps(request)
                ),
                confidence=Fraction(confidence) if confidence else None,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "planning/final_plan.html",
        {
            "cycle": cycle,
            "figures": figures,
            "proposal": proposal,
            "error": error,
            "raw_target": raw_target,
            "confidence": confidence,
            "max_steps": request.GET.get("langkah", ""),
            "feedback": cycle_feedback(figures),
        },
    )
