"""The HTML cycle lists (/evaluasi/, /laporan/) are paginated with a constant query count."""

import pytest
from django.urls import reverse

from spbe.evaluations.models import Cycle
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from tests.factories import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    shipped_load()
    return build_world()


def _cycles(world, n, start=2000):
    framework = framework_get("spbe-59-2020")
    Cycle.objects.bulk_create(
        Cycle(
            instansi=world.province,
            framework=framework,
            year=start + i,
            kind="internal",
            name=f"Internal {start + i}",
        )
        for i in range(n)
    )


@pytest.mark.parametrize("url", ["evaluations:cycle_list", "reports:cycle_list"])
def test_a_long_list_is_split_into_pages(client, world, settings, url):
    settings.SPBE_LIST_PAGE_SIZE = 10
    _cycles(world, 23)
    client.force_login(world.users["koordinator"])
    first = client.get(reverse(url)).content.decode()
    assert first.count("Internal 20") == 10 and "Internal 2022" in first
    assert "Halaman 1 dari 3" in first and "hal=2" in first
    last = client.get(reverse(url) + "?hal=3").content.decode()
    assert "Internal 2000" in last and "Internal 2022" not in last
    assert "Halaman 3 dari 3" in client.get(reverse(url) + "?hal=99").content.decode()


@pytest.mark.parametrize("url", ["evaluations:cycle_list", "reports:cycle_list"])
def test_queries_do_not_grow_with_the_number_of_cycles(
    client, world, settings, url, django_assert_max_num_queries
):
    settings.SPBE_LIST_PAGE_SIZE = 10
    _cycles(world, 3)
    client.force_login(world.users["koordinator"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse(url))
    _cycles(world, 40, start=2100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(url))


def test_the_province_button_stays_when_its_cycles_are_on_another_page(client, world, settings):
    settings.SPBE_LIST_PAGE_SIZE = 5
    _cycles(world, 12)
    client.force_login(world.users["koordinator"])
    html = client.get(reverse("reports:cycle_list") + "?hal=3").content.decode()
    assert reverse("reports:province", args=[world.province.pk]) in html
