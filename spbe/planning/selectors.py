"""Reads for planning: the planner's base values and proposal, what-if, action plans and the
progress a plan makes. Every index comes from the engine (`plan_target`, `what_if`)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from spbe.core.numbers import fmt_id, fmt_level
from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors.figures import CycleFigures, IndicatorRow, StageFigure
from spbe.frameworks.planner_assumptions import planner_defaults
from spbe.frameworks.stages import self_assessment_stage, stage_labels
from spbe.organizations.models import Role, RoleGrant
from spbe.planning.models import ActionItem, Target
from spbe.planning.planner_rules import (
    ExternalOption,
    LevelNeed,
    external_options,
    levels_needed,
    planner_defaults_text,
    step_needs,
)
from spbe.scoring import PlanChange, PlanResult, ScoringError, WhatIfResult, plan_target, what_if

User = get_user_model()

OPEN_STATUSES = (ActionItem.Status.RENCANA, ActionItem.Status.BERJALAN)


# -- the planner -----------------------------------------------------------------------------
@dataclass(frozen=True)
class PlannerInput:
    """What the coordinator asks the planner; efforts and costs are per level step."""

    target: Decimal
    stage: str = ""  # base stage; "" = the default (see `planner_base`)
    efforts: dict[str, Decimal] = field(default_factory=dict)
    costs: dict[str, Decimal] = field(default_factory=dict)  # Rupiah per step
    frozen: frozenset[str] = frozenset()
    max_steps: int | None = None  # None = the framework's default (`planner_defaults`)
    # other agencies' indices: index code → the published value to plan with (e.g. SDI 70)
    external: dict[str, Decimal] = field(default_factory=dict)


def planner_base(figures: CycleFigures, stage: str = "") -> tuple[StageFigure | None, str]:
    """The stage whose values a plan starts from, and a sentence saying which and why.

    Default: the latest stage with every value filled in, else the self-assessment.
    """
    labels = stage_labels(figures.cycle.framework)
    if stage:
        figure = figures.stage(stage)
        if figure is None:
            return None, _("Tahap %(stage)s belum punya nilai.") % {
                "stage": labels.get(stage, stage)
            }
        return figure, _("Nilai dasar: tahap %(stage)s (dipilih).") % {"stage": figure.label}
    figure = figures.latest_complete
    if figure is not None:
        return figure, _("Nilai dasar: tahap %(stage)s, tahap terakhir yang nilainya lengkap.") % {
            "stage": figure.label
        }
    figure = figures.stage(self_assessment_stage(figures.cycle.framework).code)
    if figure is None:
        return None, _("Belum ada tahap yang bernilai.")
    return figure, _("Nilai dasar: %(stage)s (belum ada tahap yang lengkap).") % {
        "stage": figure.label
    }


@dataclass(frozen=True)
class ProposalChange:
    change: PlanChange
    row: IndicatorRow
    cost: Decimal | None  # Rupiah: cost per step × steps
    reason: str = ""  # `change_reason`: the engine's justification in Indonesian number style
    needs: tuple[LevelNeed, ...] = ()  # what each level reached needs (criteria, evidence)

    @property
    def needs_text(self) -> str:
        return " ".join(need.text() for need in self.needs)


def planner_target_refusal(spec, target: Decimal) -> str | None:
    """Why a target index cannot be planned for (outside the framework's range); None if it
    can. The one check of the planner page, the planner API, saving a target and the CLI."""
    if spec.value_min <= target <= spec.value_max:
        return None
    return _("Target indeks harus di antara %(lo)s dan %(hi)s.") % {
        "lo": fmt_id(spec.value_min),
        "hi": fmt_id(spec.value_max),
    }


def change_reason(change: PlanChange, value_kind: str) -> str:
    """Why the planner proposes a move, written for the reader: "Naik 2,50 → 3,00: +0,0250
    poin indeks (0,0083 poin per satuan usaha)." (the engine's `reason` is machine style)."""
    rate = (
        _("%(r)s poin per satuan usaha") % {"r": fmt_id(change.gain_per_effort, 4)}
        if change.gain_per_effort is not None
        else _("tanpa usaha")
    )
    return _("Naik %(a)s → %(b)s: +%(gain)s poin indeks (%(rate)s).") % {
        "a": fmt_level(change.from_value, value_kind),
        "b": fmt_level(change.to_value, value_kind),
        "gain": fmt_id(change.index_gain, 4),
        "rate": rate,
    }


@dataclass(frozen=True)
class Proposal:
    inputs: PlannerInput
    base: StageFigure
    base_reason: str
    plan: PlanResult
    changes: list[ProposalChange]
    max_steps: int | None = None  # the cap used (the user's, else the framework's default)
    assumptions: str = ""  # `planner_defaults_text`
    external: list[ExternalOption] = field(default_factory=list)

    @property
    def total_cost(self) -> Decimal | None:
        costs = [c.cost for c in self.changes if c.cost is not None]
        return sum(costs, Decimal(0)) if costs else None


def planner_propose(*, figures: CycleFigures, inputs: PlannerInput) -> Proposal:
    """The engine's least-effort plan reaching `inputs.target` from the base stage.

    Raises ValidationError (Bahasa Indonesia) when the base stage is incomplete or an input
    cannot be planned with.
    """
    refusal = planner_target_refusal(figures.spec, inputs.target)
    if refusal:
        raise ValidationError({"target": refusal})
    base, reason = planner_base(figures, inputs.stage)
    if base is None:
        raise ValidationError(reason)
    if not base.result.complete:
        raise ValidationError(
            _(
                "Tahap %(stage)s belum lengkap (%(n)d indikator tanpa nilai); perencana "
                "membutuhkan nilai semua indikator."
            )
            % {"stage": base.label, "n": len(base.result.missing)}
        )
    framework = figures.cycle.framework
    defaults = planner_defaults(framework)
    max_steps = inputs.max_steps if inputs.max_steps is not None else defaults.max_steps
    external = external_options(figures.cycle, inputs.external)
    values = dict(base.result.values)
    for option in external:  # moved only by the agency index value the user states
        for key in option.numbers:
            if option.target_value is not None:
                values[key] = option.target_value
    top = int(figures.spec.value_max)
    efforts = {
        key: default
        for key, value in values.items()
        if key not in inputs.efforts and (default := defaults.efforts_from(value, top))
    }
    efforts.update(inputs.efforts)
    try:
        plan = plan_target(
            figures.spec,
            values,
            inputs.target,
            effort=efforts,
            max_steps=max_steps,
            frozen=inputs.frozen | {key for option in external for key in option.numbers},
            allow_zero=True,
            predikat_basis=base.result.predikat_basis,
        )
    except ScoringError as exc:
        raise ValidationError(str(exc)) from exc
    by_key = {row.key: row for row in figures.rows}
    needs = levels_needed(framework, [change.indicator for change in plan.changes])
    changes = [
        ProposalChange(
            change=change,
            row=by_key[change.indicator],
            cost=inputs.costs[change.indicator] * change.steps
            if change.indicator in inputs.costs
            else None,
            reason=change_reason(change, figures.spec.value_kind),
            needs=tuple(
                step_needs(needs.get(change.indicator, {}), change.from_value, change.to_value)
            ),
        )
        for change in plan.changes
    ]
    return Proposal(
        inputs=inputs,
        base=base,
        base_reason=reason,
        plan=plan,
        changes=changes,
        max_steps=max_steps,
        assumptions=planner_defaults_text(defaults),
        external=external,
    )


def target_of(cycle: Cycle) -> Target | None:
    return Target.objects.filter(cycle=cycle).first()


def planner_input_from_target(target: Target) -> PlannerInput:
    """The saved planner inputs of a cycle's target."""
    efforts, costs = {}, {}
    for key, entry in (target.efforts or {}).items():
        if entry.get("effort") not in (None, ""):
            efforts[key] = Decimal(str(entry["effort"]))
        if entry.get("cost") not in (None, ""):
            costs[key] = Decimal(str(entry["cost"]))
    return PlannerInput(
        target=target.target_index,
        stage=target.base_stage,
        efforts=efforts,
        costs=costs,
        frozen=frozenset(map(str, target.frozen or ())),
        max_steps=target.max_steps,
        external={code: Decimal(str(raw)) for code, raw in (target.external_targets or {}).items()},
    )


def default_due_date(cycle: Cycle, *, today: datetime.date | None = None) -> datetime.date:
    """Due date given to action items made from a proposal: the later of the cycle's next
    deadline (self-assessment or internal review, whichever is next and not past) and today
    + `SPBE_ACTION_DUE_DAYS` days, so a new item is never overdue the day it is made."""
    today = today or timezone.localdate()
    soonest = today + datetime.timedelta(days=settings.SPBE_ACTION_DUE_DAYS)
    upcoming = [d for d in (cycle.self_assessment_due, cycle.review_due) if d and d >= today]
    return max([soonest, min(upcoming)] if upcoming else [soonest])


def default_owner_persons(unit_ids: Iterable[int]) -> dict[int, User]:
    """unit id → the person who owns its action items by default: the unit's respondent when
    it has exactly one (1 query); units with none or several are left out (no owner)."""
    found: dict[int, dict[int, User]] = defaultdict(dict)
    for grant in RoleGrant.objects.filter(
        role=Role.RESPONDEN, unit_id__in=set(unit_ids), user__is_active=True
    ).select_related("user"):
        found[grant.unit_id][grant.user_id] = grant.user
    return {unit: next(iter(users.values())) for unit, users in found.items() if len(users) == 1}


def action_defaults_rule(cycle: Cycle, *, today: datetime.date | None = None) -> str:
    """The defaults of action items made from a proposal, in words, for the planner form."""
    return _(
        "Batas waktu bawaan: %(date)s (yang lebih akhir dari batas waktu siklus berikutnya "
        "dan %(days)d hari dari hari ini). Penanggung jawab bawaan: responden unit penanggung "
        "jawab bila unit itu punya tepat satu responden; selain itu dikosongkan."
    ) % {
        "date": date_format(default_due_date(cycle, today=today), "j F Y"),
        "days": settings.SPBE_ACTION_DUE_DAYS,
    }


# -- what-if ---------------------------------------------------------------------------------
def cycle_what_if(
    *, figures: CycleFigures, stage: str, changes: dict[str, Decimal | None]
) -> WhatIfResult:
    """The engine's what-if over one stage's values; nothing is saved.

    Raises ValidationError for a value the framework does not allow.
    """
    figure = figures.stage(stage) or figures.headline
    if figure is None:
        raise ValidationError(_("Siklus ini belum punya nilai."))
    try:
        return what_if(
            figures.spec,
            figure.result.values,
            changes,
            allow_zero=True,
            predikat_basis=figure.result.predikat_basis,
        )
    except ScoringError as exc:
        raise ValidationError(str(exc)) from exc


# -- action plans ----------------------------------------------------------------------------
def action_items_of(cycle: Cycle) -> QuerySet[ActionItem]:
    """A cycle's action items with indicator, owners and evidence loaded (3 queries)."""
    return (
        ActionItem.objects.filter(cycle=cycle)
        .select_related("indicator", "owner_unit", "owner_person")
        .prefetch_related("evidence")
        .order_by("due_date", "pk")
    )


def action_item_get(*, cycle: Cycle, pk) -> ActionItem:
    return get_object_or_404(action_items_of(cycle), pk=pk)


def is_overdue(item: ActionItem, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(item.due_date and item.due_date < today and item.status in OPEN_STATUSES)


def overdue_action_counts(
    cycle_ids: Iterable[int], today: datetime.date | None = None
) -> dict[int, int]:
    """cycle id → its overdue action items (`is_overdue`), for many cycles in one query."""
    counts: dict[int, int] = defaultdict(int)
    for item in ActionItem.objects.filter(cycle_id__in=list(cycle_ids)).only(
        "cycle_id", "due_date", "status"
    ):
        counts[item.cycle_id] += is_overdue(item, today)
    return dict(counts)


@dataclass(frozen=True)
class PlanProgress:
    """Where the plan leads: the index if every non-cancelled item is done vs done so far."""

    base: StageFigure
    if_done: WhatIfResult
    achieved: WhatIfResult
    target: Decimal | None


def plan_progress(
    *, figures: CycleFigures, items: list[ActionItem], target: Target | None
) -> PlanProgress | None:
    """Engine scores of the base values raised to the items' target levels (all non-cancelled
    items / only finished ones). None when no stage can serve as the base."""
    base, _reason = planner_base(figures, target.base_stage if target else "")
    if base is None or not base.result.complete:
        return None
    planned: dict[str, Decimal] = {}
    finished: dict[str, Decimal] = {}
    for item in items:
        key = str(item.indicator.number)
        if item.status == ActionItem.Status.BATAL:
            continue
        planned[key] = max(planned.get(key, item.target_value), item.target_value)
        if item.status == ActionItem.Status.SELESAI:
            finished[key] = max(finished.get(key, item.target_value), item.target_value)

    def raised(levels: dict[str, Decimal]) -> dict[str, Decimal]:
        values = base.result.values
        return {k: v for k, v in levels.items() if k in values and v > values[k]}

    def run(levels):
        return what_if(
            figures.spec,
            base.result.values,
            raised(levels),
            allow_zero=True,
            predikat_basis=base.result.predikat_basis,
        )

    return PlanProgress(
        base=base,
        if_done=run(planned),
        achieved=run(finished),
        target=target.target_index if target else None,
    )


def group_items(items: list[ActionItem], by: str) -> list[tuple[str, list[ActionItem]]]:
    """Items grouped by owner unit ("unit") or by indicator ("indikator"), in display order."""
    groups: dict[str, list[ActionItem]] = defaultdict(list)
    order: dict[str, tuple] = {}
    for item in items:
        if by == "unit":
            label = item.owner_unit.name if item.owner_unit else _("Tanpa unit")
            order[label] = (item.owner_unit is None, label)
        else:
            label = str(item.indicator)
            order[label] = (item.indicator.order, label)
        groups[label].append(item)
    return [(label, groups[label]) for label in sorted(groups, key=lambda k: order[k])]
