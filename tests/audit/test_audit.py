"""Every kind of change writes its audit event in the same transaction; the trail is
read-only, scoped to the coordinator's instansi, filterable and exportable to CSV."""

import csv
import io

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from spbe.accounts.services import password_change, token_create, token_revoke
from spbe.audit.models import AuditEvent
from spbe.audit.services import audit_record
from spbe.organizations import grants, imports, services
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _only_event(action):
    events = list(AuditEvent.objects.filter(action=action))
    assert len(events) == 1, [e.action for e in AuditEvent.objects.all()]
    return events[0]


def _request(user):
    request = RequestFactory().post("/", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Uji/1.0")
    request.user = user
    return request


CHANGES = {
    "unit.created": lambda w, k: services.unit_create(
        actor=k, instansi=w.province, name="Dinas Pariwisata", request=_request(k)
    ),
    "unit.updated": lambda w, k: services.unit_update(
        actor=k, unit=w.dinkes, name="Dinas Kesehatan Provinsi", request=_request(k)
    ),
    "unit.deactivated": lambda w, k: services.unit_set_active(
        actor=k, unit=w.dinkes, is_active=False, request=_request(k)
    ),
    "user.created": lambda w, k: services.member_create(
        actor=k,
        instansi=w.province,
        username="baru",
        role="responden",
        unit=w.dinkes,
        request=_request(k),
    ),
    "user.updated": lambda w, k: services.member_update(
        actor=k,
        instansi=w.province,
        user=w.users["responden"],
        position="Kasubbag",
        request=_request(k),
    ),
    "user.disabled": lambda w, k: services.member_set_active(
        actor=k,
        instansi=w.province,
        user=w.users["responden"],
        is_active=False,
        request=_request(k),
    ),
    "user.password_reset": lambda w, k: services.member_reset_password(
        actor=k, instansi=w.province, user=w.users["responden"], request=_request(k)
    ),
    "role.granted": lambda w, k: grants.grant_create(
        actor=k,
        instansi=w.province,
        user=w.users["responden"],
        role="pimpinan",
        request=_request(k),
    ),
    "role.revoked": lambda w, k: grants.grant_revoke(
        actor=k, grant=w.users["responden"].role_grants.get(), request=_request(k)
    ),
    "import.units": lambda w, k: imports.units_import(
        actor=k,
        instansi=w.province,
        request=_request(k),
        rows=imports.parse("unit", "u.csv", b"nama,jenis\nDinas Pangan,dinas\n"),
    ),
    "import.users": lambda w, k: imports.members_import(
        actor=k,
        instansi=w.province,
        request=_request(k),
        rows=imports.parse("pengguna", "p.csv", b"username,peran,unit\nani,responden,Dinkes\n"),
    ),
}


@pytest.mark.parametrize("action", list(CHANGES))
def test_each_kind_of_change_writes_one_event(world, action):
    koord = world.users["koordinator"]
    CHANGES[action](world, koord)
    event = _only_event(action)
    assert event.actor == koord
    assert event.actor_label.startswith("koord")
    assert event.instansi == world.province
    assert event.ip_address == "10.1.2.3"
    assert event.user_agent == "Uji/1.0"
    assert event.object_repr


def test_changes_hold_old_and_new_values(world):
    koord = world.users["koordinator"]
    services.unit_update(actor=koord, unit=world.dinkes, short_name="DINKES")
    assert _only_event("unit.updated").changes == {"short_name": ["Dinkes", "DINKES"]}


def test_own_password_and_token_changes_are_audited(world, client):
    user = world.users["responden"]
    password_change(user=user, old_password=PASSWORD, new_password="Balikpapan-Beriman-77")
    token, _raw = token_create(user=user, name="t", actor=user)
    token_revoke(token=token, actor=user)
    actions = ("user.password_changed", "token.created", "token.revoked")
    for action in actions:
        event = _only_event(action)
        assert event.actor == user and event.instansi == world.province
    # ...and the coordinator of the user's instansi sees them, on the page and in the API.
    client.force_login(world.users["koordinator"])
    html = client.get(reverse("audit:event_list", args=[world.province.pk])).content.decode()
    data = client.get("/api/audit-events/", {"instansi": world.province.pk}).json()
    for action in actions:
        assert action in html
        assert action in [e["action"] for e in data["results"]]


def test_account_events_reach_every_instansi_of_the_user(world):
    user = world.users["responden_flat"]
    grants.grant_create(
        actor=None, instansi=world.other, user=user, role="responden", unit=world.other_unit
    )
    token_create(user=user, name="t", actor=user)
    events = AuditEvent.objects.filter(action="token.created")
    assert {e.instansi for e in events} == {world.province, world.other}


def test_a_failed_change_leaves_no_event(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.unit_create(
            actor=world.users["koordinator"], instansi=world.province, name="Dinas Kesehatan"
        )  # duplicate name
    assert not AuditEvent.objects.exists()


def test_actor_label_survives_deleting_the_account(world):
    koord = world.users["koordinator"]
    services.unit_create(actor=koord, instansi=world.province, name="Dinas Baru")
    koord.delete()
    event = _only_event("unit.created")
    assert event.actor is None and event.actor_label.startswith("koord")


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="transaction.atomic"):
        audit_record(actor=None, action="x.y")
    with transaction.atomic():
        audit_record(actor=None, action="x.y")
    assert AuditEvent.objects.count() == 1


def test_admin_cannot_add_change_or_delete_events(rf, world):
    model_admin = admin.site._registry[AuditEvent]
    request = rf.get("/")
    request.user = world.users["administrator"]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_api_is_read_only(client, world):
    koord = world.users["koordinator"]
    services.unit_create(actor=koord, instansi=world.province, name="Dinas Baru")
    event = AuditEvent.objects.get()
    client.force_login(koord)
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"/api/audit-events/?instansi={world.province.pk}")
        assert response.status_code == 405
        response = getattr(client, method)(f"/api/audit-events/{event.pk}/")
        assert response.status_code == 404
    assert AuditEvent.objects.count() == 1


def test_page_shows_only_own_instansi_and_filters(client, world):
    koord, other = world.users["koordinator"], world.users["other_koordinator"]
    services.unit_create(actor=koord, instansi=world.province, name="Dinas Pariwisata")
    services.unit_create(actor=other, instansi=world.other, name="Dinas Rahasia Lain")
    services.member_set_active(
        actor=koord, instansi=world.province, user=world.users["responden"], is_active=False
    )
    client.force_login(koord)
    html = client.get(reverse("audit:event_list", args=[world.province.pk])).content.decode()
    assert "Dinas Pariwisata" in html and "Dinas Rahasia Lain" not in html
    html = client.get(
        reverse("audit:event_list", args=[world.province.pk]), {"action": "user.disabled"}
    ).content.decode()
    assert "resp" in html and "Dinas Pariwisata" not in html
    html = client.get(
        reverse("audit:event_list", args=[world.province.pk]),
        {"date_from": "2000-01-01", "date_to": "2000-01-02"},
    ).content.decode()
    assert "Tidak ada peristiwa" in html


def test_csv_export_applies_filters_and_neutralises_formulas(client, world):
    koord = world.users["koordinator"]
    services.unit_create(actor=koord, instansi=world.province, name="=HYPERLINK(1)")
    services.unit_create(actor=koord, instansi=world.province, name="Dinas Pangan")
    client.force_login(koord)
    response = client.get(
        reverse("audit:event_export", args=[world.province.pk]), {"obj": "HYPERLINK"}
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "waktu"
    assert len(rows) == 2 and rows[1][5] == "'=HYPERLINK(1)"


def test_api_filters_by_action_and_actor(client, world):
    koord = world.users["koordinator"]
    services.unit_create(actor=koord, instansi=world.province, name="Dinas Pangan")
    grants.grant_create(
        actor=koord, instansi=world.province, user=world.users["responden_flat"], role="pimpinan"
    )
    client.force_login(koord)
    data = client.get(
        "/api/audit-events/", {"instansi": world.province.pk, "action": "role"}
    ).json()
    assert [e["action"] for e in data["results"]] == ["role.granted"]
    data = client.get(
        "/api/audit-events/", {"instansi": world.province.pk, "actor": "tidak-ada"}
    ).json()
    assert data["results"] == []


def test_page_and_api_export_the_same_csv(client, world):
    koord = world.users["koordinator"]
    services.unit_create(actor=koord, instansi=world.province, name="Dinas Pangan")
    client.force_login(koord)
    page = client.get(reverse("audit:event_export", args=[world.province.pk]))
    api = client.get("/api/audit-events/export/", {"instansi": world.province.pk})
    bodies = [b"".join(r.streaming_content).decode("utf-8-sig") for r in (page, api)]
    assert bodies[0] == bodies[1] and "Dinas Pangan" in bodies[0]
    for response in (page, api):
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith(
            f'attachment; filename="audit-{world.province.pk}-'
        )


def test_long_texts_are_shortened_on_the_page_with_the_whole_change_one_click_away(world, client):
    long_old, long_new = "Lama " + "a" * 3000, "Baru " + "b" * 3000 + " AKHIR"
    audit_record(
        actor=world.users["koordinator"],
        action="stage_value.set",
        target=world.users["koordinator"],
        instansi=world.province,
        changes={"fakta": [long_old, long_new], "value": ["2", "3"]},
    )
    client.force_login(world.users["koordinator"])
    html = client.get(reverse("audit:event_list", args=[world.province.pk])).content.decode()
    start = html.index('<details class="audit-long">')
    summary = html[start : html.index("</summary>", start)]
    assert len(summary) < 600 and "…" in summary and "lihat seluruhnya" in summary
    assert "AKHIR" in html  # the whole new text is in the disclosure
    assert "2 → 3" in html  # short changes stay as they were
