"""Evidence API: documents, revision upload, downloads, links and search under the one rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.evaluations.models import EvidenceLink
from spbe.evidence.models import Document
from tests.evidence.pdfs import text_pdf

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401(api):
    response = api().get("/api/documents/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_create_with_file_list_retrieve_and_download(
    world, api, django_capture_on_commit_callbacks, stored_files
):
    client = api(world.users["responden"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/documents/",
            {
                "instansi": world.province.pk,
                "owner_unit": world.setda.pk,
                "kind": "pergub",
                "title": "Pergub Arsitektur SPBE",
                "document_date": "2021-10-04",
                "file": SimpleUploadedFile("pergub.pdf", text_pdf("Arsitektur SPBE")),
            },
            format="multipart",
        )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["current_revision"]["number"] == 1
    assert body["current_revision"]["detected_kind"] == "pdf"
    pk = body["id"]
    assert [d["id"] for d in client.get("/api/documents/").json()["results"]] == [pk]
    assert client.get(f"/api/documents/{pk}/").json()["title"] == "Pergub Arsitektur SPBE"
    download = client.get(f"/api/documents/{pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="pergub.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    revision_url = body["current_revision"]["download_url"]
    assert client.get(revision_url).status_code == 200
    assert len(stored_files()) == 1


def test_bad_file_is_a_400_in_the_error_shape_and_nothing_is_stored(world, api, stored_files):
    response = api(world.users["koordinator"]).post(
        "/api/documents/",
        {
            "instansi": world.province.pk,
            "kind": "laporan",
            "title": "Program",
            "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\0" * 600),
        },
        format="multipart",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "upload" in error["fields"]
    assert stored_files() == [] and not Document.objects.exists()


def test_link_document_by_json_url(world, api):
    response = api(world.users["koordinator"]).post(
        "/api/documents/",
        {"instansi": world.province.pk, "kind": "tautan", "title": "Portal",
         "url": "https://portal.example.go.id"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["current_revision"] is None


def test_writes_refused_for_readers_before_the_body_and_outsiders_get_404(
    world, api, make_document
):
    document = make_document(owner_unit=world.setda)
    response = api(world.users["pimpinan"]).post("/api/documents/", {}, format="json")
    assert response.status_code == 403
    response = api(world.users["other_koordinator"]).post(
        "/api/documents/",
        {"instansi": world.province.pk, "kind": "pergub", "title": "x"},
        format="json",
    )
    assert response.status_code == 404
    outsider = api(world.users["responden_flat"])
    for url in (
        f"/api/documents/{document.pk}/",
        f"/api/documents/{document.pk}/download/",
        f"/api/revisions/{document.current_revision_id}/download/",
    ):
        assert outsider.get(url).status_code == 404
    response = outsider.post(
        f"/api/documents/{document.pk}/revisions/",
        {"file": SimpleUploadedFile("v2.pdf", text_pdf("v2"))},
        format="multipart",
    )
    assert response.status_code == 404


def test_revision_upload_and_metadata_patch(
    world, api, make_document, django_capture_on_commit_callbacks
):
    document = make_document(owner_unit=world.setda)
    client = api(world.users["responden"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/documents/{document.pk}/revisions/",
            {"file": SimpleUploadedFile("v2.pdf", text_pdf("v2"))},
            format="multipart",
        )
    assert response.status_code == 201 and response.json()["number"] == 2
    revisions = client.get(f"/api/documents/{document.pk}/revisions/").json()
    assert [r["number"] for r in revisions] == [2, 1]
    response = client.patch(
        f"/api/documents/{document.pk}/", {"number": "54 Tahun 2021"}, format="json"
    )
    assert response.status_code == 200 and response.json()["number"] == "54 Tahun 2021"


def test_links_create_and_delete_with_rules(world, cycle, assessment, api, make_document):
    document = make_document(owner_unit=world.setda)
    client = api(world.users["responden"])
    response = client.post(
        "/api/evidence-links/",
        {"assessment": assessment.pk, "document": document.pk, "level": 2, "note": "Pasal 1"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    link_id = response.json()["id"]
    response = client.post(
        "/api/evidence-links/",
        {"assessment": assessment.pk, "document": document.pk, "level": 7},
        format="json",
    )
    assert response.status_code == 400 and "level" in response.json()["error"]["fields"]
    assert api(world.users["pimpinan"]).delete(f"/api/evidence-links/{link_id}/").status_code == 403
    outsider = api(world.users["other_koordinator"])
    assert outsider.delete(f"/api/evidence-links/{link_id}/").status_code == 404
    cycle.state = cycle.State.SELESAI
    cycle.save()
    response = client.delete(f"/api/evidence-links/{link_id}/")
    assert response.status_code == 400
    assert "terkunci" in str(response.json()["error"]["fields"])
    cycle.state = cycle.State.FINALISASI
    cycle.save()
    assert client.delete(f"/api/evidence-links/{link_id}/").status_code == 204
    assert not EvidenceLink.objects.exists()


def test_search_api_respects_permissions(world, api, make_document):
    make_document(owner_unit=world.setda)
    make_document(owner_unit=world.dinkes, title="Milik Dinkes")
    body = api(world.users["responden"]).get("/api/documents/search/", {"q": "arsitektur"}).json()
    assert body["total"] == 1
    assert body["hits"][0]["document"]["title"] == "Pergub Arsitektur SPBE"
    assert "arsitektur spbe" in body["hits"][0]["snippet"]


def test_schema_describes_the_evidence_endpoints(world, api):
    response = api(world.users["koordinator"]).get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    for path in ("/api/documents/", "/api/evidence-links/", "/api/documents/search/"):
        assert path in text
