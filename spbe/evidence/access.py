"""Who sees and changes evidence, built only on the one rule (`spbe.organizations.permissions`).

- **See a document**: users who see all data of its instansi (koordinator, asesor, pimpinan,
  pembina, responden granted on the whole instansi, administrators); a unit-restricted user
  (responden/pimpinan on a unit) sees it when its owner unit is one of theirs, or when it is
  linked to an indicator their units lead or contribute to. Everybody else: 404.
- **Change a document** (metadata, new revision, archive): whoever edits its owner unit's work
  (`Scope.edits_unit`); a document without an owner unit: the instansi's koordinator or a
  responden granted on the whole instansi. Seen but not changeable: 403.
- **Link evidence to an assessment**: whoever fills in its self-assessment
  (`spbe.evaluations.access.fills_in`: the lead or a contributing unit's editors, the
  instansi's koordinator); seeing an assessment is `spbe.evaluations.access.sees_assessment`.
"""

from __future__ import annotations

from django.db.models import Q

from spbe.evidence.registry import link_provider
from spbe.organizations.permissions import scope_for
from spbe.organizations.scope import Scope


def document_q(scope: Scope) -> Q:
    """Filter for Document querysets: the documents the user sees (see the module docstring)."""
    if scope.is_admin:
        return Q()
    if scope.is_anonymous:
        return Q(pk__in=[])
    # Which documents support an indicator of the user's units is evaluations' knowledge.
    supports_their_indicator = link_provider().linked_document_q(scope)
    return Q(instansi_id__in=scope.full_instansi_ids) | (
        Q(instansi_id__in=scope.instansi_ids)
        & (Q(owner_unit_id__in=scope.unit_ids) | supports_their_indicator)
    )


def can_edit_document(user, document) -> bool:
    scope = scope_for(user)
    if scope.is_admin:
        return True
    if document.owner_unit_id is not None:
        return scope.edits_unit(document.owner_unit)
    return _edits_whole_instansi(scope, document.instansi_id)


def can_create_in(user, instansi_id: int, owner_unit=None) -> bool:
    """Whether the user may add a document to `instansi_id` owned by `owner_unit`."""
    scope = scope_for(user)
    if owner_unit is not None:
        return scope.edits_unit(owner_unit)
    return _edits_whole_instansi(scope, instansi_id)


def can_upload_anywhere(user) -> bool:
    """False for users who change no unit's work (asesor, pimpinan, pembina): their evidence
    writes are refused before the request is read."""
    scope = scope_for(user)
    return scope.is_admin or bool(
        scope.manage_instansi_ids or scope.edit_unit_ids or scope.edit_instansi_ids
    )


def _edits_whole_instansi(scope: Scope, instansi_id: int) -> bool:
    return (
        scope.is_admin
        or instansi_id in scope.manage_instansi_ids
        or instansi_id in scope.edit_instansi_ids
    )
