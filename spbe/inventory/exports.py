"""Export of the inventory (applications in the import template's layout, so an export can be
edited and imported elsewhere) and the downloadable template."""

from __future__ import annotations

import csv
import io

from spbe.inventory.imports.columns import TEMPLATE_COLUMNS
from spbe.inventory.models import Application

EXAMPLE = {
    "nama_aplikasi": "SIMPEG (contoh)",
    "unit_pemilik": "Badan Kepegawaian Daerah",
    "unit_pengguna": "Seluruh Perangkat Daerah",
    "fungsi": "Mengelola data kepegawaian",
    "jenis": "umum",
    "asal": "lokal",
    "media": "website",
    "status": "operasional",
    "tahun_pembuatan": "2021",
    "hosting": "pusat_data_daerah",
    "integrasi": "spl",
    "audit_keamanan_terakhir": "2025-08-01",
    "nilai_kontrak": "150.000.000",
    "sumber_dana": "APBD",
}


def _cell(app: Application, field: str):
    if field == "user_units":
        names = [u.name for u in app.user_units.all()]
        if app.all_units_use:
            names.insert(0, "Seluruh Perangkat Daerah")
        return "; ".join(names)
    value = getattr(app, field)
    if value is None:
        return ""
    if field in ("owner_unit", "developer_unit"):
        return value.name
    if field == "public_users":
        return "ya" if value else "tidak"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def application_rows(apps) -> list[list]:
    """Header plus one row per application (prefetch user_units on `apps`)."""
    header = list(TEMPLATE_COLUMNS)
    return [header] + [[_cell(a, f) for f in TEMPLATE_COLUMNS.values()] for a in apps]


def to_xlsx(rows: list[list], *, title: str = "aplikasi") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def template_rows() -> list[list]:
    return [list(TEMPLATE_COLUMNS), [EXAMPLE.get(c, "") for c in TEMPLATE_COLUMNS]]


def export_queryset(instansi):
    return (
        Application.objects.filter(instansi=instansi)
        .select_related("owner_unit", "developer_unit")
        .prefetch_related("user_units")
        .order_by("name", "pk")
    )
