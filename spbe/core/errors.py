"""The shape of a refusal with a stable code: a ``ValidationError`` (a form error under the
field, a 400 from the API error handler) whose ``code`` is meant for tests and API clients
and whose message, in Bahasa Indonesia, is meant for people."""

from django.core.exceptions import ValidationError


class CodedValidationError(ValidationError):
    """One message with a stable ``code`` and its ``params``; ``text`` is what users read."""

    def __init__(self, message, *, code: str, params: dict | None = None):
        super().__init__(message, code=code, params=params)

    @property
    def text(self) -> str:
        """The message with its parameters filled in."""
        return self.messages[0]
