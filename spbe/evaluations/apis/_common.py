"""What the REST API modules of the cycle share: the write permission, the base view, the tag."""

from __future__ import annotations

from spbe.core.api.base import BaseApi as CoreBaseApi
from spbe.core.api.base import WritesWhen
from spbe.evaluations import access

TAG = ["evaluasi"]


class EvaluationWrites(WritesWhen):
    """Writes refused up front (403) for users whose every role is read-only."""

    def may_write(self, user) -> bool:
        return access.may_write(user)


class BaseApi(CoreBaseApi):
    permission_classes = [EvaluationWrites]


def validated(serializer_class, request, **kwargs):
    data = serializer_class(data=request.data, **kwargs)
    data.is_valid(raise_exception=True)
    return data.validated_data
