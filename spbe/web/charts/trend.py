"""Line chart of an index over the years, with predikat bands, gaps and framework breaks.

A line never crosses a missing year, and never crosses a framework break: values computed
under different frameworks (5/2018 → 59/2020 → Pemdi 8/2026) are different measures, so
each framework's run is its own segment, and a dashed vertical line with a label marks
the change.

A provisional point (a cycle still under way: an incomplete stage, not a result) is never
drawn like a final one: its marker is hollow, no line runs into it, and its label, tooltip,
description and table cell say "sementara, belum lengkap".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from spbe.core.numbers import fmt_id, to_decimal

from .svg import (
    AXIS,
    CHAR_EM,
    GRID,
    MUTED,
    TEXT,
    clean,
    document,
    esc,
    halo_text,
    legend,
    marker_el,
    num,
    placeholder,
    series_style,
    text_el,
    text_width,
    truncate,
)
from .trend_data import (
    describe,
    is_provisional,
    normalise,
    provisional_keys,
    provisional_note,
    segments,
    series_label,
)

#: Drawing width of the phone layout: at 12-unit text it scales to ~11px on a 360px screen.
COMPACT_WIDTH = 400.0

#: Pale tints for predikat bands, lowest band first; labels carry the meaning.
BAND_TINTS = ("#fbe3e1", "#fdf0d5", "#fbf8d0", "#e4f3e1", "#ddecf8", "#ece6f6")


def trend_chart(
    points: Sequence,
    *,
    title: str,
    bands: Sequence | None = None,
    breaks: Sequence | None = None,
    min_value=1,
    max_value=5,
    years: tuple[int, int] | None = None,
    show_values: bool | None = None,
    desc: str | None = None,
    chart_id: str | None = None,
    compact: bool = False,
    provisional: Sequence | None = None,
) -> str:
    """SVG line chart over years.

    `points`: ``[(year, value), ...]`` or ``[(year, value, series), ...]``; value may be
    None. `series` names a line (a framework such as "SPBE 59/2020", or "Kaltim" vs
    "Rata-rata nasional"); each series is a style (colour + dash + marker) in the legend.
    `bands`: ``[(name, min, max), ...]`` predikat bands, optionally
    ``(name, min, max, from_year, to_year)`` to limit a band to a framework's years.
    `breaks`: ``[(year, label), ...]``: a framework change between year-1 and year.
    `years`: ``(first, last)`` to widen the axis beyond the data.
    `compact`: the phone layout: a narrower drawing (same text sizes, so the text stays
    legible when it scales to a 360px screen), band names inside the plot, labels cut to
    fit; class "chart-compact" (see `{% trend_chart %}`, which renders both layouts).
    `provisional`: the points not final yet, as years or ``(year, series)``: hollow markers,
    no line into them, labelled "sementara, belum lengkap".
    """
    title = clean(title)
    series_order, values, norm_breaks = normalise(points, breaks)
    if not values or all(v is None for v in values.values()):
        return placeholder("trend chart-compact" if compact else "trend", title, ident=chart_id)
    data_years = sorted({y for (_s, y) in values})
    first, last = data_years[0], data_years[-1]
    if years:
        first, last = min(first, int(years[0])), max(last, int(years[1]))
    runs = segments(points, breaks, provisional)
    keys = provisional_keys(provisional)
    per_year: dict[int, list[Decimal]] = {}
    for (_s, year), value in values.items():
        if value is not None:
            per_year.setdefault(year, []).append(value)
    if show_values is None:
        show_values = max(len(v) for v in per_year.values()) <= 2

    lo, hi = float(min_value), float(max_value)
    span = (hi - lo) or 1.0
    width = COMPACT_WIDTH if compact else 680.0
    # wide: band names in a margin right of the plot; compact: inside it
    left, right_margin = 44.0, 100.0 if bands and not compact else 20.0
    plot_w = width - left - right_margin
    year_count = last - first + 1
    pad = min(36.0, plot_w / (2 * year_count))

    def x_of(year: float) -> float:
        if year_count == 1:
            return left + plot_w / 2
        return left + pad + (year - first) / (year_count - 1) * (plot_w - 2 * pad)

    def y_of(value) -> float:
        clamped = min(max(float(value), lo), hi)
        return top + plot_h - (clamped - lo) / span * plot_h

    # Break labels sit in rows above the plot; a label moves down a row when it would
    # overlap the one before it.
    visible_breaks = [(y, label) for y, label in norm_breaks if first < y <= last]
    label_rows: list[float] = []  # right end of the last label in each row
    placed: list[tuple[float, int, str, str]] = []
    for year, label in visible_breaks:
        bx = (x_of(year - 1) + x_of(year)) / 2
        anchor = "start" if bx < left + plot_w / 2 else "end"
        room = (width - 2 - bx - 5) if anchor == "start" else (bx - 5 - 2)
        label = truncate(label, min(60, int(room / (12 * CHAR_EM))))
        w = text_width(label, 12)
        start = bx + 5 if anchor == "start" else bx - 5 - w
        row = next((i for i, end in enumerate(label_rows) if start > end + 8), None)
        if row is None:
            label_rows.append(0.0)
            row = len(label_rows) - 1
        label_rows[row] = start + w
        placed.append((bx, row, anchor, label))
    top = 14.0 + len(label_rows) * 17 + (6 if label_rows else 0)
    plot_h = 260.0

    body: list[str] = []
    # where the points and their value labels go, so band labels can keep clear of them
    occupied = [
        (x_of(year) - 22, y_of(value) - 24, x_of(year) + 22, y_of(value) + 26)
        for name in series_order
        for run in runs[name]
        for year, value in run
    ]
    # predikat bands
    if bands:
        body.append('<g class="bands">')
        ranks: dict[tuple, int] = {}
        ordered = []
        for band in sorted(bands, key=lambda b: float(to_decimal(b[1]) or 0)):
            group = tuple(band[3:5])
            ordered.append((ranks.get(group, 0), band))
            ranks[group] = ranks.get(group, 0) + 1
        for rank, band in ordered:
            name, b_lo, b_hi = clean(band[0]), float(band[1]), float(band[2])
            from_year = band[3] if len(band) > 3 else None
            to_year = band[4] if len(band) > 4 else None
            if (from_year is not None and from_year > last) or (
                to_year is not None and to_year < first
            ):
                continue
            x0 = (
                left
                if from_year is None or from_year <= first
                else (x_of(from_year - 1) + x_of(from_year)) / 2
            )
            x1 = (
                left + plot_w
                if to_year is None or to_year >= last
                else (x_of(to_year) + x_of(to_year + 1)) / 2
            )
            y0, y1 = y_of(b_hi), y_of(b_lo)
            if y1 - y0 <= 0:
                continue
            body.append(
                f'<rect class="band" x="{num(x0)}" y="{num(y0)}" width="{num(x1 - x0)}" '
                f'height="{num(y1 - y0)}" fill="{BAND_TINTS[rank % len(BAND_TINTS)]}">'
                f"<title>{esc(name)}: {fmt_id(b_lo)}–{fmt_id(b_hi)}</title></rect>"
            )
            if y1 - y0 >= 12:
                if x1 >= left + plot_w - 0.5 and not compact:
                    body.append(
                        text_el(
                            x1 + 6,
                            (y0 + y1) / 2 + 4,
                            truncate(name, 14),
                            size=11,
                            fill=MUTED,
                            cls="band-label",
                        )
                    )
                else:
                    # inside the plot: the first corner of the band clear of the data
                    short = truncate(name, 14)
                    w = text_width(short, 10)
                    for tx, ty, anchor in (
                        (x0 + 4, y0 + 12, "start"),
                        (x1 - 4, y0 + 12, "end"),
                        (x0 + 4, y1 - 3, "start"),
                        (x1 - 4, y1 - 3, "end"),
                    ):
                        bx = tx if anchor == "start" else tx - w
                        if (
                            ty - 10 >= y0 - 1
                            and ty <= y1 + 1
                            and not any(
                                bx < ox1 and bx + w > ox0 and ty - 10 < oy1 and ty > oy0
                                for ox0, oy0, ox1, oy1 in occupied
                            )
                        ):
                            body.append(
                                text_el(
                                    tx,
                                    ty,
                                    short,
                                    size=10,
                                    anchor=anchor,
                                    fill=MUTED,
                                    cls="band-label",
                                )
                            )
                            break
        body.append("</g>")

    # value axis
    body.append('<g class="axis">')
    for v in range(math.ceil(lo), math.floor(hi) + 1):
        y = y_of(v)
        body.append(
            f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(left + plot_w)}" y2="{num(y)}" '
            f'stroke="{GRID if v != lo else AXIS}" stroke-width="1"/>'
        )
        body.append(text_el(left - 8, y + 4, fmt_id(v, 0), size=12, anchor="end", fill=MUTED))
    body.append(
        f'<line x1="{num(left)}" y1="{num(top)}" x2="{num(left)}" y2="{num(top + plot_h)}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
    )
    step = 1 if year_count <= (8 if compact else 14) else 2
    covered = {y for (_s, y), v in values.items() if v is not None}
    for year in range(first, last + 1):
        if (year - first) % step and year != last:
            continue
        x = x_of(year)
        body.append(
            f'<line x1="{num(x)}" y1="{num(top + plot_h)}" x2="{num(x)}" '
            f'y2="{num(top + plot_h + 5)}" stroke="{AXIS}"/>'
        )
        body.append(
            text_el(
                x,
                top + plot_h + 20,
                str(year),
                size=12,
                anchor="middle",
                fill=TEXT if year in covered else MUTED,
                cls="year",
            )
        )
    body.append("</g>")

    # framework breaks
    for bx, row, anchor, label in placed:
        body.append(
            f'<g class="break"><line x1="{num(bx)}" y1="{num(14 + row * 17 - 2)}" x2="{num(bx)}" '
            f'y2="{num(top + plot_h)}" stroke="{TEXT}" stroke-width="1.5" '
            f'stroke-dasharray="6 4"/>'
            + text_el(
                bx + 5 if anchor == "start" else bx - 5,
                14 + row * 17 + 10,
                label,
                size=12,
                anchor=anchor,
                fill=TEXT,
                weight="bold",
            )
            + "</g>"
        )

    # series
    for index, name in enumerate(series_order):
        style = series_style(index)
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        body.append(f'<g class="series series-{index}" data-series="{esc(series_label(name))}">')
        for run in runs[name]:
            if len(run) > 1:
                d = " ".join(
                    f"{'M' if i == 0 else 'L'}{num(x_of(y))} {num(y_of(v))}"
                    for i, (y, v) in enumerate(run)
                )
                body.append(
                    f'<path class="segment" d="{d}" fill="none" stroke="{style.color}" '
                    f'stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"{dash}/>'
                )
        for run in runs[name]:
            for year, value in run:
                x, y = x_of(year), y_of(value)
                unfinished = is_provisional(keys, name, year)
                tip = f"{series_label(name)} {year}: {fmt_id(value)}"
                if unfinished:
                    tip += f" ({provisional_note()})"
                body.append(
                    marker_el(style.marker, x, y, style.color, r=5, tip=tip, hollow=unfinished)
                )
                if unfinished:
                    body.append(
                        text_el(
                            x,
                            y + 22,
                            truncate(provisional_note(), 18 if compact else 30),
                            size=11,
                            anchor="middle",
                            fill=MUTED,
                            cls="provisional-label",
                        )
                    )
                if show_values and len(per_year[year]) <= 2:
                    # one value: above; two: the higher above, the lower below
                    below = (
                        len(per_year[year]) == 2
                        and value == min(per_year[year])
                        and (value != max(per_year[year]) or index > 0)
                    )
                    body.append(halo_text(x, y + 22 if below else y - 10, fmt_id(value)))
        body.append("</g>")

    height = top + plot_h + 34
    if len(series_order) > 1 or series_order[0]:
        markup, used = legend(
            [(series_label(n), series_style(i)) for i, n in enumerate(series_order)],
            width=width,
            y=height,
            size=13,
        )
        body.append(markup)
        height += used + 6
    return document(
        kind="trend chart-compact" if compact else "trend",
        width=width,
        height=height,
        title=title,
        desc=clean(desc)
        if desc
        else describe(series_order, values, norm_breaks, first, last, runs, keys),
        body=body,
        ident=chart_id,
    )
