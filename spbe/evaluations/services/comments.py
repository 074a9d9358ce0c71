"""Comment threads on an indicator, with @username mentions."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.evaluations.access import sees_assessment
from spbe.evaluations.models import Assessment, Comment
from spbe.evaluations.services import notifications
from spbe.evaluations.services._common import ensure_unlocked
from spbe.organizations.permissions import scope_for

User = get_user_model()
MENTION = re.compile(r"(?<![\w.@])@([\w.+-]+)")
MAX_LENGTH = 5000


def mentioned_usernames(body: str) -> list[str]:
    """Usernames written as @name in the text (trailing dots dropped), in order, once."""
    names: list[str] = []
    for raw in MENTION.findall(body):
        name = raw.rstrip(".")
        if name and name.lower() not in (n.lower() for n in names):
            names.append(name)
    return names


@transaction.atomic
def comment_add(*, actor, assessment: Assessment, body: str, request=None) -> Comment:
    """Add a comment. Anyone who sees the indicator and may write may comment (read-only
    roles: 403). Mentioned users who can see the indicator are notified; mentions of
    anybody else are ignored (nobody learns about an indicator they cannot see)."""
    if not sees_assessment(actor, assessment):
        raise Http404
    if not scope_for(actor).can_write_anything:
        raise PermissionDenied
    ensure_unlocked(assessment.cycle)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Komentar kosong.")})
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            {"body": _("Komentar terlalu panjang (maks. %(n)s karakter).") % {"n": MAX_LENGTH}}
        )
    comment = Comment.objects.create(assessment=assessment, author=actor, body=body)
    names = mentioned_usernames(body)
    mentioned = []
    if names:
        query = Q()
        for name in names:
            query |= Q(username__iexact=name)
        candidates = User.objects.filter(query, is_active=True)
        mentioned = [u for u in candidates if sees_assessment(u, assessment)]
        comment.mentions.set(mentioned)
    audit_record(
        actor=actor,
        action="comment.added",
        target=assessment,
        instansi=assessment.cycle.instansi,
        extra={"comment": comment.pk, "mentions": [u.username for u in mentioned]},
        request=request,
    )
    if mentioned:
        notifications.notify(
            recipients=mentioned,
            kind=notifications.Kind.MENTION,
            message=_("%(who)s menyebut Anda pada indikator %(i)s: %(body)s")
            % {
                "who": actor.display_name,
                "i": f"{assessment.indicator.code}. {assessment.indicator.short_name}",
                "body": body[:200],
            },
            assessment=assessment,
            exclude=actor,
        )
    return comment
