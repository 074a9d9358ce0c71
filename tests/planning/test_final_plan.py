"""Planning for the final figure with the database: history from earlier cycles only, the
lead-time cut-off against the self-assessment deadline, and `spbe plan --cycle`."""

import datetime
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import CommandError

from spbe.evaluations.models import Stage
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.planning.assumptions import AssumptionError, parse_assumptions
from spbe.planning.calibration import calibration_history, cycle_calibration
from spbe.planning.final_plan import final_plan_propose
from spbe.planning.selectors import PlannerInput
from tests.cli.conftest import run
from tests.reports.fixtures import FINAL_2024, by_number, make_cycle

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 3, 1)


@pytest.fixture
def cycle_2025(dash):
    return make_cycle(
        instansi=dash.world.province,
        year=2025,
        stages={Stage.MANDIRI: by_number(FINAL_2024)},
        state="mandiri",
        self_assessment_due=datetime.date(2025, 3, 31),  # 30 days after TODAY
    )


def test_history_is_the_earlier_cycles_with_claims_and_finals(dash, cycle_2025):
    observations, used = calibration_history(cycle_2025)
    assert used == [dash.cycle_2024]  # 2023 has no claims; 2025 is the cycle planned
    assert len(observations) == 47
    # the 2024 cycle itself learns nothing from itself or from 2025
    assert calibration_history(dash.cycle_2024) == ([], [])


def test_calibration_states_how_far_claims_fell(dash, cycle_2025):
    calib = cycle_calibration(cycle_2025)
    assert not calib.prior_only
    assert calib.mean_drop > Decimal("0.4")  # 4,35 claimed → 3,79 final in 2024
    assert cycle_calibration(dash.cycle_2024).prior_only


def test_steps_that_cannot_be_ready_by_the_deadline_move_to_next_year(cycle_2025):
    figures = cycle_figures(cycle_2025)
    proposal = final_plan_propose(
        figures=figures, inputs=PlannerInput(target=Decimal("4.20"), max_steps=1), today=TODAY
    )
    assert proposal.deadline == datetime.date(2025, 3, 31)
    assert all(step.this_year and step.lead_days <= 30 for step in proposal.steps)
    assert proposal.next_year, "a 4,20 target needs evidence that takes longer than 30 days"
    assert all(not step.this_year and step.lead_days > 30 for step in proposal.next_year)
    planned = {s.indicator for s in proposal.steps}
    assert planned.isdisjoint({s.indicator for s in proposal.next_year})
    # with a late deadline everything fits
    cycle_2025.self_assessment_due = datetime.date(2026, 5, 30)
    later = final_plan_propose(
        figures=figures, inputs=PlannerInput(target=Decimal("4.20"), max_steps=1), today=TODAY
    )
    assert later.next_year == []


def test_confidence_plans_more_than_the_plain_plan(cycle_2025):
    figures = cycle_figures(cycle_2025)
    inputs = PlannerInput(target=Decimal("3.90"))
    plain = final_plan_propose(figures=figures, inputs=inputs, today=datetime.date(2024, 1, 1))
    sure = final_plan_propose(
        figures=figures, inputs=inputs, confidence=Fraction(4, 5), today=datetime.date(2024, 1, 1)
    )
    assert sure.result.plan.index_after > plain.result.plan.index_after
    assert sure.result.probability > plain.result.probability
    low, high = sure.result.forecast.interval
    assert low <= sure.result.forecast.expected <= high
    assert "pasangan klaim" in sure.assumption_text


def test_bad_assumptions_are_refused_with_the_key():
    good = {
        "calibration": {
            "prior": {"strength": 1, "drops": {"0": "1"}},
            "simulations": 10,
            "seed": 1,
        },
        "lead_days": {"default": 7, "kinds": {"kebijakan": 120}},
    }
    assert parse_assumptions(good).lead_days == {"kebijakan": 120}
    bad_sum = {
        **good,
        "calibration": {**good["calibration"], "prior": {"strength": 1, "drops": {"0": "0.5"}}},
    }
    with pytest.raises(AssumptionError, match="berjumlah 1"):
        parse_assumptions(bad_sum)
    with pytest.raises(AssumptionError, match="lead_days.kinds.kebijakan"):
        parse_assumptions({**good, "lead_days": {"default": 7, "kinds": {"kebijakan": -1}}})


# -- spbe plan --cycle -----------------------------------------------------------------------
@pytest.fixture
def open_cycle(cycle_2025):
    cycle_2025.self_assessment_due = datetime.date(2099, 1, 1)
    cycle_2025.save(update_fields=["self_assessment_due"])
    return cycle_2025


def test_cli_json_has_the_contract_keys(open_cycle):
    out, _ = run(
        "plan", "--cycle", str(open_cycle.pk), "--target", "3.00", "--confidence", "0.8", "--json"
    )
    data = json.loads(out)
    assert {"expected_index", "interval", "steps", "next_year", "probability"} <= set(data)
    low, high = (Decimal(x) for x in data["interval"])
    assert low <= Decimal(data["expected_index"]) <= high
    assert Decimal(data["probability"]) >= Decimal("0.8")
    assert data["confident"] is True
    for step in data["steps"]:
        assert {"indicator", "from", "to", "lead_days", "ready_on", "this_year"} <= set(step)


def test_cli_text_states_the_assumption(open_cycle):
    out, _ = run("plan", "--cycle", str(open_cycle.pk), "--target", "3,00")
    assert "Perkiraan akhir" in out and "simulasi" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cycle", "abc", "--target", "3"], "bukan id siklus"),
        (["--cycle", "99999", "--target", "3"], "tidak ada"),
        (["--cycle", "{pk}", "--target", "tiga"], "bukan angka"),
        (["--cycle", "{pk}", "--target", "3", "--confidence", "1.5"], "di antara 0 dan 1"),
        (["--cycle", "{pk}", "--target", "3", "--confidence", "x"], "di antara 0 dan 1"),
        (["--target", "3", "--confidence", "0.8"], "hanya berlaku bersama --cycle"),
        (["--target", "3"], "FILE dan --framework"),
        (["--cycle", "{pk}", "--target", "3", "--frozen", "1"], "--frozen belum berlaku"),
    ],
)
def test_cli_bad_input_is_refused_with_a_clear_message(open_cycle, args, message):
    args = [a.format(pk=open_cycle.pk) for a in args]
    with pytest.raises(CommandError, match=message):
        run("plan", *args)


def test_cli_bad_input_exits_1(open_cycle):
    from spbe.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["plan", "--cycle", "abc", "--target", "3"])
    assert exit_.value.code == 1


# -- page and API ----------------------------------------------------------------------------
def test_page_shows_the_final_figure_the_assumption_and_next_year(
    cycle_2025, login, django_assert_max_num_queries
):
    client = login(_pimpinan(cycle_2025))
    url = f"/rencana/siklus/{cycle_2025.pk}/nilai-akhir/"
    with django_assert_max_num_queries(40):
        page = client.get(url, {"target": "3,90", "keyakinan": "0.8"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="expected-index"' in html and "Asumsi:" in html and "simulasi" in html
    # the deadline (31 March 2025) is long past today: everything is for next year
    assert "tidak sempat tahun ini" in html
    bad = client.get(url, {"target": "tiga"})
    assert "Target harus angka" in bad.content.decode()
    bad = client.get(url, {"target": "3", "langkah": "-1"})
    assert "harus bilangan bulat" in bad.content.decode()


def test_page_compares_plan_claim_and_final_once_the_final_is_in(dash, login):
    client = login(dash.world.users["pimpinan"])
    html = client.get(f"/rencana/siklus/{dash.cycle_2024.pk}/nilai-akhir/").content.decode()
    assert 'id="feedback"' in html and "Indeks klaim 4,35, indeks akhir 3,79" in html


def test_outsiders_get_404(dash, login):
    client = login(dash.world.users["other_koordinator"])
    assert client.get(f"/rencana/siklus/{dash.cycle_2024.pk}/nilai-akhir/").status_code == 404
    api = client.post(
        f"/api/cycles/{dash.cycle_2024.pk}/final-plan/", {"target": "3"}, "application/json"
    )
    assert api.status_code == 404


def test_api_returns_the_contract_keys_and_refuses_bad_input(open_cycle, login):
    client = login(_pimpinan(open_cycle))
    url = f"/api/cycles/{open_cycle.pk}/final-plan/"
    data = client.post(url, {"target": "3.00", "confidence": "0.8"}, "application/json").json()
    assert {"expected_index", "interval", "steps", "probability", "assumption"} <= set(data)
    assert Decimal(data["probability"]) >= Decimal("0.8")
    bad = client.post(url, {"target": "3.00", "confidence": "1.5"}, "application/json")
    assert bad.status_code == 400


def _pimpinan(cycle):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="pimpinan")


@pytest.mark.parametrize("code", ["spbe-59-2020", "pemdi-8-2026"])
def test_shipped_assumptions_name_only_the_frameworks_evidence_kinds(shipped, code):
    from spbe.frameworks.selectors import framework_get
    from spbe.planning.assumptions import planning_assumptions

    framework = framework_get(code)
    assumptions = planning_assumptions(code, framework.evidence_kinds)
    assert assumptions.framework == code
    with pytest.raises(AssumptionError, match="tidak dikenal"):
        planning_assumptions(code, {"draf": "Draf"})
