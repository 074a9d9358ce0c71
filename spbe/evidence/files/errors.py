"""The one error type for refused evidence files.

It is a ``ValidationError`` so that forms show it under the field and the API error handler
turns it into a 400 (ADR 0001, "Errors users can cause"). ``code`` is stable and meant for
tests and the API; the message is Bahasa Indonesia, wrapped for translation.
"""

from spbe.core.errors import CodedValidationError


class EvidenceFileError(CodedValidationError):
    """An uploaded evidence file was refused; ``code`` says why, the message says it to users."""
