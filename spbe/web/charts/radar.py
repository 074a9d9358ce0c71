"""Radar (spider) chart of domains or aspects on the index scale, 1–3 series."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from spbe.core.numbers import fmt_id, to_decimal

from .svg import (
    AXIS,
    CHAR_EM,
    GRID,
    MUTED,
    TEXT,
    DataTable,
    clean,
    document,
    esc,
    legend,
    lines_el,
    list_values,
    marker_el,
    num,
    placeholder,
    polar,
    series_style,
    text_el,
    wrap,
)

MAX_SERIES = 3
MAX_AXES = 12

Series = list[tuple[str, list[Decimal | None]]]


def _normalise(axes, series, name) -> tuple[list[str], Series]:
    labels: list[str] = []
    first: list[Decimal | None] = []
    has_values = False
    for axis in axes or ():
        if isinstance(axis, str):
            labels.append(clean(axis))
            first.append(None)
        else:
            label, value = axis[0], axis[1]
            labels.append(clean(label))
            first.append(to_decimal(value))
            has_values = True
    result: Series = []
    if has_values:
        result.append((clean(name) if name else _("Nilai"), first))
    for series_name, values in series or ():
        if isinstance(values, Mapping):
            by_label = {clean(k): v for k, v in values.items()}
            row = [to_decimal(by_label.get(label)) for label in labels]
        else:
            values = list(values)
            if len(values) != len(labels):
                raise ValueError(
                    f"seri {series_name!r} punya {len(values)} nilai untuk {len(labels)} sumbu"
                )
            row = [to_decimal(v) for v in values]
        result.append((clean(series_name), row))
    if len(result) > MAX_SERIES:
        raise ValueError(f"grafik radar menampung paling banyak {MAX_SERIES} seri")
    if len(labels) > MAX_AXES:
        raise ValueError(f"grafik radar menampung paling banyak {MAX_AXES} sumbu")
    return labels, result


def radar_table(axes, *, series=None, name=None, title: str = "") -> DataTable:
    """The radar chart's data: one row per axis, one column per series."""
    labels, data = _normalise(axes, series, name)
    header = [_("Sumbu"), *[series_name for series_name, _values in data]]
    rows = [[label, *[fmt_id(values[i]) for _n, values in data]] for i, label in enumerate(labels)]
    return DataTable(caption=clean(title), header=header, rows=rows)


def _describe(labels, data, min_value, max_value) -> str:
    parts = [
        _("Grafik radar %(n)d sumbu, skala %(min)s sampai %(max)s.")
        % {"n": len(labels), "min": fmt_id(min_value, 0), "max": fmt_id(max_value, 0)}
    ]
    for series_name, values in data:
        parts.append(
            f"{series_name}: "
            + list_values((label, fmt_id(v)) for label, v in zip(labels, values, strict=True))
            + "."
        )
        empty = [label for label, v in zip(labels, values, strict=True) if v is None]
        if empty:
            parts.append(
                _("Tanpa nilai (tidak digambar): %(labels)s.") % {"labels": ", ".join(empty)}
            )
    if len(data) == 1:
        known = [(v, label) for label, v in zip(labels, data[0][1], strict=True) if v is not None]
        if len(known) > 1:
            high = max(known, key=lambda item: item[0])
            low = min(known, key=lambda item: item[0])
            parts.append(
                _("Tertinggi: %(hi)s (%(hv)s); terendah: %(lo)s (%(lv)s).")
                % {"hi": high[1], "hv": fmt_id(high[0]), "lo": low[1], "lv": fmt_id(low[0])}
            )
    return " ".join(parts)


def radar_chart(
    axes: Sequence,
    *,
    title: str,
    series: Sequence | None = None,
    name: str | None = None,
    max_value=5,
    min_value=0,
    desc: str | None = None,
    show_values: bool | None = None,
    chart_id: str | None = None,
) -> str:
    """SVG radar chart.

    `axes`: ``[(label, value), ...]`` (the values form the first series, called `name`), or
    bare labels when every series comes from `series`.
    `series`: ``[(series_name, values), ...]``, each `values` a list in axis order or a
    mapping label → value; at most 3 series in all. Values are clamped to
    [min_value, max_value] for drawing (the text shows the real value). A missing value
    (None) is not a 0: its vertex is skipped, the outline breaks on both sides of its axis
    (the fill joins the known vertices) and its label reads "–". Fewer than 3 axes fall
    back to a bar chart; no data gives the "Belum ada data" placeholder.
    """
    labels, data = _normalise(axes, series, name)
    title = clean(title)
    if not labels or not data or all(v is None for _n, values in data for v in values):
        return placeholder("radar", title, ident=chart_id)
    if len(labels) < 3:
        from .bar import bar_chart

        return bar_chart(list(zip(labels, data[0][1], strict=True)), title=title, chart_id=chart_id)

    lo, hi = float(min_value), float(max_value)
    span = (hi - lo) or 1.0
    if show_values is None:
        show_values = len(data) == 1

    width, radius, size = 560.0, 135.0, 14.0
    line_h = size * 1.2
    cx = width / 2
    n = len(labels)
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]
    # Lay the axis labels out first (relative to the centre) to know how much room the
    # top ones need.
    layout = []
    for i, (label, a) in enumerate(zip(labels, angles, strict=True)):
        cos, sin = math.cos(a), math.sin(a)
        if abs(cos) < 0.3:
            anchor, max_chars = "middle", 30
        else:
            anchor = "start" if cos > 0 else "end"
            max_chars = int((width / 2 - radius - 22) / (size * CHAR_EM))
        lines = wrap(label, max_chars, 3)
        value_line = fmt_id(data[0][1][i]) if show_values else None
        count = len(lines) + (1 if value_line else 0)
        dx, dy = polar(0, 0, radius + 14, a)
        if sin < -0.3:
            first = dy - (count - 1) * line_h
        elif sin > 0.3:
            first = dy + size
        else:
            first = dy - (count - 1) * line_h / 2 + size * 0.35
        layout.append((dx, first, anchor, lines, value_line, count))
    cy = 8 + max(size - first for _dx, first, *_rest in layout)

    def radius_of(value: Decimal) -> float:
        clamped = min(max(float(value), lo), hi)
        return (clamped - lo) / span * radius

    body: list[str] = ['<g class="grid">']
    ring_values = [v for v in range(math.floor(lo) + 1, math.floor(hi) + 1)]
    for v in ring_values:
        r = (v - lo) / span * radius
        pts = " ".join(f"{num(x)},{num(y)}" for x, y in (polar(cx, cy, r, a) for a in angles))
        body.append(
            f'<polygon class="ring" points="{pts}" fill="none" stroke="{GRID}" stroke-width="1"/>'
        )
    for a in angles:
        x, y = polar(cx, cy, radius, a)
        body.append(
            f'<line class="spoke" x1="{num(cx)}" y1="{num(cy)}" x2="{num(x)}" y2="{num(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
    tick_angle = -math.pi / 2 + math.pi / n  # halfway between the first two spokes
    for v in ring_values:
        r = (v - lo) / span * radius * math.cos(math.pi / n)
        tx, ty = polar(cx, cy, r, tick_angle)
        body.append(text_el(tx + 3, ty - 3, fmt_id(v, 0), size=11, fill=MUTED, cls="tick"))
    body.append("</g>")

    for index, (series_name, values) in enumerate(data):
        style = series_style(index)
        pts = [
            None if v is None else polar(cx, cy, radius_of(v), a)
            for v, a in zip(values, angles, strict=True)
        ]
        known = [p for p in pts if p is not None]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        stroke = f'stroke="{style.color}" stroke-width="2.5" stroke-linejoin="round"{dash}'
        gaps = len(known) < n
        body.append(
            f'<g class="series-group" data-series="{esc(series_name)}">'
            f'<polygon class="series series-{index}" '
            f'points="{" ".join(f"{num(x)},{num(y)}" for x, y in known)}" '
            f'fill="{style.color}" fill-opacity="{0.16 if index == 0 else 0.08}" '
            + ('stroke="none"/>' if gaps else f"{stroke}/>")
        )
        if gaps:  # the outline runs only between neighbouring known vertices
            edges = [
                (pts[i], pts[(i + 1) % n])
                for i in range(n)
                if pts[i] is not None and pts[(i + 1) % n] is not None
            ]
            d = " ".join(f"M{num(a[0])} {num(a[1])}L{num(b[0])} {num(b[1])}" for a, b in edges)
            if d:
                body.append(f'<path class="outline" d="{d}" fill="none" {stroke}/>')
        for point, v, label in zip(pts, values, labels, strict=True):
            if point is not None:
                tip = f"{series_name} · {label}: {fmt_id(v)}"
                body.append(marker_el(style.marker, point[0], point[1], style.color, tip=tip))
        body.append("</g>")

    bottom_extent = 0.0
    body.append('<g class="axis-labels">')
    for dx, rel_first, anchor, lines, value_line, count in layout:
        x, first = cx + dx, cy + rel_first
        body.append(lines_el(x, first, lines, size=size, anchor=anchor, fill=TEXT, cls="axis"))
        if value_line:
            body.append(
                text_el(
                    x,
                    first + len(lines) * line_h,
                    value_line,
                    size=size,
                    anchor=anchor,
                    weight="bold",
                    fill=series_style(0).color,
                    cls="value",
                )
            )
        bottom_extent = max(bottom_extent, first + (count - 1) * line_h + 6)
    body.append("</g>")

    height = max(cy + radius + 16, bottom_extent) + 10
    if len(data) > 1:
        markup, used = legend(
            [(series_name, series_style(i)) for i, (series_name, _v) in enumerate(data)],
            width=width,
            y=height,
            size=13,
        )
        body.append(markup)
        height += used + 8
    body.insert(
        0,
        f'<circle cx="{num(cx)}" cy="{num(cy)}" r="1.5" fill="{AXIS}" class="centre"/>',
    )
    return document(
        kind="radar",
        width=width,
        height=height,
        title=title,
        desc=clean(desc) if desc else _describe(labels, data, min_value, max_value),
        body=body,
        ident=chart_id,
    )
