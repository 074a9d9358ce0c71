"""Fixtures for evaluation tests: shipped frameworks and a cycle with assessments."""

import pytest

from spbe.evaluations.models import Assessment, Cycle, StageValue
from spbe.frameworks.selectors import framework_get, framework_indicators
from spbe.frameworks.services import shipped_load
from tests.factories import make_instansi


@pytest.fixture
def shipped(db):
    return shipped_load()


@pytest.fixture
def make_cycle(shipped):
    """A cycle of a shipped framework with one assessment per indicator."""

    def make(*, code="spbe-59-2020", year=2024, instansi=None, **extra) -> Cycle:
        framework = framework_get(code)
        cycle = Cycle.objects.create(
            instansi=instansi or make_instansi(),
            framework=framework,
            year=year,
            kind=extra.pop("kind", Cycle.Kind.EVALUASI),
            name=extra.pop("name", f"Evaluasi {year}"),
            **extra,
        )
        Assessment.objects.bulk_create(
            Assessment(cycle=cycle, indicator=indicator)
            for indicator in framework_indicators(framework)
        )
        return cycle

    return make


def set_stage_values(cycle: Cycle, stage: str, values: dict[int, str]) -> None:
    """Write values for one stage directly (test set-up, not the service path)."""
    assessments = {a.indicator.number: a for a in cycle.assessments.select_related("indicator")}
    for number, value in values.items():
        StageValue.objects.update_or_create(
            assessment=assessments[number], stage=stage, defaults={"value": value}
        )


# -- the evaluation cycle (services): a world with a cycle in the mandiri stage ---------------
@pytest.fixture
def world(db):
    from tests.factories import build_world

    return build_world()


@pytest.fixture
def users(world):
    return world.users


@pytest.fixture
def open_cycle(shipped, world):
    """SPBE 2025 cycle of the province, in the mandiri stage: indicator 1 led by Setda
    (responden "resp"), indicator 2 led by Dinkes (responden "respflat") with Setda
    contributing; the asesor reviews indicator 1."""
    from spbe.evaluations import services

    koord = world.users["koordinator"]
    cycle = services.cycle_create(
        actor=koord,
        instansi=world.province,
        framework=framework_get("spbe-59-2020"),
        year=2025,
        kind=Cycle.Kind.EVALUASI,
        name="Evaluasi SPBE 2025",
    )
    services.cycle_transition(actor=koord, cycle=cycle, state=Cycle.State.MANDIRI)
    services.assessment_assign(
        actor=koord,
        assessment=assessment_of(cycle, 1),
        lead_unit=world.setda,
        reviewer=world.users["asesor"],
    )
    services.assessment_assign(
        actor=koord,
        assessment=assessment_of(cycle, 2),
        lead_unit=world.dinkes,
        contributing_units=[world.setda],
    )
    cycle.refresh_from_db()
    return cycle


@pytest.fixture
def as_user(client):
    """The test client logged in as `user`."""

    def login(user):
        client.force_login(user)
        return client

    return login


def assessment_of(cycle: Cycle, number: int) -> Assessment:
    """A fresh copy of the assessment of indicator `number` (as a page would load it)."""
    return (
        Assessment.objects.select_related(
            "cycle", "cycle__framework", "cycle__instansi", "indicator", "lead_unit", "reviewer"
        )
        .prefetch_related("contributing_units")
        .get(cycle=cycle, indicator__number=number)
    )


def fill(
    cycle,
    number,
    user,
    *,
    value="3",
    submit=False,
    fakta="Ada Pergub 12/2024.",
    analisis="Memenuhi kriteria level 3.",
):
    from spbe.evaluations import services

    a = assessment_of(cycle, number)
    return services.assessment_save(
        actor=user,
        assessment=a,
        revision=a.revision,
        value=value,
        fakta=fakta,
        analisis=analisis,
        submit=submit,
    )
