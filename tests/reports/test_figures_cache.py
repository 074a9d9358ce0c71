"""Cycle figures are cached (spbe/evaluations/selectors/cache.py) and every write that changes
them shows at once: the key holds the data version of the instansi (its audit events), the
language and the day. Each write below goes through its service, as in production, after the
page was seen once (so the old figures sit in the cache)."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spbe.audit.models import AuditEvent
from spbe.audit.selectors import data_versions
from spbe.core.numbers import fmt_id
from spbe.evaluations.models import Assessment, EvidenceLink, Stage
from spbe.evaluations.selectors import cycle_stage_scores
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.evaluations.services.cycles import cycle_transition
from spbe.evaluations.services.evidence_links import evidence_link
from spbe.evaluations.services.stage_values import stage_value_set
from spbe.evidence.models import Document
from spbe.evidence.services.documents import document_update
from spbe.frameworks.services import files_load, shipped_paths
from spbe.official.services import published_result_record
from spbe.reports.selectors.summary import cycle_summaries
from tests.reports.fixtures import make_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _figures_cached(settings):
    settings.SPBE_FIGURES_CACHE_SECONDS = 3600  # as in production (the suite turns it off)


def _index_shown(client, cycle, stage="final") -> str:
    html = client.get(reverse("reports:dashboard", args=[cycle.pk])).content.decode()
    marker = f'data-testid="index-{stage}">'
    return html.split(marker, 1)[1].split("<", 1)[0]


def _missing_shown(client, cycle) -> str:
    html = client.get(reverse("reports:dashboard", args=[cycle.pk])).content.decode()
    return html.split('>Kurang dokumen</div><div class="value">', 1)[1].split("<", 1)[0]


def test_figures_come_from_the_cache_while_the_data_stays_the_same(dash):
    cycle = dash.cycle_2024
    with CaptureQueriesContext(connection) as first:
        computed = cycle_figures(cycle)
    with CaptureQueriesContext(connection) as second:
        cached = cycle_figures(cycle)
    assert len(second) == 1  # the data version only
    assert [s.result for s in cached.stages] == [s.result for s in computed.stages]
    assert [r.values for r in cached.rows] == [r.values for r in computed.rows]
    assert len(first) > 5


def test_a_stage_value_set_by_the_koordinator_shows_at_once(dash, login):
    client = login(dash.world.users["koordinator"])
    cycle = dash.cycle_2024
    assert _index_shown(client, cycle) == "3,79"
    assessment = cycle.assessments.get(indicator__number=1)
    stage_value_set(
        actor=dash.world.users["koordinator"],
        assessment=assessment,
        stage=Stage.FINAL,
        value="1",
        notes="Diturunkan setelah visitasi.",
    )
    expected = cycle_stage_scores(cycle)[Stage.FINAL].index
    assert expected < Decimal("3.79")
    assert _index_shown(client, cycle) == fmt_id(expected)


def test_a_stage_change_of_the_cycle_changes_the_data_version(dash):
    cycle = make_cycle(
        instansi=dash.world.province,
        year=2025,
        stages={Stage.MANDIRI: {1: "1"}},
        state="mandiri",
    )
    before = data_versions([cycle.instansi_id])
    cycle_transition(actor=dash.world.users["koordinator"], cycle=cycle, state="dokumen")
    assert data_versions([cycle.instansi_id]) != before


@pytest.fixture
def evidence_cycle(dash):
    """A mandiri cycle whose indicator 1 claims level 1 with only its draft linked (the
    minutes are missing: "kurang dokumen")."""
    world = dash.world
    cycle = make_cycle(
        instansi=world.province,
        year=2025,
        name="Evaluasi SPBE 2025",
        stages={Stage.MANDIRI: {1: "1"}},
        units=[world.diskominfo],
        state="mandiri",
    )
    first = cycle.assessments.get(indicator__number=1)
    first.status = Assessment.Status.DRAF  # still being filled in: its evidence may change
    first.save(update_fields=["status"])
    draft = Document.objects.create(instansi=world.province, kind="dokumen", title="draf 1")
    EvidenceLink.objects.create(assessment=first, document=draft, level=1)
    return cycle


def test_an_evidence_link_shows_at_once(dash, evidence_cycle, login):
    world = dash.world
    client = login(world.users["koordinator"])
    assert _missing_shown(client, evidence_cycle) == "1"
    minutes = Document.objects.create(instansi=world.province, kind="notulen", title="notulen 1")
    evidence_link(
        actor=world.users["koordinator"],
        assessment=evidence_cycle.assessments.get(indicator__number=1),
        document=minutes,
        level=1,
    )
    assert _missing_shown(client, evidence_cycle) == "0"


def test_a_document_made_stale_by_its_new_date_shows_at_once(dash, evidence_cycle, login):
    world = dash.world
    client = login(world.users["koordinator"])
    minutes = Document.objects.create(instansi=world.province, kind="notulen", title="notulen 1")
    EvidenceLink.objects.create(
        assessment=evidence_cycle.assessments.get(indicator__number=1), document=minutes, level=1
    )
    assert _missing_shown(client, evidence_cycle) == "0"
    document_update(
        actor=world.users["koordinator"],
        document=minutes,
        freshness_kind="reviu",
        document_date=datetime.date(2020, 1, 1),
    )
    assert _missing_shown(client, evidence_cycle) == "1"


def test_evidence_expiring_at_midnight_shows_the_next_day(dash):
    """No write at all: a review document dated two years ago today is fresh today and
    stale tomorrow; the day is part of the key."""
    world = dash.world
    today = timezone.localdate()
    cycle = make_cycle(
        instansi=world.province,
        year=2025,
        stages={Stage.MANDIRI: {3: "1"}},
        units=[world.diskominfo],
        state="mandiri",
    )
    for kind in ("dokumen", "notulen"):
        EvidenceLink.objects.create(
            assessment=cycle.assessments.get(indicator__number=3),
            document=Document.objects.create(instansi=world.province, kind=kind, title=kind),
            level=1,
        )
    EvidenceLink.objects.create(
        assessment=cycle.assessments.get(indicator__number=3),
        document=Document.objects.create(
            instansi=world.province,
            kind="laporan",
            title="reviu",
            freshness_kind="reviu",
            document_date=today.replace(year=today.year - 2) + datetime.timedelta(days=1),
        ),
        level=1,
    )
    assert cycle_summaries([cycle], today=today)[cycle.pk].evidence_missing == 0
    assert not cycle_figures(cycle).rows[2].evidence_missing
    tomorrow = today + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert cycle_summaries([cycle], today=tomorrow)[cycle.pk].evidence_missing == 1
        assert cycle_figures(cycle).rows[2].evidence_missing


def test_a_published_result_shows_in_the_trend_at_once(dash, login):
    client = login(dash.world.users["koordinator"])
    url = reverse("reports:dashboard", args=[dash.cycle_2024.pk])
    assert "1,23" not in client.get(url).content.decode()
    published_result_record(
        actor=dash.world.users["koordinator"],
        instansi=dash.world.province,
        year=2022,
        framework_code="spbe-59-2020",
        index="1.23",
        source="Laporan 2022",
    )
    assert "1,23" in client.get(url).content.decode()


def test_a_framework_load_changes_every_instansi_data_version(dash):
    """Framework and mapping loads and the national history import belong to no instansi."""
    instansi = [dash.world.province.pk, dash.world.kab.pk]
    before = data_versions(instansi)
    AuditEvent.objects.create(actor_label="sistem", action="framework.loaded")
    after = data_versions(instansi)
    assert all(after[i] != before[i] for i in instansi)
    files_load(paths=shipped_paths())  # unchanged files: nothing loaded, nothing changes
    assert data_versions(instansi) == after


def test_a_report_request_changes_no_data_version(dash):
    before = data_versions([dash.world.province.pk])
    AuditEvent.objects.create(
        actor_label="x", action="report.requested", instansi=dash.world.province
    )
    assert data_versions([dash.world.province.pk]) == before


def test_an_event_committed_out_of_id_order_still_changes_the_version(dash):
    """Ids are handed out before commit: a transaction with a lower id may commit after one
    with a higher id. The latest id alone would then stay the same; the count does not."""
    province = dash.world.province
    lower = AuditEvent.objects.create(actor_label="x", action="a.b", instansi=province)
    AuditEvent.objects.create(actor_label="x", action="a.b", instansi=province)
    lower.delete()  # as if not committed yet
    before = data_versions([province.pk])
    AuditEvent.objects.create(pk=lower.pk, actor_label="x", action="a.b", instansi=province)
    assert data_versions([province.pk]) != before
