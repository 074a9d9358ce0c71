"""`spbe demo`: the Kaltim demo loads, is idempotent, scores as published, and logs everyone in."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from spbe.audit.models import AuditEvent
from spbe.demo.accounts import DEMO_PASSWORD, demo_accounts
from spbe.demo.data import demo_data
from spbe.demo.loader import demo_load
from spbe.evaluations.models import Assessment, Comment, Cycle, EvidenceLink, StageValue
from spbe.evaluations.selectors import cycle_score, cycle_stage_scores
from spbe.evidence.models import Document, DocumentRevision
from spbe.official.models import PublishedResult
from spbe.organizations.models import Instansi, Role, Unit
from spbe.organizations.permissions import scope_for
from tests.demo.conftest import KALTIM, cycle
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (
            Instansi,
            Unit,
            Cycle,
            Assessment,
            StageValue,
            Comment,
            PublishedResult,
            Document,
            DocumentRevision,
            EvidenceLink,
        )
    } | {"users": sorted(get_user_model().objects.values_list("username", flat=True))}


def test_command_prints_url_and_accounts(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text and DEMO_PASSWORD in text
    for account in demo_accounts():
        assert account.username in text
    assert "responden-bkd" in text and "Badan Kepegawaian Daerah" in text


def test_command_prints_the_address_it_is_given(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo", "--url", "http://192.168.1.20:8080", stdout=out)
    assert "Buka http://192.168.1.20:8080 " in out.getvalue()
    assert "127.0.0.1:8000" not in out.getvalue()


def test_make_run_passes_its_host_to_the_demo_command():
    from django.conf import settings

    makefile = (settings.BASE_DIR / "Makefile").read_text(encoding="utf-8")
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "spbe demo --url http://$(HOST)" in run
    assert "spbe runserver $(HOST)" in run


def test_refuses_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG mati"):
        call_command("demo", stdout=StringIO())
    assert not get_user_model().objects.exists() and not Cycle.objects.exists()
    call_command("demo", "--force", stdout=StringIO())
    assert get_user_model().objects.filter(username="koordinator").exists()


def test_what_is_loaded(demo):
    data = demo_data()
    province = Instansi.objects.get(instansi_key=KALTIM)
    assert province.short_name == "Pemprov Kaltim"
    assert province.kabkota.count() == 10
    assert Unit.objects.filter(instansi=province).count() == len(data["units"]) == 46
    assert Unit.objects.get(instansi=province, is_coordinator=True).short_name == "Diskominfo"
    assert Unit.objects.get(instansi=province, name="Biro Hukum").parent.short_name == "Setda"
    assert PublishedResult.objects.count() == 1236 + 1  # national tables + Kaltim 2025 (news)
    news = PublishedResult.objects.get(instansi=province, year=2025)
    assert news.index == Decimal("4.13") and news.verified is False
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 1


def test_history_instansi_reused_not_duplicated(demo):
    assert Instansi.objects.filter(instansi_key=KALTIM).count() == 1
    samarinda = Instansi.objects.get(instansi_key="kota-samarinda")
    assert samarinda.province.instansi_key == KALTIM
    assert PublishedResult.objects.filter(instansi=samarinda).count() == 2


def test_spbe_cycles_score_as_published(demo):
    c2023 = cycle(2023)
    assert c2023.state == Cycle.State.SELESAI
    final = cycle_score(c2023)
    assert (str(final.index), final.predikat) == ("2.91", "Baik")
    scores = cycle_stage_scores(cycle(2024))
    assert {stage: str(s.index) for stage, s in scores.items()} == {
        "mandiri": "4.35",
        "dokumen": "3.28",
        "interviu": "3.79",
        "final": "3.79",
    }
    assert scores["final"].predikat == "Sangat Baik"
    services = dict(
        Assessment.objects.filter(
            cycle=cycle(2024), indicator__number__in=[45, 46, 47]
        ).values_list("indicator__number", "subject_name")
    )
    assert services[45] == "Perizinan Berusaha (DPMPTSP)"


def test_pemdi_2026_cycle(demo):
    current = cycle(2026)
    spec = demo_data()["pemdi_2026"]
    assert current.framework.code == "pemdi-8-2026" and current.state == "interviu"
    assert current.external_values == {
        "sdi": "58.20",
        "sdi-interoperabilitas": "41.00",
        "sjig": None,
        "ips": "2.45",
    }
    assessments = {a.indicator.number: a for a in current.assessments.select_related("indicator")}
    assert len(assessments) == 20
    for number, ind in spec["indicators"].items():
        a = assessments[int(number)]
        assert (
            a.lead_unit.name
            == Unit.objects.get(instansi=current.instansi, name=_unit_name(ind["lead"])).name
        )
        assert a.status == ind["status"] and a.reviewer.username == "asesor"
        assert {u.name for u in a.contributing_units.all()} == {
            _unit_name(s) for s in ind.get("contrib", [])
        }
        for stage in ("mandiri", "dokumen", "interviu"):
            value = a.stage_values.filter(stage=stage).first()
            expected = ind.get(stage)
            assert (value.value if value else None) == (Decimal(expected) if expected else None)
    assert StageValue.objects.filter(assessment__cycle=current).exclude(fakta="").exists()
    assert Comment.objects.filter(assessment__cycle=current, author__username="responden-bkd")
    mandiri = cycle_score(current, "mandiri")
    assert mandiri.complete  # external indicators count (SJIG pending = 1.00)
    # indicator 18 takes the recorded SDI Interoperabilitas index (41.00 → 2.64) at every stage
    assert not StageValue.objects.filter(
        assessment__cycle=current, assessment__indicator__source="external", value__isnull=False
    ).exists()
    assert mandiri.values["18"] == cycle_score(current, "dokumen", official=True).values["18"]
    assert mandiri.values["18"] == Decimal("2.64")
    interviu = cycle_score(current, "interviu", official=True)
    assert not interviu.complete and "3" in interviu.missing


def _unit_name(slug: str) -> str:
    return next(u["name"] for u in demo_data()["units"] if u["slug"] == slug)


def test_idempotent(demo):
    before = snapshot()
    second = demo_load()
    assert not second.changed
    assert snapshot() == before
    assert AuditEvent.objects.filter(action="demo.loaded").count() == 1


def test_rerun_keeps_what_people_changed_and_reset_restores(demo):
    value = StageValue.objects.get(
        assessment__cycle=cycle(2026), assessment__indicator__number=1, stage="mandiri"
    )
    value.value = Decimal("4.00")
    value.save()
    demo_load()
    value.refresh_from_db()
    assert value.value == Decimal("4.00")
    demo_load(reset=True)
    restored = StageValue.objects.get(
        assessment__cycle=cycle(2026), assessment__indicator__number=1, stage="mandiri"
    )
    assert restored.value == Decimal("3.00")
    assert str(cycle_score(cycle(2023)).index) == "2.91"


def test_reset_deletes_only_demo_data(demo):
    province = Instansi.objects.get(instansi_key=KALTIM)
    own_unit = make_unit(instansi=province, name="UPTD Balai Data Daerah")
    own_user = make_user(username="budi.kaltim")
    own_cycle = Cycle.objects.create(
        instansi=province,
        framework=cycle(2026).framework,
        year=2026,
        kind=Cycle.Kind.INTERNAL,
        name="Pemantauan internal 2026",
    )
    demo_load(reset=True)
    assert Unit.objects.filter(pk=own_unit.pk).exists()
    assert get_user_model().objects.filter(pk=own_user.pk).exists()
    assert Cycle.objects.filter(pk=own_cycle.pk).exists()
    assert Cycle.objects.filter(instansi=province).count() == 4
    assert get_user_model().objects.filter(username="koordinator").count() == 1


def test_every_account_logs_in(demo, client):
    for account in demo_accounts():
        response = client.post(
            reverse("login"), {"username": account.username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, account.username
        assert client.session["_auth_user_id"]
        client.logout()


def test_roles_and_what_each_sees(demo):
    User = get_user_model()
    province = Instansi.objects.get(instansi_key=KALTIM)
    units = Unit.objects.filter(instansi=province)
    assert scope_for(User.objects.get(username="admin")).is_admin
    for username in ("koordinator", "asesor", "pimpinan"):
        scope = scope_for(User.objects.get(username=username))
        assert units.filter(scope.unit_q()).count() == 46, username
    pembina = scope_for(User.objects.get(username="pembina"))
    assert Instansi.objects.filter(pembina.instansi_q()).count() == 11
    assert not pembina.can_write_anything
    for account in demo_accounts():
        if account.role != Role.RESPONDEN:
            continue
        scope = scope_for(User.objects.get(username=account.username))
        seen = list(units.filter(scope.unit_q()).values_list("name", flat=True))
        assert seen == [account.where], account.username
        assert scope.edits_unit(units.get(name=account.where))
        assert not scope.edits_unit(units.exclude(name=account.where).first())


def test_readme_lists_every_demo_account():
    from django.conf import settings

    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    for account in demo_accounts():
        assert f"| `{account.username}` |" in readme, account.username
    assert DEMO_PASSWORD in readme
