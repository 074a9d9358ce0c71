"""The audit trail as a CSV download, shared by the page and the API."""

from django.http import StreamingHttpResponse
from django.utils import timezone

from spbe.audit.selectors import event_csv_rows

CHUNK_SIZE = 1000


def event_csv_response(*, instansi, events) -> StreamingHttpResponse:
    """Stream `events` (already scoped and filtered) as audit-<instansi>-<time>.csv."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        event_csv_rows(events.iterator(chunk_size=CHUNK_SIZE)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="audit-{instansi.pk}-{stamp}.csv"'
    return response
