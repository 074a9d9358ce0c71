"""What a document is, read from its text: kind, number, year, title, enactment, issuer,
draft. Small texts written in the layout of Indonesian regulations; the real files are in
test_reading_accuracy.py."""

import datetime

import pytest

from spbe.evidence.understanding.facts import understand_text
from spbe.evidence.understanding.issuers import (
    instansi_issuer_key,
    issuer_from_heading,
    same_government,
)

PERGUB = """GUBERNUR KALIMANTAN TIMUR
PROVINSI KALIMANTAN TIMUR
PERATURAN GUBERNUR KALIMANTAN TIMUR
NOMOR 12 TAHUN 2024
TENTANG
ARSITEKTUR SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK
PEMERINTAH PROVINSI KALIMANTAN TIMUR
DENGAN RAHMAT TUHAN YANG MAHA ESA
GUBERNUR KALIMANTAN TIMUR,
Menimbang : a. bahwa untuk melaksanakan ketentuan Peraturan Presiden Nomor 95 Tahun 2018
tentang Sistem Pemerintahan Berbasis Elektronik;
Pasal 1
Ditetapkan di Samarinda
pada tanggal 3 Mei 2024
GUBERNUR KALIMANTAN TIMUR,
ttd
"""


def test_an_enacted_pergub_is_read_whole():
    facts = understand_text(PERGUB)
    assert facts.kind == "pergub"
    assert facts.document_kind == "pergub"
    assert facts.number == "12 Tahun 2024"
    assert facts.year == 2024
    assert facts.title == (
        "ARSITEKTUR SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK PEMERINTAH PROVINSI KALIMANTAN TIMUR"
    )
    assert facts.enacted_on == datetime.date(2024, 5, 3)
    assert facts.signatory == "GUBERNUR KALIMANTAN TIMUR"
    assert facts.issuer == "Provinsi Kalimantan Timur"
    assert facts.issuer_key == "provinsi:kalimantan timur"
    assert facts.is_draft is False


def test_a_rancangan_with_blank_number_and_date_is_a_draft_with_every_reason():
    text = PERGUB.replace("PERATURAN GUBERNUR", "RANCANGAN\nPERATURAN GUBERNUR")
    text = text.replace("NOMOR 12 TAHUN 2024", "NOMOR\nTAHUN 2024")
    text = text.replace("pada tanggal 3 Mei 2024", "pada tanggal\n2024")
    facts = understand_text(text)
    assert facts.is_draft
    assert facts.number is None
    assert facts.year == 2024
    assert len(facts.draft_reasons) == 3
    assert any("RANCANGAN" in reason for reason in facts.draft_reasons)


def test_a_regulation_without_enactment_clause_is_a_draft_only_when_read_to_its_end():
    text = PERGUB.split("Ditetapkan di")[0]
    assert understand_text(text).is_draft
    assert not understand_text(text, complete=False).is_draft


def test_a_placeholder_number_is_no_number_and_marks_a_draft():
    text = "LAMPIRAN\nKEPUTUSAN MENTERI KOORDINATOR BIDANG PEREKONOMIAN\n"
    text += "NOMOR KEP. XXX/M.EKON/XX/XX/2023\nTANGGAL XX XXX 2023\nARSITEKTUR SPBE\n"
    facts = understand_text(text)
    assert facts.kind == "keputusan"
    assert facts.number is None
    assert facts.is_draft
    assert facts.issuer_key == "pusat:koordinator bidang perekonomian"


def test_a_decree_number_with_slashes_and_the_year_in_it():
    text = "WALIKOTA DENPASAR\nKEPUTUSAN WALIKOTA DENPASAR\nNOMOR 188.45/1589/HK/2019\n"
    text += "TENTANG\nPENETAPAN E-PLANNING\nWALIKOTA DENPASAR\nMenimbang : a. bahwa\n"
    facts = understand_text(text, complete=False)
    assert (facts.kind, facts.number, facts.year) == ("keputusan", "188.45/1589/HK/2019", 2019)
    assert facts.title == "PENETAPAN E-PLANNING"
    assert facts.issuer_key == "kota:denpasar"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("SURAT EDARAN GUBERNUR KALIMANTAN TIMUR\nNOMOR 800/12/2024", "surat_edaran"),
        ("PEMERINTAH KOTA DENPASAR\nNomor SOP : 205/004/DKIS/2018\nNama SOP : Data Center", "sop"),
        ("NOTULEN RAPAT\nReviu Arsitektur SPBE\n12 Maret 2024", "notulen"),
        ("LAPORAN AUDIT TIK\nTahun 2024", "laporan"),
        ("Rencana Induk Pengembangan e-Government\nBAB I\nPENDAHULUAN", "dokumen"),
    ],
)
def test_kinds_other_than_regulations(text, kind):
    assert understand_text(text, complete=False).kind == kind


def test_an_empty_text_reads_as_nothing():
    facts = understand_text("  \n ")
    assert (facts.kind, facts.number, facts.is_draft) == ("dokumen", None, False)


def test_issuers_from_headings_and_instansi_names_share_one_key():
    assert issuer_from_heading("PERATURAN BUPATI BATU BARA\nNOMOR : 81").key == (
        "kabupaten:batu bara"
    )
    assert issuer_from_heading("PEMERINTAH PROVINSI BALI\nDINAS").key == "provinsi:bali"
    assert instansi_issuer_key("Pemerintah Provinsi Kalimantan Timur", "provinsi") == (
        "provinsi:kalimantan timur"
    )
    assert instansi_issuer_key("Pemerintah Kab. Batu Bara", "kabupaten") == "kabupaten:batu bara"
    assert not same_government("kabupaten:batu bara", "provinsi:kalimantan timur")
    assert not same_government("kota:batu", "kabupaten:batu bara")
    assert same_government(
        "pusat:koordinator bidang perekonomian",
        instansi_issuer_key("Kementerian Koordinator Bidang Perekonomian", "kementerian-lembaga"),
    )
