"""National history: the published SPBE results of every instansi, 2023 and 2024.

`history_load` reads the national report tables (KemenPANRB, Laporan Pelaksanaan Evaluasi SPBE
2023 and 2024, re-keyed in ``spbe-index-pemda-2023-2024.csv`` and
``spbe-index-instansi-pusat-2023-2024.csv``) into `Instansi` and `PublishedResult`:

- every instansi is matched by ``instansi_key`` and created when missing: pemda with their
  ``jenis`` (provinsi/kabupaten/kota) and the key of the table; instansi pusat as
  kementerian-lembaga with a key slugified from the printed name (that table has no key);
  kabupaten/kota are linked to the province row of their ``provinsi`` column;
- one `PublishedResult` per instansi and year, values as printed: index, domains
  ``{"D1": "4.70", ...}`` (strings as printed; an empty cell stays null, e.g. Jawa Timur 2024
  D1), predikat, source ``Laporan Pelaksanaan Evaluasi SPBE <year>, <tabel>``, note from
  ``catatan``. Official results may hold values below level 1 (Kab. Banyuasin 2023 D4 0.30).

All-or-nothing (every row is checked before anything is written), idempotent (a second run
changes nothing and records no event), one audit event ``import.history`` per run that
changes something, bulk writes (~1,236 rows in a second or two on SQLite).

A result of the same instansi and year that a person recorded (the official-results history
form, `published_result_record`: a source other than the national report's) is never
overwritten silently: the row is skipped and reported (`HistoryLoadResult.skipped`) unless
``replace=True`` (``--replace``), which overwrites it with an audit event
``published_result.replaced`` per record, as the form does.

The copies in ``spbe/demo/data/`` are read by default, so a fresh clone needs no ../shared;
``history_load(data_dir=...)`` reads another folder (``spbe history load --shared DIR``).

The national averages 2018–2024 are not an instansi, so they are not stored as rows:
`national_history()` reads them from ``spbe/demo/data/national.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from spbe.audit.services import audit_record, diff_fields
from spbe.core.tabular import CSV, TableError, TableLimits, read_table
from spbe.frameworks.official_reports import framework_in_force
from spbe.official.models import PublishedResult
from spbe.organizations.models import Instansi, InstansiKind

DATA_DIR = Path(__file__).resolve().parent.parent / "demo" / "data"
PEMDA_FILE = "spbe-index-pemda-2023-2024.csv"
PUSAT_FILE = "spbe-index-instansi-pusat-2023-2024.csv"
NATIONAL_FILE = DATA_DIR / "national.yaml"
SOURCE = "Laporan Pelaksanaan Evaluasi SPBE {year}, {table}"
DOMAIN_COLUMNS = {
    "D1": "d1_kebijakan",
    "D2": "d2_tata_kelola",
    "D3": "d3_manajemen",
    "D4": "d4_layanan",
}
PEMDA_KINDS = {"provinsi", "kabupaten", "kota"}
NOTE_MAX = PublishedResult._meta.get_field("note").max_length
KEY_MAX = Instansi._meta.get_field("instansi_key").max_length
# The shipped files hold ~1,200 rows of 15 columns; room for years to come, not for a bomb.
_LIMITS = TableLimits(max_bytes=20 * 1024 * 1024, max_rows=50_000, max_columns=40)
RESULT_FIELDS = ("framework_code", "index", "domains", "predikat", "source", "note", "verified")


@dataclass(frozen=True)
class _Row:
    """One checked row of a national table."""

    year: int
    key: str
    name: str
    kind: str
    province_name: str  # the `provinsi` column (pemda only)
    index: Decimal | None
    domains: dict[str, str | None]
    predikat: str
    source: str
    note: str


@dataclass(frozen=True)
class SkippedResult:
    """A published result recorded by a person that the national table would overwrite."""

    instansi: str
    year: int
    index: Decimal | None
    source: str

    def __str__(self) -> str:
        index = "–" if self.index is None else str(self.index).replace(".", ",")
        return (
            f"dilewati: {self.instansi} {self.year} (indeks {index}, sumber: {self.source}), "
            "sudah dicatat manual; gunakan --replace untuk menimpanya"
        )


@dataclass
class HistoryLoadResult:
    rows: int = 0
    instansi_created: int = 0
    instansi_linked: int = 0  # existing kab/kota given their province
    results_created: int = 0
    results_updated: int = 0
    results_unchanged: int = 0
    results_replaced: int = 0  # recorded by a person, overwritten with replace=True
    skipped: list[SkippedResult] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.instansi_created
            or self.instansi_linked
            or self.results_created
            or self.results_updated
            or self.results_replaced
        )


def history_load(
    *, data_dir: Path | str | None = None, actor=None, replace: bool = False
) -> HistoryLoadResult:
    """Load the 2023–2024 national tables into Instansi and PublishedResult (see module doc).

    ``data_dir`` holds the two CSV files (default: the copies in spbe/demo/data/). Raises
    ``ValidationError`` naming the file and row of the first bad row; nothing is written then.
    Results a person recorded for the same instansi and year are skipped (``skipped``) unless
    ``replace``.
    """
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    pemda_path, pusat_path = folder / PEMDA_FILE, folder / PUSAT_FILE
    rows = [*_read(pemda_path, _pemda_row), *_read(pusat_path, _pusat_row)]
    result = HistoryLoadResult(rows=len(rows), files=[str(pemda_path), str(pusat_path)])
    with transaction.atomic():
        instansi = _instansi_ensure(rows, result)
        _results_store(rows, instansi, result, replace=replace, actor=actor)
        if result.changed:
            audit_record(
                actor=actor,
                action="import.history",
                extra={
                    "files": [Path(f).name for f in result.files],
                    "rows": result.rows,
                    "instansi_created": result.instansi_created,
                    "instansi_linked": result.instansi_linked,
                    "results_created": result.results_created,
                    "results_updated": result.results_updated,
                    "results_replaced": result.results_replaced,
                    "skipped": [
                        {"instansi": s.instansi, "year": s.year, "source": s.source}
                        for s in result.skipped
                    ],
                },
            )
    return result


@dataclass(frozen=True)
class NationalPoint:
    year: int
    framework: str
    index: Decimal
    domains: dict[str, Decimal | None]
    source: str


@functools.cache
def national_history() -> tuple[NationalPoint, ...]:
    """The national SPBE index per year (2018–2024), oldest first, from national.yaml."""
    data = yaml.safe_load(NATIONAL_FILE.read_text(encoding="utf-8"))
    return tuple(
        NationalPoint(
            year=int(point["year"]),
            framework=point["framework"],
            index=Decimal(point["index"]),
            domains={
                code: Decimal(value) if value is not None else None
                for code, value in point["domains"].items()
            },
            source=data["source"],
        )
        for point in data["series"]
    )


# -- reading -----------------------------------------------------------------------------
def _read(path: Path, make_row) -> list[_Row]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"{path}: berkas tidak ditemukan.") from None
    try:
        table = read_table(data, None, limits=_LIMITS, formats=(CSV,))
    except TableError as error:
        raise ValidationError(f"{path}: {error.text}") from None
    header = [name.strip() for name in table.rows[0].cells] if table.rows else []  # CSV: text
    rows = []
    for line in table.rows[1:]:
        cells = [*line.cells] + [""] * (len(header) - len(line.cells))
        try:
            rows.append(make_row(dict(zip(header, cells, strict=False))))
        except (KeyError, ValueError, InvalidOperation) as error:
            raise ValidationError(f"{path} baris {line.number}: {_reason(error)}") from None
    if not rows:
        raise ValidationError(f"{path}: tidak ada baris data.")
    return rows


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"kolom {error.args[0]} tidak ada"
    if isinstance(error, InvalidOperation):
        return "angka tidak sah"
    return str(error)


def _pemda_row(record: dict) -> _Row:
    kind = record["jenis"].strip()
    if kind not in PEMDA_KINDS:
        raise ValueError(f"jenis '{kind}' bukan provinsi/kabupaten/kota")
    key = record["instansi_key"].strip()
    if not key:
        raise ValueError("instansi_key kosong")
    return _row(record, key=key, kind=kind, province_name=record["provinsi"].strip())


def _pusat_row(record: dict) -> _Row:
    return _row(
        record,
        key=slugify(record["instansi"])[:KEY_MAX],
        kind=InstansiKind.PUSAT,
        province_name="",
    )


def _row(record: dict, *, key: str, kind: str, province_name: str) -> _Row:
    name = record["instansi"].strip()
    if not name or not key:
        raise ValueError("nama instansi kosong")
    year = int(record["tahun"])
    return _Row(
        year=year,
        key=key,
        name=name,
        kind=kind,
        province_name=province_name,
        index=_decimal(record["indeks"]),
        domains={code: _printed(record[column]) for code, column in DOMAIN_COLUMNS.items()},
        predikat=record["predikat"].strip(),
        source=SOURCE.format(year=year, table=record["tabel_sumber"].strip()),
        note=record["catatan"].strip()[:NOTE_MAX],
    )


def _printed(raw: str) -> str | None:
    """A domain value as printed ("4.70"), checked to be a number; empty stays None."""
    raw = raw.strip()
    if not raw:
        return None
    Decimal(raw)  # raises InvalidOperation on anything that is not a number
    return raw


def _decimal(raw: str) -> Decimal | None:
    raw = raw.strip()
    return Decimal(raw) if raw else None


# -- writing -----------------------------------------------------------------------------
def _short_name(name: str) -> str:
    return name.removeprefix("Pemerintah ").strip()


def _instansi_ensure(rows: list[_Row], result: HistoryLoadResult) -> dict[str, Instansi]:
    """Every instansi of the rows by key: existing ones reused, missing ones created."""
    keys = {row.key for row in rows}
    existing = {i.instansi_key: i for i in Instansi.objects.filter(instansi_key__in=keys)}
    first = {}
    for row in rows:
        first.setdefault(row.key, row)
    # provinces (and instansi pusat) first: kabupaten/kota point at their province
    province_key = {row.province_name: row.key for row in rows if row.kind == InstansiKind.PROVINSI}
    top = [r for r in first.values() if r.kind not in (InstansiKind.KABUPATEN, InstansiKind.KOTA)]
    _create(existing, [r for r in top if r.key not in existing], {}, result)
    lower = [r for r in first.values() if r.kind in (InstansiKind.KABUPATEN, InstansiKind.KOTA)]
    parents = {}
    for row in lower:
        key = province_key.get(row.province_name)
        if key is None:
            raise ValidationError(
                f"{row.name} ({row.year}): provinsi '{row.province_name}' tidak ada di tabel."
            )
        parents[row.key] = existing[key]
    _create(existing, [r for r in lower if r.key not in existing], parents, result)
    to_link = [
        existing[r.key]
        for r in lower
        if existing[r.key].province_id is None
        and existing[r.key].kind in (InstansiKind.KABUPATEN, InstansiKind.KOTA)
    ]
    for instansi in to_link:
        instansi.province = parents[instansi.instansi_key]
    Instansi.objects.bulk_update(to_link, ["province"])
    result.instansi_linked = len(to_link)
    return existing


def _create(existing, rows: list[_Row], parents: dict, result: HistoryLoadResult) -> None:
    created = Instansi.objects.bulk_create(
        [
            Instansi(
                name=row.name,
                short_name=_short_name(row.name),
                kind=row.kind,
                instansi_key=row.key,
                province=parents.get(row.key),
            )
            for row in rows
        ]
    )
    if created and created[0].pk is None:  # a backend that does not return keys
        created = list(Instansi.objects.filter(instansi_key__in=[r.key for r in rows]))
    existing.update({i.instansi_key: i for i in created})
    result.instansi_created += len(created)


def from_national_table(year: int, source: str) -> bool:
    """Whether a result of `year` with this source came from the national report tables
    (this loader); any other source was recorded by a person."""
    return source.startswith(SOURCE.format(year=year, table=""))


def _results_store(
    rows: list[_Row], instansi: dict[str, Instansi], result, *, replace: bool, actor
) -> None:
    ids = {key: i.pk for key, i in instansi.items()}
    current = {
        (r.instansi_id, r.year): r
        for r in PublishedResult.objects.filter(
            instansi_id__in=ids.values(), year__in={row.year for row in rows}
        )
    }
    to_create, to_update, replaced = [], [], []
    for row in rows:
        wanted = {
            "framework_code": framework_in_force(row.year),
            "index": row.index,
            "domains": row.domains,
            "predikat": row.predikat,
            "source": row.source,
            "note": row.note,
            "verified": True,
        }
        existing = current.get((ids[row.key], row.year))
        if existing is None:
            to_create.append(PublishedResult(instansi_id=ids[row.key], year=row.year, **wanted))
        elif all(getattr(existing, name) == value for name, value in wanted.items()):
            result.results_unchanged += 1
        elif not from_national_table(row.year, existing.source) and not replace:
            result.skipped.append(
                SkippedResult(row.name, row.year, existing.index, existing.source)
            )
        else:
            before = {name: getattr(existing, name) for name in wanted}
            for name, value in wanted.items():
                setattr(existing, name, value)
            to_update.append(existing)
            if not from_national_table(row.year, before["source"]):
                replaced.append((existing, before, wanted, instansi[row.key]))
    PublishedResult.objects.bulk_create(to_create, batch_size=500)
    PublishedResult.objects.bulk_update(to_update, RESULT_FIELDS, batch_size=500)
    result.results_created = len(to_create)
    result.results_replaced = len(replaced)
    result.results_updated = len(to_update) - len(replaced)
    for record, before, after, owner in replaced:
        audit_record(
            actor=actor,
            action="published_result.replaced",
            target=record,
            instansi=owner,
            changes=diff_fields(before, after),
            extra={"by": "import.history", "replace": True},
        )
