"""Query parameters of the API, parsed once so bad input answers 400, never 500."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

# Larger ids cannot exist (64-bit keys); refusing them keeps them away from the database.
MAX_ID_DIGITS = 18


def query_id(request, name: str, *, required: bool = False) -> int | None:
    """The positive integer id in query parameter `name`; None when absent and not required.

    Raises a 400 (`ValidationError` with an Indonesian message on `name`) when it is missing
    but required, or is not a whole number. Whether the object exists and is visible stays the
    caller's business (selectors answer 404).
    """
    raw = request.query_params.get(name, "").strip()
    if not raw:
        if required:
            raise ValidationError({name: [_("Parameter %(name)s wajib diisi.") % {"name": name}]})
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_ID_DIGITS:
        raise ValidationError(
            {name: [_("Parameter %(name)s harus berupa ID (bilangan bulat).") % {"name": name}]}
        )
    return int(raw)
