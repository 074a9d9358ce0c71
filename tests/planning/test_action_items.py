"""Action items: CRUD through services, pages and API; permissions; overdue reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import Notification
from spbe.frameworks.models import Indicator
from spbe.planning.models import ActionItem
from spbe.planning.services import action_item_create, action_item_update, action_reminders_send
from tests.factories import make_unit


@pytest.fixture
def indicator(dash):
    return Indicator.objects.get(framework=dash.cycle_2023.framework, number=18)


def _item(dash, indicator, **extra):
    return action_item_create(
        actor=dash.world.users["koordinator"],
        cycle=dash.cycle_2023,
        indicator=indicator,
        from_value=Decimal(1),
        target_value=Decimal(3),
        description="Susun dan tetapkan SOP",
        owner_unit=dash.world.dinkes,
        **extra,
    )


def test_create_update_audited_and_validated(dash, indicator):
    item = _item(dash, indicator, budget_estimate=Decimal(12_500_000))
    assert AuditEvent.objects.filter(action="planning.action_item_created").count() == 1
    action_item_update(
        actor=dash.world.users["koordinator"],
        item=item,
        status=ActionItem.Status.BERJALAN,
        progress_notes="Draf SOP selesai",
    )
    event = AuditEvent.objects.get(action="planning.action_item_updated")
    assert event.changes["status"] == ["rencana", "berjalan"]
    with pytest.raises(ValidationError) as exc:
        action_item_update(
            actor=dash.world.users["koordinator"],
            item=item,
            owner_unit=dash.world.other_unit,
            target_value=Decimal(9),
        )
    assert set(exc.value.message_dict) == {"owner_unit", "target_value"}
    item.refresh_from_db()
    assert item.owner_unit == dash.world.dinkes and item.target_value == Decimal(3)


def test_plan_page_shows_rupiah_overdue_and_groups(dash, indicator, login):
    _item(
        dash,
        indicator,
        budget_estimate=Decimal(12_500_000),
        due_date=datetime.date(2020, 1, 1),
        owner_person=dash.world.users["responden_flat"],
    )
    client = login(dash.world.users["pimpinan"])
    url = reverse("planning:plan", args=[dash.cycle_2023.pk])
    html = client.get(url).content.decode()
    assert "Rp 12.500.000" in html
    assert 'class="overdue"' in html and "1 lewat batas waktu" in html
    assert dash.world.dinkes.name in html
    html = client.get(url, {"kelompok": "indikator"}).content.decode()
    assert str(indicator) in html
    assert "Tambah rencana aksi" not in html


def test_pages_crud_and_permissions(dash, indicator, login):
    create = reverse("planning:action_item_create", args=[dash.cycle_2023.pk])
    data = {
        "indicator": indicator.pk,
        "target_value": "3",
        "description": "Bangun layanan",
        "owner_unit": dash.world.diskominfo.pk,
        "due_date": "2025-03-31",
        "status": "rencana",
        "budget_estimate": "2500000",
        "progress_notes": "",
    }
    assert login(dash.world.users["pimpinan"]).post(create, data).status_code == 403
    assert login(dash.world.users["pembina"]).get(create).status_code == 403
    assert login(dash.world.users["other_koordinator"]).post(create, data).status_code == 404
    assert not ActionItem.objects.exists()
    koord = login(dash.world.users["koordinator"])
    assert koord.post(create, data).status_code == 302
    item = ActionItem.objects.get()
    assert item.budget_estimate == Decimal(2_500_000)
    edit = reverse("planning:action_item_edit", args=[dash.cycle_2023.pk, item.pk])
    assert koord.post(edit, {**data, "status": "selesai"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "selesai"
    reader = login(dash.world.users["asesor"])
    assert reader.get(edit).status_code == 200
    assert reader.post(edit, {**data, "status": "batal"}).status_code == 403
    delete = reverse("planning:action_item_delete", args=[dash.cycle_2023.pk, item.pk])
    assert reader.post(delete).status_code == 403
    assert login(dash.world.users["koordinator"]).post(delete).status_code == 302
    assert not ActionItem.objects.exists()


def test_reminders_are_idempotent(dash, indicator):
    _item(dash, indicator, due_date=datetime.date(2024, 1, 1))  # no owner: coordinators
    _item(
        dash,
        indicator,
        due_date=datetime.date(2024, 1, 1),
        owner_person=dash.world.users["responden_flat"],
    )
    _item(dash, indicator, due_date=datetime.date(2030, 1, 1))  # not due yet
    _item(dash, indicator, due_date=datetime.date(2024, 1, 1), status="selesai")
    today = datetime.date(2024, 2, 1)
    assert action_reminders_send(today=today) == 2
    assert action_reminders_send(today=today) == 0
    call_command("action-reminders", "--date", "2024-02-02")
    recipients = set(
        Notification.objects.filter(kind=Notification.Kind.ACTION_OVERDUE).values_list(
            "recipient__username", flat=True
        )
    )
    assert recipients == {"koord", "respflat"}
    assert Notification.objects.count() == 2


def test_owner_unit_must_belong_to_the_instansi(dash, indicator):
    with pytest.raises(ValidationError):
        action_item_create(
            actor=dash.world.users["koordinator"],
            cycle=dash.cycle_2023,
            indicator=indicator,
            target_value=Decimal(3),
            description="x",
            owner_unit=make_unit(instansi=dash.world.other),
        )
