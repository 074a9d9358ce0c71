"""The cycle's forward path comes from its framework's stages (optional ones may be skipped)."""

import pytest

from spbe.evaluations.models import Cycle
from spbe.evaluations.services.cycles import next_states

State = Cycle.State


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (State.PERSIAPAN, ("mandiri",)),
        (State.MANDIRI, ("dokumen",)),
        (State.DOKUMEN, ("interviu",)),
        (State.INTERVIU, ("visitasi", "finalisasi")),  # visitasi is optional in the file
        (State.VISITASI, ("finalisasi",)),
        (State.FINALISASI, ()),
        (State.SELESAI, ()),
    ],
)
def test_spbe_path_follows_the_framework_file(make_cycle, state, expected):
    cycle = make_cycle()
    cycle.state = state
    assert next_states(cycle) == expected


def test_a_stage_made_mandatory_in_the_data_can_no_longer_be_skipped(make_cycle):
    cycle = make_cycle()
    framework = cycle.framework
    framework.stages = [{**s, "optional": False} for s in framework.stages]
    cycle.state = State.INTERVIU
    assert next_states(cycle) == ("visitasi",)
