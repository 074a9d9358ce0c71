"""The home page: each role's sections, the engine's numbers, scope, and bounded cost.

Built on the Kaltim demo (`demo_load`): Pemdi 2026 under interviu (4 indicators diajukan,
2 perlu perbaikan, reviewer "asesor"), SPBE 2023/2024 finished, national history tables.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from spbe.core.numbers import fmt_id
from spbe.demo.loader import demo_load
from spbe.evaluations.models import Assessment, Comment, Cycle, Notification
from spbe.evaluations.selectors import cycle_stage_scores, my_tasks
from spbe.frameworks.models import Indicator
from spbe.frameworks.services import shipped_load
from spbe.official.models import PublishedResult
from spbe.organizations.models import Instansi, Role, RoleGrant, Unit
from spbe.planning.models import ActionItem
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.web.home import CURRENT_CYCLES_SHOWN
from tests.factories import make_instansi, make_unit, make_user, make_user_with_role
from tests.reports.test_query_counts import _add_action_items

pytestmark = pytest.mark.django_db

KALTIM = "provinsi-kalimantan-timur"
SECTION = re.compile(r'data-section="([a-z]+)"')


@pytest.fixture
def demo(db):
    shipped_load()
    return demo_load()


def user(username: str):
    return get_user_model().objects.get(username=username)


def cycle(year: int) -> Cycle:
    return Cycle.objects.get(instansi__instansi_key=KALTIM, year=year)


def home(client, who):
    client.force_login(who if not isinstance(who, str) else user(who))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def sections(response) -> list[str]:
    return SECTION.findall(response.content.decode())


# -- who sees what ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("koordinator", ["coordinator", "notifications"]),
        ("admin", ["coordinator", "notifications"]),
        ("asesor", ["reviews", "notifications"]),
        ("responden-diskominfo", ["tasks", "notifications"]),
        ("pimpinan", ["leader", "notifications"]),
        ("pembina", ["province", "notifications"]),
    ],
)
def test_each_role_sees_its_sections_and_no_others(demo, client, username, expected):
    assert sections(home(client, username)) == expected


def test_without_a_role_only_notifications_and_a_hint(demo, client):
    response = home(client, make_user(username="baru"))
    assert sections(response) == ["notifications"]
    assert "belum memiliki peran" in response.content.decode()


def test_several_roles_see_each_section_once_tasks_first(demo, client):
    province = Instansi.objects.get(instansi_key=KALTIM)
    units = {u.short_name: u for u in Unit.objects.filter(instansi=province)}
    person = make_user(username="serba")
    for role, unit, recursive in [
        (Role.PIMPINAN, None, False),
        (Role.KOORDINATOR, None, False),
        (Role.ASESOR, None, False),
        (Role.RESPONDEN, units["Diskominfo"], False),
        (Role.RESPONDEN, units["Bappeda"], False),
        (Role.PIMPINAN, units["Diskominfo"], False),
        (Role.PEMBINA, None, True),
    ]:
        RoleGrant.objects.create(
            user=person, role=role, instansi=province, unit=unit, recursive=recursive
        )
    assert sections(home(client, person)) == [
        "tasks",
        "reviews",
        "coordinator",
        "leader",
        "province",
        "notifications",
    ]


def test_a_pimpinan_heading_one_unit_sees_no_instansi_figures(demo, client):
    """The dashboards' rule: instansi-wide figures need sight of the whole instansi."""
    province = Instansi.objects.get(instansi_key=KALTIM)
    unit = Unit.objects.get(instansi=province, short_name="Diskominfo")
    person = make_user(username="kadis")
    RoleGrant.objects.create(user=person, role=Role.PIMPINAN, instansi=province, unit=unit)
    response = home(client, person)
    assert response.context["page"].leaders == []
    assert "leader" not in sections(response)


# -- koordinator ------------------------------------------------------------------------------
def test_coordinator_figures_are_the_engines(demo, client):
    response = home(client, "koordinator")
    html = response.content.decode()
    current = cycle(2026)
    (shown,) = response.context["page"].coordinator.cycles
    assert shown.cycle == current  # finished SPBE cycles are history, not current
    scores = cycle_stage_scores(current)
    assert list(scores) == ["mandiri", "dokumen", "interviu"]
    for stage, result in scores.items():
        assert f'data-testid="index-{stage}">{fmt_id(result.index, 2)}<' in html
    assert not scores["interviu"].complete and "belum lengkap" in html
    expected = cycle_dashboard(current)
    counts = Counter(current.assessments.values_list("status", flat=True))
    assert shown.waiting_review == counts["diajukan"] == 4
    assert shown.summary.evidence_missing == expected.evidence_missing
    assert shown.summary.progress == expected.progress
    for testid, value in [
        ("waiting-review", 4),
        ("evidence-missing", expected.evidence_missing),
        ("overdue", len(expected.overdue)),
        ("waiting-decision", 0),
        ("overdue-actions", 0),
    ]:
        assert re.search(rf'data-testid="{testid}">.*?<span class="value">{value}</span>', html)
    for name in (
        "evaluations:cycle_matrix",
        "evaluations:cycle_assign",
        "reports:dashboard",
        "planning:planner",
        "official:import",
    ):
        assert reverse(name, args=[current.pk]) in html
    assert reverse("audit:event_list", args=[current.instansi_id]) in html


def test_coordinator_counts_decisions_overdue_and_late_action_items(demo, client):
    current = cycle(2026)
    today = timezone.localdate()
    approved = list(current.assessments.filter(status="disetujui").order_by("pk")[:3])
    # asesor disagreed with the claim: the koordinator must decide (once decided: done)
    Assessment.objects.filter(pk=approved[0].pk).update(
        claimed_value=Decimal(3), reviewed_value=Decimal(2), decided_at=None, final_source=""
    )
    Assessment.objects.filter(pk=approved[1].pk).update(
        claimed_value=Decimal(3), reviewed_value=Decimal(2), decided_at=timezone.now()
    )
    Assessment.objects.filter(pk=approved[2].pk).update(  # asesor agreed: nothing to decide
        claimed_value=Decimal(3), reviewed_value=Decimal(3)
    )
    Assessment.objects.filter(cycle=current, status="draf").update(
        due_date=today - datetime.timedelta(days=1)
    )
    indicator = Indicator.objects.filter(framework=current.framework).first()
    for status, days in [("rencana", -3), ("berjalan", -1), ("selesai", -5), ("rencana", 10)]:
        ActionItem.objects.create(
            cycle=current,
            indicator=indicator,
            target_value=Decimal(3),
            description=f"Aksi {status}",
            status=status,
            due_date=today + datetime.timedelta(days=days),
        )
    (shown,) = home(client, "koordinator").context["page"].coordinator.cycles
    assert shown.waiting_decision == 1
    assert shown.overdue_actions == 2
    drafts = current.assessments.filter(status="draf").count()
    assert drafts and shown.summary.overdue == drafts  # the draf indicators


def test_coordinator_without_a_current_cycle_is_offered_to_open_one(demo, client):
    Cycle.objects.filter(pk=cycle(2026).pk).update(state=Cycle.State.SELESAI)
    response = home(client, "koordinator")
    assert response.context["page"].coordinator.cycles == []
    assert reverse("evaluations:cycle_create") in response.content.decode()


def test_coordinator_sees_only_the_instansi_they_manage(demo, client):
    other = make_instansi(name="Pemerintah Provinsi Lain", kind="provinsi")
    outsider = make_user_with_role(role=Role.KOORDINATOR, instansi=other, username="koordlain")
    response = home(client, outsider)
    assert response.context["page"].coordinator.cycles == []
    assert cycle(2026).name not in response.content.decode()


# -- asesor -----------------------------------------------------------------------------------
def test_asesor_sees_submitted_indicators_given_to_them_or_to_nobody(demo, client):
    current = cycle(2026)
    submitted = {
        a.indicator.number
        for a in current.assessments.filter(status="diajukan").exclude(
            indicator__source=Indicator.Source.EXTERNAL
        )
    }
    response = home(client, "asesor")
    shown = response.context["page"].reviews.assessments
    assert {a.indicator.number for a in shown} == submitted
    assert all(a.cycle.review_due for a in shown)
    html = response.content.decode()
    with translation.override("id"):
        assert date_format(current.review_due, "j M Y") in html
    # another asesor: the demo's are all given to "asesor"; one left unassigned shows up
    province = current.instansi
    second = make_user_with_role(role=Role.ASESOR, instansi=province, username="asesor2")
    assert home(client, second).context["page"].reviews.assessments == []
    first = (
        current.assessments.filter(status="diajukan")
        .exclude(indicator__source=Indicator.Source.EXTERNAL)
        .order_by("pk")
        .first()
    )
    Assessment.objects.filter(pk=first.pk).update(reviewer=None)
    shown = home(client, second).context["page"].reviews.assessments
    assert [a.pk for a in shown] == [first.pk]
    assert "asesor belum ditentukan" in home(client, second).content.decode()


def test_asesor_queue_leaves_out_indicators_taken_from_another_agencys_index(demo, client):
    current = cycle(2026)
    external = current.assessments.filter(indicator__source=Indicator.Source.EXTERNAL).first()
    assert external is not None  # Pemdi 3.1 and the other externally sourced indicators
    Assessment.objects.filter(pk=external.pk).update(status="diajukan", reviewer=None)
    shown = home(client, "asesor").context["page"].reviews.assessments
    assert external.pk not in {a.pk for a in shown}
    assert shown  # the indicators that do need review stay


# -- responden --------------------------------------------------------------------------------
def test_responden_sees_only_their_units_tasks_and_comments(demo, client):
    me = user("responden-diskominfo")
    diskominfo = Unit.objects.get(instansi__instansi_key=KALTIM, short_name="Diskominfo")
    response = home(client, me)
    page = response.context["page"]
    assert page.tasks.units == [diskominfo]
    tasks = page.tasks.tasks
    assert tasks and [a.pk for a in tasks] == [a.pk for a in my_tasks(user=me)]
    for a in tasks:
        units = {a.lead_unit_id, *(u.pk for u in a.contributing_units.all())}
        assert diskominfo.pk in units
    html = response.content.decode()
    others = Assessment.objects.filter(cycle=cycle(2026)).exclude(pk__in=[a.pk for a in tasks])
    assert others.exists()
    for a in others.select_related("indicator"):
        assert f"{a.indicator.code}. {a.indicator.short_name}<" not in html
    # comments: others' comments on their indicators, never on other units' indicators
    assert page.tasks.comments
    assert all(c.assessment_id in {a.pk for a in tasks} for c in page.tasks.comments)
    assert all(c.author_id != me.pk for c in page.tasks.comments)
    bkd_comment = Comment.objects.get(body__startswith="Mohon dilengkapi SK Gubernur")
    assert bkd_comment.body[:40] not in html
    assert bkd_comment.body[:40] in home(client, "responden-bkd").content.decode()


def test_responden_returned_items_are_highlighted(demo, client):
    html = home(client, "responden-diskominfo").content.decode()
    returned = Assessment.objects.get(
        cycle=cycle(2026), status="perlu_perbaikan", lead_unit__short_name="Biro Organisasi"
    )
    box = html.split('data-testid="returned"')[1].split("</div>")[0]
    assert returned.indicator.short_name in box
    assert returned.review_note[:40] in box
    assert 'class="returned"' in html
    assert html.index('data-section="tasks"') < html.index('data-section="notifications"')


# -- pimpinan ---------------------------------------------------------------------------------
def test_pimpinan_headline_is_the_engines(demo, client):
    response = home(client, "pimpinan")
    (view,) = response.context["page"].leaders
    final_2024 = cycle_stage_scores(cycle(2024))["final"]
    interviu_2026 = cycle_stage_scores(cycle(2026))["interviu"]
    assert view.finished == cycle(2024) and view.current == cycle(2026)
    assert (view.finished_figure.result.index, view.finished_figure.result.predikat) == (
        final_2024.index,
        final_2024.predikat,
    )
    assert view.current_figure.result.index == interviu_2026.index
    assert not view.current_figure.official
    html = response.content.decode()
    assert f'data-testid="index-final">{fmt_id(final_2024.index, 2)}<' in html
    assert f'data-testid="index-interviu">{fmt_id(interviu_2026.index, 2)}<' in html
    assert "chart-trend" in html
    assert reverse("reports:units", args=[cycle(2026).pk]) in html
    # the unfinished 2026 interview figure is not drawn like the final 2024 one
    trend = html[html.index("chart-trend") :]
    provisional = re.findall(r'<[a-z]+ class="point provisional"[^>]*><title>([^<]*)<', trend)
    assert provisional and all("2026" in t and "sementara, belum lengkap" in t for t in provisional)
    assert not re.search(r'<[a-z]+ class="point"[^>]*><title>[^<]*2026:', trend)
    assert "sementara, belum lengkap" in trend.split("</svg>")[0]
    dashboard = client.get(reverse("reports:dashboard", args=[cycle(2026).pk])).content.decode()
    assert 'class="point provisional"' in dashboard
    assert f"{fmt_id(interviu_2026.index, 2)} (sementara, belum lengkap)" in dashboard


# -- pembina ----------------------------------------------------------------------------------
def test_pembina_sees_province_against_its_kabkota(demo, client):
    response = home(client, "pembina")
    (summary,) = response.context["page"].provinces
    province = Instansi.objects.get(instansi_key=KALTIM)
    latest = PublishedResult.objects.filter(instansi=province).order_by("-year").first()
    assert summary.province_point.year == latest.year
    assert summary.province_point.index == latest.index
    kab_results = PublishedResult.objects.filter(instansi__province=province)
    year = max(kab_results.values_list("year", flat=True))
    assert summary.year == year
    expected = Counter(kab_results.filter(year=year).values_list("predikat", flat=True))
    assert dict(summary.by_predikat) == dict(expected)
    assert summary.kabkota == 10 == sum(expected.values()) + summary.without_data
    html = response.content.decode()
    assert reverse("reports:province", args=[province.pk]) in html
    assert fmt_id(latest.index, 2) in html
    # a headline from the news (Kaltim 2025) says it is not verified, on the card itself
    card = html.split('data-testid="province-index"')[1].split('<div class="card"')[0]
    assert not latest.verified and 'data-testid="unverified"' in card
    assert "belum terverifikasi" in card
    PublishedResult.objects.filter(pk=latest.pk).update(verified=True)
    html = home(client, "pembina").content.decode()
    card = html.split('data-testid="province-index"')[1].split('<div class="card"')[0]
    assert "belum terverifikasi" not in card


# -- everyone ---------------------------------------------------------------------------------
def test_last_five_unread_notifications_of_the_user_only(demo, client):
    me, other = user("koordinator"), user("asesor")
    for n in range(7):
        Notification.objects.create(recipient=me, kind="assigned", message=f"Pesan nomor {n}")
    Notification.objects.create(
        recipient=me, kind="assigned", message="Sudah dibaca", read_at=timezone.now()
    )
    Notification.objects.create(recipient=other, kind="assigned", message="Milik asesor")
    html = home(client, me).content.decode()
    shown = re.findall(r"Pesan nomor (\d)", html)
    assert shown == ["6", "5", "4", "3", "2"]
    assert "Sudah dibaca" not in html and "Milik asesor" not in html


# -- bounded cost -----------------------------------------------------------------------------
def _count(client, who) -> int:
    client.force_login(user(who))
    client.get(reverse("home"))  # warm per-process caches (framework specs)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    return len(ctx.captured_queries)


def _enlarge(factor: int = 10):
    """More units, assignments, comments, notifications, action items, reviews, history."""
    province = Instansi.objects.get(instansi_key=KALTIM)
    current = cycle(2026)
    units = [make_unit(instansi=province) for _ in range(4 * factor)]
    diskominfo = Unit.objects.get(instansi=province, short_name="Diskominfo")
    assessments = list(current.assessments.order_by("pk"))
    for i, a in enumerate(assessments):
        a.contributing_units.add(diskominfo, *units[i % 7 :: 9])
    Assessment.objects.filter(pk__in=[a.pk for a in assessments[::3]]).update(
        status="diajukan", reviewer=None
    )
    Assessment.objects.filter(pk__in=[a.pk for a in assessments[1::3]]).update(
        status="perlu_perbaikan", review_note="Lengkapi."
    )
    people = [user(u) for u in ("koordinator", "asesor", "pimpinan", "pembina")]
    for n in range(3 * factor):
        Comment.objects.create(
            assessment=assessments[n % len(assessments)], author=people[1], body=f"Komentar {n}"
        )
        for person in [*people, user("responden-diskominfo")]:
            Notification.objects.create(recipient=person, kind="assigned", message=f"N{n}")
    _add_action_items(current, units, 3 * factor)
    kotas = [make_instansi(kind="kota", province=province) for _ in range(factor)]
    PublishedResult.objects.bulk_create(
        PublishedResult(
            instansi=instansi,
            year=year,
            framework_code="spbe-5-2018" if year < 2021 else "spbe-59-2020",
            index=Decimal("2.10"),
            predikat="" if instansi == province else "Baik",
            source="uji",
        )
        for instansi in [*kotas, province]
        for year in range(2018, 2025 if instansi != province else 2021)
    )


@pytest.mark.parametrize(
    "username", ["koordinator", "admin", "asesor", "responden-diskominfo", "pimpinan", "pembina"]
)
def test_same_number_of_queries_on_larger_data(demo, client, username):
    small = _count(client, username)
    _enlarge()
    assert _count(client, username) == small


def test_coordinator_home_computes_only_its_figures_not_whole_dashboards(demo, client, monkeypatch):
    def no_dashboard(cycle):
        raise AssertionError("the coordinator's home must not build a whole dashboard")

    monkeypatch.setattr("spbe.web.home.cycle_dashboard", no_dashboard)
    small = _count(client, "koordinator")
    print(f"koordinator home: {small} queries")
    # one current cycle; the figures' own queries do not grow with data (above) and stay few
    assert small <= 15


def _open_internal_round(current: Cycle, n: int) -> Cycle:
    """Another current cycle of Kaltim (an internal round with a self-assessment)."""
    from spbe.evaluations.models import StageValue
    from spbe.evaluations.services.cycle_open import cycle_create
    from spbe.frameworks.selectors import framework_get

    round_ = cycle_create(
        actor=user("admin"),
        instansi=current.instansi,
        framework=framework_get("pemdi-8-2026"),
        year=2026,
        kind=Cycle.Kind.INTERNAL,
        name=f"Pemantauan internal {n}",
    )
    StageValue.objects.bulk_create(
        StageValue(assessment=a, stage="mandiri", value=Decimal("2.5"))
        for a in round_.assessments.all()
    )
    Cycle.objects.filter(pk=round_.pk).update(state=Cycle.State.MANDIRI)
    return round_


def test_coordinator_home_cost_is_capped_by_the_cycles_shown(demo, client):
    current = cycle(2026)
    one = _count(client, "koordinator")
    for n in range(CURRENT_CYCLES_SHOWN - 1):
        _open_internal_round(current, n)
    shown = _count(client, "koordinator")
    # each further cycle shown adds only the evidence engine's two queries per cycle
    assert shown <= one + 2 * (CURRENT_CYCLES_SHOWN - 1)
    _open_internal_round(current, 99)  # not shown: a "Semua siklus" link
    page = home(client, "koordinator").context["page"].coordinator
    assert page.more and len(page.cycles) == CURRENT_CYCLES_SHOWN
    assert _count(client, "koordinator") == shown


def test_koordinator_home_does_not_score_the_instansi_history(demo, client):
    """The koordinator's summary of a current cycle shows no trend: it must not read the
    published history nor score the finished cycles (most of the cost at national scale).
    A pimpinan's section shows the trend, so it still reads the history."""
    client.force_login(user("koordinator"))
    client.get(reverse("home"))  # warm per-process caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "evaluations_publishedresult" not in sql
    dashboard_alone = _queries_of(lambda: cycle_dashboard(cycle(2026)))
    assert len(ctx.captured_queries) < dashboard_alone + 5

    client.force_login(user("pimpinan"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    assert "evaluations_publishedresult" in " ".join(q["sql"] for q in ctx.captured_queries)


def _queries_of(compute) -> int:
    with CaptureQueriesContext(connection) as ctx:
        compute()
    return len(ctx.captured_queries)
