"""Inventory pages per role: respondents keep their own unit's items, the coordinator sees and
decides everything, pimpinan reads the summary, outsiders get 404; bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spbe.inventory import services
from spbe.inventory.domains import DOMAINS
from spbe.inventory.models import Application, DuplicateDecision

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def _apps(world, n=3):
    koord = world.users["koordinator"]
    made = []
    for i, unit in enumerate([world.dinkes, world.diskominfo, world.setda][:n]):
        made.append(
            services.inventory_item_create(
                actor=koord,
                domain=DOMAINS["aplikasi"],
                instansi=world.province,
                values={"name": "SMS Gateway", "owner_unit": unit, "function": f"kirim sms {i}"},
            )
        )
    return made


def test_respondent_sees_own_units_items_only(world, client):
    _apps(world)
    page = _client(client, world.users["responden_flat"]).get(
        reverse("inventory:item_list", args=[world.province.pk, "aplikasi"])
    )
    assert page.status_code == 200
    assert page.content.decode().count('data-item="SMS Gateway"') == 1


def test_respondent_registers_app_for_own_unit_on_the_page(world, client):
    c = _client(client, world.users["responden_flat"])
    url = reverse("inventory:item_create", args=[world.province.pk, "aplikasi"])
    form = c.get(url)
    owner_choices = [str(choice[1]) for choice in form.context["form"].fields["owner_unit"].choices]
    assert owner_choices[1:] == ["Dinkes"]
    response = c.post(
        url,
        {
            "name": "SIKDA",
            "owner_unit": world.dinkes.pk,
            "kind": "khusus",
            "origin": "lokal",
            "media": "website",
            "status": "operasional",
        },
    )
    app = Application.objects.get(name="SIKDA")
    assert response.status_code == 302 and app.updated_by == world.users["responden_flat"]
    refused = c.post(
        url,
        {
            "name": "X",
            "owner_unit": world.diskominfo.pk,
            "kind": "khusus",
            "origin": "lokal",
            "media": "website",
            "status": "operasional",
        },
    )
    assert refused.status_code == 200 and not Application.objects.filter(name="X").exists()


def test_respondent_cannot_open_or_edit_another_units_item(world, client):
    other = _apps(world)[1]
    c = _client(client, world.users["responden_flat"])
    detail = reverse("inventory:item_detail", args=[world.province.pk, "aplikasi", other.pk])
    assert c.get(detail).status_code == 404
    edit = reverse("inventory:item_edit", args=[world.province.pk, "aplikasi", other.pk])
    assert c.post(edit, {"name": "Y"}).status_code == 404


def test_pimpinan_reads_summary_but_not_the_edit_form(world, client):
    apps = _apps(world)
    c = _client(client, world.users["pimpinan"])
    page = c.get(reverse("inventory:index", args=[world.province.pk]))
    assert page.status_code == 200
    assert page.context["summary"].counts["aplikasi"] == 3
    assert page.context["summary"].duplicates_found == 3
    edit = reverse("inventory:item_edit", args=[world.province.pk, "aplikasi", apps[0].pk])
    assert c.get(edit).status_code == 403
    decide = reverse("inventory:duplicate_decide", args=[world.province.pk, apps[0].pk, apps[1].pk])
    assert c.post(decide, {"verdict": "bukan"}).status_code == 403
    assert not DuplicateDecision.objects.exists()


def test_outsider_gets_404_everywhere(world, client):
    app = _apps(world, 1)[0]
    c = _client(client, world.users["other_koordinator"])
    pk = world.province.pk
    for url in (
        reverse("inventory:index", args=[pk]),
        reverse("inventory:item_list", args=[pk, "aplikasi"]),
        reverse("inventory:item_detail", args=[pk, "aplikasi", app.pk]),
        reverse("inventory:duplicates", args=[pk]),
        reverse("inventory:import", args=[pk]),
        reverse("inventory:export", args=[pk, "xlsx"]),
    ):
        assert c.get(url).status_code == 404, url


def test_coordinator_sees_the_flag_and_decides(world, client):
    apps = _apps(world)
    c = _client(client, world.users["koordinator"])
    page = c.get(reverse("inventory:duplicates", args=[world.province.pk]))
    body = page.content.decode()
    assert body.count('data-pair="SMS Gateway ~ SMS Gateway"') == 3
    assert "nama 100% mirip" in body
    decide = reverse("inventory:duplicate_decide", args=[world.province.pk, apps[0].pk, apps[1].pk])
    c.post(decide, {"verdict": "duplikat", "keep": apps[1].pk})
    decision = DuplicateDecision.objects.get()
    assert decision.keep == apps[1]
    page = c.get(reverse("inventory:duplicates", args=[world.province.pk]))
    assert 'data-decision="duplikat"' in page.content.decode()
    summary = c.get(reverse("inventory:index", args=[world.province.pk])).context["summary"]
    assert (summary.consolidated, summary.duplicates_open) == (1, 2)


def test_pages_run_a_bounded_number_of_queries(world, client):
    koord = world.users["koordinator"]
    c = _client(client, koord)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    urls = [
        reverse("inventory:index", args=[world.province.pk]),
        reverse("inventory:item_list", args=[world.province.pk, "aplikasi"]),
        reverse("inventory:duplicates", args=[world.province.pk]),
    ]
    _apps(world, 1)
    before = [count(u) for u in urls]
    for i in range(15):
        services.inventory_item_create(
            actor=koord,
            domain=DOMAINS["aplikasi"],
            instansi=world.province,
            values={"name": f"Aplikasi {i}", "owner_unit": world.dinkes},
        )
    assert [count(u) for u in urls] == before


def test_export_and_template_download(world, client):
    _apps(world)
    c = _client(client, world.users["koordinator"])
    csv = c.get(reverse("inventory:export", args=[world.province.pk, "csv"]))
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("nama_aplikasi,unit_pemilik")
    assert text.count("SMS Gateway") == 3
    xlsx = c.get(reverse("inventory:template", args=[world.province.pk, "xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_import_wizard_preview_then_import(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = _client(client, world.users["koordinator"])
    upload = SimpleUploadedFile(
        "unit.csv", b"Aplikasi;Pemilik\nSIMPEG;Dinkes\nSIKDA;Dinas Pariwisata\n"
    )
    response = c.post(reverse("inventory:import", args=[world.province.pk]), {"upload": upload})
    assert response.status_code == 302
    url = reverse("inventory:import_preview", args=[world.province.pk])
    page = c.get(url)
    assert not page.context["result"].ok  # "Aplikasi"/"Pemilik" are not known headers
    data = {"mapped": "1", "col_0": "name", "col_1": "owner_unit", "action": "preview"}
    page = c.post(url, data)
    assert [n for _i, n in page.context["undecided"]] == ["Dinas Pariwisata"]
    data |= {"unitname_0": "Dinas Pariwisata", "unitchoice_0": "", "action": "import"}
    response = c.post(url, data)
    assert response.status_code == 302
    assert set(Application.objects.values_list("name", flat=True)) == {"SIMPEG", "SIKDA"}
    assert Application.objects.get(name="SIKDA").owner_unit is None


def test_detail_and_forms_of_every_domain_render(world, client):
    app = _apps(world, 1)[0]
    c = _client(client, world.users["koordinator"])
    detail = c.get(reverse("inventory:item_detail", args=[world.province.pk, "aplikasi", app.pk]))
    body = detail.content.decode()
    assert detail.status_code == 200 and 'data-field="function"' in body and "kirim sms 0" in body
    for slug in DOMAINS:
        form = c.get(reverse("inventory:item_create", args=[world.province.pk, slug]))
        assert form.status_code == 200, slug
        assert (
            c.get(reverse("inventory:item_list", args=[world.province.pk, slug])).status_code == 200
        )
    edit = c.get(reverse("inventory:item_edit", args=[world.province.pk, "aplikasi", app.pk]))
    assert edit.status_code == 200
    assert app.pk not in [a.pk for a in edit.context["form"].fields["integrated_with"].queryset]


def test_inventory_and_budget_pages_in_english(world, client, settings):
    _apps(world, 2)
    client.force_login(world.users["koordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("inventory:index", args=[world.province.pk])).content.decode()
    assert "SPBE architecture inventory" in body and "Duplicate candidates" in body
    dups = client.get(reverse("inventory:duplicates", args=[world.province.pk])).content.decode()
    assert "Duplicate and consolidation candidates" in dups and "Decide" in dups
    budget = client.get(reverse("budget:index", args=[world.province.pk])).content.decode()
    assert "ICT spending" in budget and "Generate the circular (DOCX)" in budget
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    body = client.get(reverse("inventory:index", args=[world.province.pk])).content.decode()
    assert "Inventaris arsitektur SPBE" in body
