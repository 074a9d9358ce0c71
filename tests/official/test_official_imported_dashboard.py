"""A cycle whose final values came from the official result does not flag missing evidence.

Its evidence was judged by the national assessors; the app holds none of it, so "Kurang
dokumen 47" was a false alarm on the dashboard and its printout (issue 10).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from spbe.evaluations.models import Assessment
from spbe.evaluations.selectors.cycles import cycle_final_imported
from spbe.official import services
from spbe.reports.selectors.dashboard import cycle_dashboard
from tests.official.test_official_import import csv_file, cycle, people, preview  # noqa: F401

NOT_ASSESSED = "hasil resmi diimpor; bukti tidak dinilai"


@pytest.fixture
def claimed(cycle):  # noqa: F811
    """Every indicator claimed at level 3 and no evidence linked: 47 real gaps."""
    Assessment.objects.filter(cycle=cycle).update(claimed_value=3)
    return cycle


def test_before_the_import_the_gaps_are_counted(claimed):
    assert not cycle_final_imported(claimed)
    assert cycle_dashboard(claimed).evidence_missing == 47


def test_after_importing_the_final_values_the_dashboard_says_what_is_true(
    claimed,
    people,  # noqa: F811
    client,
):
    koordinator = people["koordinator"]
    rows = [f"{n},,,,,3," for n in range(1, 48)]
    result = preview(claimed, koordinator, csv_file(*rows))
    services.official_import_confirm(actor=koordinator, cycle=claimed, token=result.token)

    assert cycle_final_imported(claimed)
    dashboard = cycle_dashboard(claimed)
    assert (dashboard.final_imported, dashboard.evidence_missing) == (True, 0)
    client.force_login(koordinator)
    html = client.get(reverse("reports:dashboard", args=[claimed.pk])).content.decode()
    assert NOT_ASSESSED in html
    assert '>Kurang dokumen</div><div class="value">' not in html


def test_an_import_of_an_assessor_stage_only_keeps_the_flags(claimed, people):  # noqa: F811
    koordinator = people["koordinator"]
    rows = [f"{n},,3,,,," for n in range(1, 48)]
    result = preview(claimed, koordinator, csv_file(*rows), stages=["dokumen"])
    services.official_import_confirm(actor=koordinator, cycle=claimed, token=result.token)
    assert not cycle_final_imported(claimed)
    assert cycle_dashboard(claimed).evidence_missing == 47
