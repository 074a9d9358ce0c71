"""Who may import and record official results, the API, and index-only history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from rest_framework.test import APIClient

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import Stage, StageValue
from spbe.official import services
from spbe.official.links import official_reverse
from spbe.official.models import PublishedResult
from tests.evaluations.conftest import set_stage_values
from tests.official import test_official_import as base
from tests.official.test_official_import import csv_file

# fixtures shared with the template-import tests
people, cycle = base.people, base.cycle

D = Decimal


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("koordinator", 200), ("responden", 403), ("asesor", 403), ("outsider", 404)],
)
def test_import_pages_permissions(client, cycle, people, who, status):
    client.force_login(people[who])
    assert client.get(official_reverse("import", cycle.pk)).status_code == status
    assert client.get(official_reverse("template", cycle.pk, "csv")).status_code == status
    response = client.post(official_reverse("import", cycle.pk), {"file": csv_file("1,,,,,3,")})
    assert response.status_code == status
    assert client.get(official_reverse("history", cycle.instansi_id)).status_code == status
    assert not StageValue.objects.exists()


def test_admin_may_import(client, cycle, people):
    from tests.factories import make_user

    client.force_login(make_user(is_superuser=True))
    assert client.get(official_reverse("import", cycle.pk)).status_code == 200


def test_unknown_cycle_is_404(client, people):
    client.force_login(people["koordinator"])
    assert client.get(official_reverse("import", 99999)).status_code == 404


def test_bad_file_on_the_page_lists_the_rows(client, cycle, people):
    client.force_login(people["koordinator"])
    response = client.post(
        official_reverse("import", cycle.pk), {"file": csv_file("1,,,,,7,", "99,,,,,3,")}
    )
    html = response.content.decode()
    assert "Tidak ada nilai yang diimpor." in html
    assert "baris 2: level 7 di luar rentang 0–5 untuk indikator 1" in html
    assert "baris 3: indikator 99 tidak ada" in html


def test_confirm_page_with_a_tampered_token(client, cycle, people):
    client.force_login(people["koordinator"])
    response = client.post(official_reverse("confirm", cycle.pk), {"token": "x:y:z"}, follow=True)
    assert "Token pratinjau tidak sah" in response.content.decode()
    assert not StageValue.objects.exists()


def test_preview_page_renders_with_bounded_queries(
    client, cycle, people, django_assert_max_num_queries
):
    set_stage_values(cycle, Stage.MANDIRI, {n: "3" for n in range(1, 48)})
    client.force_login(people["koordinator"])
    rows = [f"{n},,2,,,3," for n in range(1, 48)]
    with django_assert_max_num_queries(40):
        response = client.post(official_reverse("import", cycle.pk), {"file": csv_file(*rows)})
    assert response.status_code == 200


# --- API -----------------------------------------------------------------------------------------


def test_api_preview_then_confirm(cycle, people):
    set_stage_values(cycle, Stage.FINAL, {1: "2"})
    client = api(people["koordinator"])
    url = reverse("api-official-import-preview", args=[cycle.pk])

    response = client.post(
        url, {"file": csv_file("1,,,,,3,", "2,,2,,,1,"), "stages": "dokumen,final"}
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["stages"] == ["dokumen", "final"]
    assert body["counts"]["final"]["naik"] == 1 and body["counts"]["final"]["baru"] == 1
    first = body["differences"][0]
    assert first["stages"]["final"] == {"current": "2.00", "imported": "3.00", "change": "naik"}
    assert body["scores"]["final"]["before"]["index"] == "2.00"
    assert body["scores"]["final"]["after"]["complete"] is False
    assert body["printed"] is None and body["check"] == []
    assert len(body["sha256"]) == 64

    response = client.post(
        reverse("api-official-import-confirm", args=[cycle.pk]),
        {"token": body["token"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["stages"]["final"] == {"created": 1, "changed": 1, "unchanged": 0}
    assert response.json()["written"] == 3


def test_api_preview_errors_use_the_error_shape(cycle, people):
    response = api(people["koordinator"]).post(
        reverse("api-official-import-preview", args=[cycle.pk]), {"file": csv_file("1,,,,,9,")}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["fields"]["non_field_errors"] == [
        "baris 2: level 9 di luar rentang 0–5 untuk indikator 1 (kolom final)"
    ]


def test_api_tampered_token(cycle, people):
    client = api(people["koordinator"])
    response = client.post(
        reverse("api-official-import-preview", args=[cycle.pk]), {"file": csv_file("1,,,,,3,")}
    )
    token = response.json()["token"]
    response = client.post(
        reverse("api-official-import-confirm", args=[cycle.pk]),
        {"token": token[:-4] + "abcd"},
        format="json",
    )
    assert response.status_code == 400
    assert not StageValue.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("responden", 403), ("outsider", 404)])
def test_api_permissions_before_the_body(cycle, people, who, status):
    client = api(people[who])
    # no file at all: the refusal comes before validation
    assert (
        client.post(reverse("api-official-import-preview", args=[cycle.pk])).status_code == status
    )
    assert (
        client.post(reverse("api-official-import-confirm", args=[cycle.pk])).status_code == status
    )


def test_api_anonymous_is_401(cycle):
    response = APIClient().post(reverse("api-official-import-preview", args=[cycle.pk]))
    assert response.status_code == 401


# --- index-only history -------------------------------------------------------------------------


def record(people, **kwargs):
    values = {
        "actor": people["koordinator"],
        "instansi": people["instansi"],
        "year": 2025,
        "framework_code": "spbe-59-2020",
        "index": "4,13",
        "source": "Berita Diskominfo Kaltim",
    } | kwargs
    return services.published_result_record(**values)


def test_record_published_index(people):
    result = record(people, domains={"D1": "4.2"}, predikat="Memuaskan")
    assert (result.index, result.domains, result.predikat) == (
        D("4.13"),
        {"D1": "4.20"},
        "Memuaskan",
    )
    event = AuditEvent.objects.get(action="published_result.created")
    assert event.changes["index"] == [None, "4.13"]
    assert event.instansi == people["instansi"]


def test_existing_year_needs_a_confirmed_replacement(people):
    record(people)
    with pytest.raises(ValidationError) as caught:
        record(people, index="4.20", source="Tabel nasional")
    assert caught.value.code == "sudah_ada"
    assert "sudah tercatat (indeks 4,13" in caught.value.messages[0]
    assert PublishedResult.objects.get().index == D("4.13")  # no silent overwrite

    replaced = record(people, index="4.20", source="Tabel nasional", replace=True)
    assert replaced.index == D("4.20") and PublishedResult.objects.count() == 1
    event = AuditEvent.objects.get(action="published_result.replaced")
    assert event.changes["index"] == ["4.13", "4.20"]
    assert event.changes["source"] == ["Berita Diskominfo Kaltim", "Tabel nasional"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"index": "5,5"}, "index"),
        ({"index": "tiga"}, "index"),
        ({"index": "3.125"}, "index"),
        ({"index": "", "domains": {}}, "index"),
        ({"framework_code": "lain"}, "framework_code"),
        ({"source": " "}, "source"),
        ({"year": 1990}, "year"),
    ],
)
def test_bad_history_values(people, kwargs, field):
    with pytest.raises(ValidationError) as caught:
        record(people, **kwargs)
    assert field in caught.value.message_dict
    assert not PublishedResult.objects.exists()


@pytest.mark.parametrize(("who", "error"), [("responden", PermissionDenied), ("outsider", Http404)])
def test_history_permissions_in_the_service(people, who, error):
    with pytest.raises(error):
        record(people, actor=people[who])


def test_history_page_asks_before_replacing(client, people):
    record(people)
    client.force_login(people["koordinator"])
    url = official_reverse("history", people["instansi"].pk)
    data = {
        "year": 2025,
        "framework_code": "spbe-59-2020",
        "index": "4,20",
        "source": "Tabel nasional",
        "verified": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "sudah tercatat" in html and 'type="checkbox" name="replace"' in html
    assert PublishedResult.objects.get().index == D("4.13")

    response = client.post(url, data | {"replace": "on"})
    assert response.status_code == 302
    assert PublishedResult.objects.get().index == D("4.20")


def test_history_page_lists_records(client, people):
    record(people, year=2020, framework_code="spbe-5-2018", index="3.30")
    client.force_login(people["koordinator"])
    html = client.get(official_reverse("history", people["instansi"].pk)).content.decode()
    assert "3,30" in html and "spbe-5-2018" in html
    assert 'name="replace"' in html and 'type="hidden" name="replace"' in html


def test_api_published_results(people):
    record(people)
    record(people, year=2024, index="3.90")
    url = reverse("api-published-result-list")

    body = api(people["koordinator"]).get(url, {"year": 2025}).json()
    assert [(r["year"], r["index"]) for r in body["results"]] == [(2025, "4.13")]
    assert api(people["responden"]).get(url).json()["count"] == 2  # reads are scoped, not 403
    assert api(people["outsider"]).get(url).json()["count"] == 0

    payload = {
        "instansi": people["instansi"].pk,
        "year": 2023,
        "framework_code": "spbe-59-2020",
        "index": "3.51",
        "source": "Laporan",
    }
    client = api(people["koordinator"])
    response = client.post(url, payload, format="json")
    assert response.status_code == 201, response.json()
    assert client.post(url, payload | {"index": "3.60"}, format="json").status_code == 400
    response = client.post(url, payload | {"index": "3.60", "replace": True}, format="json")
    assert response.status_code == 200 and response.json()["index"] == "3.60"

    assert api(people["responden"]).post(url, payload, format="json").status_code == 403
    assert api(people["outsider"]).post(url, payload, format="json").status_code == 404
