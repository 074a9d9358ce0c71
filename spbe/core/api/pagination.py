"""The API's pagination: LimitOffset with the page size capped and the numbers checked, so
`?limit=10000000` or an offset past what a database integer holds answers a bounded page
or a 400, never a 500."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

from spbe.core.api.params import MAX_ID_DIGITS


class CappedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 500

    def get_offset(self, request):
        raw = request.query_params.get(self.offset_query_param, "").strip()
        if len(raw) > MAX_ID_DIGITS:
            raise ValidationError({self.offset_query_param: [_("Parameter offset terlalu besar.")]})
        return super().get_offset(request)
