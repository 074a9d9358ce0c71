"""A trend chart's data: series, framework breaks, provisional points, runs and the table."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from spbe.core.numbers import EMPTY, fmt_id, to_decimal

from .svg import DataTable, clean


def normalise(points, breaks):
    """(series in order, (series, year) → value, sorted (break year, label)) of the input."""
    series_order: list[str] = []
    values: dict[tuple[str, int], Decimal | None] = {}
    for point in points or ():
        year, value = int(point[0]), to_decimal(point[1])
        name = clean(point[2]) if len(point) > 2 and point[2] is not None else ""
        if name not in series_order:
            series_order.append(name)
        if (name, year) in values:
            raise ValueError(f"tahun {year} muncul dua kali pada seri {name!r}")
        values[(name, year)] = value
    norm_breaks: list[tuple[int, str]] = []
    for item in breaks or ():
        if isinstance(item, int):
            norm_breaks.append((item, _("Kerangka berganti")))
        else:
            norm_breaks.append((int(item[0]), clean(item[1])))
    norm_breaks.sort()
    return series_order, values, norm_breaks


def series_label(name: str) -> str:
    """A series' name in the legend and table (an unnamed series is "Indeks")."""
    return name or _("Indeks")


def provisional_note() -> str:
    """The words every provisional point carries."""
    return _("sementara, belum lengkap")


def provisional_keys(provisional) -> set[tuple[str, int]]:
    """(series, year) of each provisional point; an entry may be a year (every series) or
    (year, series)."""
    keys: set[tuple[str, int]] = set()
    for item in provisional or ():
        if isinstance(item, int):
            keys.add(("*", item))
        else:
            keys.add((clean(item[1]) if item[1] is not None else "", int(item[0])))
    return keys


def is_provisional(keys: set[tuple[str, int]], name: str, year: int) -> bool:
    """Whether the point of `name` in `year` is provisional (see `provisional_keys`)."""
    return (name, year) in keys or ("*", year) in keys


def segments(points, breaks=None, provisional=None) -> dict[str, list[list[tuple[int, Decimal]]]]:
    """The runs a line is drawn through, per series: a run ends at a missing year, at a
    missing value and at a framework break (a break year B separates B-1 from B); a
    provisional point stands alone (no line joins an unfinished figure to final ones)."""
    series_order, values, norm_breaks = normalise(points, breaks)
    keys = provisional_keys(provisional)
    break_years = [year for year, _label in norm_breaks]
    result: dict[str, list[list[tuple[int, Decimal]]]] = {}
    for name in series_order:
        years = sorted(y for (s, y) in values if s == name)
        runs: list[list[tuple[int, Decimal]]] = []
        current: list[tuple[int, Decimal]] = []
        previous: int | None = None
        for year in years:
            value = values[(name, year)]
            if value is None:
                if current:
                    runs.append(current)
                current, previous = [], None
                continue
            alone = is_provisional(keys, name, year) or (
                previous is not None and is_provisional(keys, name, previous)
            )
            split = previous is not None and (
                alone or year - previous > 1 or any(previous < b <= year for b in break_years)
            )
            if split and current:
                runs.append(current)
                current = []
            current.append((year, value))
            previous = year
        if current:
            runs.append(current)
        result[name] = runs
    return result


def trend_table(points, *, title: str = "", breaks=None, provisional=None) -> DataTable:
    """One row per year, one column per series; a last column names the framework break.
    A provisional value says so: "2,59 (sementara, belum lengkap)"."""
    series_order, values, norm_breaks = normalise(points, breaks)
    keys = provisional_keys(provisional)

    def cell(name: str, year: int) -> str:
        text = fmt_id(values.get((name, year)))
        if values.get((name, year)) is not None and is_provisional(keys, name, year):
            return f"{text} ({provisional_note()})"
        return text

    years = sorted({y for (_s, y) in values})
    header = [_("Tahun"), *[series_label(s) for s in series_order]]
    break_at = dict(norm_breaks)
    if norm_breaks:
        header.append(_("Catatan"))
    rows = []
    if years:
        for year in range(years[0], years[-1] + 1):
            row = [str(year), *[cell(s, year) for s in series_order]]
            if norm_breaks:
                row.append(break_at.get(year, ""))
            rows.append(row)
    return DataTable(caption=clean(title), header=header, rows=rows)


def describe(series_order, values, norm_breaks, first, last, runs, keys=frozenset()) -> str:
    """The chart's <desc>: every series' values, the years without data and the breaks."""
    parts = [_("Grafik tren %(a)d–%(b)d.") % {"a": first, "b": last}]
    for name in series_order:
        known = sorted((y, v) for (s, y), v in values.items() if s == name and v is not None)
        listed = "; ".join(
            f"{y} {fmt_id(v)}"
            + (f" ({provisional_note()})" if is_provisional(keys, name, y) else "")
            for y, v in known
        )
        parts.append(f"{series_label(name)}: {listed or EMPTY}.")
    covered = {y for (_s, y), v in values.items() if v is not None}
    missing = [str(y) for y in range(first, last + 1) if y not in covered]
    if missing:
        parts.append(_("Tahun tanpa data: %(years)s.") % {"years": ", ".join(missing)})
    for year, label in norm_breaks:
        if first < year <= last:
            parts.append(
                _("Antara %(a)d dan %(b)d: %(label)s; garis tidak disambung.")
                % {"a": year - 1, "b": year, "label": label}
            )
    return " ".join(parts)
