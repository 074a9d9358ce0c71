"""Bar chart: points lost per indicator, units ranked by completion, comparisons with a
reference line (e.g. the national average)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

from spbe.core.numbers import EMPTY, fmt_id, fmt_percent, to_decimal

from .svg import (
    AXIS,
    GRID,
    MUTED,
    TEXT,
    DataTable,
    clean,
    document,
    esc,
    halo_text,
    lines_el,
    num,
    placeholder,
    text_el,
    text_width,
    truncate,
    wrap,
)

BAR = "#4a78a8"  # 4.6:1 on white
BAR_HIGHLIGHT = "#a14700"  # 5.9:1 on white; highlighted bars also get a bold label + outline
REFERENCE = "#1b1f24"


def _bar_rect(x: float, y: float, width: float, height: float, *, marked: bool) -> str:
    """One bar, horizontal or vertical; a marked bar is darker and outlined (not colour only)."""
    outline = f' stroke="{TEXT}" stroke-width="1.5"' if marked else ""
    return (
        f'<rect class="bar" x="{num(x)}" y="{num(y)}" '
        f'width="{num(width)}" height="{num(height)}" '
        f'fill="{BAR_HIGHLIGHT if marked else BAR}"{outline}/>'
    )


def value_formatter(value_format) -> Callable[[object], str]:
    """None → 2 decimals; "percent" → "87,5%"; "int" → "12"; an int → that many decimals;
    or any callable."""
    if callable(value_format):
        return value_format
    if value_format is None or value_format == "number":
        return fmt_id
    if value_format == "percent":
        return fmt_percent
    if value_format == "int":
        return lambda v: fmt_id(v, 0)
    if isinstance(value_format, int):
        return lambda v: fmt_id(v, value_format)
    raise ValueError(f"value_format tidak dikenal: {value_format!r}")


def _normalise(items):
    return [(clean(item[0]), to_decimal(item[1])) for item in items or ()]


def _highlighted(highlight) -> set[str]:
    if highlight is None:
        return set()
    if isinstance(highlight, str):
        return {clean(highlight)}
    return {clean(h) for h in highlight}


def bar_table(items, *, title: str = "", value_format=None, reference=None) -> DataTable:
    fmt = value_formatter(value_format)
    rows = [
        [label, fmt(value) if value is not None else EMPTY] for label, value in _normalise(items)
    ]
    if reference is not None:
        rows.append([clean(reference[0]), fmt(to_decimal(reference[1]))])
    return DataTable(caption=clean(title), header=[_("Butir"), _("Nilai")], rows=rows)


def _describe(data, fmt, reference, horizontal) -> str:
    kind = _("Diagram batang") + (" " + _("mendatar") if horizontal else "")
    parts = [_("%(kind)s, %(n)d butir.") % {"kind": kind, "n": len(data)}]
    if len(data) <= 12:
        parts.append(
            "; ".join(f"{label} {fmt(v) if v is not None else EMPTY}" for label, v in data) + "."
        )
    else:
        known = [(v, label) for label, v in data if v is not None]
        ranked = sorted(known, key=lambda item: item[0], reverse=True)
        top = "; ".join(f"{label} {fmt(v)}" for v, label in ranked[:3])
        bottom = "; ".join(f"{label} {fmt(v)}" for v, label in ranked[-3:])
        parts.append(
            _("Tertinggi: %(top)s. Terendah: %(bottom)s. Data lengkap ada di tabel.")
            % {"top": top, "bottom": bottom}
        )
    if reference is not None:
        parts.append(f"{clean(reference[0])}: {fmt(to_decimal(reference[1]))}.")
    return " ".join(parts)


def bar_chart(
    items: Sequence,
    *,
    title: str,
    max_value=None,
    horizontal: bool = True,
    value_format=None,
    highlight=None,
    reference: tuple | None = None,
    desc: str | None = None,
    chart_id: str | None = None,
) -> str:
    """SVG bar chart, one bar per ``(label, value)`` in the given order.

    `max_value`: the full-length value (100 for percentages); default the largest value.
    `value_format`: see `value_formatter`. `highlight`: a label or labels drawn in the
    highlight colour with a bold label and outline (e.g. the province among its kab/kota).
    `reference`: ``(label, value)`` drawn as a dashed line across the bars (e.g.
    ``("Rata-rata nasional", Decimal("2.79"))``). Values are clamped to [0, max_value]
    for drawing; the text shows the real value; None draws no bar and "–".
    """
    title = clean(title)
    data = _normalise(items)
    if not data or all(v is None for _l, v in data):
        return placeholder("bar", title, ident=chart_id)
    fmt = value_formatter(value_format)
    marked = _highlighted(highlight)
    ref_value = to_decimal(reference[1]) if reference is not None else None
    known = [float(v) for _l, v in data if v is not None]
    if max_value is not None:
        top_value = float(max_value)
    else:
        top_value = max(known + ([float(ref_value)] if ref_value is not None else []))
    top_value = top_value if top_value > 0 else 1.0

    def fraction(value) -> float:
        return min(max(float(value), 0.0), top_value) / top_value

    body: list[str] = []
    if horizontal:
        size, row_h, bar_h, width = 13.0, 28.0, 18.0, 680.0
        longest = max(text_width(label, size) for label, _v in data)
        label_w = min(max(longest, 60.0), 250.0) + 12
        value_w = max(text_width(fmt(v) if v is not None else EMPTY, size) for _l, v in data) + 14
        x0 = label_w
        plot_w = width - label_w - value_w - 8
        head = 22.0 if reference is not None else 6.0
        height = head + len(data) * row_h + 8
        max_chars = int((label_w - 12) / (size * 0.6))
        for i, (label, value) in enumerate(data):
            y = head + i * row_h
            is_marked = label in marked
            text = fmt(value) if value is not None else EMPTY
            body.append(
                f'<g class="row{" highlight" if is_marked else ""}">'
                f"<title>{esc(label)}: {esc(text)}</title>"
            )
            body.append(
                text_el(
                    x0 - 10,
                    y + row_h / 2 + size * 0.35,
                    truncate(label, max_chars),
                    size=size,
                    anchor="end",
                    weight="bold" if is_marked else None,
                    cls="label",
                )
            )
            w = plot_w * fraction(value) if value is not None else 0.0
            if value is not None:
                body.append(_bar_rect(x0, y + (row_h - bar_h) / 2, w, bar_h, marked=is_marked))
            body.append(
                text_el(
                    x0 + w + 6,
                    y + row_h / 2 + size * 0.35,
                    text,
                    size=size,
                    weight="bold" if is_marked else None,
                    cls="value",
                )
            )
            body.append("</g>")
        body.insert(
            0,
            f'<line x1="{num(x0)}" y1="{num(head - 2)}" x2="{num(x0)}" y2="{num(height - 6)}" '
            f'stroke="{AXIS}" stroke-width="1"/>',
        )
        if ref_value is not None:
            rx = x0 + plot_w * fraction(ref_value)
            label = f"{truncate(reference[0], 40)}: {fmt(ref_value)}"
            anchor = "end" if rx > x0 + plot_w * 0.6 else "start"
            body.insert(
                1,
                f'<line class="reference-line" x1="{num(rx)}" y1="{num(head - 6)}" '
                f'x2="{num(rx)}" y2="{num(height - 4)}" stroke="{REFERENCE}" stroke-width="1.5" '
                f'stroke-dasharray="5 3"/>',
            )
            body.append(
                '<g class="reference">'
                + text_el(
                    rx + (4 if anchor == "start" else -4),
                    head - 9,
                    label,
                    size=12,
                    anchor=anchor,
                    weight="bold",
                )
                + "</g>"
            )
    else:
        size, width, plot_h = 12.0, 680.0, 220.0
        left, right = 44.0, 12.0
        n = len(data)
        col = (width - left - right) / n
        bar_w = min(col * 0.62, 64.0)
        rotate = col < 64
        max_chars = 18 if rotate else max(4, int(col / (size * 0.6)))
        label_lines = [
            [truncate(label, max_chars)] if rotate else wrap(label, max_chars, 3)
            for label, _v in data
        ]
        if rotate:
            label_h = max(text_width(lines[0], size) for lines in label_lines) * 0.72 + 14
        else:
            label_h = max(len(lines) for lines in label_lines) * size * 1.2 + 10
        top = 26.0
        base = top + plot_h
        height = base + label_h + 8
        body.append('<g class="axis">')
        for step in range(1, 6):  # value gridlines at fifths of the full length
            tick = top_value * step / 5
            ty = base - plot_h * step / 5
            body.append(
                f'<line x1="{num(left)}" y1="{num(ty)}" x2="{num(width - right)}" '
                f'y2="{num(ty)}" stroke="{GRID}" stroke-width="1"/>'
            )
            tick_text = fmt_id(tick, 0 if float(tick).is_integer() else 1)
            body.append(text_el(left - 6, ty + 4, tick_text, size=11, anchor="end", fill=MUTED))
        body.append(
            f'<line x1="{num(left)}" y1="{num(base)}" x2="{num(width - right)}" y2="{num(base)}" '
            f'stroke="{AXIS}" stroke-width="1"/></g>'
        )
        grid_end = len(body)
        for i, ((label, value), lines) in enumerate(zip(data, label_lines, strict=True)):
            cx = left + col * (i + 0.5)
            is_marked = label in marked
            text = fmt(value) if value is not None else EMPTY
            h = plot_h * fraction(value) if value is not None else 0.0
            body.append(
                f'<g class="row{" highlight" if is_marked else ""}">'
                f"<title>{esc(label)}: {esc(text)}</title>"
            )
            if value is not None:
                body.append(_bar_rect(cx - bar_w / 2, base - h, bar_w, h, marked=is_marked))
            body.append(halo_text(cx, base - h - 6, text, bold=is_marked))
            weight = "bold" if is_marked else None
            if rotate:
                body.append(
                    text_el(
                        cx + 4,
                        base + 14,
                        lines[0],
                        size=size,
                        anchor="end",
                        weight=weight,
                        cls="label",
                        extra=f'transform="rotate(-45 {num(cx + 4)} {num(base + 14)})"',
                    )
                )
            else:
                body.append(
                    lines_el(
                        cx, base + 16, lines, size=size, anchor="middle", weight=weight, cls="label"
                    )
                )
            body.append("</g>")
        if ref_value is not None:
            # the line across the bars; its label goes in a key below, never over a bar
            ry = base - plot_h * fraction(ref_value)
            label = f"{truncate(reference[0], 50)}: {fmt(ref_value)}"
            key_w = 40 + text_width(label, 12)
            kx, ky = (width - key_w) / 2, height + 4
            body.insert(
                grid_end,
                f'<line class="reference-line" x1="{num(left)}" y1="{num(ry)}" '
                f'x2="{num(width - right)}" y2="{num(ry)}" stroke="{REFERENCE}" '
                f'stroke-width="1.5" stroke-dasharray="5 3"/>',
            )
            body.append(
                f'<g class="reference"><line x1="{num(kx)}" y1="{num(ky + 8)}" '
                f'x2="{num(kx + 32)}" y2="{num(ky + 8)}" '
                f'stroke="{REFERENCE}" stroke-width="1.5" stroke-dasharray="5 3"/>'
                + text_el(kx + 40, ky + 12, label, size=12, weight="bold")
                + "</g>"
            )
            height += 24
    return document(
        kind="bar",
        width=width,
        height=height,
        title=title,
        desc=clean(desc) if desc else _describe(data, fmt, reference, horizontal),
        body=body,
        ident=chart_id,
    )
