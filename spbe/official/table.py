"""Checking the rows of a filled-in template: indicators, stage columns and values."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from spbe.evaluations.services import external_source_message
from spbe.frameworks.models import Framework, Indicator
from spbe.official.parsed import (
    OPTIONAL_COLUMNS,
    OfficialImportError,
    import_stages,
    template_columns,
)

_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


def _header(table: list[tuple[int, list[Any]]], columns: list[str]) -> dict[str, int]:
    """Column name → position, or an error naming what is missing or unknown."""
    if not table or not any(table[0][1]):
        raise OfficialImportError(_("Berkas kosong: tidak ada baris judul."), code="kosong")
    header = [str(h).strip().lower() for h in table[0][1]]
    while header and not header[-1]:
        header.pop()
    required = [c for c in columns if c not in OPTIONAL_COLUMNS]
    missing = [c for c in required if c not in header]
    unknown = [h for h in header if h not in columns]
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    if missing or unknown or duplicated:
        parts = []
        if missing:
            parts.append(_("kolom tidak ada: %(c)s") % {"c": ", ".join(missing)})
        if unknown:
            parts.append(_("kolom tidak dikenal: %(c)s") % {"c": ", ".join(unknown)})
        if duplicated:
            parts.append(_("kolom ganda: %(c)s") % {"c": ", ".join(duplicated)})
        raise OfficialImportError(
            _("baris 1: judul kolom tidak sesuai templat (%(detail)s). Kolom templat: %(cols)s.")
            % {"detail": "; ".join(parts), "cols": ", ".join(columns)},
            code="judul_kolom",
        )
    return {name: header.index(name) for name in columns if name in header}


def table_values(
    table: list[tuple[int, list[Any]]], framework: Framework, indicators: list[Indicator]
) -> tuple[dict[int, dict[str, Decimal]], dict[int, str]]:
    """Every data row checked; all problems collected before anything is refused."""
    stages = import_stages(framework)
    positions = _header(table, template_columns(framework))
    by_key: dict[str, Indicator] = {}
    for indicator in indicators:
        by_key[str(indicator.number)] = indicator
        by_key.setdefault(str(indicator.code), indicator)
    values: dict[int, dict[str, Decimal]] = {}
    notes: dict[int, str] = {}
    seen: dict[int, int] = {}
    errors: list[str] = []

    def get(row: list[Any], name: str) -> Any:
        pos = positions.get(name)
        return row[pos] if pos is not None and pos < len(row) else ""

    for line, row in table[1:]:
        if not any(str(v) for v in row):
            continue
        key = _indicator_key(get(row, "indikator"))
        if not key:
            errors.append(_("baris %(n)d: kolom indikator kosong") % {"n": line})
            continue
        indicator = by_key.get(key)
        if indicator is None:
            errors.append(
                _("baris %(n)d: indikator %(key)s tidak ada di kerangka %(fw)s")
                % {"n": line, "key": key, "fw": framework.name}
            )
            continue
        if indicator.number in seen:
            errors.append(
                _("baris %(n)d: indikator %(key)s sudah ada di baris %(first)d (baris ganda)")
                % {"n": line, "key": key, "first": seen[indicator.number]}
            )
            continue
        seen[indicator.number] = line
        external = indicator.source == indicator.Source.EXTERNAL
        if external and any(get(row, stage) != "" for stage in stages):
            errors.append(
                _("baris %(n)d: %(why)s Kosongkan nilainya.")
                % {"n": line, "why": external_source_message(indicator, framework)}
            )
            continue
        row_values: dict[str, Decimal] = {}
        for stage in stages:
            raw = get(row, stage)
            if raw == "":
                continue
            try:
                row_values[stage] = cell_value(raw, framework, indicator)
            except ValueError as exc:
                errors.append(
                    _("baris %(n)d: %(why)s (kolom %(col)s)")
                    % {"n": line, "why": exc, "col": stage}
                )
        if row_values:
            values[indicator.number] = row_values
        note = str(get(row, "catatan_asesor")).strip()
        if note:
            notes[indicator.number] = note
    if errors:
        raise OfficialImportError(errors, code="baris_tidak_valid")
    if not values:
        raise OfficialImportError(
            _("Tidak ada nilai yang diisi: isi setidaknya satu kolom %(columns)s.")
            % {"columns": ", ".join(stages)},
            code="tanpa_nilai",
        )
    return values, notes


def _indicator_key(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip().rstrip(".")


def cell_value(raw: Any, framework: Framework, indicator: Indicator) -> Decimal:
    """A cell as a value of the framework; ValueError with the reason in Bahasa Indonesia."""
    word = _("level") if framework.value_kind == Framework.ValueKind.INTEGER else _("nilai")
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, int | float):
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    else:
        text = str(raw).strip()
        if not _NUMBER.match(text):
            raise ValueError(
                _("%(word)s '%(raw)s' bukan angka untuk indikator %(ind)s")
                % {"word": word, "raw": text, "ind": indicator.code}
            )
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
            raise ValueError(text) from exc
    shown = _shown(value)
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise ValueError(
            _("%(word)s %(v)s memiliki lebih dari 2 angka desimal untuk indikator %(ind)s")
            % {"word": word, "v": shown, "ind": indicator.code}
        )
    in_range = value == 0 or framework.value_min <= value <= framework.value_max
    if not in_range:
        raise ValueError(
            _("%(word)s %(v)s di luar rentang %(range)s untuk indikator %(ind)s")
            % {"word": word, "v": shown, "range": range_text(framework), "ind": indicator.code}
        )
    if framework.value_kind == Framework.ValueKind.INTEGER and value != value.to_integral_value():
        raise ValueError(
            _("%(word)s %(v)s harus bilangan bulat untuk indikator %(ind)s")
            % {"word": word, "v": shown, "ind": indicator.code}
        )
    return value.quantize(Decimal("0.01"))


def _shown(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.normalize() else format(value, "f")
    return text.replace(".", ",")


def range_text(framework: Framework) -> str:
    """ "0–5" for whole levels; "0 atau 1,00–5,00" where values below the minimum cannot exist."""
    high = framework.value_max
    if framework.value_kind == Framework.ValueKind.INTEGER:
        return f"0–{high.normalize():f}"
    low = framework.value_min
    return _("0 atau %(low)s–%(high)s") % {
        "low": _shown(low.quantize(Decimal("0.01"))),
        "high": _shown(high.quantize(Decimal("0.01"))),
    }
