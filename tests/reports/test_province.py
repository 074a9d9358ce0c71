"""Province view: the province and the kab/kota in scope, with the mean of all Pemda."""

from decimal import Decimal

from django.db.models import Avg
from django.urls import reverse

from spbe.evaluations.models import PublishedResult
from spbe.organizations.models import Role
from spbe.reports.selectors.province import province_comparison
from tests.factories import make_instansi, make_user_with_role


def test_province_and_kabkota_side_by_side_with_pemda_average(dash):
    world = dash.world
    c = province_comparison(user=world.users["pembina"], province=world.province, year=2024)
    names = [row.instansi.pk for row in c.rows]
    assert set(names) == {world.province.pk, world.kab.pk}
    assert c.rows[0].instansi == world.province  # sorted by index, highest first
    expected = PublishedResult.objects.filter(year=2024).aggregate(m=Avg("index"))["m"]
    assert c.average == Decimal(str(expected))
    assert round(c.average, 2) == Decimal("3.46")  # (3.79 + 2.60 + 4.00) / 3
    assert c.rows[1].domain("D1") == Decimal("2.00")
    # 2023 of the province comes from the finished cycle
    c2023 = province_comparison(user=world.users["pembina"], province=world.province, year=2023)
    own = next(r for r in c2023.rows if r.is_province)
    assert own.point.index == Decimal("2.91") and own.point.source == "siklus"


def test_only_instansi_in_scope_are_listed(dash):
    world = dash.world
    # the province koordinator without a recursive grant sees only the province itself
    c = province_comparison(user=world.users["koordinator"], province=world.province)
    assert [row.instansi for row in c.rows] == [world.province]
    hidden = make_instansi(kind="kota", province=world.province, is_active=False)
    PublishedResult.objects.create(
        instansi=hidden, year=2024, framework_code="spbe-59-2020", index="1.00", source="x"
    )
    c = province_comparison(user=world.users["pembina"], province=world.province, year=2024)
    assert hidden not in [row.instansi for row in c.rows]


def test_province_page_sorts_and_labels_the_average(dash, login):
    client = login(dash.world.users["pembina"])
    url = reverse("reports:province", args=[dash.world.province.pk])
    html = client.get(url, {"tahun": 2024, "urut": "nama", "arah": "naik"}).content.decode()
    assert "rata-rata Pemda" in html
    assert 'data-testid="pemda-average">3,46<' in html
    assert html.index(dash.world.kab.name) < html.index(dash.world.province.name + "</td>")
    assert dash.world.other.name not in html


def test_province_page_404_outside_scope(dash, login):
    client = login(dash.world.users["other_koordinator"])
    url = reverse("reports:province", args=[dash.world.province.pk])
    assert client.get(url).status_code == 404
    kab_user = make_user_with_role(role=Role.PIMPINAN, instansi=dash.world.kab)
    client = login(kab_user)
    assert client.get(url).status_code == 404
    # a kab/kota is not a province view
    assert client.get(reverse("reports:province", args=[dash.world.kab.pk])).status_code == 404
