"""The pembina's drill-down: from the province comparison into a kabupaten/kota, its SPBE and
Pemdi cycles side by side, the change of framework explained from the framework data, its
dashboards read-only; figures equal the dashboards'."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spbe.core.numbers import fmt_id
from spbe.demo.loader import demo_load
from spbe.evaluations.models import Cycle, StageValue
from spbe.evaluations.services.cycle_open import cycle_create
from spbe.frameworks.models import IndicatorMapping
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from spbe.official.models import PublishedResult
from spbe.organizations.models import Instansi
from spbe.reports.selectors.dashboard import cycle_dashboard

pytestmark = pytest.mark.django_db

KALTIM = "provinsi-kalimantan-timur"


def _user(username):
    return get_user_model().objects.get(username=username)


def _cycle(kab, code, year, state, stage, value, every=1):
    cycle = cycle_create(
        actor=_user("admin"),
        instansi=kab,
        framework=framework_get(code),
        year=year,
        kind=Cycle.Kind.EVALUASI,
        name=f"Evaluasi {year}",
    )
    StageValue.objects.bulk_create(
        StageValue(assessment=a, stage=stage, value=value)
        for a in list(cycle.assessments.order_by("indicator__order"))[::every]
    )
    Cycle.objects.filter(pk=cycle.pk).update(state=state)
    return Cycle.objects.select_related("framework", "instansi").get(pk=cycle.pk)


@pytest.fixture
def kab(db):
    """A kabupaten of Kaltim with a finished SPBE 2025 cycle and a Pemdi 2026 one under way."""
    shipped_load()
    demo_load()
    province = Instansi.objects.get(instansi_key=KALTIM)
    kab = Instansi.objects.filter(province=province).order_by("name").first()
    spbe = _cycle(kab, "spbe-59-2020", 2025, Cycle.State.SELESAI, "final", Decimal(3))
    pemdi = _cycle(kab, "pemdi-8-2026", 2026, Cycle.State.DOKUMEN, "dokumen", Decimal("2.5"), 2)
    return kab, spbe, pemdi


def _get(client, username, name, pk):
    client.force_login(_user(username))
    return client.get(reverse(name, args=[pk]))


def test_pembina_drills_down_from_the_province_to_the_kabupaten(kab, client):
    kab, spbe, pemdi = kab
    province = _get(client, "pembina", "reports:province", kab.province_id)
    assert reverse("reports:instansi", args=[kab.pk]) in province.content.decode()
    response = _get(client, "pembina", "reports:instansi", kab.pk)
    assert response.status_code == 200
    o = response.context["o"]
    assert [c.code for c in o.columns][-2:] == ["spbe-59-2020", "pemdi-8-2026"]
    spbe_col, pemdi_col = o.columns[-2:]
    # the figures are the dashboards': final SPBE 2025, provisional Pemdi dokumen
    final = cycle_dashboard(spbe).figures.headline.result
    assert spbe_col.results[0].year == 2025 and spbe_col.results[0].index == final.index
    (line,) = pemdi_col.cycles
    headline = cycle_dashboard(pemdi).figures.headline
    assert (line.cycle, line.headline.stage) == (pemdi, headline.stage)
    assert line.headline.result.index == headline.result.index and not line.headline.official
    html = response.content.decode()
    assert fmt_id(final.index, 2) in html and fmt_id(headline.result.index, 2) in html
    for cycle in (spbe, pemdi):
        assert reverse("reports:dashboard", args=[cycle.pk]) in html


def test_the_framework_change_is_explained_from_the_framework_data(kab, client):
    kab, spbe, pemdi = kab
    o = _get(client, "pembina", "reports:instansi", kab.pk).context["o"]
    change = o.changes[-1]
    assert (change.year, change.old_label, change.new_label) == (
        2026,
        spbe.framework.short_name,
        pemdi.framework.short_name,
    )
    text = " ".join(change.explanation)
    assert pemdi.framework.name in text and pemdi.framework.legal_basis in text
    links = IndicatorMapping.objects.filter(
        source__framework=spbe.framework, target__framework=pemdi.framework
    ).count()
    assert links and f"{links} tautan indikator" in text
    assert "tidak dapat dibandingkan langsung" in text
    assert any(year == 2026 for year, _label in o.trend.breaks)


def test_the_kabupaten_dashboard_is_read_only_for_the_pembina(kab, client):
    kab, spbe, pemdi = kab
    response = _get(client, "pembina", "reports:dashboard", pemdi.pk)
    assert response.status_code == 200
    assert response.context["manages"] is False
    html = response.content.decode()
    assert reverse("evaluations:cycle_assign", args=[pemdi.pk]) not in html


def test_outside_the_pembinas_reach_the_overview_is_404(kab, client):
    kab, _spbe, _pemdi = kab
    # the province's koordinator does not oversee its kabupaten/kota
    assert _get(client, "koordinator", "reports:instansi", kab.pk).status_code == 404


def _count(client, pk) -> int:
    client.get(reverse("reports:instansi", args=[pk]))  # warm the framework spec cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("reports:instansi", args=[pk])).status_code == 200
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_cycles_or_years(kab, client):
    kab, _spbe, _pemdi = kab
    client.force_login(_user("pembina"))
    small = _count(client, kab.pk)
    _cycle(kab, "spbe-59-2020", 2024, Cycle.State.SELESAI, "final", Decimal(2))
    _cycle(kab, "spbe-59-2020", 2023, Cycle.State.MANDIRI, "mandiri", Decimal(4), 3)
    PublishedResult.objects.bulk_create(
        PublishedResult(
            instansi=kab, year=y, framework_code="spbe-59-2020", index=Decimal("2.2"), source="uji"
        )
        for y in range(2019, 2023)
    )
    assert _count(client, kab.pk) == small
