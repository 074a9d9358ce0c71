"""The Sekda's home (pimpinan): figure against target, the causes in words, the lagging SKPD
with their people, what changed this week, and the report button; every figure is the
dashboard's.

Built on the Kaltim demo: Pemdi 2026 under interviu (provisional), no target set yet.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from spbe.audit.models import AuditEvent
from spbe.core.numbers import fmt_id
from spbe.demo.loader import demo_load
from spbe.evaluations.models import Assessment, Cycle
from spbe.frameworks.services import shipped_load
from spbe.planning.models import Target
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.reports.selectors.units import unit_scorecards

pytestmark = pytest.mark.django_db

KALTIM = "provinsi-kalimantan-timur"


@pytest.fixture
def demo(db):
    shipped_load()
    return demo_load()


def _user(username):
    return get_user_model().objects.get(username=username)


def _current() -> Cycle:
    return Cycle.objects.get(instansi__instansi_key=KALTIM, year=2026)


def _home(client, username="pimpinan"):
    client.force_login(_user(username))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def _text(html: str) -> str:
    """The page's text without tags, whitespace collapsed (what a reader sees)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_figure_against_target_with_the_gap_equal_to_the_dashboards(demo, client):
    current = _current()
    Target.objects.create(cycle=current, target_index=Decimal("3.00"))
    response = _home(client)
    (view,) = response.context["page"].leaders
    gap = view.brief.target_gap
    headline = cycle_dashboard(current).figures.headline
    assert gap.figure.result.index == headline.result.index
    assert gap.provisional and not headline.official
    assert gap.gap == Decimal("3.00") - headline.result.index > 0
    text = _text(response.content.decode())
    index, missing = fmt_id(headline.result.index, 2), fmt_id(gap.gap, 2)
    assert f"{index} sementara — target 3,00: kurang {missing}" in text
    # the report button: the cycle's documents page, where the Sekda makes the LHE PDF
    assert f'href="{reverse("reports:documents", args=[current.pk])}" data-testid' in (
        response.content.decode()
    )
    client.force_login(get_user_model().objects.get(username="pimpinan"))
    documents = client.get(reverse("reports:documents", args=[current.pk]))
    assert documents.status_code == 200 and documents.context["allowed"]["lhe"]


def test_a_reached_target_and_a_missing_one_are_said_so(demo, client):
    current = _current()
    text = _text(_home(client).content.decode())
    assert "target belum ditetapkan" in text
    Target.objects.create(cycle=current, target_index=Decimal("1.00"))
    text = _text(_home(client).content.decode())
    assert "target 1,00: tercapai" in text and "kurang" not in text.split("target 1,00")[1][:20]


def test_causes_and_lagging_units_are_the_dashboards_and_scorecards(demo, client):
    current = _current()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Assessment.objects.filter(cycle=current, status="draf").update(due_date=yesterday)
    response = _home(client)
    brief = response.context["page"].leaders[0].brief
    dashboard = cycle_dashboard(current)
    cards = unit_scorecards(user=_user("pimpinan"), figures=dashboard.figures)
    lagging = [c for c in cards if c.completion is not None and c.completion < 100]
    assert dashboard.evidence_missing and lagging and dashboard.overdue
    assert [c.text for c in brief.causes] == [
        f"{dashboard.evidence_missing} indikator kurang dokumen",
        f"{len(lagging)} SKPD belum mengisi semua indikatornya",
        f"{len(dashboard.overdue)} indikator lewat batas waktu",
    ]  # three causes at most: the stage deadline comes fourth here
    assert brief.lagging_total == len(lagging)
    shown = brief.lagging
    assert [item.card.completion for item in shown] == sorted(c.completion for c in lagging)[
        : len(shown)
    ]
    html = response.content.decode()
    for item in shown:
        assert f'data-unit="{item.card.unit.pk}"' in html
    # the responsible person of a lagging unit with a demo respondent is named
    named = [item for item in shown if item.people]
    assert named, "the demo's respondents head some lagging units"
    assert named[0].people[0] in html


def test_stage_deadline_in_words_when_nothing_else_holds_back(demo, client):
    current = _current()
    Cycle.objects.filter(pk=current.pk).update(review_due=datetime.date(2026, 12, 14))
    Assessment.objects.filter(cycle=current).update(status="disetujui", due_date=None)
    brief = _home(client).context["page"].leaders[0].brief
    texts = [c.text for c in brief.causes]
    assert texts[-1] == "tahap Penilaian Interviu: batas reviu internal berakhir 14 Des"
    assert not any("SKPD" in t for t in texts)


def test_changes_of_the_last_week_only_from_the_audit_trail(demo, client):
    current = _current()
    old = AuditEvent.objects.create(
        actor_label="x", action="planning.target_set", instansi=current.instansi
    )
    AuditEvent.objects.filter(pk=old.pk).update(
        occurred_at=timezone.now() - datetime.timedelta(days=8)
    )
    for _ in range(3):
        AuditEvent.objects.create(
            actor_label="x", action="evidence.document_created", instansi=current.instansi
        )
    brief = _home(client).context["page"].leaders[0].brief
    changes = dict(brief.changes)
    week = AuditEvent.objects.filter(
        instansi=current.instansi,
        action="evidence.document_created",
        occurred_at__gte=timezone.now() - datetime.timedelta(days=7),
    ).count()
    assert changes["Dokumen bukti ditambahkan"] == week >= 3
    assert "Target indeks ditetapkan" not in changes  # 8 days old


def test_other_roles_do_not_get_the_brief(demo, client):
    for username in ("koordinator", "pembina", "asesor"):
        assert 'data-testid="leader-brief"' not in _home(client, username).content.decode()


def _count(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(_user("pimpinan"))
    client.get(reverse("home"))  # warm the framework spec cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    return len(ctx.captured_queries)


def test_the_brief_costs_the_same_on_larger_data(demo, client):
    from spbe.organizations.models import Role
    from tests.factories import make_unit, make_user_with_role

    current = _current()
    Target.objects.create(cycle=current, target_index=Decimal("3.00"))
    small = _count(client)
    # many more lagging units (each leading indicators, with respondents) and audit events
    units = [make_unit(instansi=current.instansi) for _ in range(12)]
    for i, assessment in enumerate(current.assessments.order_by("pk")):
        Assessment.objects.filter(pk=assessment.pk).update(
            lead_unit=units[i % len(units)], status="draf"
        )
    for unit in units:
        for _ in range(2):
            make_user_with_role(role=Role.RESPONDEN, instansi=current.instansi, unit=unit)
    AuditEvent.objects.bulk_create(
        AuditEvent(actor_label="x", action=f"uji.aksi{n % 9}", instansi=current.instansi)
        for n in range(200)
    )
    brief = _home(client).context["page"].leaders[0].brief
    assert brief.lagging_total == len(units) and len(brief.lagging) < len(units)
    assert all(len(item.people) == 2 for item in brief.lagging)
    assert _count(client) == small
