"""Navigation links, shown only to the roles that may use them (asks the permission rule)."""

from django import template

from spbe.organizations.permissions import scope_for

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_scope(context):
    """The current user's scope plus the first instansi they manage (for the nav links)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    scope = scope_for(user)
    managed = None
    if scope.is_admin or scope.manage_instansi_ids:
        from spbe.organizations.selectors import instansi_managed

        cache = "_spbe_nav_managed"
        if not hasattr(request, cache):
            setattr(request, cache, instansi_managed(user=user).first())
        managed = getattr(request, cache)
    return {"scope": scope, "managed": managed}
