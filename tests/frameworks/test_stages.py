"""Stages are framework data: declared in the file, validated, stored, read via one registry."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from spbe.frameworks import stages
from spbe.frameworks.loader import FrameworkFileError, content_sha256
from spbe.frameworks.models import Framework
from spbe.frameworks.services import framework_load

from .conftest import SPBE_FILE, parsed

pytestmark = pytest.mark.django_db


@pytest.fixture
def spbe(write_yaml):
    framework_load(path=SPBE_FILE)
    return Framework.objects.get(code="spbe-59-2020")


def test_registry_reads_the_stages_the_file_declares(spbe):
    assert stages.stage_codes(spbe) == ("mandiri", "dokumen", "interviu", "visitasi", "final")
    assert stages.self_assessment_stage(spbe).code == "mandiri"
    assert stages.final_stage(spbe).code == "final"
    assert [s.code for s in stages.assessor_stages(spbe)] == ["dokumen", "interviu", "visitasi"]
    assert stages.stage(spbe, "visitasi").optional is True
    with pytest.raises(stages.UnknownStage):
        stages.stage(spbe, "sanggah")


def test_labels_follow_the_active_language(spbe):
    with translation.override("id"):
        assert stages.stage_labels(spbe)["dokumen"] == "Penilaian Dokumen"
    with translation.override("en"):
        assert stages.stage_labels(spbe)["dokumen"] == "Document assessment"


def test_planning_base_is_the_latest_complete_stage_by_default(spbe):
    assert stages.planning_base_stage(spbe, {"mandiri", "dokumen"}).code == "dokumen"
    assert stages.planning_base_stage(spbe, {"interviu", "mandiri"}).code == "interviu"
    assert stages.planning_base_stage(spbe, set()) is None


def test_a_framework_with_other_stages_is_read_as_written(spbe_data, write_yaml):
    spbe_data.update(urn="urn:test:tiga-tahap", code="tiga-tahap", planning_base="verifikasi")
    spbe_data["stages"] = [
        {"code": "mandiri", "name": "Mandiri", "role": "self_assessment"},
        {"code": "verifikasi", "name": "Verifikasi", "role": "assessor"},
        {"code": "hasil", "name": "Hasil", "role": "final"},
    ]
    framework_load(path=write_yaml(spbe_data))
    other = Framework.objects.get(code="tiga-tahap")
    assert stages.stage_codes(other) == ("mandiri", "verifikasi", "hasil")
    assert stages.final_stage(other).code == "hasil"
    # a named planning base is used only once it is complete
    assert stages.planning_base_stage(other, {"mandiri", "verifikasi", "hasil"}).code == (
        "verifikasi"
    )
    assert stages.planning_base_stage(other, {"mandiri"}) is None


def _first_last_swapped(d):
    d["stages"][0], d["stages"][-1] = d["stages"][-1], d["stages"][0]


@pytest.mark.parametrize(
    ("break_stages", "message"),
    [
        (lambda d: d.pop("stages"), "kunci wajib 'stages' tidak ada"),
        (lambda d: d["stages"][1].update(code="mandiri"), "kode 'mandiri' dipakai lebih dari"),
        (lambda d: d["stages"][1].update(role="juri"), "role 'juri' tidak dikenal"),
        (_first_last_swapped, "role self_assessment, sebagai tahap pertama"),
        (lambda d: d["stages"][4].update(optional=True), "hanya tahap asesor yang boleh"),
        (lambda d: d["stages"][2].update(code="Interviu Akhir"), "harus huruf kecil/angka"),
        (lambda d: d.update(planning_base="sanggah"), "planning_base: 'sanggah' bukan"),
    ],
)
def test_bad_stages_are_refused_and_nothing_is_written(
    spbe_data, write_yaml, break_stages, message
):
    break_stages(spbe_data)
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(spbe_data))
    assert any(message in p for p in caught.value.problems), caught.value.problems
    assert Framework.objects.count() == 0


def test_migration_backfills_a_version_loaded_before_stages_were_data(spbe):
    """An installation upgraded from before: its row has no stages and the old file's hash."""
    # the file as it was: no stages, and no official_report block either (added later)
    old_keys = ("stages", "planning_base", "official_report")
    before = {k: v for k, v in parsed(SPBE_FILE).items() if k not in old_keys}
    Framework.objects.filter(pk=spbe.pk).update(
        stages=[], planning_base="", content_sha256=content_sha256(before)
    )
    migration = importlib.import_module("spbe.frameworks.migrations.0002_framework_stages")
    migration.backfill_stages(apps, None)
    spbe.refresh_from_db()
    assert stages.stage_codes(spbe)[0] == "mandiri"
    assert spbe.planning_base == "latest_complete"
    # the shipped file now reads as the same content: reloading is a no-op, not a refusal
    assert framework_load(path=SPBE_FILE).action == "unchanged"


def test_migration_gives_an_unshipped_version_the_historic_stages(spbe):
    Framework.objects.filter(pk=spbe.pk).update(stages=[], urn="urn:lokal:kerangka-sendiri")
    migration = importlib.import_module("spbe.frameworks.migrations.0002_framework_stages")
    migration.backfill_stages(apps, None)
    spbe.refresh_from_db()
    assert stages.stage_codes(spbe) == ("mandiri", "dokumen", "interviu", "visitasi", "final")
