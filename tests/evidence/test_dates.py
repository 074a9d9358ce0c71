"""Document date and number guesses on short texts and on the real Perwali/Perbup."""

from datetime import date

import pytest

from spbe.evidence.files import guess_document_date, guess_document_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ditetapkan di Samarinda pada tanggal 12 Maret 2024", date(2024, 3, 12)),
        ("berlaku sejak tanggal 5 Juni 2026.", date(2026, 6, 5)),
        ("Samarinda, 12 Maret 2024", date(2024, 3, 12)),
        ("tanggal 3 Nopember 2019", date(2019, 11, 3)),
        ("tanggal 3 Pebruari 2020", date(2020, 2, 3)),
        ("TANGGAL : 29 OKTOBER 2019", date(2019, 10, 29)),
        ("tanggal 7 Agt. 2021", date(2021, 8, 7)),
        ("31 Februari 2024 lalu 1 Maret 2024", date(2024, 3, 1)),
        ("tanpa tanggal", None),
        ("", None),
    ],
)
def test_guess_document_date(text, expected):
    assert guess_document_date(text) == expected


def test_enactment_date_wins_over_dates_cited_in_the_body():
    text = (
        "Surat Menteri Nomor 800/8758/OTDA Tanggal 30 Desember 2020 hal persetujuan ...\n"
        "Ditetapkan di Bandar Lampung\npada tanggal 31 Desember 2021\nWALIKOTA"
    )
    assert guess_document_date(text) == date(2021, 12, 31)


def test_blank_enactment_date_of_a_draft_gives_none():
    text = (
        "UU Nomor 11 Tahun 2008 tanggal 21 April 2008\nDitetapkan di Lamongan\npada tanggal 2021\n"
    )
    assert guess_document_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PERATURAN WALIKOTA\nNOMOR 54 TAHUN 2021\nTENTANG", "54 Tahun 2021"),
        ("Peraturan Bupati Nomor 34 Tahun 2019 tentang ...", "34 Tahun 2019"),
        ("KEPUTUSAN KEPALA DINAS\nNOMOR : 800/123/Diskominfo\nTENTANG", "800/123/Diskominfo"),
        ("KEPUTUSAN WALIKOTA\nNOMOR 188.45/1589/HK/2019\nTENTANG", "188.45/1589/HK/2019"),
        ("RANCANGAN PERATURAN BUPATI\nNOMOR TAHUN 2021\nTENTANG ... Nomor 11 Tahun 2008", None),
        ("KEPUTUSAN\nNOMOR KEP. XXX/M.EKON/XX/XX/2023\nTENTANG", None),
        ("tidak ada nomor", None),
    ],
)
def test_guess_document_number(text, expected):
    assert guess_document_number(text) == expected


REAL = [
    ("pemda-lain/Perbup_Batu_Bara_81_2021_SPBE.pdf", date(2021, 8, 31), "81 Tahun 2021"),
    (
        "pemda-lain/Perwali_Bandar_Lampung_54_2021_SOTK_Diskominfo.pdf",
        date(2021, 12, 31),
        "54 Tahun 2021",
    ),
    (
        "pemda-lain/Perbup_Pakpak_Bharat_34_2019_Rencana_Induk_SPBE.pdf",
        date(2019, 10, 2),
        "34 Tahun 2019",
    ),
    ("pemda-lain/Rancangan_Perbup_Lamongan_2021_SPBE_draft.pdf", None, None),
    ("denpasar-2019/indikator10.pdf", date(2019, 10, 4), "188.45/1589/HK/2019"),
    ("denpasar-2019/indikator2a.pdf", date(2019, 10, 25), "188.45/1689/HK/2019"),
]


@pytest.mark.shared
@pytest.mark.parametrize(("relative", "expected_date", "expected_number"), REAL)
def test_real_regulations(real_text, relative, expected_date, expected_number):
    text = real_text(relative).text
    assert guess_document_date(text) == expected_date
    assert guess_document_number(text) == expected_number
