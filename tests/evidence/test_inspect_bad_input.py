"""Bad uploads built in the test: each refused with a clear message in Bahasa Indonesia."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.evidence.files import EvidenceFileError, inspect_upload

MB = 1024 * 1024
LIMITS = {"max_bytes": 25 * MB, "max_expanded_bytes": 200 * MB}
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
WORD_TYPES = (
    b'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType='
    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)


def refuse(data: bytes, filename: str, **limits) -> EvidenceFileError:
    with pytest.raises(EvidenceFileError) as caught:
        inspect_upload(io.BytesIO(data), filename=filename, **{**LIMITS, **limits})
    return caught.value


def make_zip(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    return make_zip(
        {"[Content_Types].xml": WORD_TYPES, "word/document.xml": b"<w:document/>", **(extra or {})}
    )


def test_error_is_a_validation_error_so_forms_and_api_show_it():
    error = refuse(b"", "kosong.pdf")
    assert isinstance(error, ValidationError)
    assert error.code == "empty"
    assert error.messages == ["Berkas kosong (0 byte). Pilih berkas yang berisi dokumen."]


def test_oversize_is_refused_and_the_limit_is_said_in_mb():
    error = refuse(MINIMAL_PDF + b"\0" * (2 * MB), "besar.pdf", max_bytes=int(1.5 * MB))
    assert error.code == "too_large"
    assert "1,5 MB" in error.text


def test_oversize_django_upload_is_refused_from_its_declared_size():
    upload = SimpleUploadedFile("besar.pdf", MINIMAL_PDF + b"\0" * MB)
    with pytest.raises(EvidenceFileError) as caught:
        inspect_upload(upload, filename=upload.name, max_bytes=MB, max_expanded_bytes=MB)
    assert "1 MB" in caught.value.text


def test_default_limit_message_says_25_mb():
    error = refuse(b"\0" * 2048, "x.pdf", max_bytes=1024)
    assert "1 KB" in error.text
    from spbe.core.sizes import format_megabytes

    assert format_megabytes(25 * MB) == "25 MB"


@pytest.mark.parametrize(
    ("header", "detected"),
    [(b"MZ\x90\x00\x03\x00\x00\x00", "program Windows (EXE/DLL)"), (b"\x7fELF\x02\x01\x01", "ELF")],
)
def test_program_renamed_pdf_is_refused_saying_what_was_found(header, detected):
    error = refuse(header + b"\0" * 500, "laporan.pdf")
    assert error.code == "type_not_allowed"
    assert detected in error.text
    assert "PDF, DOCX, XLSX, PNG, JPG" in error.text


def test_exe_renamed_docx_is_refused():
    error = refuse(b"MZ" + b"\x90" * 300, "kebijakan.docx")
    assert error.code == "type_not_allowed"


def test_zip_of_random_files_named_docx_is_refused():
    error = refuse(make_zip({"foto.jpg": b"abc", "catatan.txt": b"halo"}), "kebijakan.docx")
    assert error.code == "type_not_allowed"
    assert "ZIP" in error.text


def test_docx_without_word_parts_is_refused():
    error = refuse(make_zip({"[Content_Types].xml": WORD_TYPES}), "kebijakan.docx")
    assert error.code == "type_not_allowed"


def test_pptx_is_named_in_the_refusal():
    types = (
        b"<Types ContentType='application/vnd.openxmlformats-officedocument"
        b".presentationml.presentation.main+xml'/>"
    )
    error = refuse(make_zip({"[Content_Types].xml": types, "ppt/x.xml": b"x"}), "paparan.docx")
    assert "PPTX" in error.text


def test_minimal_docx_is_accepted():
    result = inspect_upload(io.BytesIO(docx_bytes()), filename="Kebijakan SPBE.docx", **LIMITS)
    assert result.detected_kind == "docx"
    assert result.safe_filename == "Kebijakan-SPBE.docx"


def test_zip_bomb_over_the_expanded_limit_is_refused():
    bomb = docx_bytes({"word/media/bomb.bin": b"\0" * (3 * MB)})
    assert len(bomb) < 20_000  # tiny on disk, 3 MB expanded
    error = refuse(bomb, "bom.docx", max_expanded_bytes=MB)
    assert error.code == "zip_bomb"
    assert "1 MB" in error.text


def test_zip_bomb_with_absurd_ratio_is_refused_even_under_the_limit():
    bomb = docx_bytes({"word/media/bomb.bin": b"\0" * (2 * MB)})
    assert refuse(bomb, "bom.docx").code == "zip_bomb"


@pytest.mark.parametrize("name", ["../evil", "word/../../evil.sh", "/etc/passwd", "C:/evil.bat"])
def test_zip_with_escaping_entry_name_is_refused(name):
    error = refuse(docx_bytes({name: b"x"}), "jalur.docx")
    assert error.code == "zip_unsafe_path"
    assert "berbahaya" in error.text


def test_zip_with_too_many_entries_is_refused():
    many = docx_bytes({f"word/media/{i}.xml": b"x" for i in range(30)})
    error = refuse(many, "banyak.docx", max_zip_entries=10)
    assert error.code == "zip_too_many_entries"
    assert "10" in error.text


def test_zip_with_encrypted_entry_is_refused():
    # zipfile cannot write encrypted entries: set the "encrypted" bit (general purpose flag
    # bit 0) in the last central-directory record, which is what ZipCrypto writers do.
    data = bytearray(docx_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    error = refuse(bytes(data), "rahasia.docx")
    assert error.code == "zip_encrypted"
    assert "kata sandi" in error.text


def test_broken_zip_is_refused():
    error = refuse(b"PK\x03\x04" + b"\x00" * 200, "rusak.xlsx")
    assert error.code == "zip_corrupt"


@pytest.mark.parametrize(("filename", "suggestion"), [("lama.doc", "DOCX"), ("lama.xls", "XLSX")])
def test_legacy_office_is_refused_with_a_save_as_suggestion(filename, suggestion):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000
    error = refuse(ole, filename)
    assert error.code == "legacy_office"
    assert f"simpan sebagai {suggestion}" in error.text


def test_corrupt_pdf_header_is_refused():
    error = refuse(b"%PDF-x.y garbage" + b"\0" * 100, "rusak.pdf")
    assert error.code == "pdf_corrupt"
    assert "header PDF" in error.text


def test_truncated_pdf_is_refused():
    error = refuse(MINIMAL_PDF[:-7] + b"\0" * 5000, "terpotong.pdf")
    assert error.code == "pdf_corrupt"
    assert "tidak lengkap" in error.text


def test_plain_text_is_refused():
    assert "teks biasa" in refuse(b"nama,nilai\nA,1\n", "data.pdf").text


def test_png_named_pdf_gets_png_extension():
    result = inspect_upload(io.BytesIO(PNG), filename="tangkapan.pdf", **LIMITS)
    assert (result.detected_kind, result.mime_type) == ("png", "image/png")
    assert result.safe_filename == "tangkapan.png"
    assert result.extension_corrected


def test_pdf_without_extension_gets_one_and_jpeg_keeps_its_own():
    pdf = inspect_upload(io.BytesIO(MINIMAL_PDF), filename="SK Walikota", **LIMITS)
    assert pdf.safe_filename == "SK-Walikota.pdf"
    jpg = inspect_upload(io.BytesIO(b"\xff\xd8\xff\xe0" + b"\0" * 64), filename="a.JPEG", **LIMITS)
    assert (jpg.safe_filename, jpg.extension_corrected) == ("a.jpeg", False)
