"""Several files in one upload: one document each, titled after the file, all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from spbe.evidence.models import Document
from tests.evidence.pdfs import text_pdf

pytestmark = pytest.mark.django_db


def _post(client, world, files, **extra):
    client.force_login(world.users["koordinator"])
    return client.post(
        reverse("evidence:document_create", args=[world.province.pk]),
        {"kind": "pergub", "upload": files, **extra},
    )


def test_several_files_make_one_document_each(world, client, django_capture_on_commit_callbacks):
    files = [
        SimpleUploadedFile("SK Tim SPBE.pdf", text_pdf("SK Tim")),
        SimpleUploadedFile("Notulen Rapat.pdf", text_pdf("Notulen")),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, world, files)
    assert response.status_code == 302
    assert response["Location"] == reverse("evidence:library", args=[world.province.pk])
    assert sorted(Document.objects.values_list("title", flat=True)) == [
        "Notulen Rapat",
        "SK Tim SPBE",
    ]
    assert all(d.current_revision is not None for d in Document.objects.all())


def test_one_bad_file_refuses_them_all_and_leaves_no_file(world, client, stored_files):
    files = [
        SimpleUploadedFile("baik.pdf", text_pdf("Baik")),
        SimpleUploadedFile("kosong.pdf", b""),
    ]
    response = _post(client, world, files, title="Paket")
    assert response.status_code == 200
    assert "kosong.pdf" in " ".join(response.context["form"].errors["upload"])
    assert not Document.objects.exists() and stored_files() == []


def test_a_single_file_still_needs_a_title(world, client):
    response = _post(client, world, [SimpleUploadedFile("a.pdf", text_pdf("A"))])
    assert "title" in response.context["form"].errors


def test_the_upload_form_offers_several_files_and_a_progress_bar(world, client):
    client.force_login(world.users["koordinator"])
    html = client.get(reverse("evidence:document_create", args=[world.province.pk])).content
    html = html.decode()
    assert 'type="file" name="upload" multiple' in html
    assert "data-upload" in html and "data-upload-progress" in html
