"""The national data generator (bench/national) writes what the benchmark claims to measure.

Not a timed test: the smallest scale (one instansi of each kind), checked for its shape.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from bench.national.generate import (
    EVIDENCE_PER_INDICATOR,
    UNITS_PER_INSTANSI,
    USERS_PER_INSTANSI,
    Generator,
    Plan,
)
from spbe.evaluations.models import Assessment, Cycle, EvidenceLink, StageValue
from spbe.evidence.models import DocumentRevision
from spbe.frameworks.services import shipped_load
from spbe.frameworks.stages import stage_codes
from spbe.organizations.models import Instansi, InstansiKind, Role, RoleGrant, Unit
from spbe.planning.models import ActionItem


@pytest.fixture
def generated(db):
    shipped_load()
    generator = Generator(Plan.at(0.001))
    generator.run()
    return generator


def test_plan_at_full_scale_is_the_national_count():
    plan = Plan.at(1)
    assert (plan.central, plan.provinces, plan.kabkota, plan.total) == (92, 38, 485, 615)


def test_every_instansi_has_its_units_people_and_five_cycles(generated):
    assert Instansi.objects.count() == 3
    kabkota = Instansi.objects.exclude(kind__in=[InstansiKind.PUSAT, InstansiKind.PROVINSI])
    assert all(k.province.kind == InstansiKind.PROVINSI for k in kabkota)
    for instansi in Instansi.objects.all():
        assert Unit.objects.filter(instansi=instansi).count() == UNITS_PER_INSTANSI
        assert RoleGrant.objects.filter(instansi=instansi).count() == USERS_PER_INSTANSI
        assert Cycle.objects.filter(instansi=instansi).count() == 5
    roles = set(RoleGrant.objects.values_list("role", flat=True))
    assert {Role.KOORDINATOR, Role.ASESOR, Role.RESPONDEN, Role.PIMPINAN, Role.PEMBINA} <= roles


def test_finished_cycles_have_a_value_at_every_stage_of_their_framework(generated):
    for cycle in Cycle.objects.filter(state=Cycle.State.SELESAI).select_related("framework")[:2]:
        expected = set(stage_codes(cycle.framework))
        for assessment in cycle.assessments.all()[:3]:
            stages = set(assessment.stage_values.values_list("stage", flat=True))
            assert stages and stages <= expected
    assert StageValue.objects.filter(value__isnull=True).count() == 0


def test_three_evidence_documents_per_indicator_each_with_its_own_revision(generated):
    assessments = Assessment.objects.count()
    assert EvidenceLink.objects.count() == EVIDENCE_PER_INDICATOR * assessments
    revisions = DocumentRevision.objects.all()
    assert revisions.count() == EVIDENCE_PER_INDICATOR * assessments
    assert revisions.filter(document__current_revision__isnull=True).count() == 0
    stored = revisions.first().file.name
    assert (settings.MEDIA_ROOT / stored).exists()
    assert ActionItem.objects.filter(cycle__state=Cycle.State.MANDIRI).exists()
