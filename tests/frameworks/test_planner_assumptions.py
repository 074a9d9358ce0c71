"""The planner's assumptions in the framework file (`planner:`): loaded onto the version,
and every bad block refused with a message naming the place, nothing written."""

from decimal import Decimal

import pytest

from spbe.frameworks.loader import FrameworkFileError
from spbe.frameworks.models import Framework
from spbe.frameworks.planner_assumptions import planner_defaults
from spbe.frameworks.services import framework_load

pytestmark = pytest.mark.django_db


def test_shipped_assumptions_are_loaded(spbe_data, write_yaml):
    framework_load(path=write_yaml(spbe_data))
    framework = Framework.objects.get(code=spbe_data["code"])
    defaults = planner_defaults(framework)
    assert defaults.max_steps == spbe_data["planner"]["max_steps_per_cycle"]
    assert defaults.effort_by_level == {
        int(k): Decimal(v) for k, v in spbe_data["planner"]["effort_by_level"].items()
    }
    # the effort of each step up from 2,50: to 3, then 4, then 5
    assert defaults.efforts_from(Decimal("2.50"), 5) == [
        defaults.effort_by_level[3],
        defaults.effort_by_level[4],
        defaults.effort_by_level[5],
    ]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({"max_steps_per_cycle": 0}, "planner.max_steps_per_cycle: harus bilangan bulat ≥ 1"),
        ({"effort_by_level": {"2": "1", "3": "2"}}, "planner.effort_by_level: harus memuat"),
        ({"effort_by_level": {"2": "3", "3": "2", "4": "4", "5": "5"}}, "tidak boleh lebih kecil"),
        ({"effort_by_level": {"2": "0", "3": "2", "4": "4", "5": "5"}}, "harus lebih dari 0"),
        ({"effort_by_level": {"2": 1.5, "3": "2", "4": "4", "5": "5"}}, "tulis angka sebagai"),
        ({"speed": 2}, "planner: kunci 'speed' tidak dikenal"),
    ],
)
def test_bad_assumptions_are_refused(spbe_data, write_yaml, block, message):
    spbe_data["planner"] = {**spbe_data["planner"], **block}
    with pytest.raises(FrameworkFileError) as caught:
        framework_load(path=write_yaml(spbe_data))
    assert any(message in p for p in caught.value.problems), caught.value.problems
    assert not Framework.objects.exists()
