"""A stage's recorded value is history: returning an indicator in a later stage and letting
the respondent fix it never rewrites the Penilaian Mandiri value; the correction is a new claim
revision (who, when, audited, shown on the indicator page) that feeds the current stage."""

from decimal import Decimal

from django.urls import reverse

from spbe.audit.models import AuditEvent
from spbe.evaluations import selectors, services
from spbe.evaluations.models import ClaimRevision, Cycle, Stage, StageValue
from tests.evaluations.conftest import assessment_of, fill

State = Cycle.State


def _figures(cycle):
    overview = selectors.cycle_stage_overview(cycle)
    return (
        StageValue.objects.get(
            assessment__cycle=cycle, assessment__indicator__number=1, stage=Stage.MANDIRI
        ),
        selectors.cycle_score(cycle, Stage.MANDIRI).index,
        [(s.stage, s.result.index) for s in overview.stages],
        [(m.number, m.before_stage, m.after_stage) for m in overview.moves],
    )


def _return_in_interviu(cycle, users):
    koord, asesor = users["koordinator"], users["asesor"]
    fill(cycle, 1, users["responden"], value="2", submit=True, fakta="Draf Pergub.")
    services.stage_values_set_bulk(
        actor=koord, cycle=cycle, stage=Stage.DOKUMEN, values={1: Decimal(2)}, source="uji"
    )
    for state in (State.DOKUMEN, State.INTERVIU):
        cycle = services.cycle_transition(actor=koord, cycle=cycle, state=state)
    a = assessment_of(cycle, 1)
    services.review_return(actor=asesor, assessment=a, revision=a.revision, note="Lengkapi.")
    return cycle


def test_fix_after_mandiri_leaves_the_mandiri_figures_as_they_were(open_cycle, users):
    cycle = _return_in_interviu(open_cycle, users)
    before = _figures(cycle)
    assert before[0].value == Decimal(2) and before[0].fakta == "Draf Pergub."

    fixed = fill(
        cycle, 1, users["responden"], value="3", submit=True, fakta="Pergub 12/2024 ditetapkan."
    )

    after = _figures(cycle)
    assert (after[0].value, after[0].fakta, after[0].set_at) == (
        before[0].value,
        before[0].fakta,
        before[0].set_at,
    )
    assert after[1:] == before[1:]  # the mandiri index and the stage comparison
    assert fixed.claimed_value == Decimal(3)
    latest = ClaimRevision.objects.filter(assessment=fixed).last()
    assert (latest.stage, latest.value, latest.submitted) == (Stage.INTERVIU, Decimal(3), True)
    assert latest.recorded_by == users["responden"] and latest.fakta == "Pergub 12/2024 ditetapkan."


def test_each_claim_revision_is_kept_and_audited(open_cycle, users):
    cycle = _return_in_interviu(open_cycle, users)
    fill(cycle, 1, users["responden"], value="3")
    fill(cycle, 1, users["responden"], value="4", submit=True)
    claims = list(ClaimRevision.objects.filter(assessment__cycle=cycle).order_by("pk"))
    assert [(c.stage, c.value, c.submitted) for c in claims] == [
        (Stage.MANDIRI, Decimal(2), True),
        (Stage.INTERVIU, Decimal(3), False),
        (Stage.INTERVIU, Decimal(4), True),
    ]
    saved = AuditEvent.objects.filter(action="assessment.saved").order_by("pk")
    assert [e.extra["claim_revision"] for e in saved] == [c.pk for c in claims]
    assert [e.extra["stage"] for e in saved] == [c.stage for c in claims]


def test_decision_on_a_corrected_claim_sets_the_current_stage(open_cycle, users):
    cycle = _return_in_interviu(open_cycle, users)
    fill(cycle, 1, users["responden"], value="3", submit=True)
    a = assessment_of(cycle, 1)
    services.assessment_decide(
        actor=users["koordinator"], assessment=a, revision=a.revision, source="responden"
    )
    values = dict(StageValue.objects.filter(assessment=a).values_list("stage", "value"))
    assert values[Stage.MANDIRI] == Decimal(2)
    assert values[Stage.INTERVIU] == Decimal(3)


def test_indicator_page_shows_the_claim_history(open_cycle, users, as_user):
    cycle = _return_in_interviu(open_cycle, users)
    fill(cycle, 1, users["responden"], value="3", fakta="Pergub ditetapkan.")
    page = (
        as_user(users["koordinator"])
        .get(reverse("evaluations:assessment_detail", args=[cycle.pk, 1]))
        .content.decode()
    )
    history = page[page.index("data-claims") :]
    assert history.index('data-claim-stage="mandiri"') < history.index(
        'data-claim-stage="interviu"'
    )
    assert users["responden"].display_name in history
    # the respondent's form starts from the latest claim, not the closed mandiri text
    form_page = (
        as_user(users["responden"])
        .get(reverse("evaluations:assessment_detail", args=[cycle.pk, 1]))
        .content.decode()
    )
    assert "Pergub ditetapkan." in form_page
