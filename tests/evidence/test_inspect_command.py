"""`spbe evidence inspect FILE [--json]`: the contract of its JSON keys and its refusals."""

import json

import pytest
from django.core.management import CommandError, call_command

from tests.evidence.bombs import memory_bomb_pdf
from tests.evidence.pdfs import text_pdf

KEYS = ["kind", "number", "year", "title", "enacted_on", "issuer", "is_draft", "ocr_used"]


def test_json_has_exactly_the_contract_keys(tmp_path, capsys):
    path = tmp_path / "perbup.pdf"
    path.write_bytes(
        text_pdf(
            "BUPATI BATU BARA",
            "PERATURAN BUPATI BATU BARA",
            "NOMOR : 81 TAHUN 2021",
            "TENTANG",
            "SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
            "Ditetapkan di Lima Puluh",
            "pada tanggal 31 Agustus 2021",
            "BUPATI BATU BARA,",
        )
    )
    call_command("evidence", "inspect", str(path), "--json")
    data = json.loads(capsys.readouterr().out)
    assert list(data) == KEYS
    assert data["kind"] == "perbup"
    assert data["number"] == "81 Tahun 2021"
    assert data["year"] == 2021
    assert data["enacted_on"] == "2021-08-31"
    assert data["issuer"] == "Kabupaten Batu Bara"
    assert data["is_draft"] is False
    assert data["ocr_used"] is False


def test_plain_output_is_labelled_in_indonesian(tmp_path, capsys):
    path = tmp_path / "draf.pdf"
    path.write_bytes(text_pdf("RANCANGAN", "PERATURAN BUPATI LAMONGAN", "NOMOR", "TAHUN 2021"))
    call_command("evidence", "inspect", str(path))
    out = capsys.readouterr().out
    assert "Jenis: perbup" in out
    assert "Rancangan/draf: ya" in out
    assert "Tanda draf:" in out


def test_a_file_of_a_refused_type_exits_with_the_reason(tmp_path):
    path = tmp_path / "program.exe"
    path.write_bytes(b"MZ" + b"\0" * 200)
    with pytest.raises(CommandError, match="berkas ditolak: Jenis berkas tidak diizinkan"):
        call_command("evidence", "inspect", str(path))


def test_a_missing_file_exits_with_the_reason(tmp_path):
    with pytest.raises(CommandError, match="berkas tidak ditemukan"):
        call_command("evidence", "inspect", str(tmp_path / "tidak-ada.pdf"))


def test_a_memory_bomb_exits_refused_by_the_sandbox(tmp_path, settings):
    settings.EVIDENCE_READ_SANDBOX = True
    settings.EVIDENCE_READ_MEMORY_MB = 300
    path = tmp_path / "bom.pdf"
    path.write_bytes(memory_bomb_pdf())
    with pytest.raises(CommandError, match="memori melebihi batas"):
        call_command("evidence", "inspect", str(path))
