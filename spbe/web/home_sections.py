"""The home page's sections as data: what each role's part of the page shows (see home.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from spbe.evaluations.models import Assessment, Comment, Cycle
from spbe.evaluations.selectors.figures import StageFigure
from spbe.evaluations.services.assessments import OPEN_STATUSES
from spbe.leaders.selectors import LeaderBrief
from spbe.organizations.models import Unit
from spbe.reports.selectors.dashboard import CycleDashboard
from spbe.reports.selectors.history import HistoryPoint
from spbe.reports.selectors.province import ProvinceComparison
from spbe.reports.selectors.summary import CycleSummary

Status = Assessment.Status


def _several_cycles(assessments: list[Assessment]) -> bool:
    """Whether a list spans more than one cycle (then each row names its cycle)."""
    return len({a.cycle_id for a in assessments}) > 1


@dataclass
class TaskSection:
    """Responden: the units they answer for, their to-do list (earliest deadline first),
    returned items, comments."""

    units: list[Unit]  # empty for a responden granted on a whole instansi
    tasks: list[Assessment]
    comments: list[Comment]

    @property
    def returned(self) -> list[Assessment]:
        return [a for a in self.tasks if a.status == Status.PERLU_PERBAIKAN]

    @property
    def still_open(self) -> int:
        """Indicators the unit can and must still fill in or fix now: by the one rule of
        what a respondent may edit (a draft is no to-do once its cycle left mandiri)."""
        return sum(1 for a in self.tasks if a.status in OPEN_STATUSES and a.editable_now)

    @property
    def locked_open(self) -> int:
        """Unfinished indicators the respondent can no longer change at this stage."""
        return sum(1 for a in self.tasks if a.status in OPEN_STATUSES and not a.editable_now)

    @property
    def cycles(self) -> list:
        """The cycles of the tasks, each once, for the stage they are in."""
        seen: dict[int, object] = {}
        for a in self.tasks:
            seen.setdefault(a.cycle_id, a.cycle)
        return list(seen.values())

    @property
    def several_cycles(self) -> bool:
        return _several_cycles(self.tasks)


@dataclass
class ReviewSection:
    """Asesor: submitted indicators given to them or to no one, in the instansi they review."""

    assessments: list[Assessment]

    @property
    def several_cycles(self) -> bool:
        return _several_cycles(self.assessments)


@dataclass
class CoordinatorCycle:
    """One current cycle as the koordinator sees it each morning."""

    cycle: Cycle
    summary: CycleSummary  # only the figures shown, not the whole dashboard
    waiting_decision: int
    overdue_actions: int
    audit: bool  # may open the instansi's audit trail

    @property
    def waiting_review(self) -> int:
        return self.summary.statuses.get(Status.DIAJUKAN, 0)


@dataclass
class CoordinatorSection:
    cycles: list[CoordinatorCycle]
    more: bool  # more current cycles than shown


@dataclass
class LeaderView:
    """Pimpinan, per instansi: the latest finished result, the current cycle's latest stage
    and the trend (from the dashboard of the current cycle, else of the finished one)."""

    current: Cycle | None
    finished: Cycle | None
    finished_figure: StageFigure | None
    dashboard: CycleDashboard
    brief: LeaderBrief | None = None  # of the current cycle: target, causes, lagging SKPD

    @property
    def cycle(self) -> Cycle:
        return self.dashboard.figures.cycle

    @property
    def current_figure(self) -> StageFigure | None:
        """The current cycle's latest stage, labelled with the cycle's name."""
        headline = self.dashboard.figures.headline
        if self.current is None or headline is None:
            return None
        label = _("%(cycle)s · %(stage)s") % {"cycle": self.current.name, "stage": headline.label}
        return StageFigure(headline.stage, label, headline.result)


@dataclass
class ProvinceSummary:
    """Pembina: the province's latest index, and its kab/kota counted by predikat in the
    latest year they have results for (the province's own latest year may be more recent,
    e.g. an index known from the news only)."""

    comparison: ProvinceComparison
    province_point: HistoryPoint | None  # the province's latest
    year: int | None  # of the kab/kota figures
    province_at_year: HistoryPoint | None  # the province in that year
    by_predikat: list[tuple[str, int]]
    without_data: int
    kabkota: int

    @property
    def average(self) -> Decimal | None:
        found = self.comparison.averages.get(self.year)
        return found[0] if found else None


@dataclass
class HomePage:
    roles: list[str]
    tasks: TaskSection | None = None
    reviews: ReviewSection | None = None
    coordinator: CoordinatorSection | None = None
    leaders: list[LeaderView] = field(default_factory=list)
    provinces: list[ProvinceSummary] = field(default_factory=list)
    notifications: list = field(default_factory=list)
