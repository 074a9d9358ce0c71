"""The home pages' cycle figures (`cycle_summaries`) equal the dashboard's, at a cost that does
not grow with the data."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spbe.demo.loader import demo_load
from spbe.evaluations.models import Assessment, Cycle
from spbe.frameworks.services import shipped_load
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.reports.selectors.summary import cycle_summaries
from tests.factories import make_unit

pytestmark = pytest.mark.django_db

KALTIM = "provinsi-kalimantan-timur"


@pytest.fixture
def demo(db):
    shipped_load()
    return demo_load()


def _cycles():
    return list(Cycle.objects.filter(instansi__instansi_key=KALTIM).select_related("framework"))


def _assert_equal_to_dashboard(cycle, summary):
    expected = cycle_dashboard(cycle)
    assert [(s.stage, s.result.index, s.result.predikat, s.official) for s in summary.stages] == [
        (s.stage, s.result.index, s.result.predikat, s.official) for s in expected.figures.stages
    ]
    assert summary.headline.result.index == expected.figures.headline.result.index
    assert summary.progress == expected.progress
    assert (summary.total, summary.done) == (expected.total, expected.done)
    assert summary.evidence_missing == expected.evidence_missing
    assert summary.overdue == len(expected.overdue)
    assert summary.final_imported == expected.final_imported


def test_every_figure_equals_the_dashboards_for_current_and_finished_cycles(demo):
    cycles = _cycles()
    current = next(c for c in cycles if c.year == 2026)
    # some late indicators, so the overdue rule is exercised on both sides
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Assessment.objects.filter(cycle=current, status="draf").update(due_date=yesterday)
    summaries = cycle_summaries(cycles)
    assert len(summaries) == len(cycles) >= 3
    assert summaries[current.pk].overdue > 0
    assert summaries[current.pk].evidence_missing > 0
    for cycle in cycles:
        _assert_equal_to_dashboard(cycle, summaries[cycle.pk])


def _count(cycles) -> int:
    cycle_summaries(cycles)  # warm the framework spec cache
    with CaptureQueriesContext(connection) as ctx:
        cycle_summaries(cycles)
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_units_assignments_or_indicator_data(demo):
    cycles = _cycles()
    current = next(c for c in cycles if c.year == 2026)
    small = _count(cycles)
    units = [make_unit(instansi=current.instansi) for _ in range(30)]
    for i, assessment in enumerate(current.assessments.order_by("pk")):
        assessment.contributing_units.add(*units[i % 5 :: 7])
    Assessment.objects.filter(cycle=current).update(lead_unit=units[0])
    assert _count(cycles) == small
    # and far below building each cycle's dashboard
    with CaptureQueriesContext(connection) as ctx:
        for cycle in cycles:
            cycle_dashboard(cycle)
    assert small < len(ctx.captured_queries) / 2
