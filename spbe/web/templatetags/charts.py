"""Template tags for the server-side SVG charts and Indonesian number formatting.

    {% load charts %}
    {% radar_chart axes title="Nilai domain 2024" %}
    {% radar_chart aspect_labels series=series title="Mandiri vs final" table="visible" %}
    {% trend_chart points title="Indeks SPBE" bands=bands breaks=breaks %}   (+ phone layout)
    {% bar_chart items title="Poin hilang" value_format=3 %}
    {% bar_chart units title="Kelengkapan" value_format="percent" max_value=100 %}
    {% stacked_progress parts title="Kemajuan pengisian" %}
    {{ value|id_number }}  {{ value|id_number:1 }}  {{ share|id_percent }}
    {{ level|level:cycle.framework }}   (or a FrameworkSpec, or "integer"/"decimal")

Every chart tag renders a <figure> holding the SVG (role="img", <title>, <desc>) and the
same data as a visually hidden <table> for screen readers (`table=False` leaves it out,
`table="visible"` shows it, e.g. under a chart in a printed report). Labels are escaped
inside the chart functions, so the output is safe to mark safe.
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from spbe.core.templatetags import numbers
from spbe.web import charts

register = template.Library()


def _figure(kind: str, svg: str, table: charts.DataTable | None, mode) -> str:
    # The chart functions escape every label and the table template autoescapes.
    return mark_safe(
        render_to_string(
            "web/charts/figure.html",
            {
                "kind": kind,
                "svg": mark_safe(svg),
                "table": table if mode else None,
                "table_visible": mode == "visible",
            },
        )
    )


@register.simple_tag
def radar_chart(axes, *, title, table=True, **options):
    svg = charts.radar_chart(axes, title=title, **options)
    data = charts.radar_table(
        axes, series=options.get("series"), name=options.get("name"), title=title
    )
    return _figure("radar", svg, data if data.rows else None, table)


@register.simple_tag
def trend_chart(points, *, title, table=True, **options):
    """Two drawings of the same data: the wide one, and a compact one that a phone shows
    instead (charts.css switches them by screen width), so on a 390px screen the whole
    chart fits without scrolling and its text stays legible."""
    svg = charts.trend_chart(points, title=title, **options) + charts.trend_chart(
        points, title=title, compact=True, **options
    )
    data = charts.trend_table(points, title=title, breaks=options.get("breaks"))
    return _figure("trend chart-responsive", svg, data if data.rows else None, table)


@register.simple_tag
def bar_chart(items, *, title, table=True, **options):
    svg = charts.bar_chart(items, title=title, **options)
    data = charts.bar_table(
        items,
        title=title,
        value_format=options.get("value_format"),
        reference=options.get("reference"),
    )
    return _figure("bar", svg, data if data.rows else None, table)


@register.simple_tag
def stacked_progress(parts, *, title=None, table=True, **options):
    svg = charts.stacked_progress(parts, title=title, **options)
    data = charts.progress_table(parts, title=title or "")
    has_data = any(row[1] != "0" for row in data.rows)
    return _figure("progress", svg, data if has_data else None, table)


# The number filters are defined once in spbe.core; registered here too so a chart template
# needs one {% load charts %}.
register.filter("id_number", numbers.id_number)
register.filter("level", numbers.level)
register.filter("id_percent", numbers.id_percent)
