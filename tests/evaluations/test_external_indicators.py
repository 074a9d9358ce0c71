"""Externally sourced indicators (Pemdi 5, 6, 7, 18): the recorded agency index is their value
at every stage; every way of typing, reviewing, deciding or importing a level for them is
refused with the same message; the koordinator records the index on the cycle."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from spbe.audit.models import AuditEvent
from spbe.evaluations import services
from spbe.evaluations.models import Assessment, Cycle, Stage, StageValue
from spbe.evaluations.selectors import cycle_score, cycle_stage_values
from spbe.frameworks.selectors import framework_get
from spbe.official import services as official
from spbe.official.parsed import OfficialImportError
from tests.evaluations.conftest import assessment_of, set_stage_values
from tests.official.test_official_import import csv_file

REFUSAL = "bersumber dari Indeks Satu Data Indonesia, aspek Interoperabilitas (Bappenas)"


@pytest.fixture
def pemdi(shipped, world, users):
    koord = users["koordinator"]
    cycle = services.cycle_create(
        actor=koord,
        instansi=world.province,
        framework=framework_get("pemdi-8-2026"),
        year=2026,
        kind="evaluasi",
        name="Pemdi 2026",
    )
    services.cycle_transition(actor=koord, cycle=cycle, state=Cycle.State.MANDIRI)
    services.assessment_assign(
        actor=koord, assessment=assessment_of(cycle, 18), lead_unit=world.setda
    )
    cycle.refresh_from_db()
    return cycle


def test_every_write_of_a_level_is_refused_with_the_index_named(pemdi, users):
    koord, a = users["koordinator"], assessment_of(pemdi, 18)
    writes = {
        "self": lambda: services.assessment_save(
            actor=users["responden"], assessment=a, revision=a.revision, value="3",
            fakta="F", analisis="A",
        ),
        "stage": lambda: services.stage_value_set(
            actor=koord, assessment=a, stage=Stage.DOKUMEN, value="3"
        ),
        "bulk": lambda: services.stage_values_set_bulk(
            actor=koord, cycle=pemdi, stage=Stage.FINAL, values={1: "3", 18: "3"}, source="uji"
        ),
        "decide": lambda: services.assessment_decide(
            actor=koord, assessment=a, revision=None, source="koordinator", value="3"
        ),
    }  # fmt: skip
    for name, write in writes.items():
        with pytest.raises(ValidationError) as caught:
            write()
        assert any(REFUSAL in m for m in caught.value.messages), name
    Assessment.objects.filter(pk=a.pk).update(status=Assessment.Status.DIAJUKAN)
    a = assessment_of(pemdi, 18)
    with pytest.raises(ValidationError, match="Interoperabilitas"):
        services.review_set_level(
            actor=koord, assessment=a, revision=a.revision, value="3", note="x"
        )
    assert not StageValue.objects.filter(assessment__cycle=pemdi, value__isnull=False).exists()


def test_the_recorded_index_wins_over_a_stored_stage_value(pemdi):
    Cycle.objects.filter(pk=pemdi.pk).update(external_values={"sdi-interoperabilitas": "41.00"})
    pemdi.refresh_from_db()
    set_stage_values(pemdi, Stage.MANDIRI, {18: "5", 1: "3"})  # older data, not a service
    values = cycle_stage_values(pemdi, Stage.MANDIRI)
    assert values["18"] == Decimal("2.64") and values["1"] == Decimal("3")
    assert cycle_stage_values(pemdi, Stage.FINAL)["18"] == Decimal("2.64")


def test_coordinator_records_the_indices(pemdi, users):
    koord = users["koordinator"]
    services.cycle_set_external_values(
        actor=koord, cycle=pemdi, values={"sdi": "25", "sdi-interoperabilitas": "41,00"}
    )
    pemdi.refresh_from_db()
    assert pemdi.external_values == {"sdi": "25", "sdi-interoperabilitas": "41.00"}
    assert cycle_score(pemdi, Stage.MANDIRI).values["5"] == Decimal("2.00")
    event = AuditEvent.objects.get(action="cycle.external_values_changed")
    assert event.changes["sdi-interoperabilitas"] == [None, "41.00"]
    with pytest.raises(ValidationError) as caught:
        services.cycle_set_external_values(
            actor=koord, cycle=pemdi, values={"sdi": "101", "ikasandi": "3", "sjig": None}
        )
    assert set(caught.value.message_dict) == {"sdi", "ikasandi"}
    pemdi.refresh_from_db()
    assert pemdi.external_values["sdi"] == "25"  # nothing changed
    services.cycle_set_external_values(actor=koord, cycle=pemdi, values={"sdi": ""})
    pemdi.refresh_from_db()
    assert pemdi.external_values["sdi"] is None  # not published: pending again
    with pytest.raises(PermissionDenied):
        services.cycle_set_external_values(actor=users["asesor"], cycle=pemdi, values={"sdi": "30"})


def test_api_and_pages(pemdi, users, client, api):
    koord = api(users["koordinator"])
    url = f"/api/cycles/{pemdi.pk}/external-values/"
    response = koord.put(url, {"values": {"sdi": "68.75"}}, format="json")
    assert response.status_code == 200, response.json()
    sdi = next(i for i in response.json()["indices"] if i["code"] == "sdi")
    assert (sdi["raw"], sdi["value"], sdi["pending"], sdi["indicators"]) == (
        "68.75",
        "3.75",
        False,
        ["3.1"],
    )
    assert koord.put(url, {"values": {"sdi": "x"}}, format="json").status_code == 400
    assert (
        api(users["pimpinan"]).put(url, {"values": {"sdi": "1"}}, format="json").status_code == 403
    )

    client.force_login(users["koordinator"])
    page = reverse("evaluations:cycle_detail", args=[pemdi.pk])
    html = client.get(page).content.decode()
    assert 'name="idx_sdi-interoperabilitas"' in html and "menunggu" in html
    post = reverse("evaluations:cycle_external_values", args=[pemdi.pk])
    assert client.post(post, {"idx_sdi-interoperabilitas": "41.00"}).status_code == 302
    pemdi.refresh_from_db()
    assert pemdi.external_values["sdi-interoperabilitas"] == "41.00"
    # typed the Indonesian way, and shown back the way the page writes numbers
    assert client.post(post, {"idx_sdi-interoperabilitas": "41,00"}).status_code == 302
    pemdi.refresh_from_db()
    assert pemdi.external_values["sdi-interoperabilitas"] == "41.00"
    assert 'value="41,00"' in client.get(page).content.decode()
    html = client.get(
        reverse("evaluations:assessment_detail", args=[pemdi.pk, 18])
    ).content.decode()
    assert REFUSAL in html and "2,64" in html
    assert 'name="action" value="stage"' not in html  # no level form for it


def test_official_import_refuses_values_of_external_rows(pemdi, users):
    file = csv_file("1,,,,,3,", "3.1,,,,,3,", "18,,,,,3,")
    with pytest.raises(OfficialImportError) as caught:
        official.official_import_preview(
            actor=users["koordinator"], cycle=pemdi, fileobj=file, filename=file.name
        )
    messages = caught.value.messages
    assert len(messages) == 2
    assert messages[0].startswith("baris 3: Indikator 3.1") and "Kosongkan nilainya" in messages[0]
    assert messages[1].startswith("baris 4: Indikator 6.4") and REFUSAL in messages[1]
