"""Request parsers shared by the API views that read a JSON object body."""

import json

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser


class JSONObjectParser(JSONParser):
    """JSON whose top level must be an object: views call `request.data.get(...)`, and an
    array, string or null body would otherwise end in a 500 instead of a clear 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except ParseError as exc:
            # DRF's message carries the json module's English reason; say where instead.
            cause = exc.__context__
            if isinstance(cause, json.JSONDecodeError):
                raise ParseError(
                    _("Isi permintaan bukan JSON yang valid (baris %(line)s, kolom %(column)s).")
                    % {"line": cause.lineno, "column": cause.colno}
                ) from None
            raise ParseError(_("Isi permintaan bukan JSON yang valid.")) from None
        if not isinstance(data, dict):
            raise ParseError(_("Isi permintaan harus berupa objek JSON ({...})."))
        return data


# The default parsers with the JSON one replaced; set as `parser_classes` on API views.
OBJECT_PARSERS = [JSONObjectParser, FormParser, MultiPartParser]
