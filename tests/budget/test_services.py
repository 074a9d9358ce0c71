"""Budget items: nomenclature codes, exact Rupiah, owner rules, consultation, audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from spbe.audit.models import AuditEvent
from spbe.budget import services
from spbe.budget.codes import code_errors
from spbe.budget.models import BudgetItem
from tests.budget.conftest import ITEM


def test_codes_checked_by_format_and_hierarchy():
    assert code_errors("2.16.03", "2.16.03.1.02", "2.16.03.1.02.0001") == {}
    assert code_errors("X.XX.01", "X.XX.01.1.01", "X.XX.01.1.01.01") == {}
    errors = code_errors("2.16", "2.16.03.1.02", "2.16.04.1.02.0001")
    assert set(errors) == {"program_code", "sub_activity_code"}
    assert "diawali" in code_errors("2.16.03", "2.17.03.1.02", "2.17.03.1.02.0001")["activity_code"]


def test_respondent_registers_for_own_unit_audited(world, add_item):
    item = add_item(world.dinkes, user_key="responden_flat")
    assert item.amount == 150_000_000 and isinstance(item.amount, int)
    event = AuditEvent.objects.get(action="budget.item_created")
    assert event.changes["amount"] == [None, 150000000]
    with pytest.raises(PermissionDenied):
        add_item(world.diskominfo, user_key="responden_flat")


def test_bad_values_change_nothing(world, add_item):
    with pytest.raises(ValidationError) as info:
        add_item(world.dinkes, amount=-5, sub_activity_code="2.16.03.1.02", program_code="216")
    assert {"amount", "program_code", "sub_activity_code"} <= set(info.value.message_dict)
    with pytest.raises(ValidationError):
        add_item(world.other_unit)
    assert not BudgetItem.objects.exists() and not AuditEvent.objects.exists()


def test_consultation_is_the_coordinators_and_audited(world, add_item):
    import datetime

    item = add_item(world.dinkes)
    with pytest.raises(PermissionDenied):
        services.budget_item_consult(
            actor=world.users["responden_flat"],
            item=item,
            date=datetime.date(2026, 11, 2),
            outcome="disetujui",
        )
    services.budget_item_consult(
        actor=world.users["koordinator"],
        item=item,
        date=datetime.date(2026, 11, 2),
        outcome="perlu_revisi",
        note="Gunakan SIMPEG provinsi",
    )
    item.refresh_from_db()
    assert (item.consultation_outcome, item.consultation_note) == (
        "perlu_revisi",
        "Gunakan SIMPEG provinsi",
    )
    event = AuditEvent.objects.get(action="budget.item_consulted")
    assert event.changes["consultation_outcome"] == ["", "perlu_revisi"]
    with pytest.raises(ValidationError):
        services.budget_item_consult(
            actor=world.users["koordinator"],
            item=item,
            date=datetime.date(2099, 1, 1),
            outcome="disetujui",
        )


def test_update_audits_old_and_new(world, add_item):
    item = add_item(world.dinkes)
    services.budget_item_update(
        actor=world.users["koordinator"],
        item=item,
        values={"amount": 175_500_000, "status": "disetujui"},
    )
    event = AuditEvent.objects.get(action="budget.item_updated")
    assert event.changes["amount"] == [150000000, 175500000]
    assert event.changes["status"] == ["usulan", "disetujui"]
    assert ITEM["amount"] == 150_000_000  # the shared example stays untouched
