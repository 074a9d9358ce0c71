"""Province view: the province and the kab/kota in scope, with the mean of all Pemda."""

from decimal import Decimal

from django.db.models import Avg
from django.urls import reverse

from spbe.official.models import PublishedResult
from spbe.organizations.models import Role
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.reports.selectors.province import AVERAGE_LABEL, province_comparison, province_trend
from tests.factories import make_instansi, make_user_with_role


def test_province_and_kabkota_side_by_side_with_pemda_average(dash, settings):
    settings.SPBE_PEMDA_AVERAGE_MIN = 3
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


def test_province_page_sorts_and_labels_the_average(dash, login, settings):
    settings.SPBE_PEMDA_AVERAGE_MIN = 3
    client = login(dash.world.users["pembina"])
    url = reverse("reports:province", args=[dash.world.province.pk])
    html = client.get(url, {"tahun": 2024, "urut": "nama", "arah": "naik"}).content.decode()
    assert "rata-rata Pemda" in html
    assert 'data-testid="pemda-average">3,46<' in html
    assert html.index(dash.world.kab.name) < html.index(dash.world.province.name + "</a></td>")
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


def _news_only(instansi, year=2025, index="4.13"):
    return PublishedResult.objects.create(
        instansi=instansi,
        year=year,
        framework_code="spbe-59-2020",
        index=Decimal(index),
        source="berita",
        verified=False,
    )


def test_opens_on_the_latest_year_most_instansi_have_verified(dash, login):
    world = dash.world
    _news_only(world.province)  # like Kaltim 2025: the news only, nobody else yet
    c = province_comparison(user=world.users["pembina"], province=world.province)
    assert c.years[-1] == 2025 and c.year == 2024
    assert (
        province_comparison(user=world.users["pembina"], province=world.province, year=2025).year
        == 2025
    )  # still there when chosen
    html = (
        login(world.users["pembina"])
        .get(reverse("reports:province", args=[world.province.pk]))
        .content.decode()
    )
    assert '<option value="2024" selected>' in html
    # the trend never joins a news-only value to the verified line
    trend = cycle_dashboard(dash.cycle_2024).trend
    assert (2025, Decimal("4.13"), "SPBE 59/2020 (belum terverifikasi)") in trend.points


def test_pemda_mean_counts_verified_results_only_and_hides_when_too_few(dash, login, settings):
    world = dash.world
    settings.SPBE_PEMDA_AVERAGE_MIN = 3
    _news_only(world.province)
    _news_only(make_instansi(kind="kota", province=world.province), year=2024, index="1.00")
    c = province_comparison(user=world.users["pembina"], province=world.province, year=2024)
    assert c.averages[2024][1] == 3  # the unverified 1.00 is not counted
    assert round(c.average, 2) == Decimal("3.46")
    c = province_comparison(user=world.users["pembina"], province=world.province, year=2025)
    assert c.averages.get(2025) is None and c.average is None  # not Kaltim with itself
    average_years = [y for y, _v, name in province_trend(c).points if name == AVERAGE_LABEL]
    assert 2025 not in average_years and 2024 in average_years
    client = login(world.users["pembina"])
    url = reverse("reports:province", args=[world.province.pk])
    html = client.get(url, {"tahun": 2025}).content.decode()
    assert 'data-testid="pemda-average">–<' in html
    assert "Rata-rata Pemda 2025 tidak ditampilkan: baru 0 Pemda" in html
    assert "belum terverifikasi" in html and "(1 Pemda)" not in html
    settings.SPBE_PEMDA_AVERAGE_MIN = 10  # three Pemda in 2024 are too few as well
    html = client.get(url, {"tahun": 2024}).content.decode()
    assert 'data-testid="pemda-average">–<' in html
    assert "baru 3 Pemda yang punya hasil terverifikasi (minimal 10)" in html
