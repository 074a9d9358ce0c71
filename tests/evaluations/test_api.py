"""The evaluation API: same rules as the pages, 409 on a stale revision, scores per stage."""

from decimal import Decimal

from rest_framework.test import APIClient

from spbe.evaluations import services
from spbe.evaluations.models import Cycle, StageValue
from spbe.evaluations.selectors import cycle_score
from tests.evaluations.conftest import assessment_of, fill, set_stage_values


def test_anonymous_is_401(open_cycle):
    assert APIClient().get("/api/cycles/").status_code == 401


def test_cycles_are_scoped(open_cycle, users, api):
    assert api(users["koordinator"]).get("/api/cycles/").json()["count"] == 1
    assert api(users["other_koordinator"]).get("/api/cycles/").json()["count"] == 0
    assert api(users["other_koordinator"]).get(f"/api/cycles/{open_cycle.pk}/").status_code == 404


def test_create_and_move_a_cycle(shipped, world, users, api):
    c = api(users["koordinator"])
    response = c.post(
        "/api/cycles/",
        {
            "instansi": world.province.pk,
            "framework": "pemdi-8-2026",
            "year": 2026,
            "kind": "evaluasi",
            "name": "Pemdi 2026",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert Cycle.objects.get(pk=pk).assessments.count() == 20
    response = c.post(f"/api/cycles/{pk}/transition/", {"state": "dokumen"}, format="json")
    assert response.status_code == 400
    assert "hanya dapat maju" in str(response.json()["error"]["fields"])
    assert c.post(f"/api/cycles/{pk}/transition/", {"state": "mandiri"}).json()["state"] == (
        "mandiri"
    )
    response = api(users["asesor"]).post("/api/cycles/", {"instansi": world.province.pk})
    assert response.status_code == 403
    response = api(users["other_koordinator"]).post("/api/cycles/", {"instansi": world.province.pk})
    assert response.status_code == 404


def test_read_only_roles_are_refused_before_the_body(open_cycle, users, api):
    a = assessment_of(open_cycle, 1)
    for role in ("pimpinan", "pembina"):
        c = api(users[role])
        assert c.get(f"/api/assessments/{a.pk}/").status_code == 200
        assert (
            c.patch(f"/api/assessments/{a.pk}/", "not json", content_type="text/plain").status_code
            == 403
        )
        assert c.post(f"/api/assessments/{a.pk}/comments/", {"body": "x"}).status_code == 403
        assert c.post(f"/api/cycles/{open_cycle.pk}/finalise/").status_code == 403


def test_respondent_of_another_unit_gets_404(open_cycle, users, api):
    a = assessment_of(open_cycle, 1)
    c = api(users["responden_flat"])
    assert c.get(f"/api/assessments/{a.pk}/").status_code == 404
    assert (
        c.patch(
            f"/api/assessments/{a.pk}/", {"revision": 1, "value": "3"}, format="json"
        ).status_code
        == 404
    )
    listed = c.get(f"/api/cycles/{open_cycle.pk}/assessments/").json()
    assert [row["indicator"] for row in listed["results"]] == [2]


def test_update_submit_review_flow_and_409_on_stale_revision(open_cycle, users, api):
    a = assessment_of(open_cycle, 1)
    resp = api(users["responden"])
    url = f"/api/assessments/{a.pk}/"
    body = {"revision": a.revision, "value": "4", "fakta": "F", "analisis": "A"}
    first = resp.patch(url, body, format="json")
    assert first.status_code == 200 and first.json()["status"] == "draf"
    stale = resp.patch(url, body | {"value": "5"}, format="json")
    assert stale.status_code == 409
    assert "perubahan Anda tidak disimpan" in stale.json()["error"]["message"]
    assert stale.json()["current"]["claimed_value"] == "4.00"
    revision = first.json()["revision"]
    submitted = resp.post(f"{url}submit/", {"revision": revision}, format="json")
    assert submitted.json()["status"] == "diajukan"
    review = api(users["asesor"]).post(
        f"{url}review/",
        {"revision": submitted.json()["revision"], "decision": "return", "note": "Kurang SK"},
        format="json",
    )
    assert review.json()["status"] == "perlu_perbaikan"
    bad = api(users["asesor"]).post(
        f"{url}review/", {"revision": 99, "decision": "accept"}, format="json"
    )
    assert bad.status_code == 400  # not submitted any more: the state machine speaks first
    assert resp.post(f"{url}comments/", {"body": "@asesor sudah"}).status_code == 201
    # the mention waits; the submission notice was settled by the asesor's own review
    unread = api(users["asesor"]).get("/api/notifications/?unread=1").json()["results"]
    assert [n["kind"] for n in unread] == ["mention"]


def test_invalid_value_is_400_and_changes_nothing(open_cycle, users, api):
    a = assessment_of(open_cycle, 1)
    response = api(users["responden"]).patch(
        f"/api/assessments/{a.pk}/", {"revision": a.revision, "value": "3.50"}, format="json"
    )
    assert response.status_code == 400
    assert "bilangan bulat" in str(response.json()["error"]["fields"])
    assert not StageValue.objects.exists()


def test_locked_cycle_refuses_api_writes(open_cycle, users, api):
    koord = users["koordinator"]
    for state in ("dokumen", "interviu", "finalisasi"):
        services.cycle_transition(actor=koord, cycle=open_cycle, state=state)
    c = api(koord)
    assert c.post(f"/api/cycles/{open_cycle.pk}/finalise/").json()["is_locked"] is True
    a = assessment_of(open_cycle, 1)
    response = c.post(
        f"/api/assessments/{a.pk}/stage-values/", {"stage": "final", "value": "3"}, format="json"
    )
    assert response.status_code == 400
    assert "Siklus sudah final dan terkunci" in str(response.json())
    response = c.post(f"/api/cycles/{open_cycle.pk}/reopen/", {"reason": "Koreksi"})
    assert response.json()["state"] == "finalisasi"


def test_scores_endpoint_agrees_with_the_engine(open_cycle, users, api):
    set_stage_values(open_cycle, "mandiri", {n: "4" for n in range(1, 48)})
    set_stage_values(open_cycle, "final", {n: str(1 + n % 5) for n in range(1, 48)})
    data = api(users["pimpinan"]).get(f"/api/cycles/{open_cycle.pk}/scores/").json()["stages"]
    assert list(data) == ["mandiri", "final"]
    final = cycle_score(open_cycle, "final", official=True)
    assert Decimal(data["final"]["index"]) == final.index
    assert data["final"]["predikat"] == final.predikat
    assert data["final"]["complete"] is True and data["final"]["missing"] == []
    assert data["final"]["domains"]["D1"] == str(final.domains["D1"].value)
    assert set(data["final"]) >= {"index_exact", "predikat_exact", "predikat_rounded", "aspects"}
    # a unit-restricted respondent sees their indicators, not the instansi's index
    assert api(users["responden"]).get(f"/api/cycles/{open_cycle.pk}/scores/").status_code == 404


def test_scores_name_missing_indicators_by_number_and_display_code(make_cycle, world, users, api):
    """Pemdi codes ("2.1") differ from the internal numbers ("3"): the API gives both."""
    cycle = make_cycle(code="pemdi-8-2026", year=2026, instansi=world.province)
    numbers = {a.indicator.number: a.indicator.code for a in cycle.assessments.all()}
    assert numbers[3] == "2.1" and numbers[10] == "4.2"
    set_stage_values(cycle, "mandiri", {n: "3.00" for n in numbers if n not in (3, 10)})
    data = api(users["pimpinan"]).get(f"/api/cycles/{cycle.pk}/scores/").json()["stages"]
    assert data["mandiri"]["complete"] is False
    assert data["mandiri"]["missing"] == [
        {"number": 3, "code": "2.1"},
        {"number": 10, "code": "4.2"},
    ]


def test_bulk_stage_values_and_decide(open_cycle, users, api):
    c = api(users["koordinator"])
    response = c.post(
        f"/api/cycles/{open_cycle.pk}/stage-values/",
        {"stage": "dokumen", "values": {"1": "3", "2": "2"}, "source": "manual"},
        format="json",
    )
    assert response.json() == {"count": 2}
    values = c.get(f"/api/cycles/{open_cycle.pk}/stage-values/?stage=dokumen").json()["values"]
    assert values == {"1": {"dokumen": "3.00"}, "2": {"dokumen": "2.00"}}
    fill(open_cycle, 1, users["responden"], value="4", submit=True)
    a = assessment_of(open_cycle, 1)
    response = c.post(
        f"/api/assessments/{a.pk}/decide/",
        {"revision": a.revision, "source": "koordinator", "value": "3"},
        format="json",
    )
    assert response.json()["final_source"] == "koordinator"


def test_assign_via_api(open_cycle, users, world, api):
    a = assessment_of(open_cycle, 7)
    response = api(users["koordinator"]).post(
        f"/api/assessments/{a.pk}/assign/",
        {
            "lead_unit": world.dinkes.pk,
            "contributing_units": [world.biro.pk],
            "reviewer": users["asesor"].pk,
            "due_date": "2025-06-30",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["contributing_units"] == [world.biro.pk]
    response = api(users["koordinator"]).post(
        f"/api/assessments/{a.pk}/assign/", {"lead_unit": world.other_unit.pk}, format="json"
    )
    assert response.status_code == 404
