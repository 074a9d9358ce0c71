"""File handling for evidence uploads: plain functions, no models, no database.

Public API (import from here):

- ``inspect_upload(fileobj, *, filename, max_bytes, max_expanded_bytes) -> InspectedFile``
- ``EvidenceFileError`` (a ValidationError; ``.code`` is stable, ``.text`` is the message)
- ``safe_filename(name)``, ``content_disposition(filename)``
- ``extract_text(source, kind, *, max_chars, max_pages, time_budget) -> ExtractedText``
- ``normalise_for_search(text)``
- ``guess_document_date(text)``, ``guess_document_number(text)``
"""

from .dates import guess_document_date, guess_document_number
from .detect import ALLOWED_KINDS, MIME_TYPES, PREVIEWABLE_MIME_TYPES
from .errors import EvidenceFileError
from .extract import ExtractedText, extract_text
from .inspection import InspectedFile, inspect_upload
from .names import content_disposition, safe_filename
from .search import normalise_for_search

__all__ = [
    "ALLOWED_KINDS",
    "MIME_TYPES",
    "PREVIEWABLE_MIME_TYPES",
    "EvidenceFileError",
    "ExtractedText",
    "InspectedFile",
    "content_disposition",
    "extract_text",
    "guess_document_date",
    "guess_document_number",
    "inspect_upload",
    "normalise_for_search",
    "safe_filename",
]
