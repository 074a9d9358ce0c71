"""What `spbe report` and `spbe package` share: finding the unit, province, reader and year
(the cycle: `spbe.evaluations.management.commands._cli`), checking the output path,
building a document through the same registry as the background task and writing it whole
(never a half-written file).

Not a command (Django skips modules whose name starts with an underscore).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db.models import Q

from spbe.evaluations.management.commands._cli import user_for_cli
from spbe.evaluations.models import Cycle, Stage
from spbe.organizations.models import Instansi, InstansiKind, Unit
from spbe.reports.documents import registry
from spbe.reports.documents.common import DocumentError
from spbe.reports.models import GeneratedFile
from spbe.reports.services import province_report_year


def stage_for_cli(raw: str | None) -> str:
    if not raw:
        return ""
    if raw not in Stage.values:
        raise CommandError(f"Tahap '{raw}' tidak dikenal; pilih: {', '.join(Stage.values)}.")
    return raw


def unit_for_cli(cycle: Cycle, raw: str) -> Unit:
    """A unit of the cycle's instansi by id, short name or name (case-insensitive)."""
    units = Unit.objects.filter(instansi=cycle.instansi)
    query = Q(short_name__iexact=raw) | Q(name__iexact=raw)
    if str(raw).isdigit():
        query |= Q(pk=int(raw))
    found = list(units.filter(query)[:2])
    if len(found) != 1:
        names = ", ".join(u.short_name or u.name for u in units.order_by("name")[:40])
        why = "lebih dari satu unit cocok" if found else "unit tidak ditemukan"
        raise CommandError(f"--unit '{raw}': {why} di {cycle.instansi}. Unit yang ada: {names}.")
    return found[0]


def province_for_cli(raw: str | None) -> Instansi:
    """A province by id, short name, name or key (case-insensitive); without one, the only
    province that has evaluation cycles here (the instansi this installation serves)."""
    provinces = Instansi.objects.filter(kind=InstansiKind.PROVINSI, is_active=True)
    if raw:
        query = Q(short_name__iexact=raw) | Q(name__iexact=raw) | Q(instansi_key__iexact=raw)
        if str(raw).isdigit():
            query |= Q(pk=int(raw))
        found = list(provinces.filter(query)[:2])
        why = "lebih dari satu provinsi cocok" if found else "provinsi tidak ditemukan"
    else:
        found = list(provinces.filter(pk__in=Cycle.objects.values("instansi_id"))[:2])
        why = "pilih provinsinya dengan --province"
    if len(found) != 1:
        names = ", ".join(f"{p.pk} ({p.short_name or p.name})" for p in provinces.order_by("name"))
        option = f"--province {raw}" if raw else "--province"
        raise CommandError(f"{option}: {why}. Provinsi yang ada: {names or 'belum ada'}.")
    return found[0]


def reader_for_cli(raw: str | None):
    """The active user named `raw`; without one, a reader who sees everything, as an
    administrator does (whoever runs `spbe` on the server holds the whole database anyway).
    That reader is never saved."""
    if not raw:
        return get_user_model()(username="spbe-cli", is_superuser=True, is_active=True)
    return user_for_cli(raw)


def year_for_cli(raw: str | None, *, user, province: Instansi) -> int | None:
    """The year of the province report: one that has results, as the page offers them."""
    if raw is not None and not str(raw).isdigit():
        raise CommandError(f"--year harus tahun (angka), bukan '{raw}'.")
    try:
        return province_report_year(
            user=user, province=province, year=int(raw) if raw is not None else None
        )
    except ValidationError as exc:
        raise CommandError(f"--year {raw}: {' '.join(exc.messages)}") from None


def output_for_cli(raw: str, formats: tuple[str, ...]) -> tuple[Path, str]:
    """The output path and its format (from the extension), or a clear refusal."""
    path = Path(raw)
    extension = path.suffix.lower().lstrip(".")
    if extension not in formats:
        raise CommandError(
            f"--out {raw}: akhiran berkas harus {' atau '.join('.' + f for f in formats)}."
        )
    if not path.parent.resolve().is_dir():
        raise CommandError(f"--out {raw}: folder {path.parent} tidak ada.")
    return path, extension


def build_to_file(generated: GeneratedFile, path: Path, stdout) -> bytes:
    """Build the (unsaved) GeneratedFile's document and write it to `path` atomically."""
    try:
        content = registry.build(generated, lambda percent: None)
    except DocumentError as exc:
        raise CommandError(str(exc)) from None
    handle, temporary = tempfile.mkstemp(dir=path.parent.resolve(), suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"--out {path}: tidak dapat ditulis ({exc}).") from None
    stdout.write(f"{path} ({len(content):,} byte)".replace(",", "."))
    return content
