"""The home page: what each role opens the day with, composed from the apps' selectors.

Nothing here computes an index, a predikat, a progress bar or an evidence gap: they come from
`spbe.evaluations.selectors`, `spbe.reports.selectors`, `spbe.planning.selectors` and
`spbe.leaders.selectors`. This module only decides which sections a person sees (once each,
whatever number of grants they hold), which cycles those sections are about, and loads each
cycle's figures once: the koordinator's cycles only the figures shown (`cycle_summaries`), the
pimpinan's the dashboard their trend and brief come from.

Sections, by what the permission rule says the person does (`scope_for`):

- responden (edits some unit's work): "Tugas saya", the indicators returned for revision, the
  latest comments of others on their indicators;
- asesor (reviews some instansi): the submitted indicators waiting for their review;
- koordinator / administrator (manages some instansi): the current cycles, latest official
  first: state, index per stage, progress, what waits for review or decision, what is late;
- pimpinan: the brief of the current cycle (figure against target, the causes, the lagging
  SKPD and their people, what changed this week; `spbe.leaders`), the latest finished result,
  the current cycle's latest stage and the trend;
- pembina (on a province): the province against its kabupaten/kota;
- everyone: the unread notifications.

Cost: a fixed number of queries for a given set of grants, whatever the number of units,
indicators, comments, notifications, action items or years of history.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db.models import F, Q
from django.utils.translation import gettext as _

from spbe.evaluations.models import Assessment, Comment, Cycle
from spbe.evaluations.selectors import (
    assessment_visible,
    cycle_visible,
    my_tasks,
    notification_list,
)
from spbe.evaluations.selectors.figures import StageFigure
from spbe.evaluations.services.assessments import self_assessment_refusal
from spbe.frameworks.models import Indicator
from spbe.frameworks.stages import final_stage
from spbe.leaders.selectors import leader_brief
from spbe.organizations.models import InstansiKind, Role
from spbe.organizations.permissions import can, scope_for
from spbe.organizations.scope import Scope
from spbe.organizations.selectors import instansi_managed, instansi_visible, unit_visible
from spbe.planning.selectors import overdue_action_counts
from spbe.reports.selectors.dashboard import CycleDashboard, cycle_dashboard, cycle_trend
from spbe.reports.selectors.history import OFFICIAL_KINDS, HistoryPoint, finished_cycle_scores
from spbe.reports.selectors.province import ProvinceRow, province_comparison
from spbe.reports.selectors.summary import cycle_summaries
from spbe.web.home_sections import (
    CoordinatorCycle,
    CoordinatorSection,
    HomePage,
    LeaderView,
    ProvinceSummary,
    ReviewSection,
    TaskSection,
)

#: How many current cycles the koordinator section shows (the rest: the cycle list).
CURRENT_CYCLES_SHOWN = 3
#: Unread notifications and recent comments shown on the home page.
NOTIFICATIONS_SHOWN = 5
COMMENTS_SHOWN = 5

Status = Assessment.Status


# -- the page ---------------------------------------------------------------------------------
def home_page(*, user) -> HomePage:
    """Every section the user's grants call for, each once."""
    scope = scope_for(user)
    labels = dict(Role.choices)
    page = HomePage(roles=[str(labels[r]) for r in Role.values if r in scope.roles])
    dashboards = _Dashboards()
    if scope.edit_unit_ids or scope.edit_instansi_ids:
        page.tasks = _tasks(user, scope)
    if scope.review_instansi_ids:
        page.reviews = ReviewSection(_waiting_review(user, scope))
    if scope.is_admin or scope.manage_instansi_ids:
        page.coordinator = _coordinator(user)
    if Role.PIMPINAN in scope.roles:
        page.leaders = _leaders(user, _grant_instansi(scope, Role.PIMPINAN), dashboards)
    if Role.PEMBINA in scope.roles:
        page.provinces = _provinces(user, _grant_instansi(scope, Role.PEMBINA))
    page.notifications = list(notification_list(user=user, unread_only=True)[:NOTIFICATIONS_SHOWN])
    return page


class _Dashboards:
    """Each cycle's dashboard figures computed once per page, whichever sections use them;
    with its trend only when a section shows it (the trend scores the instansi's history)."""

    def __init__(self):
        self._by_cycle: dict[int, CycleDashboard] = {}

    def of(self, cycle: Cycle, *, trend: bool) -> CycleDashboard:
        known = self._by_cycle.get(cycle.pk)
        if known is None:
            known = self._by_cycle[cycle.pk] = cycle_dashboard(cycle, trend=trend)
        elif trend and known.trend is None:  # the figures are known: only the trend is new
            known.trend = cycle_trend(cycle, known.figures.headline)
        return known


def _grant_instansi(scope: Scope, role: str) -> set[int]:
    return {instansi_id for r, instansi_id, *_rest in scope.grants if r == role}


def _current_first(cycles: list[Cycle]) -> list[Cycle]:
    """The unfinished cycles of `cycles` (given latest year first), official ones first."""
    unfinished = [c for c in cycles if c.state != Cycle.State.SELESAI]
    return sorted(unfinished, key=lambda c: c.kind not in OFFICIAL_KINDS)  # stable


# -- responden --------------------------------------------------------------------------------
def _tasks(user, scope: Scope) -> TaskSection:
    units = (
        list(unit_visible(user=user).filter(pk__in=scope.edit_unit_ids))
        if scope.edit_unit_ids
        else []
    )
    tasks = list(my_tasks(user=user))
    for task in tasks:
        task.editable_now = self_assessment_refusal(task) is None
    comments = list(
        Comment.objects.filter(assessment_id__in=[a.pk for a in tasks])
        .exclude(author=user)
        .select_related("author", "assessment__cycle", "assessment__indicator")
        .order_by("-created_at", "-pk")[:COMMENTS_SHOWN]
    )
    return TaskSection(units=units, tasks=tasks, comments=comments)


# -- asesor -----------------------------------------------------------------------------------
def _waiting_review(user, scope: Scope) -> list[Assessment]:
    """Submitted (diajukan) indicators of unfinished cycles in the instansi the user reviews,
    whose reviewer is the user or nobody yet; the earliest review deadline first."""
    return list(
        assessment_visible(user=user, status=Status.DIAJUKAN)
        .filter(cycle__instansi_id__in=scope.review_instansi_ids)
        .filter(Q(reviewer=user) | Q(reviewer__isnull=True))
        .exclude(cycle__state=Cycle.State.SELESAI)
        # another agency's index has no evidence to review: it is not the asesor's work
        .exclude(indicator__source=Indicator.Source.EXTERNAL)
        .order_by(
            F("cycle__review_due").asc(nulls_last=True),
            F("submitted_at").asc(nulls_last=True),
            "cycle_id",
            "indicator__order",
        )
    )


# -- koordinator ------------------------------------------------------------------------------
def _coordinator(user) -> CoordinatorSection:
    managed = instansi_managed(user=user).values("pk")
    cycles = _current_first(
        list(
            cycle_visible(user=user)
            .filter(instansi_id__in=managed)
            .exclude(state=Cycle.State.SELESAI)
        )
    )
    shown = cycles[:CURRENT_CYCLES_SHOWN]
    decisions = _waiting_decision([c.pk for c in shown])
    summaries = cycle_summaries(shown)
    overdue_actions = overdue_action_counts([c.pk for c in shown])
    section = CoordinatorSection(cycles=[], more=len(cycles) > CURRENT_CYCLES_SHOWN)
    for cycle in shown:
        section.cycles.append(
            CoordinatorCycle(
                cycle=cycle,
                summary=summaries[cycle.pk],
                waiting_decision=decisions.get(cycle.pk, 0),
                overdue_actions=overdue_actions.get(cycle.pk, 0),
                audit=can(user, "audit.view", cycle.instansi),
            )
        )
    return section


def _waiting_decision(cycle_ids: list[int]) -> dict[int, int]:
    """cycle id → indicators the asesor approved at a level other than the respondent's claim
    and the koordinator has not decided yet (one query for all cycles)."""
    if not cycle_ids:
        return {}
    differs = (
        Q(claimed_value__isnull=True)
        | Q(reviewed_value__lt=F("claimed_value"))
        | Q(reviewed_value__gt=F("claimed_value"))
    )
    rows = (
        Assessment.objects.filter(
            cycle_id__in=cycle_ids,
            status=Status.DISETUJUI,
            decided_at__isnull=True,
            reviewed_value__isnull=False,
        )
        .filter(differs)
        .values_list("cycle_id", flat=True)
    )
    return dict(Counter(rows))


# -- pimpinan ---------------------------------------------------------------------------------
def _leaders(user, instansi_ids: set[int], dashboards: _Dashboards) -> list[LeaderView]:
    """The instansi-wide figures of the instansi where the person leads; a pimpinan heading
    one unit sees none (the rule of `spbe.evaluations.access.sees_whole_instansi`)."""
    cycles = list(
        cycle_visible(user=user, whole_instansi=True).filter(instansi_id__in=instansi_ids)
    )
    current_of: dict[int, Cycle] = {}
    for cycle in _current_first(cycles):
        current_of.setdefault(cycle.instansi_id, cycle)
    finished_of: dict[int, Cycle] = {}
    for cycle in cycles:  # latest year first
        if cycle.state == Cycle.State.SELESAI and cycle.kind in OFFICIAL_KINDS:
            finished_of.setdefault(cycle.instansi_id, cycle)
    scores = finished_cycle_scores(finished_of.values())
    views = []
    for instansi_id in sorted({c.instansi_id for c in cycles}):
        current, finished = current_of.get(instansi_id), finished_of.get(instansi_id)
        basis = current or finished
        if basis is None:  # only finished internal rounds: nothing to headline
            continue
        views.append(
            LeaderView(
                current=current,
                finished=finished,
                finished_figure=StageFigure(
                    final_stage(finished.framework).code,
                    _("Hasil akhir %(cycle)s") % {"cycle": finished.name},
                    scores[finished.pk],
                )
                if finished is not None
                else None,
                dashboard=dashboards.of(basis, trend=True),
                brief=leader_brief(user=user, dashboard=dashboards.of(current, trend=False))
                if current is not None
                else None,
            )
        )
    return views


# -- pembina ----------------------------------------------------------------------------------
def _provinces(user, instansi_ids: set[int]) -> list[ProvinceSummary]:
    provinces = instansi_visible(user=user).filter(pk__in=instansi_ids, kind=InstansiKind.PROVINSI)
    return [_province_summary(user, province) for province in provinces]


def _point_of(row: ProvinceRow, year: int | None) -> HistoryPoint | None:
    return next((p for p in row.history if p.year == year), None)


def _province_summary(user, province) -> ProvinceSummary:
    comparison = province_comparison(user=user, province=province)
    own = comparison.province_row
    kabkota = [row for row in comparison.rows if not row.is_province]
    years = [p.year for row in kabkota for p in row.history if p.index is not None]
    year = max(years) if years else comparison.year
    points = [_point_of(row, year) for row in kabkota]
    with_data = [p for p in points if p is not None and p.predikat]
    counts = Counter(p.predikat for p in with_data)
    # Best predikat first: order the groups by the highest index found in each.
    best: dict[str, Decimal] = {}
    for point in with_data:
        if point.index is not None:
            best[point.predikat] = max(best.get(point.predikat, point.index), point.index)
    order = sorted(counts, key=lambda p: (-(best.get(p) or Decimal(0)), p))
    latest = own.history[-1] if own and own.history else None
    return ProvinceSummary(
        comparison=comparison,
        province_point=latest,
        year=year,
        province_at_year=_point_of(own, year) if own else None,
        by_predikat=[(predikat, counts[predikat]) for predikat in order],
        without_data=len(kabkota) - len(with_data),
        kabkota=len(kabkota),
    )
