"""A small, valid one-page PDF with a text layer, written by hand (no PDF library needed).

The demo's evidence documents need real files: the evidence services inspect every upload
(`%PDF-` header, `%%EOF` trailer) and the text extraction reads the text layer, so a search for
a word of the title finds the document. Helvetica (a standard PDF font) needs no embedding;
text is Latin-1, which covers Bahasa Indonesia.
"""

from __future__ import annotations

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
WRAP = 88  # characters per body line at 10 pt


def _text(value: str) -> bytes:
    escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1", "replace") + b")"


def _content(title: str, lines: list[str], footer: str) -> bytes:
    ops = [b"BT", b"/F2 13 Tf", b"50 790 Td", b"17 TL"]
    for piece in textwrap.wrap(title, 70):
        ops += [_text(piece) + b" Tj", b"T*"]
    ops += [b"/F1 10 Tf", b"14 TL", b"T*"]
    for line in lines:
        for piece in textwrap.wrap(line, WRAP) or [""]:
            ops += [_text(piece) + b" Tj", b"T*"]
    ops += [b"ET", b"BT", b"/F1 8 Tf", b"50 40 Td", _text(footer) + b" Tj", b"ET"]
    return b"\n".join(ops)


def text_pdf(title: str, lines: list[str], *, footer: str = "") -> bytes:
    """One A4 page: `title` in bold, then `lines` (wrapped), `footer` at the bottom."""
    stream = _content(title, lines, footer)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (PAGE_WIDTH, PAGE_HEIGHT)
        + b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _text(title) + b" /Producer (SPBE Monev demo) >>",
    ]
    return pdf_from_objects(objects, info=True)


def pdf_from_objects(objects: list[bytes], *, info: bool = False) -> bytes:
    """A PDF file of numbered `objects` (1 the catalog; with `info`, the last one the
    document information), with its cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        trailer += b" /Info %d 0 R" % len(objects)
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
