"""The neutral document helpers: dates and numbers in words, offline PDF, DOCX templates."""

import datetime
import io
import zipfile
from decimal import Decimal

import docx
import pdfplumber
import pytest

from spbe.documents.docx import render_docx, validate_docx_template
from spbe.documents.fetcher import LocalOnlyFetcher
from spbe.documents.pdf import html_to_pdf
from spbe.documents.words import date_in_words, decimal_id, opening_sentence


def test_date_in_words_as_letters_write_it():
    day = datetime.date(2026, 12, 2)
    assert opening_sentence(day) == (
        "Pada hari ini Rabu tanggal dua bulan Desember tahun dua ribu dua puluh enam"
    )
    assert date_in_words(datetime.date(2025, 1, 31)).startswith("Jumat tanggal tiga puluh satu")


def test_decimal_comma_and_half_up():
    assert decimal_id(Decimal("4.765")) == "4,77"
    assert decimal_id(Decimal("1234.5"), 1) == "1.234,5"
    assert decimal_id(None) == "–"


def test_pdf_is_real_text_and_never_fetches_the_network():
    with pytest.raises(ValueError, match="disallowed protocol"):
        LocalOnlyFetcher().fetch("http://example.invalid/logo.png")
    html = '<p>Indeks 3,79</p><img src="https://example.invalid/x.png" alt="">'
    pdf = html_to_pdf(html)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "Indeks 3,79" in document.pages[0].extract_text()


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_render_docx_fills_the_fields():
    out = render_docx(
        _docx("Nomor {{ nomor }}", "Hadir: {{ p.nama }}"), {"nomor": "12", "p": {"nama": "A & B"}}
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out)).paragraphs)
    assert "Nomor 12" in text and "Hadir: A & B" in text


def test_template_problems_are_named():
    required = {"nomor", "instansi"}
    assert validate_docx_template(_docx("{{ nomor }} {{ instansi }}"), required=required) == []
    assert "DOCX" in validate_docx_template(b"%PDF-1.4 not a docx", required=required)[0]
    assert "kosong" in validate_docx_template(b"", required=required)[0]
    syntax = validate_docx_template(_docx("{{ nomor }", "{{ instansi }}"), required=required)
    assert "Jinja" in syntax[0]
    unknown = validate_docx_template(
        _docx("{{ nomor }} {{ instansi }} {{ nmor }}"), required=required
    )
    assert unknown == ["Kolom isian tidak dikenal: nmor."]
    missing = validate_docx_template(_docx("{{ nomor }}"), required=required)
    assert missing == ["Kolom isian wajib tidak ada di templat: instansi."]
    allowed = validate_docx_template(
        _docx("{{ nomor }} {{ instansi }} {{ hari }}"), required=required, allowed={"hari"}
    )
    assert allowed == []


def test_zip_bomb_template_is_refused():
    good = _docx("{{ nomor }}")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        bomb.writestr("word/media/filler.bin", b"\0" * (50 * 1024 * 1024))
    problems = validate_docx_template(out.getvalue(), required={"nomor"})
    assert len(problems) == 1 and "ditolak" in problems[0] and "kompresi" in problems[0]
