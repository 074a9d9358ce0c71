"""An upload retried with the same file does not duplicate (content hash per indicator), and an
unavailable evidence storage is a clear error with nothing recorded as uploaded; page and API."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from spbe.evaluations.models import EvidenceLink
from spbe.evidence.models import Document, DocumentRevision
from tests.evidence.pdfs import text_pdf

pytestmark = pytest.mark.django_db

PDF = text_pdf("PERATURAN GUBERNUR NOMOR 7 TAHUN 2025", "TENTANG TIM SPBE")
UNREACHABLE = "Penyimpanan bukti sedang tidak dapat dihubungi"


def _page_upload(client, assessment, world, *, level=2, name="pergub.pdf", htmx=True):
    return client.post(
        reverse("evidence:assessment_upload", args=[assessment.pk]),
        {"kind": "pergub", "title": "Pergub 7/2025", "owner_unit": world.setda.pk,
         "level": level, "upload": SimpleUploadedFile(name, PDF)},
        **({"HTTP_HX_REQUEST": "true"} if htmx else {}),
    )  # fmt: skip


def _api_upload(client, assessment, world, *, level=2, name="pergub.pdf"):
    return client.post(
        "/api/evidence-links/upload/",
        {"assessment": assessment.pk, "level": level, "kind": "pergub", "title": "Pergub 7/2025",
         "owner_unit": world.setda.pk, "file": SimpleUploadedFile(name, PDF)},
        format="multipart",
    )  # fmt: skip


def test_page_upload_retried_with_the_same_file_answers_with_the_first_document(
    world, assessment, client, stored_files, django_capture_on_commit_callbacks
):
    client.force_login(world.users["responden"])
    with django_capture_on_commit_callbacks(execute=True):
        first = _page_upload(client, assessment, world)
    assert first.status_code == 200 and "diunggah dan ditautkan" in first.content.decode()
    retried = _page_upload(client, assessment, world, name="pergub (1).pdf")
    html = retried.content.decode()
    assert retried.status_code == 200
    assert "Berkas yang sama sudah diunggah pada" in html and "“Pergub 7/2025”" in html
    assert "diunggah dan ditautkan" not in html
    assert Document.objects.count() == 1 and DocumentRevision.objects.count() == 1
    assert EvidenceLink.objects.count() == 1 and len(stored_files()) == 1

    # Without JavaScript: the same, told on the page the user is sent back to.
    response = _page_upload(client, assessment, world, htmx=False)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Berkas yang sama sudah diunggah pada" in page
    assert Document.objects.count() == 1 and len(stored_files()) == 1


def test_same_file_at_another_level_links_the_existing_document_without_a_new_file(
    world, assessment, client, stored_files
):
    client.force_login(world.users["responden"])
    _page_upload(client, assessment, world, level=2)
    response = _page_upload(client, assessment, world, level=3)
    assert "Berkas yang sama sudah diunggah pada" in response.content.decode()
    assert sorted(EvidenceLink.objects.values_list("level", flat=True)) == [2, 3]
    assert Document.objects.count() == 1 and len(stored_files()) == 1


def test_same_file_on_another_indicator_is_a_new_link_not_a_refusal(
    world, cycle, assessment, client, stored_files
):
    """The dedupe is per indicator: elsewhere the existing warning about a duplicate applies."""
    client.force_login(world.users["koordinator"])
    _page_upload(client, assessment, world)
    other = cycle.assessments.get(indicator__number=2)
    response = _page_upload(client, other, world)
    assert "Berkas yang sama sudah ada sebagai dokumen" in response.content.decode()
    assert Document.objects.count() == 2


def test_api_upload_retried_with_the_same_file_answers_200_with_the_first_document(
    world, assessment, api, stored_files
):
    client = api(world.users["responden"])
    first = _api_upload(client, assessment, world)
    assert first.status_code == 201, first.json()
    assert first.json()["reused"] is False
    retried = _api_upload(client, assessment, world)
    assert retried.status_code == 200, retried.json()
    body = retried.json()
    assert body["reused"] is True and body["link"]["id"] == first.json()["link"]["id"]
    assert body["message"].startswith("Berkas yang sama sudah diunggah pada")
    assert Document.objects.count() == 1 and len(stored_files()) == 1


# -- storage unavailable -----------------------------------------------------------------------
@pytest.fixture
def broken_storage(monkeypatch):
    def refuse(self, name, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)


def test_storage_failure_on_the_page_is_a_clear_error_and_nothing_is_recorded(
    world, assessment, client, broken_storage, stored_files
):
    client.force_login(world.users["responden"])
    for htmx in (True, False):
        response = _page_upload(client, assessment, world, htmx=htmx)
        assert UNREACHABLE in response.content.decode()
        assert response.status_code == (200 if htmx else 400)
    assert not Document.objects.exists() and not EvidenceLink.objects.exists()
    assert stored_files() == []


def test_storage_failure_in_the_api_is_a_400_and_nothing_is_recorded(
    world, assessment, api, broken_storage, stored_files
):
    client = api(world.users["responden"])
    response = _api_upload(client, assessment, world)
    assert response.status_code == 400
    assert UNREACHABLE in response.json()["error"]["fields"]["upload"][0]
    response = client.post(
        "/api/documents/",
        {"instansi": world.province.pk, "owner_unit": world.setda.pk, "kind": "pergub",
         "title": "Pergub", "file": SimpleUploadedFile("p.pdf", PDF)},
        format="multipart",
    )  # fmt: skip
    assert response.status_code == 400 and UNREACHABLE in str(response.json())
    assert not Document.objects.exists() and not EvidenceLink.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db(transaction=True)
def test_two_sends_of_the_same_upload_at_once_make_one_document(world, assessment, stored_files):
    """A double-click: the second send waits on the assessment's row, then finds the first."""
    import threading

    from django.db import connection, connections

    from spbe.evaluations.models import Assessment
    from spbe.evaluations.services.evidence_links import evidence_upload

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite runs one writer at a time)")
    start = threading.Barrier(2)
    reused, errors = [], []

    def send():
        try:
            target = Assessment.objects.select_related("cycle", "indicator").get(pk=assessment.pk)
            start.wait()
            done = evidence_upload(
                actor=world.users["responden"], assessment=target, level=2,
                owner_unit=world.setda, kind="pergub", title="Pergub 7/2025",
                upload=SimpleUploadedFile("pergub.pdf", PDF),
            )  # fmt: skip
            reused.append(done.reused)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and sorted(reused) == [False, True]
    assert Document.objects.count() == 1 and len(stored_files()) == 1
