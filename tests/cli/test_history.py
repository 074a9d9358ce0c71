"""`spbe history load`: every published row, idempotent, all-or-nothing, values as printed."""

import filecmp
import shutil
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError

from spbe.audit.models import AuditEvent
from spbe.official.history import (
    DATA_DIR,
    PEMDA_FILE,
    PUSAT_FILE,
    history_load,
    national_history,
)
from spbe.official.models import PublishedResult
from spbe.organizations.models import Instansi
from tests.cli.conftest import run
from tests.factories import make_instansi

pytestmark = pytest.mark.django_db


def result_of(key: str, year: int) -> PublishedResult:
    return PublishedResult.objects.get(instansi__instansi_key=key, year=year)


def test_loads_every_row_once():
    result = history_load()
    assert result.rows == 1052 + 184
    assert PublishedResult.objects.count() == 1236
    assert result.results_created == 1236
    assert AuditEvent.objects.filter(action="import.history").count() == 1


def test_second_run_changes_nothing():
    history_load()
    before = list(PublishedResult.objects.order_by("pk").values())
    instansi = Instansi.objects.count()
    again = history_load()
    assert not again.changed and again.results_unchanged == 1236
    assert list(PublishedResult.objects.order_by("pk").values()) == before
    assert Instansi.objects.count() == instansi
    assert AuditEvent.objects.filter(action="import.history").count() == 1


def test_values_as_printed():
    history_load()
    banyuasin = result_of("kabupaten-banyuasin", 2023)
    assert banyuasin.domains["D4"] == "0.30" and banyuasin.index == Decimal("1.05")
    jatim = result_of("provinsi-jawa-timur", 2024)
    assert jatim.domains["D1"] is None and jatim.domains["D2"] is not None
    assert jatim.note.startswith("D1 printed as")
    kaltim = result_of("provinsi-kalimantan-timur", 2024)
    assert kaltim.index == Decimal("3.79") and kaltim.predikat == "Sangat Baik"
    assert kaltim.domains == {"D1": "3.70", "D2": "3.50", "D3": "2.82", "D4": "4.32"}
    assert kaltim.source == "Laporan Pelaksanaan Evaluasi SPBE 2024, Tabel 36"
    assert kaltim.framework_code == "spbe-59-2020"


def test_instansi_kinds_and_provinces():
    history_load()
    samarinda = Instansi.objects.get(instansi_key="kota-samarinda")
    assert samarinda.kind == "kota"
    assert samarinda.province.instansi_key == "provinsi-kalimantan-timur"
    assert Instansi.objects.filter(kind="provinsi").count() == 38
    assert not Instansi.objects.filter(kind__in=["kabupaten", "kota"], province=None).exists()
    pusat = Instansi.objects.get(name="Kementerian Pertanian")
    assert pusat.kind == "kementerian-lembaga" and pusat.instansi_key == "kementerian-pertanian"
    assert PublishedResult.objects.get(instansi=pusat, year=2024).domains["D1"] is None


def test_reuses_existing_instansi_and_links_its_province():
    own = make_instansi(
        name="Pemkot Samarinda", kind="kota", instansi_key="kota-samarinda", short_name="Smd"
    )
    history_load()
    own.refresh_from_db()
    assert own.name == "Pemkot Samarinda"  # an existing name is not overwritten
    assert own.province.instansi_key == "provinsi-kalimantan-timur"
    assert Instansi.objects.filter(instansi_key="kota-samarinda").count() == 1
    assert PublishedResult.objects.filter(instansi=own).count() == 2


def test_bad_row_changes_nothing(tmp_path):
    for name in (PEMDA_FILE, PUSAT_FILE):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    lines = (tmp_path / PUSAT_FILE).read_text(encoding="utf-8").splitlines()
    lines[10] = lines[10].replace(",3.", ",tiga.", 1)
    (tmp_path / PUSAT_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=f"{PUSAT_FILE} baris 11: angka tidak sah"):
        history_load(data_dir=tmp_path)
    assert not PublishedResult.objects.exists() and not Instansi.objects.exists()


def test_updates_a_changed_row():
    history_load()
    kaltim = result_of("provinsi-kalimantan-timur", 2023)
    kaltim.index, kaltim.predikat = Decimal("1.00"), "Kurang"
    kaltim.save()
    again = history_load()
    assert again.results_updated == 1
    kaltim.refresh_from_db()
    assert (kaltim.index, kaltim.predikat) == (Decimal("2.91"), "Baik")


def test_command_and_shared_folder(shared_dir):
    out, _ = run("history", "load", "--shared", str(shared_dir))
    assert "1236 baris dibaca" in out and "1236 hasil baru" in out
    out, _ = run("history", "load")
    assert "0 hasil baru, 0 diperbarui, 1236 tidak berubah" in out


def test_command_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="folder tidak ditemukan"):
        run("history", "load", "--shared", str(tmp_path / "tidak-ada"))


def test_shipped_copies_equal_the_shared_originals(shared_dir):
    for name in (PEMDA_FILE, PUSAT_FILE):
        assert filecmp.cmp(DATA_DIR / name, shared_dir / "reference" / "data" / name, shallow=False)


def test_national_series():
    series = national_history()
    assert [p.year for p in series] == list(range(2018, 2025))
    assert series[-1].index == Decimal("3.12")
    assert series[-1].domains["D3"] == Decimal("1.86")
    assert series[0].domains["D3"] is None and series[0].framework == "spbe-5-2018"


def _record_by_hand(key: str, year: int, index: str):
    """What the official-results history form stores (`published_result_record`)."""
    from spbe.official.services import published_result_record
    from tests.factories import make_user_with_role

    instansi = Instansi.objects.get(instansi_key=key)
    koordinator = make_user_with_role(role="koordinator", instansi=instansi)
    return published_result_record(
        actor=koordinator,
        instansi=instansi,
        year=year,
        framework_code="spbe-59-2020",
        index=index,
        source="Surat KemenPANRB kepada Gubernur",
        replace=True,
    )


def test_a_result_recorded_by_hand_is_skipped_and_reported():
    history_load()
    mine = _record_by_hand("provinsi-kalimantan-timur", 2024, "3.80")
    events = AuditEvent.objects.count()
    again = history_load()
    mine.refresh_from_db()
    assert mine.index == Decimal("3.80") and mine.source == "Surat KemenPANRB kepada Gubernur"
    assert [str(s) for s in again.skipped] == [
        "dilewati: Pemerintah Provinsi Kalimantan Timur 2024 (indeks 3,80, sumber: Surat "
        "KemenPANRB kepada Gubernur), sudah dicatat manual; gunakan --replace untuk menimpanya"
    ]
    assert not again.changed and again.results_unchanged == 1235
    assert AuditEvent.objects.count() == events  # nothing written, nothing recorded
    out, _ = run("history", "load")
    assert "1 dilewati" in out and "dilewati: Pemerintah Provinsi Kalimantan Timur 2024" in out


def test_replace_overwrites_a_hand_recorded_result_and_audits_it():
    history_load()
    mine = _record_by_hand("provinsi-kalimantan-timur", 2024, "3.80")
    out, _ = run("history", "load", "--replace")
    assert "1 hasil manual ditimpa" in out and "dilewati" not in out
    mine.refresh_from_db()
    assert mine.index == Decimal("3.79")
    assert mine.source == "Laporan Pelaksanaan Evaluasi SPBE 2024, Tabel 36"
    event = AuditEvent.objects.filter(action="published_result.replaced").latest("pk")
    assert event.object_id == str(mine.pk) and event.extra["by"] == "import.history"
    assert event.changes["index"] == ["3.80", "3.79"]
    assert event.changes["source"] == [
        "Surat KemenPANRB kepada Gubernur",
        "Laporan Pelaksanaan Evaluasi SPBE 2024, Tabel 36",
    ]
    run_event = AuditEvent.objects.filter(action="import.history").latest("pk")
    assert run_event.extra["results_replaced"] == 1 and run_event.extra["results_updated"] == 0


def test_a_nul_byte_changes_nothing(tmp_path):
    """PostgreSQL refuses NUL in text: the file is refused before any row is written."""
    for name in (PEMDA_FILE, PUSAT_FILE):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    lines = (tmp_path / PEMDA_FILE).read_bytes().splitlines()
    lines[4] = lines[4].replace(b",", b",\x00", 1)
    (tmp_path / PEMDA_FILE).write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(ValidationError, match=f"{PEMDA_FILE}: .*byte NUL \\(baris 5\\)"):
        history_load(data_dir=tmp_path)
    assert not PublishedResult.objects.exists() and not Instansi.objects.exists()
