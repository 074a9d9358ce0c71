"""Reads of assessments (indicators of a cycle), always scoped by the one rule."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Max, Q, QuerySet
from django.http import Http404

from spbe.evaluations.access import assessment_q, sees_assessment
from spbe.evaluations.models import Assessment, ClaimRevision, Comment, Cycle, StageValue
from spbe.frameworks.stages import self_assessment_stage, stage_sort_key
from spbe.organizations.models import Role, RoleGrant, Unit
from spbe.organizations.permissions import scope_for

User = get_user_model()


def _with_relations(qs: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return qs.select_related(
        "cycle",
        "cycle__framework",
        "cycle__instansi",
        "indicator",
        "indicator__aspect",
        "lead_unit",
        "reviewer",
        "updated_by",
    ).prefetch_related("contributing_units")


def assessment_visible(
    *,
    user,
    cycle: Cycle | None = None,
    status: str | None = None,
    unit: int | None = None,
    reviewer: int | None = None,
) -> QuerySet[Assessment]:
    """Assessments the user sees (optionally of one cycle, status, unit, reviewer), in
    framework order, with what lists show loaded in a fixed number of queries."""
    scope = scope_for(user)
    qs = Assessment.objects.all()
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    if status:
        qs = qs.filter(status=status)
    if reviewer:
        qs = qs.filter(reviewer_id=reviewer)
    if unit:
        qs = qs.filter(Q(lead_unit_id=unit) | Q(contributing_units=unit))
    visible = Assessment.objects.filter(assessment_q(scope)).values("pk")
    qs = qs.filter(pk__in=visible)
    return _with_relations(qs).order_by("cycle_id", "indicator__order")


def cycle_assessments(cycle: Cycle) -> QuerySet[Assessment]:
    """Every assessment of a cycle, unscoped, in framework order with what lists show loaded:
    for the command line and background work, which act for no particular user."""
    return _with_relations(Assessment.objects.filter(cycle=cycle)).order_by("indicator__order")


def assessment_get(*, user, pk) -> Assessment:
    """One assessment the user sees, else 404."""
    try:
        assessment = _with_relations(Assessment.objects.filter(pk=pk)).get()
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not sees_assessment(user, assessment):
        raise Http404
    return assessment


def assessment_get_by_number(*, user, cycle: Cycle, number) -> Assessment:
    """The assessment of indicator `number` in `cycle`, if the user sees it; else 404."""
    try:
        assessment = _with_relations(
            Assessment.objects.filter(cycle=cycle, indicator__number=number)
        ).get()
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not sees_assessment(user, assessment):
        raise Http404
    return assessment


def assessment_history(assessment: Assessment) -> dict:
    """Stage values in stage order, the respondent's claim revisions (oldest first, with who
    and when and the stage each feeds) and the comment thread, for the indicator page."""
    values = list(
        StageValue.objects.filter(assessment=assessment).select_related("set_by").order_by("pk")
    )
    in_stage_order = stage_sort_key(assessment.cycle.framework)
    values.sort(key=lambda v: in_stage_order(v.stage))
    comments = list(
        Comment.objects.filter(assessment=assessment)
        .select_related("author")
        .prefetch_related("mentions")
    )
    claims = list(
        ClaimRevision.objects.filter(assessment=assessment)
        .select_related("recorded_by")
        .order_by("pk")
    )
    return {"stage_values": values, "claims": claims, "comments": comments}


def explanation(
    latest_claim: ClaimRevision | None, self_assessment_value: StageValue | None
) -> ClaimRevision | StageValue | None:
    """Where an assessment's FAKTA and ANALISIS are read, as the indicator page shows them:
    the respondent's latest claim revision (a fix after the self-assessment closed is a new
    revision; the mandiri value stays as recorded), else the self-assessment stage value
    (imported, or copied from the last cycle, before anyone saved); None with neither."""
    return latest_claim or self_assessment_value


def claim_explanations(
    cycle: Cycle, assessment_ids: Iterable[int]
) -> dict[int, ClaimRevision | StageValue]:
    """assessment id → its `explanation`, for many assessments of `cycle`; assessments with
    neither are left out. 2 queries whatever the number of assessments."""
    ids = list(assessment_ids)
    latest_ids = (
        ClaimRevision.objects.filter(assessment_id__in=ids)
        .values("assessment_id")
        .annotate(last=Max("pk"))
        .values("last")
    )
    latest = {
        claim.assessment_id: claim for claim in ClaimRevision.objects.filter(pk__in=latest_ids)
    }
    rest = [pk for pk in ids if pk not in latest]
    own: dict[int, StageValue] = {}
    if rest:
        own_stage = self_assessment_stage(cycle.framework).code
        own = {
            value.assessment_id: value
            for value in StageValue.objects.filter(assessment_id__in=rest, stage=own_stage)
        }
    found = {pk: explanation(latest.get(pk), own.get(pk)) for pk in ids}
    return {pk: explained for pk, explained in found.items() if explained is not None}


def my_tasks(*, user) -> QuerySet[Assessment]:
    """The indicators the user fills in (their units lead or contribute), in unlocked cycles,
    earliest deadline first (no deadline last)."""
    scope = scope_for(user)
    qs = Assessment.objects.exclude(cycle__state=Cycle.State.SELESAI)
    if not scope.is_admin:
        mine = Q(lead_unit_id__in=scope.edit_unit_ids) | Q(
            contributing_units__in=scope.edit_unit_ids
        )
        mine |= Q(cycle__instansi_id__in=scope.edit_instansi_ids)
        qs = qs.filter(pk__in=Assessment.objects.filter(mine).values("pk"))
    else:
        qs = qs.none()
    return _with_relations(qs).order_by(
        "due_date", "cycle__self_assessment_due", "cycle_id", "indicator__order"
    )


def unit_respondents(unit_ids: Iterable[int | None]) -> list:
    """Active people with a responden grant on these units, or recursive on a parent unit."""
    wanted = {pk for pk in unit_ids if pk}
    if not wanted:
        return []
    # Walk up to collect ancestors (unit trees are a few levels deep: one query per level).
    frontier = dict(Unit.objects.filter(pk__in=wanted).values_list("pk", "parent_id"))
    ancestors: set[int] = set()
    while frontier:
        parents = {p for p in frontier.values() if p and p not in ancestors}
        if not parents:
            break
        ancestors |= parents
        frontier = dict(Unit.objects.filter(pk__in=parents).values_list("pk", "parent_id"))
    grants = RoleGrant.objects.filter(role=Role.RESPONDEN).filter(
        Q(unit_id__in=wanted) | Q(unit_id__in=ancestors, recursive=True)
    )
    return list(
        User.objects.filter(pk__in=grants.values("user_id"), is_active=True).order_by("username")
    )


def instansi_people(instansi_id: int, roles: Iterable[str]) -> list:
    """Active people holding one of `roles` in the instansi (e.g. its koordinators)."""
    grants = RoleGrant.objects.filter(instansi_id=instansi_id, role__in=list(roles))
    return list(
        User.objects.filter(pk__in=grants.values("user_id"), is_active=True).order_by("username")
    )


def assessment_people(
    assessment: Assessment,
    *,
    respondents: bool = False,
    reviewers: bool = False,
    coordinators: bool = False,
) -> list:
    """People concerned with an indicator: its units' respondents, its reviewer (every asesor
    of the instansi when none is set), the instansi's koordinators."""
    people: list = []
    if respondents:
        people += unit_respondents(
            [assessment.lead_unit_id, *(u.pk for u in assessment.contributing_units.all())]
        )
    if reviewers:
        if assessment.reviewer_id:
            people.append(assessment.reviewer)
        else:
            people += instansi_people(assessment.cycle.instansi_id, [Role.ASESOR])
    if coordinators:
        people += instansi_people(assessment.cycle.instansi_id, [Role.KOORDINATOR])
    return people
