"""With English chosen (the language cookie the header switch sets) the pages speak English;
without it they stay in Bahasa Indonesia. Numbers rendered through Django's localisation follow
the chosen language; the dashboard figures and charts keep the Indonesian format by design."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from spbe.evaluations.models import Assessment
from spbe.frameworks.selectors import framework_get

pytestmark = pytest.mark.django_db


def _get(client, url, user=None, language="en"):
    if user is not None:
        client.force_login(user)
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _assert_english(html, english, indonesian):
    assert '<html lang="en">' in html
    for text in english:
        assert text in html, text
    for text in indonesian:
        assert text not in html, text


CHROME_EN = ["Skip to content", "Log out", "Main navigation", "Agencies & units"]
CHROME_ID = ["Lewati ke konten", "Keluar", "Navigasi utama", "Instansi & unit"]


def test_login_page_in_english(client):
    html = _get(client, reverse("login"))
    _assert_english(
        html,
        ["Log in to SPBE Monev", "Username or e-mail", "Password", "Skip to content"],
        ["Masuk ke SPBE Monev", "Nama pengguna atau e-mail", "Kata sandi", "Lewati ke konten"],
    )


def test_indonesian_stays_the_default_without_a_cookie(client, users):
    html = _get(client, reverse("login"), language=None)
    assert '<html lang="id">' in html
    assert "Masuk ke SPBE Monev" in html and "Kata sandi" in html
    assert "Log in to SPBE Monev" not in html
    html = _get(client, reverse("home"), users["responden"], language=None)
    assert "Keluar" in html and "Log out" not in html


def test_home_page_in_english(client, open_cycle, users):
    html = _get(client, reverse("home"), users["responden"])
    _assert_english(
        html,
        [*CHROME_EN, "Home", "My tasks", "Not filled in"],
        [*CHROME_ID, "Beranda", "Tugas saya", "Belum diisi", "Selamat datang"],
    )


def test_evaluation_pages_in_english(client, open_cycle, users):
    Assessment.objects.filter(cycle=open_cycle, indicator__number=1).update(
        due_date=datetime.date(2025, 3, 31)
    )
    url = reverse("evaluations:assessment_detail", args=[open_cycle.pk, 1])
    html = _get(client, url, users["responden"])
    _assert_english(
        html,
        [
            *CHROME_EN,
            "Self-assessment (Penilaian Mandiri)",
            "Lead unit",
            "FACTS",
            "ANALYSIS",
            "Save draft",
            "Submit for review",
            "Link an existing document",
            "31 March 2025",  # dates follow the chosen language
        ],
        [*CHROME_ID, "Penanggung jawab", "Simpan draf", "Ajukan untuk direviu", "31 Maret 2025"],
    )
    assert "31 Maret 2025" in _get(client, url, users["responden"], language="id")

    html = _get(
        client, reverse("evaluations:cycle_detail", args=[open_cycle.pk]), users["koordinator"]
    )
    _assert_english(
        html,
        ["Unit × indicator matrix", "Index per stage", "Manage cycle", "Change stage"],
        ["Matriks unit × indikator", "Indeks per tahap", "Kelola siklus", "Pindah tahap"],
    )


def test_dashboard_in_english_keeps_indonesian_figures(client, dash):
    url = reverse("reports:dashboard", args=[dash.cycle_2024.pk])
    html = _get(client, url, dash.world.users["pimpinan"])
    _assert_english(
        html,
        [*CHROME_EN, "Index and predikat per stage", "Cycle progress", "Index trend"],
        [*CHROME_ID, "Indeks dan predikat per tahap", "Kemajuan siklus", "Tren indeks"],
    )
    # the figures and charts use the Indonesian number format in every language (by design)
    assert 'data-testid="index-mandiri">4,35<' in html
    assert 'data-testid="index-final">3,79<' in html


def test_numbers_follow_the_chosen_language_where_django_localises(client, shipped, users):
    indicator = framework_get("spbe-59-2020").indicators.get(number=1)
    url = reverse(
        "frameworks:indicator",
        args=["spbe-59-2020", indicator.framework.version, indicator.code],
    )
    weight = f"{indicator.weight:.2f}"  # e.g. "1.63"
    english = _get(client, url, users["koordinator"])
    indonesian = _get(client, url, users["koordinator"], language="id")
    assert f"<dd>{weight}</dd>" in english
    assert f"<dd>{weight.replace('.', ',')}</dd>" in indonesian
    assert "Weight (%)" in english and "Bobot (%)" in indonesian


def test_matrix_letters_and_status_counts_are_translated(client, open_cycle, users):
    url = reverse("evaluations:cycle_matrix", args=[open_cycle.pk])
    english = _get(client, url, users["koordinator"])
    assert "L = lead unit, C = contributor" in english
    assert "Not filled in: 47" in english and "belum_diisi" not in english
    assert ">L·N<" in english  # lead unit, not filled in
    indonesian = _get(client, url, users["koordinator"], language="id")
    assert "Belum diisi: 47" in indonesian and ">P·B<" in indonesian
