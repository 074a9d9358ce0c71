"""The audit trail in words: a label per action, ids in the changes resolved to names in a
bounded number of queries; the CSV keeps the raw record and adds the label."""

import csv
import io

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spbe.audit.labels import action_label, describe_events
from spbe.audit.models import AuditEvent
from spbe.audit.services import audit_record
from spbe.frameworks.models import Indicator
from spbe.frameworks.services import shipped_load

pytestmark = pytest.mark.django_db


def _record(world, action="planning.action_item_created", changes=None, n=1):
    koord = world.users["koordinator"]
    with transaction.atomic():
        for _ in range(n):
            audit_record(
                actor=koord,
                action=action,
                target=world.dinkes,
                instansi=world.province,
                changes=changes or {},
            )


def test_action_codes_have_labels_and_unknown_ones_show_as_recorded():
    assert action_label("planning.action_item_created") == "Rencana aksi dibuat"
    assert action_label("assessment.assigned") == "Penugasan indikator diubah"
    assert action_label("sesuatu.baru") == "sesuatu.baru"


def test_page_shows_labels_and_names_instead_of_codes_and_ids(client, world):
    shipped_load()
    indicator = Indicator.objects.order_by("pk").first()
    person = world.users["responden"]
    # as the planning and assignment services record them: ids as text, id lists as text
    _record(
        world,
        changes={
            "owner_unit": [None, str(world.dinkes.pk)],
            "contributing_units": ["[]", f"[{world.biro.pk}, {world.setda.pk}]"],
            "owner_person": [None, str(person.pk)],
            "indicator": [None, str(indicator.pk)],
            "lead_unit": [None, "Dinas Kesehatan"],  # recorded as a name already
            "status": ["rencana", "berjalan"],
        },
    )
    client.force_login(world.users["koordinator"])
    html = client.get(reverse("audit:event_list", args=[world.province.pk])).content.decode()
    assert "Rencana aksi dibuat" in html
    assert "<code>planning.action_item_created</code>" not in html
    assert f"unit pelaksana</strong>: — → {world.dinkes.short_name}" in html
    assert f"unit kontributor</strong>: — → {world.biro.name}, {world.setda.short_name}" in html
    assert f"penanggung jawab</strong>: — → {person.display_name}" in html
    assert f"indikator</strong>: — → {indicator.code}. " in html
    assert "lead_unit" in html and "unit penanggung jawab</strong>: — → Dinas Kesehatan" in html
    assert f"→ {world.dinkes.pk}<" not in html and "[]" not in html
    # the filter offers the actions by label
    assert '<option value="planning.action_item_created">Rencana aksi dibuat</option>' in html


def test_names_are_resolved_in_a_fixed_number_of_queries(world):
    def queries(n):
        AuditEvent.objects.all().delete()
        _record(
            world,
            changes={
                "owner_unit": [None, str(world.dinkes.pk)],
                "owner_person": [None, str(world.users["responden"].pk)],
                "contributing_units": ["[]", f"[{world.biro.pk}]"],
            },
            n=n,
        )
        events = list(AuditEvent.objects.all())
        with CaptureQueriesContext(connection) as ctx:
            describe_events(events)
        return len(ctx.captured_queries)

    assert queries(1) == queries(40) == 2  # one for the units, one for the people


def test_csv_keeps_the_raw_record_and_adds_the_label(client, world):
    _record(world, changes={"owner_unit": [None, str(world.dinkes.pk)]})
    client.force_login(world.users["koordinator"])
    response = client.get(reverse("audit:event_export", args=[world.province.pk]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body)))
    assert header[-1] == "label_aksi" and header[2] == "aksi"
    assert row[2] == "planning.action_item_created" and row[-1] == "Rencana aksi dibuat"
    assert row[header.index("perubahan")] == f"owner_unit: None → {world.dinkes.pk}"
