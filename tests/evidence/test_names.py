"""safe_filename and content_disposition: names from users' machines made harmless."""

import pytest

from spbe.evidence.files import content_disposition, safe_filename


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("SK Walikota Denpasar.pdf", "SK-Walikota-Denpasar.pdf"),
        ("C:\\Users\\admin\\Desktop\\Perwali 54.PDF", "Perwali-54.pdf"),
        ("/etc/../../passwd", "passwd"),
        ("../../evil.pdf", "evil.pdf"),
        ("lap\"oran'\x00\x1f\n.pdf", "laporan.pdf"),
        ("Pérda Kota Ümbul.docx", "Perda-Kota-Umbul.docx"),
        ("", "berkas"),
        (None, "berkas"),
        ("...", "berkas"),
        (".pdf", "berkas.pdf"),
        ("文件.pdf", "berkas.pdf"),
        ("a   b__c--d.xlsx", "a-b_c-d.xlsx"),
    ],
)
def test_safe_filename(given, expected):
    assert safe_filename(given) == expected


def test_safe_filename_limits_length_and_keeps_the_extension():
    name = safe_filename("x" * 500 + ".pdf")
    assert len(name) == 120
    assert name.endswith("x.pdf")


def test_content_disposition_ascii_name():
    assert content_disposition("Perwali 54.pdf") == 'attachment; filename="Perwali-54.pdf"; ' + (
        "filename*=UTF-8''Perwali%2054.pdf"
    )
    assert content_disposition("Perwali-54.pdf") == 'attachment; filename="Perwali-54.pdf"'


def test_content_disposition_non_ascii_and_quotes_cannot_break_the_header():
    value = content_disposition('Pérda "baru"\r\nSet-Cookie: x.pdf')
    assert "\r" not in value and "\n" not in value
    assert value.startswith('attachment; filename="Perda-baru')
    assert value.count('"') == 2
    assert "filename*=UTF-8''P%C3%A9rda%20%22baru%22Set-Cookie%3A%20x.pdf" in value
