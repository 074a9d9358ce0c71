"""What the page modules of the cycle share."""

from django.core.exceptions import ValidationError


def error_text(exc: ValidationError) -> str:
    """A refusal as one line of text (for a message on the next page)."""
    return " ".join(exc.messages)
