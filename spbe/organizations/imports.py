"""Bulk import of units and members from CSV or XLSX: templates, parsing, all-or-nothing writes.

A file is read completely and every row is tried inside one transaction; if any row is bad,
every error is reported with its row number (the header is row 1) and nothing is kept.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.core.tabular import TableLimits, read_table
from spbe.organizations import services
from spbe.organizations.models import Instansi, Role, Unit, UnitKind

UNIT_COLUMNS = ["nama", "nama_pendek", "jenis", "induk", "koordinator"]
UNIT_REQUIRED = {"nama", "jenis"}
MEMBER_COLUMNS = [
    "username",
    "nama_depan",
    "nama_belakang",
    "email",
    "jabatan",
    "unit",
    "peran",
    "rekursif",
    "kata_sandi",
]
MEMBER_REQUIRED = {"username", "peran"}
KINDS = {"unit": (UNIT_COLUMNS, UNIT_REQUIRED), "pengguna": (MEMBER_COLUMNS, MEMBER_REQUIRED)}

EXAMPLES = {
    "unit": [
        ["Dinas Komunikasi dan Informatika", "Diskominfo", "dinas", "", "ya"],
        ["Sekretariat Daerah", "Setda", "sekretariat", "", "tidak"],
        ["Biro Organisasi", "Biro Organisasi", "biro", "Setda", "tidak"],
    ],
    "pengguna": [
        [
            "budi.santoso",
            "Budi",
            "Santoso",
            "budi@example.go.id",
            "Analis",
            "Diskominfo",
            "responden",
            "tidak",
            "",
        ],
    ],
}
# Wider than both templates, so a few spare columns are still reported by name.
MAX_COLUMNS = 40
YES = {"ya", "y", "yes", "true", "1", "x"}
NO = {"", "tidak", "t", "no", "false", "0"}


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


def template_csv(kind: str) -> bytes:
    """The CSV template: header and example rows, UTF-8 with BOM so Excel opens it right."""
    columns, _required = KINDS[kind]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(EXAMPLES[kind])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(kind: str) -> bytes:
    """The XLSX template: header and example rows on the first sheet."""
    from openpyxl import Workbook

    columns, _required = KINDS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind
    sheet.append(columns)
    for row in EXAMPLES[kind]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file, refusing an oversized one before reading it."""
    if upload.size is not None and upload.size > settings.ORG_IMPORT_MAX_BYTES:
        raise ValidationError(_("Berkas terlalu besar."))
    return upload.read(settings.ORG_IMPORT_MAX_BYTES + 1)


def _limits() -> TableLimits:
    return TableLimits(
        max_bytes=settings.ORG_IMPORT_MAX_BYTES,
        max_rows=settings.ORG_IMPORT_MAX_ROWS,
        max_columns=MAX_COLUMNS,
        max_expanded_bytes=settings.ORG_IMPORT_MAX_EXPANDED_BYTES,
    )


def _read_table(filename: str, data: bytes) -> list[list[str]]:
    """The file's rows as text cells, a blank row as [] (rows are numbered by position)."""
    return read_table(data, filename, limits=_limits()).text_grid()


def parse(kind: str, filename: str, data: bytes) -> list[Row]:
    """Rows of an uploaded file, checked for size, encoding and header."""
    columns, required = KINDS[kind]
    table = _read_table(filename, data)
    if not table or not any(table[0]):
        raise ValidationError(_("Berkas kosong."))
    header = [h.strip().lower() for h in table[0]]
    while header and not header[-1]:
        header.pop()
    missing = [c for c in columns if c in required and c not in header]
    unknown = [h for h in header if h not in columns]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("kolom wajib tidak ada: %(cols)s") % {"cols": ", ".join(missing)})
        if unknown:
            parts.append(_("kolom tidak dikenal: %(cols)s") % {"cols": ", ".join(unknown)})
        raise ValidationError(
            _("Judul kolom tidak sesuai templat (%(detail)s). Kolom yang benar: %(cols)s.")
            % {"detail": "; ".join(parts), "cols": ", ".join(columns)}
        )
    rows = []
    for index, raw in enumerate(table[1:], start=2):
        if not any(raw):
            continue
        values = {name: (raw[i] if i < len(raw) else "") for i, name in enumerate(header)}
        rows.append(Row(number=index, values={c: values.get(c, "") for c in columns}))
    if not rows:
        raise ValidationError(_("Berkas tidak berisi baris data."))
    return rows


def _flag(value: str, column: str) -> bool:
    lowered = value.strip().lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise ValidationError(_('kolom %(col)s harus "ya" atau "tidak".') % {"col": column})


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return exc.messages


def _find_unit(units: dict[str, Unit], name: str, column: str) -> Unit:
    unit = units.get(name.strip().lower())
    if unit is None:
        raise ValidationError(
            _('%(col)s "%(name)s" tidak ditemukan.') % {"col": column, "name": name}
        )
    return unit


def _unit_index(instansi: Instansi) -> dict[str, Unit]:
    index: dict[str, Unit] = {}
    for unit in Unit.objects.filter(instansi=instansi):
        index.setdefault(unit.name.lower(), unit)
        if unit.short_name:
            index.setdefault(unit.short_name.lower(), unit)
    return index


def _run(rows: list[Row], apply_row) -> None:
    errors = []
    for row in rows:
        try:
            with transaction.atomic():
                apply_row(row)
        except ValidationError as exc:
            errors.extend(
                _("Baris %(n)d: %(msg)s") % {"n": row.number, "msg": m} for m in _messages(exc)
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def units_import(*, actor, instansi: Instansi, rows: list[Row], request=None) -> list[Unit]:
    """Create the units of `rows` (parents before children), all or none."""
    index = _unit_index(instansi)
    kinds = {value: value for value in UnitKind.values} | {
        str(label).lower(): value for value, label in UnitKind.choices
    }
    created: list[Unit] = []

    def apply_row(row: Row) -> None:
        v = row.values
        kind = kinds.get(v["jenis"].lower())
        if kind is None:
            raise ValidationError(
                _('jenis "%(v)s" tidak dikenal (pilihan: %(c)s).')
                % {"v": v["jenis"], "c": ", ".join(UnitKind.values)}
            )
        parent = _find_unit(index, v["induk"], _("unit induk")) if v["induk"] else None
        unit = services.unit_create(
            actor=actor,
            instansi=instansi,
            name=v["nama"],
            short_name=v["nama_pendek"],
            kind=kind,
            parent=parent,
            is_coordinator=_flag(v["koordinator"], "koordinator"),
            request=request,
        )
        index.setdefault(unit.name.lower(), unit)
        if unit.short_name:
            index.setdefault(unit.short_name.lower(), unit)
        created.append(unit)

    _run(rows, apply_row)
    audit_record(
        actor=actor,
        action="import.units",
        target=instansi,
        request=request,
        extra={"rows": len(rows), "created": [u.pk for u in created]},
    )
    return created


@transaction.atomic
def members_import(
    *, actor, instansi: Instansi, rows: list[Row], request=None
) -> list[tuple[str, str | None]]:
    """Create the accounts of `rows` with their role, all or none.

    Returns (username, generated password or None) per row, to be shown once.
    """
    index = _unit_index(instansi)
    roles = {value: value for value in Role.values} | {
        str(label).lower(): value for value, label in Role.choices
    }
    result: list[tuple[str, str | None]] = []

    def apply_row(row: Row) -> None:
        v = row.values
        role = roles.get(v["peran"].lower())
        if role is None:
            raise ValidationError(_('peran "%(v)s" tidak dikenal.') % {"v": v["peran"]})
        unit = _find_unit(index, v["unit"], "unit") if v["unit"] else None
        user, generated = services.member_create(
            actor=actor,
            instansi=instansi,
            username=v["username"],
            role=role,
            unit=unit,
            recursive=_flag(v["rekursif"], "rekursif"),
            first_name=v["nama_depan"],
            last_name=v["nama_belakang"],
            email=v["email"],
            position=v["jabatan"],
            password=v["kata_sandi"] or None,
            request=request,
        )
        result.append((user.username, generated))

    _run(rows, apply_row)
    audit_record(
        actor=actor,
        action="import.users",
        target=instansi,
        request=request,
        extra={"rows": len(rows), "usernames": [name for name, _p in result]},
    )
    return result
