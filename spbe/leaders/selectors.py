"""The Sekda's question, "where do we stand and what holds us back?", answered from the
same figures as the dashboard.

Nothing is scored here: the figure is the dashboard's headline (the one engine through
`cycle_dashboard`), the target is the cycle's `spbe.planning` target, the counts are the
dashboard's own ("kurang dokumen", late indicators) and the lagging SKPD are the unit
scorecards' ranking. Cost: a fixed number of queries beyond the dashboard (target,
scorecard units, responsible people, audit counts), whatever the data size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spbe.audit.labels import action_label
from spbe.audit.selectors import event_counts_since
from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors.figures import StageFigure
from spbe.organizations.models import Role, RoleGrant
from spbe.planning.selectors import target_of
from spbe.reports.selectors.dashboard import CycleDashboard
from spbe.reports.selectors.units import UnitScorecard, unit_scorecards

#: How many causes, lagging SKPD and kinds of change the brief names (one screen).
CAUSES_SHOWN = 3
LAGGING_SHOWN = 5
CHANGES_SHOWN = 5
#: "What changed since last week."
CHANGES_WINDOW = datetime.timedelta(days=7)


@dataclass(frozen=True)
class TargetGap:
    """The headline figure against the cycle's target; `gap` > 0 is what is still missing."""

    figure: StageFigure
    target: Decimal | None

    @property
    def provisional(self) -> bool:
        return not self.figure.official

    @property
    def gap(self) -> Decimal | None:
        if self.target is None or self.figure.result.index is None:
            return None
        return self.target - self.figure.result.index

    @property
    def reached(self) -> bool:
        return self.gap is not None and self.gap <= 0


@dataclass(frozen=True)
class Cause:
    """One reason the figure is where it is, in words, with the page that shows the detail."""

    kind: str  # evidence | units | overdue | deadline
    text: str


@dataclass
class LaggingUnit:
    card: UnitScorecard
    people: list[str]  # the unit's respondents (who fills it in)


@dataclass
class LeaderBrief:
    cycle: Cycle
    target_gap: TargetGap | None  # None while the cycle has no score yet
    causes: list[Cause]
    lagging: list[LaggingUnit]
    lagging_total: int
    changes: list[tuple[str, int]]  # (what, how many) in the last week
    since: datetime.date


def leader_brief(
    *, user, dashboard: CycleDashboard, now: datetime.datetime | None = None
) -> LeaderBrief:
    """The pimpinan's brief of a current cycle from its dashboard (already computed)."""
    now = now or timezone.now()
    figures = dashboard.figures
    cycle = figures.cycle
    target = target_of(cycle)
    headline = figures.headline
    cards = unit_scorecards(user=user, figures=figures)
    lagging = sorted(
        (c for c in cards if c.completion is not None and c.completion < 100),
        key=lambda c: (c.completion, c.unit.name),
    )
    since = now - CHANGES_WINDOW
    return LeaderBrief(
        cycle=cycle,
        target_gap=TargetGap(headline, target.target_index if target else None)
        if headline is not None
        else None,
        causes=_causes(dashboard, len(lagging), timezone.localdate(now))[:CAUSES_SHOWN],
        lagging=_with_people(lagging[:LAGGING_SHOWN]),
        lagging_total=len(lagging),
        changes=[
            (action_label(code), n)
            for code, n in event_counts_since(instansi_id=cycle.instansi_id, since=since)
        ][:CHANGES_SHOWN],
        since=timezone.localdate(since),
    )


def _causes(dashboard: CycleDashboard, lagging_units: int, today: datetime.date) -> list[Cause]:
    """The causes present, biggest first as the evaluation meeting names them: missing
    documents, SKPD that have not handed in, late indicators, then the stage's deadline."""
    causes = []
    missing = dashboard.evidence_missing
    if missing and not dashboard.final_imported:
        text = ngettext(
            "%(n)d indikator kurang dokumen", "%(n)d indikator kurang dokumen", missing
        ) % {"n": missing}
        causes.append(Cause("evidence", text))
    if lagging_units:
        text = ngettext(
            "%(n)d SKPD belum mengisi semua indikatornya",
            "%(n)d SKPD belum mengisi semua indikatornya",
            lagging_units,
        ) % {"n": lagging_units}
        causes.append(Cause("units", text))
    late = len(dashboard.overdue)
    if late:
        text = ngettext(
            "%(n)d indikator lewat batas waktu", "%(n)d indikator lewat batas waktu", late
        ) % {"n": late}
        causes.append(Cause("overdue", text))
    deadline = _stage_deadline(dashboard.figures.cycle, today)
    if deadline:
        causes.append(Cause("deadline", deadline))
    return causes


def _stage_deadline(cycle: Cycle, today: datetime.date) -> str:
    """The deadline of the work now under way: the self-assessment's while it is open, then
    the internal review's; the cycle records no other stage dates."""
    if cycle.state in (Cycle.State.PERSIAPAN, Cycle.State.MANDIRI):
        due, what = cycle.self_assessment_due, _("penilaian mandiri")
    else:
        due, what = cycle.review_due, _("reviu internal")
    if due is None:
        return ""
    facts = {
        "stage": cycle.get_state_display(),
        "what": what,
        "date": date_format(due, "j M"),
    }
    if due < today:
        return _("tahap %(stage)s: batas %(what)s %(date)s sudah lewat") % facts
    return _("tahap %(stage)s: batas %(what)s berakhir %(date)s") % facts


def _with_people(cards: list[UnitScorecard]) -> list[LaggingUnit]:
    """Each lagging unit with the active people holding a responden grant on it (1 query)."""
    people: dict[int, list[str]] = {card.unit.pk: [] for card in cards}
    grants = (
        RoleGrant.objects.filter(role=Role.RESPONDEN, unit_id__in=people, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    )
    for grant in grants:
        name = grant.user.display_name
        if name not in people[grant.unit_id]:
            people[grant.unit_id].append(name)
    return [LaggingUnit(card=card, people=people[card.unit.pk]) for card in cards]
