"""Errors the scoring engine raises.

Both are ``ValueError`` subclasses so callers that already turn ``ValueError`` into a
user-facing message (forms, API error handler, CLI) need nothing special. Messages are in
Bahasa Indonesia because they reach users unchanged.
"""


class ScoringError(ValueError):
    """A value given to the engine cannot be scored (unknown indicator, bad value, ...).

    ``indicator`` names the offending indicator key when there is one, so a form can attach
    the message to the right field.
    """

    def __init__(self, message: str, *, indicator: str | None = None):
        super().__init__(message)
        self.indicator = indicator


class SpecError(ScoringError):
    """A framework specification is inconsistent (weights do not add up, bands overlap, ...)."""
