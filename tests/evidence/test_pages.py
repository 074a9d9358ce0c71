"""Evidence pages through the client: downloads, search, library, upload form, the assessment
panel (HTMX) and that no URL serves the media folder."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import EvidenceLink
from spbe.evaluations.services import evidence_link
from spbe.evidence.models import Document
from tests.evidence.pdfs import text_pdf

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


# -- downloads ---------------------------------------------------------------------------------
def test_download_is_an_attachment_with_safe_name_type_and_nosniff(world, make_document, client):
    upload = SimpleUploadedFile('Pergub "54" Arsitéktur.pdf', text_pdf("Isi"))
    document = make_document(upload=upload, owner_unit=world.setda)
    response = _client(client, world.users["responden"]).get(
        reverse("evidence:download", args=[document.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Pergub-54-Arsitektur.pdf"')
    assert "filename*=UTF-8''" in disposition and '"54"' not in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_content_decides_type_and_extension_on_download(world, make_document, client):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
    document = make_document(upload=SimpleUploadedFile("layar.pdf", png), kind="tangkapan_layar")
    response = _client(client, world.users["koordinator"]).get(
        reverse("evidence:download", args=[document.pk])
    )
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="layar.png"'


def test_outsiders_get_404_and_anonymous_users_go_to_login(world, make_document, client):
    document = make_document(owner_unit=world.setda)
    revision = document.current_revision
    urls = [
        reverse("evidence:download", args=[document.pk]),
        reverse("evidence:revision_download", args=[revision.pk]),
        reverse("evidence:document_detail", args=[document.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    for outsider in ("other_koordinator", "responden_flat", "nobody"):
        client.force_login(world.users[outsider])
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)
    client.force_login(world.users["pimpinan"])
    assert client.get(urls[0]).status_code == 200


def test_no_url_serves_the_media_folder(settings):
    from django.views.static import serve

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                yield pattern

    assert all(p.callback is not serve for p in walk(get_resolver().url_patterns))
    assert not settings.STORAGES["default"]["OPTIONS"].get("base_url")


# -- search ------------------------------------------------------------------------------------
def test_search_finds_text_with_a_snippet_and_respects_permissions(world, make_document, client):
    lines = ["LAPORAN", "Pada tahun ini ARSITEKTUR  SPBE ditetapkan oleh gubernur."]
    make_document(
        kind="laporan",
        title="Laporan kegiatan",
        owner_unit=world.setda,
        upload=SimpleUploadedFile("lap.pdf", text_pdf(*lines)),
    )
    make_document(
        kind="laporan",
        title="Laporan lain",
        owner_unit=world.dinkes,
        upload=SimpleUploadedFile("lain.pdf", text_pdf("Arsitektur SPBE juga di sini")),
    )
    make_document(instansi=world.other, actor=world.users["other_koordinator"], title="Asing")

    response = _client(client, world.users["koordinator"]).get(
        reverse("evidence:search"), {"q": "arsitektur spbe"}
    )
    assert response.context["result"].total == 2
    content = response.content.decode()
    assert "<mark>arsitektur spbe</mark> ditetapkan" in content
    assert "Asing" not in content

    client.force_login(world.users["responden"])  # Setda only
    result = client.get(reverse("evidence:search"), {"q": "Arsitektur SPBE"}).context["result"]
    assert result.total == 1 and result.hits[0].document.title == "Laporan kegiatan"

    client.force_login(world.users["other_koordinator"])
    result = client.get(reverse("evidence:search"), {"q": "arsitektur"}).context["result"]
    assert [hit.document.title for hit in result.hits] == ["Asing"] and result.total == 1


def test_search_fragment_for_htmx(world, make_document, client):
    make_document()
    response = _client(client, world.users["koordinator"]).get(
        reverse("evidence:search"), {"q": "pergub"}, HTTP_HX_REQUEST="true"
    )
    assert response.templates[0].name == "evidence/_search_results.html"


# -- library, detail, upload form ----------------------------------------------------------------
def test_library_filters_by_kind_unit_and_staleness(world, cycle, make_document, client):
    make_document(title="Pergub A", owner_unit=world.setda)
    make_document(
        title="Reviu lama", kind="laporan", freshness_kind="reviu",
        document_date=__import__("datetime").date(2019, 1, 1), owner_unit=world.dinkes,
    )  # fmt: skip
    url = reverse("evidence:library", args=[world.province.pk])
    c = _client(client, world.users["koordinator"])
    titles = lambda r: [d.title for d, _f in r.context["rows"]]  # noqa: E731
    assert sorted(titles(c.get(url))) == ["Pergub A", "Reviu lama"]
    assert titles(c.get(url, {"jenis": "pergub"})) == ["Pergub A"]
    assert titles(c.get(url, {"unit": world.dinkes.pk})) == ["Reviu lama"]
    response = c.get(url, {"kedaluwarsa": "1"})
    assert titles(response) == ["Reviu lama"]
    assert "kedaluwarsa" in response.content.decode()


def test_library_in_bounded_queries(
    world, cycle, make_document, client, django_assert_max_num_queries
):
    for n in range(8):
        make_document(title=f"Dokumen {n}", owner_unit=world.setda)
    c = _client(client, world.users["koordinator"])
    with django_assert_max_num_queries(14):
        c.get(reverse("evidence:library", args=[world.province.pk]))


def test_upload_form_shows_errors_next_to_the_field_and_the_limit(
    world, client, stored_files, settings
):
    url = reverse("evidence:document_create", args=[world.province.pk])
    c = _client(client, world.users["koordinator"])
    page = c.get(url).content.decode()
    assert "paling besar 25 MB" in page
    response = c.post(
        url,
        {"kind": "pergub", "title": "Kosong", "upload": SimpleUploadedFile("k.pdf", b"")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["upload"] == [
        "Berkas kosong (0 byte). Pilih berkas yang berisi dokumen."
    ]
    assert stored_files() == [] and not Document.objects.exists()


def test_upload_form_creates_the_document_and_warns_about_duplicates(
    world, client, django_capture_on_commit_callbacks
):
    url = reverse("evidence:document_create", args=[world.province.pk])
    c = _client(client, world.users["responden"])
    data = {"kind": "pergub", "title": "Pergub", "owner_unit": world.setda.pk}
    with django_capture_on_commit_callbacks(execute=True):
        first = c.post(url, {**data, "upload": SimpleUploadedFile("a.pdf", text_pdf("Sama"))})
    assert first.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        second = c.post(
            url, {**data, "upload": SimpleUploadedFile("b.pdf", text_pdf("Sama"))}, follow=True
        )
    assert "Berkas yang sama sudah ada sebagai dokumen" in second.content.decode()
    assert Document.objects.count() == 2


def test_read_only_users_cannot_open_the_upload_form(world, client):
    url = reverse("evidence:document_create", args=[world.province.pk])
    assert _client(client, world.users["pimpinan"]).get(url).status_code == 403
    client.force_login(world.users["other_koordinator"])
    assert client.get(url).status_code == 404


def test_detail_shows_revisions_links_and_applies_confirmed_suggestions(
    world, assessment, make_document, client
):
    document = make_document(number="")
    evidence_link(
        actor=world.users["koordinator"], assessment=assessment, document=document, level=2
    )
    c = _client(client, world.users["koordinator"])
    page = c.get(reverse("evidence:document_detail", args=[document.pk])).content.decode()
    assert document.current_revision.sha256[:16] in page
    assert "54 Tahun 2021" in page and "Konfirmasi data dokumen" in page
    assert "level 2" in page
    c.post(reverse("evidence:apply_suggestion", args=[document.pk]), {"number": "1"})
    document.refresh_from_db()
    assert document.number == "54 Tahun 2021" and document.document_date is None


def test_the_reading_is_confirmed_with_the_respondents_corrections(world, make_document, client):
    document = make_document(number="", title="Berkas")
    c = _client(client, world.users["koordinator"])
    page = c.get(reverse("evidence:document_reading", args=[document.pk])).content.decode()
    assert 'value="54 Tahun 2021"' in page and 'value="2021-10-04"' in page
    response = c.post(
        reverse("evidence:document_confirm", args=[document.pk]),
        {
            "bacaan-kind": "pergub",
            "bacaan-title": "Pergub Arsitektur SPBE Provinsi Uji",
            "bacaan-number": "54 Tahun 2021",
            "bacaan-document_date": "2021-10-04",
            "bacaan-issuing_unit": "Provinsi Uji",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.number == "54 Tahun 2021"
    assert document.document_date.isoformat() == "2021-10-04"
    assert document.title == "Pergub Arsitektur SPBE Provinsi Uji"
    assert document.confirmed_at is not None and document.is_draft is False
    actions = set(
        AuditEvent.objects.filter(object_id=str(document.pk)).values_list("action", flat=True)
    )
    assert {"evidence.document_updated", "evidence.document_confirmed"} <= actions


def test_revision_upload_and_archive_through_the_pages(
    world, make_document, client, django_capture_on_commit_callbacks
):
    document = make_document(owner_unit=world.setda)
    c = _client(client, world.users["responden"])
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            reverse("evidence:revision_upload", args=[document.pk]),
            {"upload": SimpleUploadedFile("v2.pdf", text_pdf("Versi 2"))},
        )
    assert response.status_code == 302
    assert document.revisions.count() == 2
    c.post(reverse("evidence:document_archive", args=[document.pk]), {"arsip": "1"})
    document.refresh_from_db()
    assert document.is_archived
    client.force_login(world.users["pimpinan"])
    response = client.post(reverse("evidence:document_archive", args=[document.pk]))
    assert response.status_code == 403


# -- the assessment panel ----------------------------------------------------------------------
def _render_include(assessment, user):
    request = RequestFactory().get("/evaluasi/indikator/1/")
    request.user = user
    request.htmx = False
    template = Template(
        '{% include "evaluations/evidence/_assessment_evidence.html" with assessment=assessment %}'
    )
    return template.render(Context({"assessment": assessment, "request": request, "user": user}))


def test_included_panel_shows_checklist_links_and_forms_for_editors(
    world, assessment, make_document
):
    assessment.claimed_value = Decimal("2")
    assessment.save(update_fields=["claimed_value"])
    document = make_document(title="Pergub Arsitektur")
    evidence_link(
        actor=world.users["koordinator"], assessment=assessment, document=document, level=2
    )
    html = _render_include(assessment, world.users["responden"])
    assert "Kurang dokumen" in html  # level 1 draft and notulen are missing
    assert 'data-state="ada"' in html and 'data-state="kurang"' in html
    assert "Pergub Arsitektur" in html
    assert "Unggah dan tautkan" in html and "Lepas" in html

    reader = _render_include(assessment, world.users["pimpinan"])
    assert "Pergub Arsitektur" in reader
    assert "Unggah dan tautkan" not in reader and "Lepas" not in reader


def test_panel_is_read_only_on_a_locked_cycle(world, cycle, assessment, make_document):
    evidence_link(
        actor=world.users["koordinator"], assessment=assessment, document=make_document(),
        level=1,
    )  # fmt: skip
    cycle.state = cycle.State.SELESAI
    cycle.save()
    assessment.cycle.state = cycle.State.SELESAI
    html = _render_include(assessment, world.users["koordinator"])
    assert "Siklus sudah final dan terkunci" in html
    assert "Unggah dan tautkan" not in html and "Lepas" not in html


def test_panel_upload_and_link_in_one_go(
    world, assessment, client, django_capture_on_commit_callbacks, stored_files
):
    url = reverse("evidence:assessment_upload", args=[assessment.pk])
    c = _client(client, world.users["responden"])
    data = {"kind": "pergub", "title": "Pergub baru", "owner_unit": world.setda.pk, "level": 2}
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            url,
            {**data, "upload": SimpleUploadedFile("p.pdf", text_pdf("Pergub"))},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    assert "Pergub baru" in response.content.decode()
    link = EvidenceLink.objects.get()
    assert link.level == 2 and link.document.title == "Pergub baru"
    # Refused link (bad level): neither document nor file stays.
    response = c.post(
        url,
        {**data, "level": 9, "upload": SimpleUploadedFile("q.pdf", text_pdf("Q"))},
        HTTP_HX_REQUEST="true",
    )
    assert Document.objects.count() == 1 and len(stored_files()) == 1


def test_panel_link_existing_document_picker_and_unlink(world, assessment, make_document, client):
    document = make_document(title="SK Tim SPBE", kind="keputusan")
    c = _client(client, world.users["koordinator"])
    picker = c.get(
        reverse("evidence:assessment_picker", args=[assessment.pk]),
        {"q": "tim spbe"},
        HTTP_HX_REQUEST="true",
    )
    assert "SK Tim SPBE" in picker.content.decode()
    response = c.post(
        reverse("evidence:assessment_link", args=[assessment.pk]),
        {"document": document.pk, "level": 3, "note": "Pasal 2"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Pasal 2" in response.content.decode()
    link = EvidenceLink.objects.get()
    response = c.post(reverse("evidence:unlink", args=[link.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and not EvidenceLink.objects.exists()


def test_panel_endpoints_refuse_outsiders_and_readers(world, assessment, make_document, client):
    document = make_document()
    url = reverse("evidence:assessment_link", args=[assessment.pk])
    client.force_login(world.users["other_koordinator"])
    assert client.post(url, {"document": document.pk, "level": 1}).status_code == 404
    assert client.get(reverse("evidence:assessment_panel", args=[assessment.pk])).status_code == 404
    client.force_login(world.users["pimpinan"])
    assert client.post(url, {"document": document.pk, "level": 1}).status_code == 403
    assert not EvidenceLink.objects.exists()


def test_panel_without_javascript_redirects_back_to_the_including_page(
    world, assessment, make_document, client
):
    document = make_document(title="SK Tim SPBE", kind="keputusan")
    c = _client(client, world.users["koordinator"])
    url = reverse("evidence:assessment_link", args=[assessment.pk])
    response = c.post(url, {"document": document.pk, "level": 1, "next": "/evaluasi/x/"})
    assert response.status_code == 302 and response["Location"] == "/evaluasi/x/"
    response = c.post(url, {"document": document.pk, "level": 2, "next": "https://jahat.example/"})
    assert response["Location"] == reverse("evidence:assessment_panel", args=[assessment.pk])
    response = c.post(url, {"document": document.pk, "level": 1})  # already linked
    assert response.status_code == 400 and "sudah ditautkan" in response.content.decode()
    assert EvidenceLink.objects.count() == 2


def test_panel_offers_to_link_the_existing_document_with_the_same_file(
    world, assessment, make_document, client, django_capture_on_commit_callbacks
):
    existing = make_document(title="Pergub lama")
    c = _client(client, world.users["koordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            reverse("evidence:assessment_upload", args=[assessment.pk]),
            {"kind": "pergub", "title": "Pergub unggahan ulang", "level": 2,
             "upload": SimpleUploadedFile("sama.pdf", existing_bytes(existing))},
            HTTP_HX_REQUEST="true",
        )  # fmt: skip
    html = response.content.decode()
    assert "Berkas yang sama sudah ada sebagai dokumen “Pergub lama”" in html
    assert f'name="document" value="{existing.pk}"' in html
    assert "Tautkan dokumen itu juga pada level 2" in html


def existing_bytes(document) -> bytes:
    with document.current_revision.file.open("rb") as handle:
        return handle.read()
