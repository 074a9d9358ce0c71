"""What the commands share: finding the framework, cycle and user, reading files, formatting
(`spbe score`, `spbe plan`, `spbe worksheet`, `spbe report`, `spbe package`).

Not a command (Django skips modules whose name starts with an underscore).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import DatabaseError

from spbe.evaluations.csvinput import CsvInputError, indicator_label, read_levels
from spbe.evaluations.models import Cycle
from spbe.frameworks.loader import shipped_framework_files
from spbe.frameworks.models import Framework
from spbe.frameworks.selectors import framework_engine_spec, framework_get
from spbe.frameworks.services import shipped_load
from spbe.scoring import FrameworkSpec


def framework_for_cli(code: str, stderr) -> tuple[Framework, FrameworkSpec]:
    """The latest loaded version of a framework and its engine spec.

    A shipped framework that is not in the database yet is loaded first (idempotent, the same
    as `spbe framework load --shipped`) with a note on stderr, so `spbe score` works right
    after `spbe migrate`. An unknown code is refused with the list of known ones.
    """
    shipped = {path.stem for path in shipped_framework_files()}
    try:
        try:
            framework = framework_get(code)
        except Framework.DoesNotExist:
            if code not in shipped:
                known = sorted(shipped | set(Framework.objects.values_list("code", flat=True)))
                raise CommandError(
                    f"kerangka '{code}' tidak dikenal; yang tersedia: {', '.join(known)}"
                ) from None
            stderr.write(
                f"Kerangka {code} belum dimuat; memuat kerangka bawaan "
                "(sama dengan: spbe framework load --shipped)."
            )
            shipped_load()
            framework = framework_get(code)
    except DatabaseError as error:
        raise CommandError(
            f"basis data belum siap ({error}); jalankan dulu: spbe migrate"
        ) from None
    return framework, framework_engine_spec(framework)


def cycle_for_cli(raw) -> Cycle:
    """The cycle with id `raw`, or a clear refusal."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise CommandError(f"--cycle harus nomor siklus (angka), bukan '{raw}'.") from None
    cycle = Cycle.objects.select_related("instansi", "framework").filter(pk=pk).first()
    if cycle is None:
        known = (
            ", ".join(f"{c.pk} ({c.name})" for c in Cycle.objects.order_by("pk")[:20])
            or "belum ada"
        )
        raise CommandError(f"Siklus {pk} tidak ada. Siklus yang ada: {known}.")
    return cycle


def user_for_cli(username: str):
    """The active user `username` (commands that act or read as someone), or a refusal."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Pengguna {username} tidak ada atau tidak aktif.")
    return user


def levels_for_cli(path: str, spec: FrameworkSpec, *, allow_zero: bool) -> dict[str, Decimal]:
    try:
        return read_levels(path, spec, allow_zero=allow_zero)
    except CsvInputError as error:
        hint = (
            "" if allow_zero or "bernilai 0" not in str(error) else " (hasil resmi: --allow-zero)"
        )
        raise CommandError(f"{error}{hint}") from None


def two(value: Decimal | None) -> str | None:
    """A published figure as a 2-decimal string ("3.79"); None stays None."""
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def exact_text(value: Fraction, fallback: Decimal) -> str:
    """The exact value as a decimal string when it terminates (3.7925), else 4 decimals."""
    denominator = value.denominator
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    if denominator != 1:
        return str(fallback)
    places = 2
    while (value * 10**places).denominator != 1:
        places += 1
    scaled = value.numerator * 10**places // value.denominator
    return str(Decimal(scaled).scaleb(-places))


def labels(keys) -> list[int | str]:
    return [indicator_label(key) for key in keys]


def table(rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    """Plain aligned text columns; the columns in ``right`` are right-aligned (numbers)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
