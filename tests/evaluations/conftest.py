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
