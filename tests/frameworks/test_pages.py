"""Framework pages: logged-in users read them; anonymous visitors go to the login page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SPBE = ("spbe-59-2020", 1)
PEMDI = ("pemdi-8-2026", 1)


def urls():
    return [
        reverse("frameworks:list"),
        reverse("frameworks:detail", args=SPBE),
        reverse("frameworks:indicator", args=(*SPBE, "11")),
        reverse("frameworks:indicator", args=(*PEMDI, "4.2")),
    ]


@pytest.mark.parametrize("index", range(4))
def test_anonymous_is_redirected_to_login(shipped, client, index):
    response = client.get(urls()[index])
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_list_shows_both_frameworks_with_status(shipped, client, member):
    client.force_login(member)
    html = client.get(reverse("frameworks:list")).content.decode()
    assert "SPBE 59/2020" in html and "Pemdi 8/2026" in html
    assert "sementara" in html and "belum terverifikasi" in html


def test_detail_shows_domains_aspects_and_indicators(shipped, client, member):
    client.force_login(member)
    response = client.get(reverse("frameworks:detail", args=SPBE))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Layanan SPBE" in html and "45,50" in html  # Indonesian number format
    assert "Penerapan Manajemen SPBE" in html
    assert "Tingkat Kematangan Layanan Publik Sektor 3" in html
    assert "belum terverifikasi" not in html


def test_indicator_page_shows_ladder_criteria_evidence_and_mappings(shipped, client, member):
    client.force_login(member)
    html = client.get(reverse("frameworks:indicator", args=(*SPBE, "11"))).content.decode()
    assert "Level 4: Terpadu dan Terukur" in html
    assert "Arsitektur SPBE Nasional" in html
    assert "Dokumen reviu atau evaluasi" in html  # evidence kind shown by its name
    assert "Pemdi 8/2026 1.1." in html  # mapped indicator of the other framework


def test_pemdi_indicator_page_flags_provisional_and_unverified(shipped, client, member):
    client.force_login(member)
    response = client.get(reverse("frameworks:indicator", args=(*PEMDI, "4.2")))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Level 1: Merintis" in html
    assert "belum terverifikasi" in html and "sementara" in html
    assert "SPBE 59/2020 8." in html  # mapped back from SPBE indicator 8


def test_unknown_framework_or_indicator_is_404(shipped, client, member):
    client.force_login(member)
    assert client.get(reverse("frameworks:detail", args=("spbe-59-2020", 9))).status_code == 404
    missing = reverse("frameworks:indicator", args=(*SPBE, "99"))
    assert client.get(missing).status_code == 404


def test_indicator_page_query_count_is_bounded(
    shipped, client, member, django_assert_max_num_queries
):
    client.force_login(member)
    with django_assert_max_num_queries(10):
        client.get(reverse("frameworks:detail", args=SPBE))
