"""Query parameters of the API, parsed once so bad input answers 400, never 500."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes
from rest_framework.exceptions import ValidationError

from spbe.core.exports import FORMATS, XLSX_TYPE

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


def query_year(request, name: str = "year", *, required: bool = False) -> int | None:
    """The four-digit year in query parameter `name`; None when absent and not required.

    Anything else (missing when required, not a year) is a 400 with an Indonesian message."""
    raw = request.query_params.get(name, "").strip()
    if not raw and not required:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        raise ValidationError(
            {name: [_("Parameter %(name)s wajib berupa tahun (mis. 2027).") % {"name": name}]}
        )
    return int(raw)


# -- table exports: ?fmt=csv|xlsx on every .../export/ endpoint ------------------------------
EXPORT_FORMAT_PARAM = OpenApiParameter(
    "fmt", str, enum=list(FORMATS), description="csv (bawaan, UTF-8 dengan BOM) atau xlsx"
)
EXPORT_RESPONSES = {
    (200, "text/csv"): OpenApiTypes.BINARY,
    (200, XLSX_TYPE): OpenApiTypes.BINARY,
}


def export_format(request) -> str:
    """The export format asked for (`fmt`, default csv); anything else is a 400."""
    fmt = request.query_params.get("fmt", "csv").strip().lower() or "csv"
    if fmt not in FORMATS:
        raise ValidationError({"fmt": [_("Format ekspor harus csv atau xlsx.")]})
    return fmt
