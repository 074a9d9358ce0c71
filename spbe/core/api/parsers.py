"""Request parsers shared by the API views that read a JSON object body."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser


class JSONObjectParser(JSONParser):
    """JSON whose top level must be an object: views call `request.data.get(...)`, and an
    array, string or null body would otherwise end in a 500 instead of a clear 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(_("Isi permintaan harus berupa objek JSON ({...})."))
        return data


# The default parsers with the JSON one replaced; set as `parser_classes` on API views.
OBJECT_PARSERS = [JSONObjectParser, FormParser, MultiPartParser]
