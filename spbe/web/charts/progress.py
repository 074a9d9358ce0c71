"""One-line stacked progress bar: belum diisi / draf / diajukan / perlu perbaikan / disetujui."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from spbe.core.numbers import fmt_id, fmt_percent

from .svg import (
    BG,
    TEXT,
    DataTable,
    clean,
    css_class,
    document,
    esc,
    num,
    placeholder,
    text_el,
    text_width,
    truncate,
)

#: Default fills by a keyword in the part's CSS class, with the text colour that reads on it
#: (>= 4.5:1). A page stylesheet may restyle `.seg.<class>`; these are the fallback.
STATUS_FILLS = (
    ("belum", "#d0d7de", TEXT),
    ("draf", "#f2cc60", TEXT),
    ("perbaikan", "#b42318", BG),
    ("ditolak", "#b42318", BG),
    ("diajukan", "#2f6aa3", BG),
    ("disetujui", "#1a7f37", BG),
    ("selesai", "#1a7f37", BG),
)
OTHER_FILLS = (("#6f3fa6", BG), ("#a14700", BG), ("#57606a", BG), ("#0b4f8a", BG))


def _fill(cls: str, index: int) -> tuple[str, str]:
    lowered = cls.lower()
    for keyword, fill, fg in STATUS_FILLS:
        if keyword in lowered:
            return fill, fg
    return OTHER_FILLS[index % len(OTHER_FILLS)]


def _normalise(parts):
    result = []
    for part in parts or ():
        label, count = clean(part[0]), int(part[1] or 0)
        cls = css_class(part[2]) if len(part) > 2 else ""
        result.append((label, max(count, 0), cls))
    return result


def progress_table(parts, *, title: str = "") -> DataTable:
    data = _normalise(parts)
    total = sum(count for _l, count, _c in data)
    rows = [
        [label, str(count), fmt_percent(Decimal(count) * 100 / total) if total else "–"]
        for label, count, _c in data
    ]
    rows.append([_("Jumlah"), str(total), fmt_percent(100) if total else "–"])
    return DataTable(
        caption=clean(title), header=[_("Status"), _("Jumlah"), _("Persen")], rows=rows
    )


def stacked_progress(
    parts: Sequence,
    *,
    title: str | None = None,
    desc: str | None = None,
    chart_id: str | None = None,
) -> str:
    """SVG one-line progress bar from ``[(label, count, css_class), ...]`` in order.

    Each segment carries ``class="seg <css_class>"`` and a default fill; counts are written
    in segments wide enough to hold them, and the legend below repeats every part as
    "label: count (percent)", so nothing depends on colour alone.
    """
    data = _normalise(parts)
    title = clean(title) if title else _("Kemajuan pengisian")
    total = sum(count for _l, count, _c in data)
    if total == 0:
        return placeholder("progress", title, ident=chart_id)
    width, bar_y, bar_h, size = 480.0, 2.0, 30.0, 13.0
    body: list[str] = [
        f'<rect x="0.5" y="{num(bar_y - 0.5)}" width="{num(width - 1)}" height="{num(bar_h + 1)}" '
        f'rx="4" fill="{BG}" stroke="#8c959f" stroke-width="1"/>'
    ]
    x = 1.0
    inner = width - 2
    legend_items = []
    for index, (label, count, cls) in enumerate(data):
        fill, fg = _fill(cls, index)
        share = Decimal(count) * 100 / total
        legend_items.append((label, count, share, fill, cls))
        if not count:
            continue
        w = inner * count / total
        tip = f"{label}: {count} ({fmt_percent(share)})"
        body.append(
            f'<g class="part"><title>{esc(tip)}</title>'
            f'<rect class="seg {cls}" x="{num(x)}" y="{num(bar_y)}" width="{num(w)}" '
            f'height="{num(bar_h)}" fill="{fill}" stroke="{BG}" stroke-width="1"/>'
        )
        if w >= text_width(str(count), size) + 8:
            body.append(
                text_el(
                    x + w / 2,
                    bar_y + bar_h / 2 + size * 0.36,
                    str(count),
                    size=size,
                    anchor="middle",
                    fill=fg,
                    weight="bold",
                )
            )
        body.append("</g>")
        x += w
    # legend: swatch + "label: n (p%)", flowing onto rows
    y = bar_y + bar_h + 12
    lx = 0.0
    row_h = size + 10
    rows = 1
    body.append('<g class="legend">')
    for label, count, share, fill, cls in legend_items:
        text = f"{truncate(label, 32)}: {count} ({fmt_percent(share, 0)})"
        item_w = 18 + text_width(text, size) + 18
        if lx and lx + item_w > width:
            lx = 0.0
            y += row_h
            rows += 1
        body.append(
            f'<rect class="swatch {cls}" x="{num(lx)}" y="{num(y)}" width="12" height="12" '
            f'fill="{fill}" stroke="{TEXT}" stroke-width="0.75"/>'
        )
        body.append(text_el(lx + 18, y + 11, text, size=size, fill=TEXT))
        lx += item_w
    body.append("</g>")
    height = y + row_h
    summary = "; ".join(
        f"{label} {count} ({fmt_percent(share)})" for label, count, share, _f, _c in legend_items
    )
    auto_desc = _("Dari %(total)s butir: %(parts)s.") % {
        "total": fmt_id(total, 0),
        "parts": summary,
    }
    return document(
        kind="progress",
        width=width,
        height=height,
        title=title,
        desc=clean(desc) if desc else auto_desc,
        body=body,
        ident=chart_id,
    )
