"""Reads on planned ICT spending: scoped lists, the consolidation per year and the flags.

Scope is the inventory's rule: a respondent sees their units' items, whoever sees the whole
instansi sees all. Consolidation and flags are instansi-wide (coordinator, pimpinan)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from spbe.budget.models import BudgetItem
from spbe.inventory import matching
from spbe.inventory.models import Application
from spbe.inventory.selectors import app_record, instansi_place_words
from spbe.organizations.models import Instansi
from spbe.organizations.permissions import scope_for


def budget_items(*, user, instansi: Instansi, year: int | None = None) -> QuerySet[BudgetItem]:
    """The items the user sees, with their unit (one query; m2m prefetched on demand)."""
    scope = scope_for(user)
    if not scope.sees_instansi(instansi.pk):
        raise Http404
    qs = BudgetItem.objects.filter(instansi=instansi).select_related("unit")
    if not scope.sees_whole_instansi(instansi.pk):
        qs = qs.filter(unit_id__in=scope.unit_ids)
    if year is not None:
        qs = qs.filter(fiscal_year=year)
    return qs


def budget_item_get(*, user, instansi: Instansi, pk: int) -> BudgetItem:
    item = (
        budget_items(user=user, instansi=instansi)
        .prefetch_related("indicators", "applications", "infrastructure")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


def counted(qs):
    """Cancelled items are listed but never counted in totals."""
    return qs.exclude(status=BudgetItem.Status.DIBATALKAN)


def _domain_of(indicator) -> str:
    aspect = indicator.aspect
    group = aspect.parent if aspect.parent_id else aspect
    return f"{indicator.framework.code} · {group.code} {group.name}"


@dataclass
class Consolidation:
    year: int
    total: int = 0
    realised: int = 0
    items: int = 0
    by_unit: list[tuple[str, int]] = field(default_factory=list)
    by_category: list[tuple[str, int]] = field(default_factory=list)
    # An item linked to several indicators counts fully for each (totals may overlap).
    by_indicator: list[tuple[str, int]] = field(default_factory=list)
    by_domain: list[tuple[str, int]] = field(default_factory=list)


def consolidation(*, instansi: Instansi, year: int) -> Consolidation:
    """Totals per unit, category, indicator and domain for one fiscal year (exact Rupiah).
    Three queries whatever the number of items."""
    items = list(
        counted(BudgetItem.objects.filter(instansi=instansi, fiscal_year=year))
        .select_related("unit")
        .prefetch_related("indicators__aspect__parent", "indicators__framework")
    )
    out = Consolidation(year=year, items=len(items))
    unit, category = defaultdict(int), defaultdict(int)
    indicator, domain = defaultdict(int), defaultdict(int)
    labels = dict(BudgetItem.Category.choices)
    for item in items:
        out.total += item.amount
        out.realised += item.realised_amount or 0
        unit[item.unit.name] += item.amount
        category[str(labels[item.category])] += item.amount
        domains = set()
        for ind in item.indicators.all():
            indicator[f"{ind.framework.code} {ind.code} {ind.short_name or ind.name}"] += (
                item.amount
            )
            domains.add(_domain_of(ind))
        for name in domains:
            domain[name] += item.amount

    def ordered(table):
        return sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))

    out.by_unit, out.by_category = ordered(unit), ordered(category)
    out.by_indicator, out.by_domain = ordered(indicator), ordered(domain)
    return out


def indicator_costs(*, instansi: Instansi, year: int, framework_code: str) -> dict[str, int]:
    """Budgeted Rupiah per indicator code of one framework: what the target planner may use
    as an indicator's cost (PlannerInput.costs)."""
    costs: dict[str, int] = defaultdict(int)
    items = counted(BudgetItem.objects.filter(instansi=instansi, fiscal_year=year))
    for item in items.prefetch_related("indicators__framework"):
        for ind in item.indicators.all():
            if ind.framework.code == framework_code:
                costs[ind.code] += item.amount
    return dict(costs)


@dataclass
class AppMatch:
    item: BudgetItem
    other: str  # the existing application or the other unit's planned one
    other_unit: str
    score: int
    reasons: str
    planned: bool  # True: planned in another unit's budget, False: already in the inventory


@dataclass
class BudgetFlags:
    builds_existing: list[AppMatch] = field(default_factory=list)
    unlinked: list[BudgetItem] = field(default_factory=list)
    unconsulted: list[BudgetItem] = field(default_factory=list)
    action_without_budget: list = field(default_factory=list)  # planning.ActionItem rows

    def needs_review(self) -> dict[int, list[str]]:
        """Item id -> the reasons it needs review (for the Surat Edaran's attachment)."""
        out: dict[int, list[str]] = defaultdict(list)
        for match in self.builds_existing:
            where = "direncanakan" if match.planned else "sudah ada"
            out[match.item.pk].append(
                f"mirip {match.other} ({match.other_unit}, {where}; {match.score}%)"
            )
        for item in self.unconsulted:
            out[item.pk].append("belum dikonsultasikan dengan Diskominfo")
        for item in self.unlinked:
            out[item.pk].append("tidak terkait indikator atau inventaris")
        return dict(out)


def budget_flags(*, instansi: Instansi, year: int) -> BudgetFlags:
    """The consolidation's flags for one year: items building an application that exists or
    is planned by another unit (the inventory's fuzzy matching), items linked to nothing,
    items without consultation (what indicator 13 asks), and action-plan items whose
    indicator has no budget behind it. A fixed number of queries."""
    items = list(
        counted(BudgetItem.objects.filter(instansi=instansi, fiscal_year=year))
        .select_related("unit")
        .prefetch_related("indicators", "applications", "infrastructure")
        .order_by("unit__name", "pk")
    )
    flags = BudgetFlags()
    place = instansi_place_words(instansi)
    apps = list(Application.objects.filter(instansi=instansi).select_related("owner_unit"))
    for item in items:
        if not (item.indicators.all() or item.applications.all() or item.infrastructure.all()):
            flags.unlinked.append(item)
        if not item.consultation_outcome:
            flags.unconsulted.append(item)
        flags.builds_existing.extend(_app_matches(item, items, apps, place))
    budgeted = {ind.pk for item in items for ind in item.indicators.all()}
    flags.action_without_budget = _actions_without_budget(instansi, budgeted)
    return flags


def _app_matches(item: BudgetItem, items, apps, place) -> list[AppMatch]:
    name = item.builds_application.strip()
    if not name:
        return []
    linked = {a.pk for a in item.applications.all()}
    others = [a for a in apps if a.owner_unit_id != item.unit_id and a.pk not in linked]
    found = []
    records = [app_record(a) for a in others]
    by_key = {a.pk: a for a in others}
    for cand in matching.matches_for(name, item.description, records, place=place)[:3]:
        app = by_key[cand.b.key]
        found.append(
            AppMatch(item, app.name, str(app.owner_unit or "—"), cand.score, cand.reasons, False)
        )
    planned = [
        matching.AppRecord(
            other.pk, other.builds_application, other.description, unit=other.unit.name
        )
        for other in items
        if other.unit_id != item.unit_id and other.builds_application.strip()
    ]
    for cand in matching.matches_for(name, item.description, planned, place=place)[:3]:
        found.append(AppMatch(item, cand.b.name, cand.b.unit, cand.score, cand.reasons, True))
    return found


def _actions_without_budget(instansi: Instansi, budgeted: set[int]) -> list:
    from spbe.planning.models import ActionItem

    open_states = (ActionItem.Status.RENCANA, ActionItem.Status.BERJALAN)
    actions = (
        ActionItem.objects.filter(cycle__instansi=instansi, status__in=open_states)
        .exclude(indicator_id__in=budgeted)
        .select_related("indicator", "owner_unit", "cycle")
        .order_by("cycle__year", "indicator__number")
    )
    return list(actions)


def budget_framework(instansi: Instansi):
    """The framework whose indicator codes budget items cite: the current cycle's, else the
    most recently loaded one."""
    from spbe.frameworks.models import Framework

    cycle = current_cycle(instansi)
    if cycle is not None:
        return cycle.framework
    return Framework.objects.order_by("-loaded_at", "-pk").first()


def current_cycle(instansi: Instansi):
    """The instansi's latest evaluation cycle (the one whose gaps the letter cites)."""
    from spbe.evaluations.models import Cycle

    return (
        Cycle.objects.filter(instansi=instansi)
        .select_related("framework")
        .order_by("-year", "-pk")
        .first()
    )


def current_costs(*, instansi: Instansi, year: int) -> dict[str, int]:
    """`indicator_costs` for the framework budget items cite (see `budget_framework`)."""
    framework = budget_framework(instansi)
    if framework is None:
        return {}
    return indicator_costs(instansi=instansi, year=year, framework_code=framework.code)


def summary_json(*, instansi: Instansi, year: int, figures=None, flags=None) -> dict:
    """The year's consolidation and flags as plain JSON data (`spbe budget summary --json`
    and the API return exactly this)."""
    figures = figures or consolidation(instansi=instansi, year=year)
    flags = flags or budget_flags(instansi=instansi, year=year)
    return {
        "instansi": instansi.instansi_key,
        "year": year,
        "items": figures.items,
        "total": figures.total,
        "realised": figures.realised,
        "by_unit": dict(figures.by_unit),
        "by_category": dict(figures.by_category),
        "by_indicator": dict(figures.by_indicator),
        "by_domain": dict(figures.by_domain),
        # Budgeted Rupiah per indicator code of the current framework: the target
        # planner's `costs` input.
        "costs": current_costs(instansi=instansi, year=year),
        "flags": {
            "builds_existing": [
                {
                    "item": m.item.pk,
                    "description": m.item.description,
                    "unit": m.item.unit.name,
                    "similar_to": m.other,
                    "other_unit": m.other_unit,
                    "score": m.score,
                    "planned": m.planned,
                    "reasons": m.reasons,
                }
                for m in flags.builds_existing
            ],
            "unlinked": [i.pk for i in flags.unlinked],
            "unconsulted": [i.pk for i in flags.unconsulted],
            "action_without_budget": [
                {
                    "cycle": a.cycle.name,
                    "indicator": a.indicator.code,
                    "description": a.description,
                }
                for a in flags.action_without_budget
            ],
        },
    }
