"""Importing applications from a unit's spreadsheet: map its columns, preview, then write all
rows or none.

Steps (the page wizard and `spbe inventory import` run the same ones):
1. `read_table` (size, zip and row/cell checks) and `auto_mapping` (header names -> fields;
   the page lets a person correct it);
2. `import_preview`: every row read and checked, unit names matched to the instansi's units
   (exact name or short name, then fuzzy with rapidfuzz), problems listed with row and column;
3. `applications_import`: refuses while any row is bad or a unit name is undecided, then
   writes every application and one audit event in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from spbe.audit.services import audit_record
from spbe.inventory import access
from spbe.inventory.imports import columns
from spbe.inventory.models import Application
from spbe.organizations.models import Instansi, Unit

UNIT_FIELDS = ("owner_unit", "developer_unit", "user_units")
FUZZY_UNIT_MIN = 90  # "Dinas Kominfo Statistik" ~ "Dinas Komunikasi, Informatika dan Statistik"


@dataclass
class RowProblem:
    row: int  # spreadsheet row number (the header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return _("baris %(row)s kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ParsedRow:
    number: int
    values: dict
    unit_names: dict[str, list[str]]  # field -> names as written


@dataclass
class Preview:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    matched: dict[str, Unit] = field(default_factory=dict)  # name as written -> unit
    fuzzy: dict[str, tuple[Unit, int]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    unmapped_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _split_units(text: str) -> list[str]:
    text = text.strip()
    if text.lower() in columns.EMPTY:
        return []
    if text.lower() in columns.ALL_UNITS:
        return [text]
    parts = [p.strip() for p in text.replace("\n", ";").split(";")]
    return [p for p in parts if p and p.lower() not in columns.EMPTY]


def _read_rows(header, rows, mapping: dict[int, str]) -> tuple[list[ParsedRow], list[RowProblem]]:
    parsed, problems = [], []
    for offset, raw in enumerate(rows):
        number = offset + 2
        if not any(c.strip() for c in raw):
            continue
        values: dict = {}
        names: dict[str, list[str]] = {}
        for index, fname in mapping.items():
            cell = raw[index] if index < len(raw) else ""
            if fname in UNIT_FIELDS:
                names[fname] = _split_units(cell)
                continue
            try:
                values[fname] = columns.read_cell(fname, cell)
            except columns.CellError as exc:
                problems.append(RowProblem(number, header[index], str(exc)))
        if not values.get("name"):
            problems.append(RowProblem(number, _("nama aplikasi"), _("nama aplikasi kosong")))
        elif len(values["name"]) > 300:
            problems.append(RowProblem(number, _("nama aplikasi"), _("nama terlalu panjang")))
        if not values.get("hosting") and values.get("hosting_note"):
            values["hosting"] = columns.read_hosting(values["hosting_note"])[0]
        parsed.append(ParsedRow(number, values, names))
    return parsed, problems


def _unit_index(instansi: Instansi) -> dict[str, Unit]:
    index = {}
    for unit in Unit.objects.filter(instansi=instansi, is_active=True):
        index[unit.name.strip().lower()] = unit
        if unit.short_name:
            index.setdefault(unit.short_name.strip().lower(), unit)
    return index


@dataclass
class UnitMatches:
    exact: dict[str, Unit] = field(default_factory=dict)
    fuzzy: dict[str, tuple[Unit, int]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)


def unit_matches(instansi: Instansi, names) -> UnitMatches:
    """Match unit names as written in a spreadsheet to the instansi's units: the exact name or
    short name (any case) first, then the closest name when rapidfuzz finds it at least
    FUZZY_UNIT_MIN alike; the rest is unmatched (for a person to decide). Shared by the
    budget import."""
    index = _unit_index(instansi)
    keys = list(index)
    found = UnitMatches()
    for name in sorted(set(names)):
        unit = index.get(name.lower())
        if unit is not None:
            found.exact[name] = unit
            continue
        best = (
            process.extractOne(name.lower(), keys, scorer=fuzz.token_sort_ratio) if keys else None
        )
        if best and best[1] >= FUZZY_UNIT_MIN:
            found.fuzzy[name] = (index[best[0]], round(best[1]))
        else:
            found.unmatched.append(name)
    return found


def _match_units(preview: Preview, instansi: Instansi, decided: dict[str, Unit | None]) -> None:
    wanted = {
        n
        for r in preview.rows
        for names in r.unit_names.values()
        for n in names
        if n.lower() not in columns.ALL_UNITS and n not in decided
    }
    found = unit_matches(instansi, wanted)
    preview.matched, preview.fuzzy, preview.unmatched = found.exact, found.fuzzy, found.unmatched


def _check_duplicates(preview: Preview, instansi: Instansi, resolve) -> None:
    """No silent overwrite: a name already registered for the same owner (in the file or in
    the database) is a bad row."""
    existing = set(
        Application.objects.filter(instansi=instansi).values_list("owner_unit_id", "name")
    )
    seen: dict[tuple, int] = {}
    for row in preview.rows:
        name = row.values.get("name")
        if not name:
            continue
        owners = row.unit_names.get("owner_unit") or []
        owner = resolve(owners[0]) if owners else None
        # Unit names not matched yet (new units) still tell two owners apart.
        owner_key = owner.pk if owner else (owners[0].lower() if owners else None)
        key = (owner_key, name.lower())
        if key in seen:
            preview.problems.append(
                RowProblem(
                    row.number, _("nama aplikasi"), _("sama dengan baris %(n)s") % {"n": seen[key]}
                )
            )
        seen[key] = row.number
        if owner is not None and (owner.pk, name) in existing:
            preview.problems.append(
                RowProblem(
                    row.number,
                    _("nama aplikasi"),
                    _("'%(name)s' sudah terdaftar untuk %(unit)s") % {"name": name, "unit": owner},
                )
            )


def import_preview(
    *,
    instansi: Instansi,
    header: list[str],
    rows: list[list[str]],
    mapping: dict[int, str] | None = None,
    unit_decisions: dict[str, Unit | None] | None = None,
    create_missing_units: bool = False,
) -> Preview:
    """Read and check every row; nothing is written. `unit_decisions` maps a written unit name
    to the unit chosen for it (None: leave empty); with `create_missing_units` the unmatched
    names become new units at import. Unmatched names left undecided are problems."""
    mapping = columns.auto_mapping(header) if mapping is None else mapping
    decided = dict(unit_decisions or {})
    preview = Preview()
    preview.unmapped_columns = [h for i, h in enumerate(header) if i not in mapping and h]
    if "name" not in mapping.values():
        preview.problems.append(
            RowProblem(1, _("judul kolom"), _("tidak ada kolom nama aplikasi (nama_aplikasi)"))
        )
        return preview
    preview.rows, preview.problems = _read_rows(header, rows, mapping)
    _match_units(preview, instansi, decided)
    if preview.unmatched and not create_missing_units:
        preview.problems.append(
            RowProblem(
                1,
                _("unit"),
                _("nama unit belum dikenali: %(names)s (pilih unitnya atau buat unit baru)")
                % {"names": "; ".join(preview.unmatched)},
            )
        )

    def resolve(name):
        if name in decided:
            return decided[name]
        if name in preview.matched:
            return preview.matched[name]
        if name in preview.fuzzy:
            return preview.fuzzy[name][0]
        return None

    _check_duplicates(preview, instansi, resolve)
    preview.problems.sort(key=lambda p: p.row)
    return preview


def applications_import(
    *,
    actor,
    instansi: Instansi,
    preview: Preview,
    unit_decisions: dict[str, Unit | None] | None = None,
    create_missing_units: bool = False,
    source_name: str = "",
    request=None,
) -> list[Application]:
    """Write every previewed application, or none: refused (ValidationError listing every
    problem) while the preview has problems. `actor` None is the command line (trusted);
    otherwise only the coordinator imports. One audit event for the import, one per new unit."""
    if actor is not None:
        access.ensure_manages(actor, instansi)
    if not preview.ok:
        raise ValidationError([str(p) for p in preview.problems])
    decided = dict(unit_decisions or {})
    with transaction.atomic():
        units = {**preview.matched, **{n: u for n, (u, _s) in preview.fuzzy.items()}, **decided}
        if create_missing_units:
            units.update(_create_units(actor, instansi, preview.unmatched, request))
        created = [_create_app(actor, instansi, row, units) for row in preview.rows]
        audit_record(
            actor=actor,
            action="inventory.applications_imported",
            target=instansi,
            instansi=instansi,
            extra={
                "file": source_name,
                "rows": len(created),
                "units_created": sorted(preview.unmatched) if create_missing_units else [],
            },
            request=request,
        )
    return created


def _create_units(actor, instansi, names, request) -> dict[str, Unit]:
    from spbe.organizations.services import unit_create

    made = {}
    for name in names:
        made[name] = unit_create(actor=actor, instansi=instansi, name=name[:200], request=request)
    return made


def _create_app(actor, instansi, row: ParsedRow, units: dict[str, Unit | None]) -> Application:
    values = dict(row.values)
    names = row.unit_names
    owner = names.get("owner_unit") or []
    developer = names.get("developer_unit") or []
    users = names.get("user_units") or []
    values["owner_unit"] = units.get(owner[0]) if owner else None
    values["developer_unit"] = units.get(developer[0]) if developer else None
    values["all_units_use"] = any(n.lower() in columns.ALL_UNITS for n in users)
    app = Application(instansi=instansi, updated_by=actor, **values)
    try:
        app.full_clean(exclude=["instansi", "updated_by"], validate_unique=False)
    except ValidationError as exc:
        raise ValidationError(
            [f"{_('baris')} {row.number}: {k}: {' '.join(v)}" for k, v in exc.message_dict.items()]
        ) from exc
    app.save()
    chosen = [units.get(n) for n in users if n.lower() not in columns.ALL_UNITS]
    if any(chosen):
        app.user_units.set([u for u in chosen if u is not None])
    return app
