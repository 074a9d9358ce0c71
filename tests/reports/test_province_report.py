"""The province report (PDF comparing kabupaten/kota) from the command line and the API:
the same figures as the province comparison selector, bad input refused in Indonesian with
nothing written, and only those who see the province page may make it."""

import hashlib
import io
from io import StringIO

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from spbe.core.numbers import fmt_id
from spbe.reports.models import GeneratedFile
from spbe.reports.selectors.province import province_comparison
from tests.reports.fixtures import make_cycle

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _report(tmp_path, *args, name="p.pdf"):
    out = tmp_path / name
    call_command("report", "province", *args, "--out", str(out), stdout=StringIO())
    return out


def test_cli_writes_the_figures_of_the_province_comparison(dash, tmp_path):
    world = dash.world
    out = _report(tmp_path, "--province", str(world.province.pk), "--year", "2024")
    text = _text(out.read_bytes())
    comparison = province_comparison(
        user=world.users["administrator"], province=world.province, year=2024
    )
    assert comparison.year == 2024 and len(comparison.rows) == 2
    for row in comparison.rows:
        assert row.instansi.name in text
        assert fmt_id(row.point.index) in text  # "3,79" for the province, "2,60" for the kab
        for value in row.point.domains.values():
            assert fmt_id(value) in text
    assert "Indeks 2024" in text
    # Without --year: the year the province page opens on; by name instead of number.
    default = _report(tmp_path, "--province", world.province.name, name="d.pdf")
    assert "Indeks 2024" in _text(default.read_bytes())


def test_cli_reports_what_the_given_user_sees(dash, tmp_path):
    world = dash.world
    pembina = _text(
        _report(tmp_path, "--province", "provinsi-uji", "--user", "pembina").read_bytes()
    )
    assert world.kab.name in pembina
    # The coordinator sees the province but not its kabupaten/kota: not in their report.
    koord = _report(tmp_path, "--province", "provinsi-uji", "--user", "koord", name="k.pdf")
    text = _text(koord.read_bytes())
    assert world.province.name in text and world.kab.name not in text


def test_cli_refuses_bad_input_in_indonesian_and_writes_nothing(dash, tmp_path):
    world = dash.world
    province = str(world.province.pk)
    for args, message in (
        (["--province", "Tidak Ada"], "provinsi tidak ditemukan"),
        (["--province", str(world.kab.pk)], "provinsi tidak ditemukan"),  # a kabupaten
        (["--province", province, "--year", "1999"], "Tahun 1999 tidak ada hasilnya"),
        (["--province", province, "--year", "dua"], "harus tahun"),
        (["--province", province, "--user", "resp"], "tidak melihat seluruh data"),
        (["--province", province, "--user", "hantu"], "Pengguna hantu tidak ada"),
    ):
        with pytest.raises(CommandError, match=message):
            _report(tmp_path, *args)
    with pytest.raises(CommandError, match="akhiran berkas harus .pdf"):
        _report(tmp_path, "--province", province, name="p.docx")
    with pytest.raises(CommandError, match="folder"):
        _report(tmp_path, "--province", province, name="tidak-ada/p.pdf")
    assert list(tmp_path.iterdir()) == []
    assert not GeneratedFile.objects.exists()


def test_cli_takes_the_province_with_cycles_by_default(dash, tmp_path):
    world = dash.world
    text = _text(_report(tmp_path).read_bytes())  # the cycles here are the province's
    assert world.province.name in text and world.kab.name in text
    make_cycle(instansi=world.other, year=2024, stages={})
    with pytest.raises(CommandError, match="pilih provinsinya dengan --province"):
        _report(tmp_path, name="q.pdf")  # two provinces with cycles: which one?


def _start(client, province, capture, **data):
    with capture(execute=True):
        return client.post(f"/api/provinces/{province.pk}/generated-files/", data, format="json")


def test_api_starts_polls_and_downloads_the_province_report(
    dash, api, django_capture_on_commit_callbacks
):
    world = dash.world
    client = api(world.users["pembina"])
    started = _start(client, world.province, django_capture_on_commit_callbacks, year=2024)
    assert started.status_code == 202, started.content
    body = started.json()
    assert body["kind"] == "province" and body["year"] == 2024 and body["cycle"] is None
    status = client.get(f"/api/generated-files/{body['id']}/").json()
    assert status["status"] == "done" and status["download_url"], status
    download = client.get(status["download_url"])
    content = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf"
    assert hashlib.sha256(content).hexdigest() == status["sha256"]
    text = _text(content)
    assert world.kab.name in text and fmt_id(dash_index(world)) in text
    # Without a year: the year the page opens on, recorded on the file.
    default = _start(client, world.province, django_capture_on_commit_callbacks).json()
    assert default["year"] == 2024
    schema = client.get("/api/schema/")
    assert b"/api/provinces/{id}/generated-files/" in schema.content


def dash_index(world):
    return province_comparison(
        user=world.users["pembina"], province=world.province, year=2024
    ).province_row.point.index


def test_api_refuses_a_year_without_results_and_changes_nothing(
    dash, api, django_capture_on_commit_callbacks
):
    world = dash.world
    client = api(world.users["pembina"])
    for data in ({"year": 1999}, {"year": "dua"}):
        refused = _start(client, world.province, django_capture_on_commit_callbacks, **data)
        assert refused.status_code == 400, refused.content
        assert "year" in refused.json()["error"]["fields"]
    assert "Tahun 1999 tidak ada hasilnya" in str(
        _start(client, world.province, django_capture_on_commit_callbacks, year=1999).json()
    )
    assert not GeneratedFile.objects.exists()


def test_only_who_sees_the_province_page_makes_and_fetches_the_report(
    dash, api, login, django_capture_on_commit_callbacks
):
    world = dash.world
    page = reverse("reports:province", args=[world.province.pk])
    started = _start(
        api(world.users["pembina"]), world.province, django_capture_on_commit_callbacks
    )
    generated = GeneratedFile.objects.get()
    for name in ("pimpinan", "koordinator", "administrator"):
        assert login(world.users[name]).get(page).status_code == 200
        client = api(world.users[name])
        mine = _start(client, world.province, django_capture_on_commit_callbacks, year=2024)
        assert mine.status_code == 202, (name, mine.content)
        # Another reader's report shows the kab/kota its requester sees: theirs only.
        assert client.get(f"/api/generated-files/{started.json()['id']}/").status_code == 404
    for name in ("responden", "nobody", "other_koordinator"):
        assert login(world.users[name]).get(page).status_code == 404
        client = api(world.users[name])
        refused = _start(client, world.province, django_capture_on_commit_callbacks, year=2024)
        assert refused.status_code == 404, name
        assert client.get(f"/api/generated-files/{generated.pk}/download/").status_code == 404
    assert api().post(f"/api/provinces/{world.province.pk}/generated-files/").status_code in (
        401,
        403,
    )
    assert GeneratedFile.objects.count() == 4


def test_page_refuses_a_year_without_results(dash, login, django_capture_on_commit_callbacks):
    world = dash.world
    client = login(world.users["pembina"])
    url = reverse("reports:province_generate", args=[world.province.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"tahun": "1999"}, follow=True)
    assert "Tahun 1999 tidak ada hasilnya" in response.content.decode()
    assert not GeneratedFile.objects.exists()
