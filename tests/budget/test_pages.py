"""Budget pages and API per role; Indonesian thousands dots in the form; bounded queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spbe.budget.models import BudgetItem, Letter

FORM = {
    "fiscal_year": "2027",
    "program_code": "2.16.03",
    "activity_code": "2.16.03.1.02",
    "sub_activity_code": "2.16.03.1.02.0001",
    "description": "Aplikasi antrian puskesmas",
    "category": "aplikasi",
    "amount": "150.000.000",
    "status": "usulan",
}


def test_respondent_registers_item_with_thousands_dots(world, client):
    client.force_login(world.users["responden_flat"])
    url = reverse("budget:item_create", args=[world.province.pk])
    response = client.post(url, {**FORM, "unit": world.dinkes.pk})
    assert response.status_code == 302
    assert BudgetItem.objects.get().amount == 150_000_000
    refused = client.post(url, {**FORM, "unit": world.diskominfo.pk})
    assert refused.status_code == 200 and BudgetItem.objects.count() == 1
    bad = client.post(url, {**FORM, "unit": world.dinkes.pk, "amount": "150,5 juta"})
    assert "bukan nilai Rupiah" in bad.content.decode() and BudgetItem.objects.count() == 1


def test_roles_on_the_year_page(world, client, add_item):
    add_item(world.dinkes)
    add_item(world.diskominfo, description="Jaringan intra")
    url = reverse("budget:index", args=[world.province.pk]) + "?tahun=2027"
    client.force_login(world.users["responden_flat"])
    page = client.get(url)
    assert page.content.decode().count("data-budget=") == 1 and "figures" not in page.context
    client.force_login(world.users["pimpinan"])
    page = client.get(url)
    assert page.context["figures"].total == 300_000_000
    assert (
        client.post(reverse("budget:letter_generate", args=[world.province.pk])).status_code == 403
    )
    client.force_login(world.users["other_koordinator"])
    assert client.get(url).status_code == 404


def test_coordinator_generates_and_downloads_the_letter(world, client, add_item):
    add_item(world.dinkes)
    client.force_login(world.users["koordinator"])
    response = client.post(
        reverse("budget:letter_generate", args=[world.province.pk]),
        {"tahun": "2027", "format": "docx"},
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    download = client.get(reverse("budget:letter", args=[world.province.pk, letter.pk]))
    assert b"".join(download.streaming_content)[:2] == b"PK"
    client.force_login(world.users["responden_flat"])
    assert (
        client.get(reverse("budget:letter", args=[world.province.pk, letter.pk])).status_code == 404
    )


def test_year_page_queries_are_bounded(world, client, add_item):
    client.force_login(world.users["koordinator"])
    url = reverse("budget:index", args=[world.province.pk]) + "?tahun=2027"
    add_item(world.dinkes)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    before = count()
    for i in range(10):
        add_item(world.setda, description=f"Butir {i}", builds_application=f"Aplikasi {i}")
    assert count() == before


def test_api_same_permissions(world, api, add_item):
    item = add_item(world.dinkes)
    base = f"/api/instansi/{world.province.pk}/budget/"
    resp = api(world.users["responden_flat"]).get(base + "items/?year=2027")
    assert [r["id"] for r in resp.json()["results"]] == [item.pk]
    assert api(world.users["responden_flat"]).get(base + "summary/?year=2027").status_code == 403
    assert (
        api(world.users["pimpinan"]).get(base + "summary/?year=2027").json()["total"] == 150_000_000
    )
    assert api(world.users["other_koordinator"]).get(base + "items/?year=2027").status_code == 404
    assert api(world.users["koordinator"]).get(base + "items/?year=abc").status_code == 400
    created = api(world.users["responden_flat"]).post(
        base + "items/", {**FORM, "amount": 5_000, "unit": world.dinkes.pk}, format="json"
    )
    assert created.status_code == 201
    refused = api(world.users["responden_flat"]).post(
        base + "items/", {**FORM, "amount": 5_000, "unit": world.diskominfo.pk}, format="json"
    )
    assert refused.status_code == 403
