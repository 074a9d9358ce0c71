"""Small, valid PDFs built in the test (text layer with Helvetica, or an image-only page)."""

import zlib

from spbe.demo.pdf import pdf_from_objects


def _pdf(objects: list[bytes]) -> bytes:
    return pdf_from_objects(objects)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(*lines: str) -> bytes:
    """One A4 page with the given lines of text (Latin-1 only)."""
    content = b"BT /F1 11 Tf 50 780 Td 14 TL\n"
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content += b"(" + escaped.encode("latin-1") + b") Tj T*\n"
    content += b"ET"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def scan_pdf() -> bytes:
    """One page holding only a small grey image: what a scanner produces (no text layer)."""
    pixels = zlib.compress(bytes(range(64)) * 64)
    content = b"q 500 0 0 700 40 60 cm /Im1 Do Q"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(content),
            _stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode ",
            ),
        ]
    )
