"""Who sees and changes evaluation work, built only on the one rule
(`spbe.organizations.permissions`).

- **See a cycle**: anyone who sees its instansi (a responden sees that the cycle exists).
- **See a cycle's instansi-wide figures** (index per stage, every indicator's levels: the
  stage overview, the scores API, the dashboards, points lost, stage comparison, planner,
  what-if): users who see all data of the instansi (`sees_whole_instansi`). A person limited
  to units (responden or pimpinan granted on a unit) gets 404 there, as for the indicators of
  other units; their units' scorecards and indicators stay open to them.
- **See an assessment**: users who see all data of the instansi (koordinator, asesor,
  pimpinan, pembina, instansi-wide responden, administrators); a unit-restricted user sees the
  indicators their units lead or contribute to. Everybody else: 404.
- **Fill in the self-assessment** (level claim, FAKTA/ANALISIS, submit): whoever edits the work
  of the lead unit or of a contributing unit (`Scope.edits_unit`): the unit's responden, the
  instansi's koordinator.
- **Review**: the assessment's reviewer; when none is set, any asesor of the instansi; and the
  instansi's koordinator.
- **Coordinate** (cycles, assignments, final self-assessment level, external stages, bulk
  values): the instansi's koordinator (and administrators).

Refusals follow the rule: not visible → 404, visible but not allowed → 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from spbe.organizations.permissions import scope_for
from spbe.organizations.scope import Scope


def assessment_q(scope: Scope, prefix: str = "") -> Q:
    """Filter for assessments the user sees; `prefix` is the path to the assessment.

    May join contributing units: call `.distinct()` on the queryset when it matters.
    """
    p = f"{prefix}__" if prefix else ""
    if scope.is_admin:
        return Q()
    if scope.is_anonymous:
        return Q(pk__in=[])
    return Q(**{f"{p}cycle__instansi_id__in": scope.full_instansi_ids}) | (
        Q(**{f"{p}cycle__instansi_id__in": scope.instansi_ids})
        & (
            Q(**{f"{p}lead_unit_id__in": scope.unit_ids})
            | Q(**{f"{p}contributing_units__in": scope.unit_ids})
        )
    )


def _unit_ids(assessment) -> set[int]:
    """Lead and contributing unit ids (uses the prefetch cache when present)."""
    ids = {u.pk for u in assessment.contributing_units.all()}
    if assessment.lead_unit_id:
        ids.add(assessment.lead_unit_id)
    return ids


def sees_whole_instansi(user, cycle) -> bool:
    """Whether the user may see the cycle's instansi-wide figures (see the module docstring)."""
    return scope_for(user).sees_whole_instansi(cycle.instansi_id)


def sees_assessment(user, assessment) -> bool:
    scope = scope_for(user)
    if scope.sees_whole_instansi(assessment.cycle.instansi_id):
        return True
    if assessment.cycle.instansi_id not in scope.instansi_ids:
        return False
    return bool(_unit_ids(assessment) & scope.unit_ids)


def coordinates(user, cycle) -> bool:
    """Whether the user coordinates the cycle's instansi (koordinator or administrator)."""
    return scope_for(user).manages_instansi(cycle.instansi_id)


def fills_in(user, assessment) -> bool:
    """Whether the user may write the self-assessment of this indicator."""
    scope = scope_for(user)
    if scope.manages_instansi(assessment.cycle.instansi_id):
        return True
    instansi_id = assessment.cycle.instansi_id
    if instansi_id in scope.edit_instansi_ids:
        return True
    return bool(_unit_ids(assessment) & scope.edit_unit_ids)


def reviews(user, assessment) -> bool:
    """Whether the user may review this indicator (accept, return, set the reviewed level)."""
    scope = scope_for(user)
    instansi_id = assessment.cycle.instansi_id
    if scope.manages_instansi(instansi_id):
        return True
    if instansi_id not in scope.review_instansi_ids:
        return False
    return assessment.reviewer_id is None or assessment.reviewer_id == user.pk


def _refuse(user, assessment) -> None:
    if sees_assessment(user, assessment):
        raise PermissionDenied
    raise Http404


def ensure_fills_in(user, assessment) -> None:
    if not fills_in(user, assessment):
        _refuse(user, assessment)


def ensure_reviews(user, assessment) -> None:
    if not reviews(user, assessment):
        _refuse(user, assessment)


def ensure_coordinates(user, cycle) -> None:
    """403 for users who see the cycle's instansi but do not coordinate it, else 404."""
    if coordinates(user, cycle):
        return
    if scope_for(user).sees_instansi(cycle.instansi_id):
        raise PermissionDenied
    raise Http404


def may_write(user) -> bool:
    """False for users whose every role is read-only (pimpinan, pembina) or who have none."""
    return scope_for(user).can_write_anything
