"""Documents generated from the demo data, opened and checked against the engine's figures
(the same `cycle_score` that `spbe score` and the dashboard use)."""

import hashlib
import io
import json
import zipfile
from io import StringIO

import docx
import pdfplumber
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from spbe.demo.loader import demo_load
from spbe.documents.words import opening_sentence
from spbe.evaluations.models import Cycle, Stage
from spbe.evaluations.selectors import cycle_score
from spbe.frameworks.selectors import framework_engine_spec
from spbe.frameworks.services import shipped_load
from spbe.official.lhe import read_lhe
from spbe.official.lhe.check import engine_scorer
from spbe.organizations.models import Unit
from spbe.reports.documents.berita_acara import berita_acara_docx, berita_acara_pdf
from spbe.reports.documents.common import DocumentError
from spbe.reports.documents.lhe import lhe_pdf
from spbe.reports.documents.package import INDEX_NAME, MANIFEST_NAME, package_readiness, package_zip
from spbe.reports.documents.scorecard import scorecard_pdf
from spbe.reports.models import ReportSettings

pytestmark = pytest.mark.django_db
KALTIM = "provinsi-kalimantan-timur"


def _storages(media):
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media, "base_url": None},
        },
    }


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _private_media(media_dir):
    """Overrides the suite's per-test folder: this module's tests share the demo's files."""
    with override_settings(MEDIA_ROOT=media_dir, STORAGES=_storages(media_dir)):
        yield


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, media_dir):
    """The demo, loaded once for this module (it takes seconds): committed, so every test
    sees it; flushed afterwards as a TransactionTestCase would, leaving the database empty."""
    with (
        override_settings(MEDIA_ROOT=media_dir, STORAGES=_storages(media_dir)),
        django_db_blocker.unblock(),
    ):
        shipped_load()
        demo_load()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _cycle(year: int) -> Cycle:
    return Cycle.objects.get(instansi__instansi_key=KALTIM, year=year)


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_lhe_reads_back_through_the_lhe_reader_with_the_engine_figures(demo, tmp_path):
    cycle = _cycle(2024)
    pdf = lhe_pdf(cycle, Stage.FINAL)
    result = cycle_score(cycle, Stage.FINAL)
    # Exactly what a user runs: `spbe lhe read FILE.pdf --json`.
    path = tmp_path / "lhe.pdf"
    path.write_bytes(pdf)
    out = StringIO()
    call_command("lhe", "read", str(path), "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed["index"] == str(result.index)
    assert printed["levels"] == {key: int(value) for key, value in result.values.items()}
    read = read_lhe(pdf, scorer=engine_scorer(framework_engine_spec(cycle.framework)))
    assert read.checked and read.year == 2024 and read.kind == "evaluasi"
    assert read.index == result.index
    assert read.predikat == result.predikat
    assert {str(n): level for n, level in read.levels.items()} == {
        key: int(value) for key, value in result.values.items()
    }
    assert read.domains == {code: g.value for code, g in result.domains.items()}
    text = _text(pdf)
    assert (
        "LAPORAN HASIL EVALUASI INTERNAL" in text and "Pemerintah Provinsi Kalimantan Timur" in text
    )
    for section in ("Perjalanan nilai per tahap", "Poin hilang", "Rencana aksi", "Pengesahan"):
        assert section in text


def test_lhe_of_a_stage_without_values_is_refused(demo):
    with pytest.raises(DocumentError, match="tahap yang bernilai"):
        lhe_pdf(_cycle(2023), Stage.MANDIRI)


def test_berita_acara_docx_and_pdf_carry_the_date_in_words_result_and_signatories(demo):
    cycle = _cycle(2024)
    ReportSettings.objects.create(
        instansi=cycle.instansi, sekda_name="Sri Wahyuni", sekda_nip="196801011990032001"
    )
    index = cycle_score(cycle, Stage.FINAL).index
    shown = f"{index:.2f}".replace(".", ",")
    document = docx.Document(io.BytesIO(berita_acara_docx(cycle)))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert opening_sentence(timezone.localdate()) in text
    assert f"Indeks SPBE {shown}" in text and "BERITA ACARA EVALUASI INTERNAL" in text
    assert "Sri Wahyuni" in text and "NIP 196801011990032001" in text
    assert "Rahmat Hidayat" in text  # the demo's coordinator took part
    pdf_text = _text(berita_acara_pdf(cycle, Stage.MANDIRI))
    assert "BERITA ACARA PENILAIAN MANDIRI" in pdf_text
    mandiri = cycle_score(cycle, Stage.MANDIRI).index
    assert f"{mandiri:.2f}".replace(".", ",") in pdf_text


def test_upload_package_has_a_folder_per_indicator_index_and_verified_hashes(demo):
    cycle = _cycle(2026)
    data = package_zip(cycle)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    folders = [n for n in names if n.endswith("/")]
    assert len(folders) == cycle.assessments.count()
    assert folders[0].startswith("01 ")
    manifest = archive.read(MANIFEST_NAME).decode().splitlines()
    files = [n for n in names if not n.endswith("/") and n != MANIFEST_NAME]
    assert sorted(line.split("  ", 1)[1] for line in manifest) == sorted(files)
    for line in manifest:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    for name in files:
        assert not any(ch in name for ch in '<>:"\\|?*')
    evidence = [n for n in files if n != INDEX_NAME]
    assert evidence and all(" - " in n.rsplit("/", 1)[1] for n in evidence)
    sheet = load_workbook(io.BytesIO(archive.read(INDEX_NAME))).active
    assert [c.value for c in sheet[1]][:5] == [
        "No",
        "Indikator",
        "Level (mandiri)",
        "FAKTA",
        "ANALISIS",
    ]
    assert sheet.cell(row=2, column=1).value == 1
    missing = package_readiness(cycle)
    assert missing and all(item.reason for item in missing)


def test_unit_scorecard_shows_the_unit_and_its_levels(demo):
    cycle = _cycle(2024)
    unit = Unit.objects.get(instansi=cycle.instansi, short_name="Diskominfo")
    text = _text(scorecard_pdf(cycle, unit))
    assert "Kartu skor unit: Dinas Komunikasi dan Informatika" in text
    other = Unit.objects.exclude(instansi=cycle.instansi).first()
    if other is not None:
        with pytest.raises(DocumentError):
            scorecard_pdf(cycle, other)
