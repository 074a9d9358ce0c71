"""Inventory services: audited writes, owner rules, validation that changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from spbe.audit.models import AuditEvent
from spbe.inventory import services
from spbe.inventory.domains import DOMAINS
from spbe.inventory.models import Application, DuplicateDecision, Infrastructure

APPS = DOMAINS["aplikasi"]


def _app(world, user_key="responden_flat", unit=None, **values):
    return services.inventory_item_create(
        actor=world.users[user_key],
        domain=APPS,
        instansi=world.province,
        values={"name": "SIMPEG", "owner_unit": unit or world.dinkes, **values},
    )


def test_respondent_registers_app_for_own_unit_with_audit_event(world):
    app = _app(world, function="Data pegawai", contract_value=150_000_000)
    assert app.owner_unit == world.dinkes
    event = AuditEvent.objects.get(action="inventory.application_created")
    assert event.actor == world.users["responden_flat"]
    assert event.changes["name"] == [None, "SIMPEG"]
    assert event.changes["contract_value"] == [None, 150000000]
    assert event.instansi == world.province


def test_respondent_cannot_register_for_another_unit(world):
    with pytest.raises(PermissionDenied):
        _app(world, unit=world.diskominfo)
    assert not Application.objects.exists()


def test_outsider_gets_404_and_nothing_is_written(world):
    with pytest.raises(Http404):
        _app(world, user_key="other_koordinator", unit=world.dinkes)
    assert not Application.objects.exists()
    assert not AuditEvent.objects.exists()


def test_unit_of_another_instansi_is_refused(world):
    with pytest.raises(ValidationError) as info:
        _app(world, user_key="koordinator", unit=world.dinkes, developer_unit=world.other_unit)
    assert "developer_unit" in info.value.message_dict
    assert not Application.objects.exists()


def test_same_name_same_owner_refused_not_overwritten(world):
    _app(world)
    with pytest.raises(ValidationError):
        _app(world)
    assert Application.objects.count() == 1


def test_update_is_audited_with_old_and_new_and_noop_writes_nothing(world):
    app = _app(world)
    services.inventory_item_update(
        actor=world.users["responden_flat"], item=app, values={"status": "tidak_aktif"}
    )
    event = AuditEvent.objects.get(action="inventory.application_updated")
    assert event.changes == {"status": ["operasional", "tidak_aktif"]}
    services.inventory_item_update(
        actor=world.users["responden_flat"], item=app, values={"status": "tidak_aktif"}
    )
    assert AuditEvent.objects.filter(action="inventory.application_updated").count() == 1


def test_pimpinan_reads_but_may_not_edit(world):
    app = _app(world)
    with pytest.raises(PermissionDenied):
        services.inventory_item_update(
            actor=world.users["pimpinan"], item=app, values={"name": "X"}
        )


def test_other_domains_share_the_rules(world):
    dc = services.inventory_item_create(
        actor=world.users["koordinator"],
        domain=DOMAINS["infrastruktur"],
        instansi=world.province,
        values={"name": "Pusat Data Daerah", "owner_unit": world.diskominfo, "kind": "pusat_data"},
    )
    assert isinstance(dc, Infrastructure)
    assert AuditEvent.objects.filter(action="inventory.infrastructure_created").exists()


def test_duplicate_decision_is_remembered_replaced_and_audited(world):
    a = _app(world, user_key="koordinator", unit=world.dinkes)
    b = _app(world, user_key="koordinator", unit=world.diskominfo)
    koord = world.users["koordinator"]
    services.duplicate_decide(actor=koord, a=b, b=a, verdict="duplikat", keep=a)
    decision = DuplicateDecision.objects.get()
    assert (decision.first, decision.second, decision.keep) == (a, b, a)
    services.duplicate_decide(actor=koord, a=a, b=b, verdict="bukan")
    decision.refresh_from_db()
    assert decision.verdict == "bukan" and decision.keep is None
    events = AuditEvent.objects.filter(action="inventory.duplicate_decided").order_by("pk")
    assert events.count() == 2
    assert events.last().changes["verdict"] == ["duplikat", "bukan"]


def test_duplicate_needs_a_target_and_the_coordinator(world):
    a = _app(world, user_key="koordinator", unit=world.dinkes)
    b = _app(world, user_key="koordinator", unit=world.diskominfo)
    with pytest.raises(ValidationError):
        services.duplicate_decide(actor=world.users["koordinator"], a=a, b=b, verdict="duplikat")
    with pytest.raises(PermissionDenied):
        services.duplicate_decide(actor=world.users["responden_flat"], a=a, b=b, verdict="bukan")
    assert not DuplicateDecision.objects.exists()
