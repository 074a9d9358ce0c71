"""Fixtures for the evidence file tests: real documents from ../shared and small limits."""

from functools import cache
from pathlib import Path

import pytest

from spbe.evidence.files import extract_text

MB = 1024 * 1024
LIMITS = {"max_bytes": 25 * MB, "max_expanded_bytes": 200 * MB}


@pytest.fixture(scope="session")
def bukti(shared_dir):
    """../shared/artifacts/bukti-dukung (skips where ../shared is absent)."""
    return shared_dir / "artifacts" / "bukti-dukung"


@pytest.fixture(scope="session")
def format_resmi(shared_dir):
    return shared_dir / "artifacts" / "format-resmi"


@cache
def _extract_cached(path: str, kind: str):
    return extract_text(path, kind)


@pytest.fixture(scope="session")
def real_text(bukti):
    """Full extraction of a real file, once per session (the big PDFs take seconds)."""

    def read(relative: str, kind: str = "pdf"):
        return _extract_cached(str(bukti / relative), kind)

    return read


# -- services, pages and API of evidence (documents, links, status) --------------------------
@pytest.fixture
def world(db):
    from tests.factories import build_world

    return build_world()


@pytest.fixture
def shipped(db):
    from spbe.frameworks.services import shipped_load

    return shipped_load()


@pytest.fixture
def cycle(world, shipped):
    """An open SPBE 2024 cycle of the world's province, one assessment per indicator; the
    Setda (responden's unit) leads indicator 1, Dinkes contributes to it."""
    from spbe.evaluations.models import Assessment, Cycle
    from spbe.frameworks.selectors import framework_get, framework_indicators

    framework = framework_get("spbe-59-2020")
    made = Cycle.objects.create(
        instansi=world.province, framework=framework, year=2024, kind="evaluasi", name="E 2024"
    )
    Assessment.objects.bulk_create(
        Assessment(cycle=made, indicator=indicator) for indicator in framework_indicators(framework)
    )
    first = made.assessments.get(indicator__number=1)
    first.lead_unit = world.setda
    first.save()
    first.contributing_units.add(world.dinkes)
    return made


@pytest.fixture
def assessment(cycle):
    return cycle.assessments.select_related("cycle__framework", "indicator", "lead_unit").get(
        indicator__number=1
    )


@pytest.fixture
def upload():
    """A fresh uploaded text PDF (a Pergub on the SPBE architecture)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.evidence.pdfs import text_pdf

    def make(name="Pergub Arsitektur SPBE.pdf", *lines):
        lines = lines or (
            "PERATURAN GUBERNUR PROVINSI UJI",
            "NOMOR 54 TAHUN 2021",
            "TENTANG ARSITEKTUR SPBE PROVINSI UJI",
            "Ditetapkan di Samarinda",
            "pada tanggal 4 Oktober 2021",
        )
        return SimpleUploadedFile(name, text_pdf(*lines), content_type="application/pdf")

    return make


@pytest.fixture
def stored_files(settings):
    """Every file currently in the (per-test) evidence storage, as relative paths."""

    def listing() -> list[str]:
        root = Path(settings.MEDIA_ROOT)
        if not root.exists():
            return []
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    return listing


@pytest.fixture
def make_document(world, upload, django_capture_on_commit_callbacks):
    """Create a file document through the service (extraction runs on commit)."""
    from spbe.evidence.services import document_create

    def make(*, actor=None, owner_unit=None, instansi=None, **values):
        values.setdefault("kind", "pergub")
        values.setdefault("title", "Pergub Arsitektur SPBE")
        if values.get("kind") != "tautan":
            values.setdefault("upload", upload())
        with django_capture_on_commit_callbacks(execute=True):
            return document_create(
                actor=actor or world.users["koordinator"],
                instansi=instansi or world.province,
                owner_unit=owner_unit,
                **values,
            )

    return make
