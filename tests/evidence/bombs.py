"""A PDF of a few kilobytes whose page content inflates to 600 MB (two nested Flate layers):
the kind of crafted file that once took 2 GB and 36 s of CPU inside an upload request."""

import zlib
from functools import cache

from spbe.demo.pdf import pdf_from_objects


@cache
def memory_bomb_pdf() -> bytes:
    inner = zlib.compress(b"0 0 m " * (100 * 1024 * 1024), 1)
    data = zlib.compress(inner, 9)
    stream = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(data)
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream + data + b"\nendstream",
        ]
    )
