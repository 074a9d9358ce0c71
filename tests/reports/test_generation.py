"""The generation framework: a document asked for on the page or the API is built in the
background, kept with requester, data version and hash, and downloaded only by those who
may see it. Uses the Berita Acara (DOCX, fast) and the unit scorecard; the LHE's content is
tested from the demo in test_documents."""

import hashlib
import io
import zipfile
from io import StringIO

import docx
import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from spbe.audit.models import AuditEvent
from spbe.audit.services import audit_record
from spbe.reports.models import GeneratedFile, ReportSettings
from spbe.reports.services import generated_file_build, generated_file_request

pytestmark = pytest.mark.django_db


def _generate(client, cycle, capture, **data):
    with capture(execute=True):
        return client.post(reverse("reports:document_generate", args=[cycle.pk]), data)


def test_coordinator_generates_and_downloads_a_berita_acara(
    dash, login, django_capture_on_commit_callbacks
):
    world, cycle = dash.world, dash.cycle_2024
    client = login(world.users["koordinator"])
    page = client.get(reverse("reports:documents", args=[cycle.pk]))
    assert page.status_code == 200 and "Berita Acara" in page.content.decode()
    response = _generate(
        client, cycle, django_capture_on_commit_callbacks, kind="berita_acara", format="docx"
    )
    assert response.status_code == 302
    generated = GeneratedFile.objects.get()
    assert generated.status == GeneratedFile.Status.DONE and generated.progress == 100
    assert generated.requested_by == world.users["koordinator"]
    assert generated.data_version == "audit:0"  # the test data was written without events
    with transaction.atomic():
        change = audit_record(actor=None, action="cycle.updated", target=cycle)
    _generate(client, cycle, django_capture_on_commit_callbacks, kind="berita_acara")
    assert GeneratedFile.objects.latest("pk").data_version == f"audit:{change.pk}"
    download = client.get(reverse("reports:generated_download", args=[generated.pk]))
    body = b"".join(download.streaming_content)
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Disposition"].startswith("attachment;")
    assert hashlib.sha256(body).hexdigest() == generated.sha256
    assert "BERITA ACARA" in "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"report.requested", "report.generated"} <= actions
    status = client.get(reverse("reports:generated_status", args=[generated.pk]))
    assert "Unduh" in status.content.decode() and "hx-trigger" not in status.content.decode()


def test_a_queued_file_polls_until_done(dash, login):
    world, cycle = dash.world, dash.cycle_2024
    generated = generated_file_request(
        user=world.users["koordinator"], kind="berita_acara", cycle=cycle, file_format="docx"
    )  # not committed: the task has not run yet
    client = login(world.users["koordinator"])
    row = client.get(reverse("reports:generated_status", args=[generated.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in row and "<progress" in row
    generated_file_build(generated_id=generated.pk)
    row = client.get(reverse("reports:generated_status", args=[generated.pk])).content.decode()
    assert "Unduh" in row and "hx-trigger" not in row


def test_respondent_and_outsider_cannot_make_or_fetch_what_they_cannot_see(
    dash, login, django_capture_on_commit_callbacks
):
    world, cycle = dash.world, dash.cycle_2024
    koord = login(world.users["koordinator"])
    _generate(koord, cycle, django_capture_on_commit_callbacks, kind="berita_acara")
    generated = GeneratedFile.objects.get()
    koord.logout()
    for user, status in (
        (world.users["responden"], 403),  # sees the instansi, may not make the letter
        (world.users["nobody"], 404),
    ):
        client = login(user)
        response = _generate(client, cycle, django_capture_on_commit_callbacks, kind="lhe")
        assert response.status_code in (403, 404)
        assert (
            client.get(reverse("reports:generated_download", args=[generated.pk])).status_code
            == 404
        )
        assert (
            client.get(reverse("reports:generated_status", args=[generated.pk])).status_code == 404
        )
        forbidden = _generate(client, cycle, django_capture_on_commit_callbacks, kind="package")
        assert forbidden.status_code in (status, 404)
        client.logout()
    assert GeneratedFile.objects.count() == 1
    # A pimpinan reads the figures but does not sign the Berita Acara nor take the evidence.
    client = login(world.users["pimpinan"])
    refused = _generate(client, cycle, django_capture_on_commit_callbacks, kind="package")
    assert refused.status_code == 403
    assert client.get(reverse("reports:generated_download", args=[generated.pk])).status_code == 404


def test_bad_requests_change_nothing(dash, login, django_capture_on_commit_callbacks):
    world, cycle = dash.world, dash.cycle_2024
    client = login(world.users["koordinator"])
    for data in (
        {"kind": "lhe", "stage": "bogus"},
        {"kind": "nope"},
        {"kind": "lhe", "format": "docx"},
    ):
        response = _generate(client, cycle, django_capture_on_commit_callbacks, **data)
        assert response.status_code == 302
    assert not GeneratedFile.objects.exists()
    failed = _generate(
        client, cycle, django_capture_on_commit_callbacks, kind="berita_acara", stage="visitasi"
    )
    assert failed.status_code == 302
    generated = GeneratedFile.objects.get()
    assert generated.status == GeneratedFile.Status.FAILED and "tahap" in generated.error.lower()
    assert not generated.file


def test_api_starts_polls_and_downloads(dash, api, django_capture_on_commit_callbacks):
    world, cycle = dash.world, dash.cycle_2024
    client = api(world.users["koordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"/api/cycles/{cycle.pk}/generated-files/",
            {"kind": "scorecard", "unit": world.diskominfo.pk},
            format="json",
        )
    assert started.status_code == 202, started.content
    body = started.json()
    status = client.get(f"/api/generated-files/{body['id']}/").json()
    assert status["status"] == "done" and status["download_url"]
    download = client.get(status["download_url"])
    content = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf"
    assert hashlib.sha256(content).hexdigest() == status["sha256"]
    bad = client.post(
        f"/api/cycles/{cycle.pk}/generated-files/", {"kind": "lhe", "stage": "x"}, format="json"
    )
    assert bad.status_code == 400
    wrong = client.post(
        f"/api/cycles/{cycle.pk}/generated-files/",
        {"kind": "scorecard", "unit": world.other_unit.pk},
        format="json",
    )
    assert wrong.status_code == 400  # one error shape: a list of messages per field
    assert wrong.json()["error"]["fields"] == {"unit": ["Unit tidak ada di instansi siklus ini."]}
    outsider = api(world.users["nobody"])
    assert outsider.get(f"/api/generated-files/{body['id']}/").status_code == 404
    schema = client.get("/api/schema/")
    for path in (b"/api/cycles/{id}/generated-files/", b"/api/generated-files/{id}/download/"):
        assert path in schema.content


def test_settings_refuse_a_bad_template_and_keep_the_old_one(dash, login):
    world = dash.world
    client = login(world.users["koordinator"])
    url = reverse("reports:document_settings", args=[world.province.pk])
    template = client.get(reverse("reports:berita_acara_template", args=[world.province.pk]))
    good = template.content
    ok = client.post(
        url,
        {
            "sekda_name": "Sri",
            "sekda_nip": "196801011990032001",
            "berita_acara_template": _upload("ba.docx", good),
        },
    )
    assert ok.status_code == 302
    kept = ReportSettings.objects.get(instansi=world.province).berita_acara_template.name
    broken = _broken_template(good)
    refused = client.post(
        url, {"sekda_name": "Lain", "berita_acara_template": _upload("ba.docx", broken)}
    )
    assert refused.status_code == 400
    assert "Kolom isian tidak dikenal" in refused.content.decode()
    config = ReportSettings.objects.get(instansi=world.province)
    assert config.berita_acara_template.name == kept and config.sekda_name == "Sri"
    bad_nip = client.post(url, {"sekda_nip": "12"})
    assert bad_nip.status_code == 400 and "18 angka" in bad_nip.content.decode()
    assert login(world.users["responden"]).get(url).status_code == 403


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _broken_template(good: bytes) -> bytes:
    document = docx.Document(io.BytesIO(good))
    document.add_paragraph("{{ tanggal_salah }}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_cli_refuses_bad_input_and_writes_documents(dash, tmp_path):
    cycle = dash.cycle_2024
    for args, message in (
        (["report", "lhe", "--cycle", "999", "--out", str(tmp_path / "a.pdf")], "tidak ada"),
        (["report", "lhe", "--cycle", "x", "--out", str(tmp_path / "a.pdf")], "angka"),
        (
            [
                "report",
                "lhe",
                "--cycle",
                str(cycle.pk),
                "--stage",
                "z",
                "--out",
                str(tmp_path / "a.pdf"),
            ],
            "Tahap",
        ),
        (["report", "lhe", "--cycle", str(cycle.pk), "--out", str(tmp_path / "a.docx")], ".pdf"),
        (
            [
                "report",
                "scorecard",
                "--cycle",
                str(cycle.pk),
                "--unit",
                "Tidak Ada",
                "--out",
                str(tmp_path / "a.pdf"),
            ],
            "unit",
        ),
        (
            ["package", "--cycle", str(cycle.pk), "--out", str(tmp_path / "none" / "p.zip")],
            "folder",
        ),
        (
            [
                "report",
                "berita-acara",
                "--cycle",
                str(cycle.pk),
                "--stage",
                "visitasi",
                "--out",
                str(tmp_path / "b.pdf"),
            ],
            "tahap",
        ),
    ):
        with pytest.raises(CommandError, match=message):
            call_command(*args, stdout=StringIO())
    assert list(tmp_path.iterdir()) == []  # nothing half-written
    out = tmp_path / "ba.docx"
    call_command(
        "report", "berita-acara", "--cycle", str(cycle.pk), "--out", str(out), stdout=StringIO()
    )
    assert "Pada hari ini" in "\n".join(p.text for p in docx.Document(out).paragraphs)
    package = tmp_path / "p.zip"
    call_command("package", "--cycle", str(cycle.pk), "--out", str(package), stdout=StringIO())
    assert "MANIFEST-SHA256.txt" in zipfile.ZipFile(package).namelist()


def test_pembina_generates_the_province_report_only_they_download(
    dash, login, django_capture_on_commit_callbacks
):
    world = dash.world
    client = login(world.users["pembina"])
    url = reverse("reports:province_generate", args=[world.province.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"tahun": "2024"})
    assert response.status_code == 302
    generated = GeneratedFile.objects.get(kind="province")
    assert generated.status == GeneratedFile.Status.DONE, generated.error
    download = client.get(reverse("reports:generated_download", args=[generated.pk]))
    with pdfplumber.open(io.BytesIO(b"".join(download.streaming_content))) as pdf:
        text = pdf.pages[0].extract_text()
    assert world.province.name in text and world.kab.name in text
    page = client.get(reverse("reports:province", args=[world.province.pk])).content.decode()
    assert generated.filename in page
    other = login(world.users["koordinator"])  # sees the province, maybe not the same kab/kota
    assert other.get(reverse("reports:generated_download", args=[generated.pk])).status_code == 404
    assert login(world.users["nobody"]).post(url, {"tahun": "2024"}).status_code == 404


def test_documents_page_queries_do_not_grow_with_the_files(dash, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world, cycle = dash.world, dash.cycle_2024
    client = login(world.users["koordinator"])
    url = reverse("reports:documents", args=[cycle.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        GeneratedFile.objects.bulk_create(
            GeneratedFile(
                kind=kind, file_format="pdf", instansi=cycle.instansi, cycle=cycle,
                unit=world.diskominfo if kind == "scorecard" else None,
                requested_by=world.users["koordinator"],
            )
            for i in range(n)
            for kind in ("lhe", "berita_acara", "scorecard")
        )  # fmt: skip

    add(1)
    small = count()
    add(6)
    assert count() == small
