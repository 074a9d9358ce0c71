"""Evidence links: who may link, locked cycles, other instansi, levels, audit events."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import EvidenceLink
from spbe.evaluations.services import evidence_link, evidence_unlink
from spbe.evidence.services import document_set_archived

pytestmark = pytest.mark.django_db


def test_responden_of_the_lead_unit_links_and_unlinks_with_audit(world, assessment, make_document):
    document = make_document(actor=world.users["responden"], owner_unit=world.setda)
    link = evidence_link(
        actor=world.users["responden"], assessment=assessment, document=document, level=2,
        note="Pasal 3 halaman 4",
    )  # fmt: skip
    assert link.linked_by == world.users["responden"] and link.note == "Pasal 3 halaman 4"
    event = AuditEvent.objects.get(action="evidence.linked")
    assert event.instansi == world.province
    assert event.extra == {
        "cycle": assessment.cycle_id,
        "indicator": "1",
        "document": document.pk,
        "document_title": document.title,
        "level": 2,
    }
    evidence_unlink(actor=world.users["responden"], link=link)
    assert not EvidenceLink.objects.exists()
    assert AuditEvent.objects.filter(action="evidence.unlinked").count() == 1


def test_one_document_supports_many_levels_and_indicators(world, cycle, assessment, make_document):
    document = make_document()
    koordinator = world.users["koordinator"]
    other = cycle.assessments.get(indicator__number=2)
    for target, level in ((assessment, 2), (assessment, 3), (other, 2)):
        evidence_link(actor=koordinator, assessment=target, document=document, level=level)
    assert document.links.count() == 3
    with pytest.raises(ValidationError) as caught:
        evidence_link(actor=koordinator, assessment=assessment, document=document, level=2)
    assert "sudah ditautkan" in caught.value.messages[0]


def test_contributing_unit_may_link_but_other_units_and_readers_may_not(
    world, cycle, assessment, make_document
):
    document = make_document()
    evidence_link(
        actor=world.users["responden_flat"], assessment=assessment, document=document, level=1
    )  # Dinkes contributes to indicator 1
    led_by_nobody = cycle.assessments.select_related("cycle").get(indicator__number=2)
    with pytest.raises(Http404):  # the Dinkes responden does not even see indicator 2
        evidence_link(
            actor=world.users["responden_flat"], assessment=led_by_nobody, document=document,
            level=1,
        )  # fmt: skip
    for reader in ("pimpinan", "asesor", "pembina"):
        with pytest.raises(PermissionDenied):
            evidence_link(
                actor=world.users[reader], assessment=assessment, document=document, level=2
            )
    with pytest.raises(Http404):
        evidence_link(
            actor=world.users["other_koordinator"], assessment=assessment, document=document,
            level=2,
        )  # fmt: skip
    assert AuditEvent.objects.filter(action="evidence.linked").count() == 1


def test_locked_cycle_refuses_link_and_unlink(world, cycle, assessment, make_document):
    document = make_document()
    koordinator = world.users["koordinator"]
    link = evidence_link(actor=koordinator, assessment=assessment, document=document, level=1)
    cycle.state = cycle.State.SELESAI
    cycle.save()
    assessment.cycle.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        evidence_link(actor=koordinator, assessment=assessment, document=document, level=2)
    assert caught.value.messages[0].startswith("Siklus sudah final dan terkunci")
    link.assessment.cycle.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        evidence_unlink(actor=koordinator, link=link)
    assert "terkunci" in caught.value.messages[0]
    assert EvidenceLink.objects.count() == 1
    assert AuditEvent.objects.filter(action="evidence.unlinked").count() == 0


def test_document_of_another_instansi_is_refused(world, assessment, make_document):
    foreign = make_document(instansi=world.other, actor=world.users["other_koordinator"])
    with pytest.raises(ValidationError) as caught:
        evidence_link(
            actor=world.users["administrator"], assessment=assessment, document=foreign, level=1
        )
    assert "instansi lain" in caught.value.messages[0]
    assert not EvidenceLink.objects.exists()


def test_unknown_level_and_archived_document_are_refused(world, assessment, make_document):
    koordinator = world.users["koordinator"]
    document = make_document()
    with pytest.raises(ValidationError) as caught:
        evidence_link(actor=koordinator, assessment=assessment, document=document, level=6)
    assert "level" in caught.value.message_dict
    document_set_archived(actor=koordinator, document=document)
    with pytest.raises(ValidationError) as caught:
        evidence_link(actor=koordinator, assessment=assessment, document=document, level=1)
    assert "diarsipkan" in caught.value.messages[0]


def test_linked_document_becomes_visible_to_the_units_of_that_indicator(
    world, assessment, make_document
):
    from spbe.evidence.selectors import document_visible

    document = make_document(owner_unit=world.diskominfo)
    responden = world.users["responden"]  # Setda, lead unit of indicator 1
    assert not document_visible(user=responden).filter(pk=document.pk).exists()
    evidence_link(
        actor=world.users["koordinator"], assessment=assessment, document=document, level=1
    )
    assert document_visible(user=responden).filter(pk=document.pk).exists()
