"""Inventory views attached to an indicator as dated snapshot PDFs (read back with pdfplumber)."""

import io

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from spbe.evaluations.models import Assessment, Cycle, EvidenceLink
from spbe.inventory import services, snapshots
from spbe.inventory.domains import DOMAINS

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(world):
    from spbe.frameworks.selectors import framework_get, framework_indicators
    from spbe.frameworks.services import shipped_load

    shipped_load()
    framework = framework_get("spbe-59-2020")
    made = Cycle.objects.create(
        instansi=world.province, framework=framework, year=2026, kind="evaluasi", name="E 2026"
    )
    Assessment.objects.bulk_create(
        Assessment(cycle=made, indicator=i) for i in framework_indicators(framework)
    )
    return made


def _seed(world):
    koord = world.users["koordinator"]
    add = services.inventory_item_create
    a = add(
        actor=koord,
        domain=DOMAINS["aplikasi"],
        instansi=world.province,
        values={"name": "SIMPEG Kaltim", "owner_unit": world.dinkes, "integration": "spl"},
    )
    b = add(
        actor=koord,
        domain=DOMAINS["aplikasi"],
        instansi=world.province,
        values={"name": "SIKD Kaltim", "owner_unit": world.diskominfo, "integrated_with": [a]},
    )
    add(
        actor=koord,
        domain=DOMAINS["infrastruktur"],
        instansi=world.province,
        values={
            "name": "Pusat Data Diskominfo",
            "owner_unit": world.diskominfo,
            "kind": "pusat_data",
        },
    )
    return a, b


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def test_views_per_indicator_are_configuration():
    views = snapshots.evidence_views()
    assert set(views) >= {"spbe-59-2020", "pemdi-8-2026"}
    assert all(v in snapshots.VIEW_LABELS for m in views.values() for vs in m.values() for v in vs)


def test_integration_map_snapshot_is_linked_as_evidence(world, cycle):
    _seed(world)
    code = next(
        c for c, v in snapshots.evidence_views()["spbe-59-2020"].items() if "integrasi" in v
    )
    assessment = cycle.assessments.get(indicator__code=code)
    link = snapshots.snapshot_attach(
        actor=world.users["koordinator"], assessment=assessment, view="integrasi", level=3
    )
    assert EvidenceLink.objects.get() == link
    revision = link.document.current_revision
    assert revision.detected_kind == "pdf"
    text = _text(revision.file.read())
    assert "Peta integrasi aplikasi" in text
    assert "SIKD Kaltim" in text and "SIMPEG Kaltim" in text
    assert "Cuplikan inventaris arsitektur SPBE per" in text


def test_data_centre_list_and_unconfigured_view_refused(world, cycle):
    _seed(world)
    snap = snapshots.snapshot_render(instansi=world.province, view="pusat-data")
    assert "Pusat Data Diskominfo" in _text(snap.pdf)
    mapping = snapshots.evidence_views()["spbe-59-2020"]
    unconfigured = next(
        a for a in cycle.assessments.select_related("indicator") if a.indicator.code not in mapping
    )
    with pytest.raises(ValidationError):
        snapshots.snapshot_attach(
            actor=world.users["koordinator"], assessment=unconfigured, view="aplikasi", level=3
        )
    assert not EvidenceLink.objects.exists()


def test_snapshot_page_is_coordinator_only(world, cycle, client):
    _seed(world)
    client.force_login(world.users["responden_flat"])
    assert client.get(reverse("inventory:evidence", args=[world.province.pk])).status_code == 403
    client.force_login(world.users["koordinator"])
    page = client.get(reverse("inventory:evidence", args=[world.province.pk]))
    assert page.status_code == 200 and page.context["options"]
    code = next(
        c for c, v in snapshots.evidence_views()["spbe-59-2020"].items() if "pusat-data" in v
    )
    response = client.post(
        reverse("inventory:evidence", args=[world.province.pk]),
        {"cycle": cycle.pk, "indicator": code, "view": "pusat-data", "level": "2"},
    )
    assert response.status_code == 302
    assert EvidenceLink.objects.get().assessment.indicator.code == code
