"""The base of every API view: who may write, how lists are paginated, which bodies parse."""

from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView


class WritesWhen(permissions.IsAuthenticated):
    """Reads for any signed-in user (selectors scope the results); writes only for users
    `may_write` accepts, refused with 403 before the request body is read.

    Each app subclasses it with the question its own access rule answers, so the shape of
    the check lives here once and the rule stays with the app that owns it."""

    def may_write(self, user) -> bool:
        raise NotImplementedError

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or self.may_write(request.user)


def paginate(view, request, items, serializer_class):
    """One page of `items` serialised, in the project's page shape (count/next/previous)."""
    if view.pagination_class is None:
        return Response(serializer_class(items, many=True).data)
    paginator = view.pagination_class()
    page = paginator.paginate_queryset(items, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


# An app's API views derive from BaseApi and set `permission_classes` to their WritesWhen.
# (No docstring on purpose: drf-spectacular would print it on every operation of the schema.)
class BaseApi(APIView):
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    def paginate(self, request, items, serializer_class):
        return paginate(self, request, items, serializer_class)
