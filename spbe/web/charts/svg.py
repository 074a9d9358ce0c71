"""Low-level SVG pieces shared by the charts: escaping, numbers, text, the document shell.

Everything here produces plain strings. Every piece of text that can come from user data
goes through `esc()`; coordinates go through `num()` (always a dot, never a locale).
Only presentation attributes are used (no <style>, no CSS-only features, no
dominant-baseline), so the same markup renders in browsers and in WeasyPrint-style PDF
renderers; a page stylesheet may still override the fills through the class names.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

SVG_NS = "http://www.w3.org/2000/svg"
FONT_FAMILY = "'DejaVu Sans', sans-serif"
TEXT = "#1b1f24"  # 16:1 on white
MUTED = "#57606a"  # 6.4:1 on white
GRID = "#d0d7de"
AXIS = "#57606a"
BG = "#ffffff"

#: Average advance of a DejaVu Sans glyph in em (it is a wide face); used to fit labels.
CHAR_EM = 0.6


@dataclass(frozen=True)
class SeriesStyle:
    """How one series is drawn: colour, line dash and marker shape, so that series differ
    by more than colour (printouts in grey, colour-blind readers)."""

    color: str
    dash: str | None
    marker: str
    name: str


#: Up to three series. Colours have >= 4.5:1 contrast on white.
SERIES_STYLES = (
    SeriesStyle("#0b4f8a", None, "circle", "garis penuh, titik bulat"),
    SeriesStyle("#a14700", "8 4", "square", "garis putus-putus, titik kotak"),
    SeriesStyle("#6f3fa6", "2 3", "triangle", "garis titik-titik, titik segitiga"),
    SeriesStyle("#1a6b30", "12 3 2 3", "diamond", "garis titik-strip, titik belah ketupat"),
)


def series_style(index: int) -> SeriesStyle:
    return SERIES_STYLES[index % len(SERIES_STYLES)]


@dataclass(frozen=True)
class DataTable:
    """A chart's data as a plain table, for a (visually hidden) <table> beside the SVG."""

    caption: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def as_rows(self) -> list[list[str]]:
        """Header first, then the data rows."""
        return [list(self.header), *[list(row) for row in self.rows]]


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_CLASS_INVALID = re.compile(r"[^A-Za-z0-9_-]")


def clean(value) -> str:
    """Text with characters that XML cannot hold removed and whitespace collapsed."""
    return " ".join(_XML_INVALID.sub("", "" if value is None else str(value)).split())


def esc(value) -> str:
    """Escape for XML text and attribute values (quotes included)."""
    return html.escape(clean(value), quote=True)


def css_class(value) -> str:
    """A user-supplied CSS class reduced to safe characters."""
    return " ".join(_CLASS_INVALID.sub("", part) for part in str(value or "").split()).strip()


def num(value: float) -> str:
    """A coordinate: at most 2 decimals, a dot, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_EM


def truncate(text: str, max_chars: int) -> str:
    text = clean(text)
    if len(text) <= max_chars:
        return text
    return text[: max(1, max_chars - 1)].rstrip() + "…"


def wrap(text: str, max_chars: int, max_lines: int = 3) -> list[str]:
    """Word-wrap `text` into at most `max_lines` lines of `max_chars`; the last line ends
    with "…" when the text does not fit (the full text is in the <title> and the table)."""
    max_chars = max(4, max_chars)
    words = clean(text).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > max_chars:  # a word longer than a line is cut
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:max_chars])
            word = word[max_chars:]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= max_chars:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = truncate(lines[-1] + " …", max_chars)
        if not lines[-1].endswith("…"):
            lines[-1] = truncate(lines[-1], max_chars - 1) + "…"
    return lines or [""]


def text_el(
    x: float,
    y: float,
    content,
    *,
    size: float = 12,
    anchor: str = "start",
    fill: str = TEXT,
    weight: str | None = None,
    cls: str | None = None,
    extra: str = "",
) -> str:
    attrs = f'x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{fill}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if cls:
        attrs += f' class="{cls}"'
    if extra:
        attrs += " " + extra
    return f"<text {attrs}>{esc(content)}</text>"


def lines_el(
    x: float,
    y: float,
    lines: Sequence[str],
    *,
    size: float = 12,
    line_height: float | None = None,
    anchor: str = "start",
    fill: str = TEXT,
    weight: str | None = None,
    cls: str | None = None,
) -> str:
    """Several lines as one <text> with <tspan>s; `y` is the first baseline."""
    line_height = line_height or size * 1.2
    attrs = f'font-size="{num(size)}" fill="{fill}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if cls:
        attrs += f' class="{cls}"'
    spans = "".join(
        f'<tspan x="{num(x)}" y="{num(y + i * line_height)}">{esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}>{spans}</text>"


def marker_el(
    shape: str,
    x: float,
    y: float,
    color: str,
    *,
    r: float = 4.5,
    tip: str = "",
    hollow: bool = False,
) -> str:
    """A data point marker with an optional tooltip; class "point" for counting in tests.
    `hollow`: an outline only (class "point provisional"), for a figure not final yet."""
    title = f"<title>{esc(tip)}</title>" if tip else ""
    if hollow:
        common = f'class="point provisional" fill="{BG}" stroke="{color}" stroke-width="2.5"'
    else:
        common = f'class="point" fill="{color}" stroke="{BG}" stroke-width="1.5"'
    if shape == "square":
        s = r * 0.9
        body = (
            f'<rect {common} x="{num(x - s)}" y="{num(y - s)}" '
            f'width="{num(2 * s)}" height="{num(2 * s)}"'
        )
    elif shape == "triangle":
        s = r * 1.2
        pts = (
            f"{num(x)},{num(y - s)} {num(x + s)},{num(y + s * 0.8)} {num(x - s)},{num(y + s * 0.8)}"
        )
        body = f'<polygon {common} points="{pts}"'
    elif shape == "diamond":
        s = r * 1.25
        pts = (
            f"{num(x)},{num(y - s)} {num(x + s)},{num(y)} "
            f"{num(x)},{num(y + s)} {num(x - s)},{num(y)}"
        )
        body = f'<polygon {common} points="{pts}"'
    else:
        body = f'<circle {common} cx="{num(x)}" cy="{num(y)}" r="{num(r)}"'
    return f"{body}>{title}</{body.split()[0][1:]}>" if title else f"{body}/>"


def legend(
    entries: Sequence[tuple[str, SeriesStyle]], *, width: float, y: float, size: float = 12
) -> tuple[str, float]:
    """A legend of line samples + markers + names, centred, wrapping onto several rows; a
    name too long for the width wraps onto a second line (then ends with "…").

    Returns the markup and the height it takes.
    """
    max_chars = min(60, int((width - 16 - 62) / (size * CHAR_EM)))
    items = []
    for label, style in entries:
        lines = wrap(label, max_chars, 2)
        items.append((lines, style, 44 + max(text_width(line, size) for line in lines) + 18))
    rows: list[list[tuple[list[str], SeriesStyle, float]]] = [[]]
    row_width = 0.0
    for item in items:
        if rows[-1] and row_width + item[2] > width - 16:
            rows.append([])
            row_width = 0.0
        rows[-1].append(item)
        row_width += item[2]
    out = ['<g class="legend">']
    line_height = size * 1.2
    top = y
    for row in rows:
        total = sum(item[2] for item in row)
        x = (width - total) / 2
        cy = top + size * 0.6
        for lines, style, w in row:
            dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
            out.append(
                f'<line x1="{num(x)}" y1="{num(cy)}" x2="{num(x + 32)}" y2="{num(cy)}" '
                f'stroke="{style.color}" stroke-width="2.5"{dash}/>'
            )
            out.append(marker_el(style.marker, x + 16, cy, style.color))
            if len(lines) == 1:
                out.append(text_el(x + 40, cy + size * 0.35, lines[0], size=size))
            else:
                out.append(lines_el(x + 40, cy + size * 0.35, lines, size=size))
            x += w
        top += (max(len(item[0]) for item in row) - 1) * line_height + size + 10
    out.append("</g>")
    return "".join(out), top - y


def halo_text(
    x: float, y: float, content: str, *, size: float = 12, bold: bool = True, cls: str = "value"
) -> str:
    """Centred text with a white halo drawn as a separate element underneath (works where
    paint-order does not), so a value stays readable over lines and bands."""
    common = f'x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="middle"'
    if bold:
        common += ' font-weight="bold"'
    return (
        f'<text {common} fill="{BG}" stroke="{BG}" stroke-width="3.5" stroke-linejoin="round" '
        f'aria-hidden="true">{esc(content)}</text>'
        f'<text {common} fill="{TEXT}" class="{cls}">{esc(content)}</text>'
    )


def chart_id(prefix: str, *parts) -> str:
    digest = hashlib.sha1(repr(parts).encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{prefix}-{digest}"


def document(
    *,
    kind: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    body: Iterable[str],
    ident: str | None = None,
) -> str:
    """The <svg> shell: viewBox only (scales to any width), role="img", <title>, <desc>."""
    ident = css_class(ident) or chart_id("chart", kind, title, desc)
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {num(width)} {num(height)}" '
        f'class="chart-svg chart-{kind}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{FONT_FAMILY}" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ident}-title">{esc(title)}</title>'
        f'<desc id="{ident}-desc">{esc(desc)}</desc>'
        f"{''.join(body)}</svg>"
    )


def placeholder(kind: str, title: str, *, message: str | None = None, ident=None) -> str:
    """The chart to show when there is nothing to draw: a dashed box, "Belum ada data"."""
    message = message or _("Belum ada data")
    body = [
        f'<rect x="1" y="1" width="598" height="118" rx="8" fill="#f6f8fa" stroke="{GRID}" '
        f'stroke-width="2" stroke-dasharray="6 4"/>',
        text_el(300, 66, message, size=16, anchor="middle", fill=MUTED, cls="empty"),
    ]
    return document(
        kind=f"{kind} chart-empty",
        width=600,
        height=120,
        title=title,
        desc=message,
        body=body,
        ident=ident,
    )


def list_values(pairs: Iterable[tuple[str, str]]) -> str:
    """ "A 3,00; B 1,90" for a <desc>."""
    return "; ".join(f"{clean(label)} {value}" for label, value in pairs)


def polar(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)
