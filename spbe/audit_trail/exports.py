"""The audit trail as a CSV or XLSX download, shared by the page and the API."""

from django.http import HttpResponse

from spbe.audit.selectors import EVENT_COLUMNS, event_rows
from spbe.core.exports import table_response

CHUNK_SIZE = 1000


def event_export_response(*, instansi, events, fmt: str = "csv") -> HttpResponse:
    """`events` (already scoped and filtered) as audit-<instansi>-<time>.csv|xlsx; the CSV is
    streamed."""
    return table_response(
        columns=EVENT_COLUMNS,
        rows=event_rows(events.iterator(chunk_size=CHUNK_SIZE)),
        filename=f"audit-{instansi.pk}",
        fmt=fmt,
        title="Jejak audit",
    )


def event_csv_response(*, instansi, events) -> HttpResponse:
    return event_export_response(instansi=instansi, events=events, fmt="csv")
