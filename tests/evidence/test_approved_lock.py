"""Approved work is locked: nobody changes the evidence of an indicator the asesor approved
(services, panel pages, API, inventory snapshots) until the asesor returns it."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import Assessment, EvidenceLink
from spbe.evaluations.services import document_create_and_link, evidence_link, evidence_unlink
from spbe.evidence.models import Document
from tests.evidence.pdfs import text_pdf

pytestmark = pytest.mark.django_db

APPROVED = (
    "Indikator ini sudah disetujui asesor; minta asesor mengembalikannya sebelum mengubah bukti."
)
Status = Assessment.Status


def _set_status(assessment, status):
    Assessment.objects.filter(pk=assessment.pk).update(status=status)


@pytest.fixture
def approved(world, assessment, make_document):
    """Indicator 1 with one linked document, then approved by the asesor (the stored status:
    the objects the callers hold still say "draf", as a page opened before the approval)."""
    link = evidence_link(
        actor=world.users["responden"], assessment=assessment,
        document=make_document(owner_unit=world.setda), level=1,
    )  # fmt: skip
    _set_status(assessment, Status.DISETUJUI)
    return link


def _counts():
    return (
        EvidenceLink.objects.count(),
        Document.objects.count(),
        AuditEvent.objects.filter(action__startswith="evidence.").count(),
    )


def test_services_refuse_every_change_to_approved_evidence_until_it_is_returned(
    world, assessment, approved, make_document
):
    other = make_document(owner_unit=world.setda, title="SK Tim")
    before = _counts()
    for actor in (world.users["responden"], world.users["koordinator"]):
        with pytest.raises(ValidationError) as refused:
            evidence_link(actor=actor, assessment=assessment, document=other, level=2)
        assert refused.value.messages == [APPROVED]
        with pytest.raises(ValidationError) as refused:
            evidence_unlink(actor=actor, link=approved)
        assert refused.value.messages == [APPROVED]
        with pytest.raises(ValidationError) as refused:
            document_create_and_link(
                actor=actor, assessment=assessment, level=2, owner_unit=world.setda,
                kind="pergub", title="Baru", upload=SimpleUploadedFile("b.pdf", text_pdf("B")),
            )  # fmt: skip
        assert refused.value.messages == [APPROVED]
    assert _counts() == before

    _set_status(assessment, Status.PERLU_PERBAIKAN)  # the asesor returns it
    evidence_link(actor=world.users["responden"], assessment=assessment, document=other, level=2)
    evidence_unlink(actor=world.users["responden"], link=approved)
    assert list(EvidenceLink.objects.values_list("document__title", flat=True)) == ["SK Tim"]


def test_submitted_work_is_still_open_to_evidence(world, assessment, make_document):
    _set_status(assessment, Status.DIAJUKAN)
    evidence_link(
        actor=world.users["responden"], assessment=assessment,
        document=make_document(owner_unit=world.setda), level=1,
    )  # fmt: skip
    assert EvidenceLink.objects.count() == 1


def test_inventory_snapshot_is_refused_on_approved_work(world, assessment, approved, monkeypatch):
    from spbe.inventory import snapshots

    monkeypatch.setattr(snapshots, "views_for", lambda framework, code: ["aplikasi"])
    monkeypatch.setattr(
        snapshots,
        "snapshot_render",
        lambda **kw: snapshots.Snapshot(title="Inventaris", pdf=text_pdf("I"), filename="i.pdf"),
    )
    with pytest.raises(ValidationError) as refused:
        snapshots.snapshot_attach(
            actor=world.users["koordinator"], assessment=assessment, view="aplikasi", level=1
        )
    assert refused.value.messages == [APPROVED]
    assert Document.objects.count() == 1


# -- pages ---------------------------------------------------------------------------------------
def _panel(assessment, user) -> str:
    request = RequestFactory().get("/evaluasi/x/")
    request.user = user
    request.htmx = False
    assessment = Assessment.objects.select_related("cycle__framework", "indicator").get(
        pk=assessment.pk
    )
    template = Template('{% include "evaluations/evidence/_assessment_evidence.html" %}')
    return template.render(Context({"assessment": assessment, "request": request, "user": user}))


def test_panel_shows_the_lock_instead_of_the_controls(world, assessment, approved):
    html = _panel(assessment, world.users["responden"])
    assert APPROVED in html and "data-evidence-locked" in html
    assert "Unggah dan tautkan" not in html and "Lepas" not in html
    assert "Tautkan dokumen yang sudah ada" not in html
    _set_status(assessment, Status.PERLU_PERBAIKAN)
    html = _panel(assessment, world.users["responden"])
    assert APPROVED not in html and "Unggah dan tautkan" in html and "Lepas" in html


@pytest.mark.parametrize("htmx", [False, True])
def test_forced_page_posts_are_refused_with_the_reason(
    world, assessment, approved, make_document, client, stored_files, htmx
):
    other = make_document(owner_unit=world.setda, title="SK Tim")
    files_before, before = stored_files(), _counts()
    client.force_login(world.users["responden"])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    posts = [
        (reverse("evidence:assessment_link", args=[assessment.pk]),
         {"document": other.pk, "level": 2}),
        (reverse("evidence:unlink", args=[approved.pk]), {}),
        (reverse("evidence:assessment_upload", args=[assessment.pk]),
         {"kind": "pergub", "title": "Baru", "owner_unit": world.setda.pk, "level": 2,
          "upload": SimpleUploadedFile("b.pdf", text_pdf("Baru"))}),
    ]  # fmt: skip
    for url, data in posts:
        response = client.post(url, data, **headers)
        # Without JavaScript a 400 page; with HTMX the panel is swapped in with the reason.
        assert response.status_code == (200 if htmx else 400), url
        assert APPROVED in response.content.decode(), url
    assert _counts() == before and stored_files() == files_before


# -- API -----------------------------------------------------------------------------------------
def test_api_refuses_link_unlink_and_upload_on_approved_work(
    world, assessment, approved, make_document, api, stored_files
):
    other = make_document(owner_unit=world.setda, title="SK Tim")
    files_before, before = stored_files(), _counts()
    client = api(world.users["responden"])
    responses = [
        client.post(
            "/api/evidence-links/",
            {"assessment": assessment.pk, "document": other.pk, "level": 2},
            format="json",
        ),
        client.delete(f"/api/evidence-links/{approved.pk}/"),
        client.post(
            "/api/evidence-links/upload/",
            {"assessment": assessment.pk, "level": 2, "kind": "pergub", "title": "Baru",
             "owner_unit": world.setda.pk, "file": SimpleUploadedFile("b.pdf", text_pdf("B"))},
            format="multipart",
        ),
    ]  # fmt: skip
    for response in responses:
        assert response.status_code == 400, response.content
        assert response.json()["error"]["fields"]["non_field_errors"] == [APPROVED]
    assert _counts() == before and stored_files() == files_before


# -- a new file for a document that is approved evidence -------------------------------------------
FILE_LOCKED = "yang sudah disetujui asesor; minta asesor mengembalikannya sebelum mengganti"


def test_no_new_file_replaces_approved_evidence_in_service_page_or_api(
    world, assessment, approved, client, api, stored_files
):
    from spbe.evidence.services import revision_upload

    document = approved.document
    files_before = stored_files()
    with pytest.raises(ValidationError) as refused:
        revision_upload(
            actor=world.users["responden"], document=document,
            upload=SimpleUploadedFile("v2.pdf", text_pdf("Versi 2")),
        )  # fmt: skip
    assert (
        FILE_LOCKED in refused.value.messages[0]
        and "indikator 1 (E 2024)" in (refused.value.messages[0])
    )

    client.force_login(world.users["responden"])
    page = client.get(reverse("evidence:document_detail", args=[document.pk])).content.decode()
    assert "data-file-locked" in page and FILE_LOCKED in page
    assert 'action="' + reverse("evidence:revision_upload", args=[document.pk]) not in page
    response = client.post(
        reverse("evidence:revision_upload", args=[document.pk]),
        {"upload": SimpleUploadedFile("v2.pdf", text_pdf("Versi 2"))},
    )
    assert response.status_code == 400 and FILE_LOCKED in response.content.decode()

    response = api(world.users["responden"]).post(
        f"/api/documents/{document.pk}/revisions/",
        {"file": SimpleUploadedFile("v2.pdf", text_pdf("Versi 2"))},
        format="multipart",
    )
    assert response.status_code == 400
    assert FILE_LOCKED in response.json()["error"]["fields"]["non_field_errors"][0]
    assert document.revisions.count() == 1 and stored_files() == files_before

    _set_status(assessment, Status.PERLU_PERBAIKAN)  # returned: a new file may come
    revision_upload(
        actor=world.users["responden"], document=document,
        upload=SimpleUploadedFile("v2.pdf", text_pdf("Versi 2")),
    )  # fmt: skip
    assert document.revisions.count() == 2


def test_the_facts_the_rules_read_are_locked_but_a_title_typo_is_not(
    world, assessment, approved, api
):
    """A new date or kind changes what the asesor approved (freshness, type); a title does not."""
    import datetime

    from spbe.evidence.services import document_update

    document = approved.document
    with pytest.raises(ValidationError) as refused:
        document_update(
            actor=world.users["responden"], document=document,
            document_date=datetime.date(2020, 1, 1),
        )  # fmt: skip
    assert FILE_LOCKED in refused.value.messages[0]
    response = api(world.users["responden"]).patch(
        f"/api/documents/{document.pk}/", {"document_date": "2020-01-01"}, format="json"
    )
    assert response.status_code == 400
    document.refresh_from_db()
    assert document.document_date != datetime.date(2020, 1, 1)

    document_update(actor=world.users["responden"], document=document, title="SK Tim SPBE")
    document.refresh_from_db()
    assert document.title == "SK Tim SPBE"

    _set_status(assessment, Status.PERLU_PERBAIKAN)  # returned: the date may change
    document_update(
        actor=world.users["responden"], document=document, document_date=datetime.date(2020, 1, 1)
    )
    document.refresh_from_db()
    assert document.document_date == datetime.date(2020, 1, 1)
