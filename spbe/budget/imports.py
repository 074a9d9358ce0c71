"""Importing budget items from the planning system's XLSX export (or CSV), with the
inventory's preview rules: the file's size/zip/row checks, every row checked with its row and
column, unit names matched (exact, then fuzzy), all rows or none."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.budget.codes import code_errors
from spbe.budget.models import BudgetItem
from spbe.frameworks.models import Indicator
from spbe.inventory import access
from spbe.inventory.imports.applications import RowProblem, unit_matches
from spbe.inventory.imports.columns import CellError, normalise_header, read_date, read_rupiah
from spbe.inventory.models import Application
from spbe.organizations.models import Instansi, Unit

COLUMNS = {
    "unit": "unit",
    "kode_program": "program_code",
    "nama_program": "program_name",
    "kode_kegiatan": "activity_code",
    "nama_kegiatan": "activity_name",
    "kode_sub_kegiatan": "sub_activity_code",
    "nama_sub_kegiatan": "sub_activity_name",
    "uraian": "description",
    "aplikasi_dibangun": "builds_application",
    "kategori": "category",
    "pagu": "amount",
    "sumber_dana": "funding_source",
    "status": "status",
    "realisasi": "realised_amount",
    "indikator": "indicators",
    "aplikasi_terkait": "applications",
    "tanggal_konsultasi": "consultation_date",
    "hasil_konsultasi": "consultation_outcome",
    "catatan_konsultasi": "consultation_note",
}
ALIASES = {"opd": "unit", "skpd": "unit", "anggaran": "amount", "nilai": "amount"}
REQUIRED = ("unit", "program_code", "activity_code", "sub_activity_code", "description", "amount")
CATEGORY = {c.value: c.value for c in BudgetItem.Category} | {"sdm/kompetensi": "sdm"}
STATUS = {c.value: c.value for c in BudgetItem.Status}
OUTCOME = {c.value: c.value for c in BudgetItem.Outcome if c.value} | {
    "perlu revisi": "perlu_revisi"
}


@dataclass
class BudgetRow:
    number: int
    values: dict
    unit_name: str
    indicator_codes: list[str]
    app_names: list[str]


@dataclass
class BudgetPreview:
    rows: list[BudgetRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    units: dict[str, Unit] = field(default_factory=dict)
    fuzzy: dict[str, tuple[Unit, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _mapping(header: list[str]) -> dict[int, str]:
    found = {}
    for i, text in enumerate(header):
        key = normalise_header(text)
        name = COLUMNS.get(key) or ALIASES.get(key)
        if name and name not in found.values():
            found[i] = name
    return found


def _choice(table, value, what):
    key = value.strip().lower()
    if key in table:
        return table[key]
    raise CellError(
        _("%(what)s '%(value)s' tidak dikenal; pilihan: %(choices)s")
        % {"what": what, "value": value, "choices": ", ".join(sorted(table))}
    )


def _read(name: str, value: str):
    value = value.strip()
    if name in ("amount", "realised_amount"):
        return read_rupiah(value) if value else None
    if name == "category":
        return _choice(CATEGORY, value, _("kategori"))
    if name == "status":
        return _choice(STATUS, value, _("status")) if value else BudgetItem.Status.USULAN
    if name == "consultation_outcome":
        return _choice(OUTCOME, value, _("hasil konsultasi")) if value else ""
    if name == "consultation_date":
        return read_date(value)
    if name in ("indicators", "applications"):
        return [p.strip() for p in value.replace("\n", ";").split(";") if p.strip()]
    return value


def budget_preview(
    *, instansi: Instansi, year: int, header: list[str], rows: list[list[str]], framework
) -> BudgetPreview:
    """Check every row; nothing is written. Indicator codes are those of `framework` (the
    instansi's current one); applications are matched by exact name in the inventory."""
    mapping = _mapping(header)
    preview = BudgetPreview()
    missing = [c for c, f in COLUMNS.items() if f in REQUIRED and f not in mapping.values()]
    if missing:
        preview.problems.append(
            RowProblem(
                1, _("judul kolom"), _("kolom wajib tidak ada: %(c)s") % {"c": ", ".join(missing)}
            )
        )
        return preview
    codes = set(Indicator.objects.filter(framework=framework).values_list("code", flat=True))
    app_names = set(Application.objects.filter(instansi=instansi).values_list("name", flat=True))
    for offset, raw in enumerate(rows):
        number = offset + 2
        if not any(c.strip() for c in raw):
            continue
        values: dict = {"fiscal_year": year}
        for i, name in mapping.items():
            try:
                values[name] = _read(name, raw[i] if i < len(raw) else "")
            except CellError as exc:
                preview.problems.append(RowProblem(number, header[i], str(exc)))
        for name in REQUIRED:
            if name in values and values[name] in ("", None):
                preview.problems.append(RowProblem(number, _column(name), _("wajib diisi")))
        for name, message in code_errors(
            values.get("program_code", ""),
            values.get("activity_code", ""),
            values.get("sub_activity_code", ""),
        ).items():
            if values.get(name):
                preview.problems.append(RowProblem(number, _column(name), message))
        indicators = values.pop("indicators", []) or []
        for code in indicators:
            if code not in codes:
                preview.problems.append(
                    RowProblem(
                        number,
                        "indikator",
                        _("indikator %(c)s tidak ada di kerangka") % {"c": code},
                    )
                )
        apps = values.pop("applications", []) or []
        for name in apps:
            if name not in app_names:
                preview.problems.append(
                    RowProblem(
                        number,
                        "aplikasi_terkait",
                        _("aplikasi '%(n)s' tidak ada di inventaris") % {"n": name},
                    )
                )
        unit_name = values.pop("unit", "")
        _field_problems(preview, number, values)
        preview.rows.append(BudgetRow(number, values, unit_name, indicators, apps))
    found = unit_matches(instansi, [r.unit_name for r in preview.rows if r.unit_name])
    preview.units, preview.fuzzy = found.exact, found.fuzzy
    for row in preview.rows:
        if row.unit_name in found.unmatched:
            preview.problems.append(
                RowProblem(
                    row.number, "unit", _("unit '%(n)s' tidak dikenali") % {"n": row.unit_name}
                )
            )
    preview.problems.sort(key=lambda p: p.row)
    return preview


def _field_problems(preview: BudgetPreview, number: int, values: dict) -> None:
    """The model's own limits (text lengths), so PostgreSQL never refuses a row mid-import."""
    try:
        BudgetItem(**values).full_clean(
            exclude=["instansi", "unit", "updated_by", *REQUIRED, "category"]
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            column = next((c for c, f in COLUMNS.items() if f == name), name)
            preview.problems.append(RowProblem(number, column, " ".join(messages)))


def _column(field_name: str) -> str:
    return next(c for c, f in COLUMNS.items() if f == field_name)


def budget_import(
    *,
    actor,
    instansi: Instansi,
    preview: BudgetPreview,
    framework,
    source_name: str = "",
    request=None,
) -> list[BudgetItem]:
    """Write every previewed item or none (ValidationError listing the problems); `actor`
    None is the command line. One audit event for the import."""
    if actor is not None:
        access.ensure_manages(actor, instansi)
    if not preview.ok:
        raise ValidationError([str(p) for p in preview.problems])
    units = {**preview.units, **{n: u for n, (u, _s) in preview.fuzzy.items()}}
    indicators = {i.code: i for i in Indicator.objects.filter(framework=framework)}
    apps = {a.name: a for a in Application.objects.filter(instansi=instansi)}
    created = []
    with transaction.atomic():
        for row in preview.rows:
            item = BudgetItem(
                instansi=instansi, unit=units[row.unit_name], updated_by=actor, **row.values
            )
            item.save()
            item.indicators.set([indicators[c] for c in row.indicator_codes])
            item.applications.set([apps[n] for n in row.app_names])
            created.append(item)
        audit_record(
            actor=actor,
            action="budget.items_imported",
            target=instansi,
            instansi=instansi,
            extra={
                "file": source_name,
                "rows": len(created),
                "year": preview.rows[0].values["fiscal_year"] if created else None,
            },
            request=request,
        )
    return created


TEMPLATE_EXAMPLE = [
    "Dinas Komunikasi dan Informatika",
    "2.16.03",
    "Program Pengelolaan Aplikasi Informatika",
    "2.16.03.1.02",
    "Pengelolaan Sistem Informasi",
    "2.16.03.1.02.0001",
    "Pengembangan Aplikasi",
    "Pengembangan aplikasi layanan perizinan terpadu",
    "SIMPERIZINAN",
    "aplikasi",
    "150.000.000",
    "APBD",
    "usulan",
    "",
    "15",
    "",
    "",
    "",
    "",
]


def template_rows() -> list[list[str]]:
    return [list(COLUMNS), TEMPLATE_EXAMPLE]
