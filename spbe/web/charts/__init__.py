"""Server-side SVG charts: plain functions that return SVG markup strings.

No JavaScript and no network: the markup renders the same in a browser, on a phone
(viewBox only, so it scales to the container) and in a PDF renderer. Every chart has
role="img", a <title> and a Bahasa Indonesia <desc> summarising the data, and a companion
`*_table()` function giving the same data as rows for a visually hidden table. Every label
is escaped; numbers shown as text are Indonesian style (`spbe.core.numbers.fmt_id`).
"""

from .bar import bar_chart, bar_table, value_formatter
from .progress import progress_table, stacked_progress
from .radar import radar_chart, radar_table
from .svg import DataTable, placeholder
from .trend import trend_chart
from .trend_data import segments, trend_table

__all__ = [
    "DataTable",
    "bar_chart",
    "bar_table",
    "placeholder",
    "progress_table",
    "radar_chart",
    "radar_table",
    "segments",
    "stacked_progress",
    "trend_chart",
    "trend_table",
    "value_formatter",
]
