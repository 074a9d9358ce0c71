"""Evidence preview inside the page: PDF and images only, permission-checked, served inline
with CSP sandbox and nosniff into a sandboxed iframe; and the upload form's document type
starts empty rather than on "Peraturan Daerah"."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.evidence.pdfs import text_pdf

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def _docx() -> bytes:
    import docx

    buffer = BytesIO()
    word = docx.Document()
    word.add_paragraph("Notulen rapat Tim SPBE")
    word.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, mime",
    [("sk.pdf", text_pdf("SK Tim SPBE"), "application/pdf"), ("layar.png", PNG, "image/png")],
)
def test_pdf_and_images_are_previewed_inline_and_sandboxed(
    world, make_document, client, name, content, mime
):
    document = make_document(upload=SimpleUploadedFile(name, content), owner_unit=world.setda)
    client.force_login(world.users["asesor"])
    response = client.get(reverse("evidence:preview", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == mime
    assert response["Content-Disposition"].startswith("inline;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # framed by our own page only
    page = client.get(reverse("evidence:document_detail", args=[document.pk])).content.decode()
    assert f'src="{reverse("evidence:preview", args=[document.pk])}" sandbox' in page


def test_preview_is_permission_checked(world, make_document, client):
    document = make_document(upload=SimpleUploadedFile("sk.pdf", text_pdf("SK")))
    url = reverse("evidence:preview", args=[document.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(world.users["other_koordinator"])
    assert client.get(url).status_code == 404


def test_other_types_are_never_previewed(world, make_document, client):
    document = make_document(upload=SimpleUploadedFile("notulen.docx", _docx()))
    client.force_login(world.users["koordinator"])
    assert client.get(reverse("evidence:preview", args=[document.pk])).status_code == 404
    page = client.get(reverse("evidence:document_detail", args=[document.pk])).content.decode()
    assert "evidence:preview" not in page and "/pratinjau/" not in page


def test_the_document_type_starts_empty(world, client):
    client.force_login(world.users["koordinator"])
    html = client.get(reverse("evidence:document_create", args=[world.province.pk])).content
    html = html.decode()
    select = html[html.index('name="kind"') : html.index("</select>", html.index('name="kind"'))]
    assert '<option value="" selected>' in select
    assert '<option value="perda" selected>' not in select
    response = client.post(
        reverse("evidence:document_create", args=[world.province.pk]),
        {"title": "Tanpa jenis", "upload": SimpleUploadedFile("a.pdf", text_pdf("Isi"))},
    )
    assert "kind" in response.context["form"].errors
