"""Planner proposals are the engine's; a proposal becomes action items in one audited step."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import Stage, StageValue
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.frameworks.selectors import framework_engine_spec
from spbe.planning.models import ActionItem, Target
from spbe.planning.selectors import (
    PlannerInput,
    default_due_date,
    planner_base,
    planner_propose,
)
from spbe.planning.services import action_items_from_proposal, target_set
from spbe.scoring import plan_target
from tests.reports.fixtures import FINAL_2023, by_number


def test_proposal_is_the_engines_optimum(dash):
    figures = cycle_figures(dash.cycle_2023)
    inputs = PlannerInput(
        target=Decimal("3.00"),
        efforts={"37": Decimal(5)},
        costs={"42": Decimal(12_500_000)},
        frozen=frozenset({"38"}),
    )
    proposal = planner_propose(figures=figures, inputs=inputs)
    spec = framework_engine_spec(dash.cycle_2023.framework)
    expected = plan_target(
        spec,
        by_number(FINAL_2023),
        "3.00",
        effort={"37": 5},
        frozen={"38"},
        predikat_basis="rounded",
    )
    assert proposal.plan.index_before == Decimal("2.91")
    assert proposal.plan.index_after == expected.index_after >= Decimal("3.00")
    assert [c.change for c in proposal.changes] == list(expected.changes)
    assert all(c.change.indicator != "38" for c in proposal.changes)
    by_key = {c.change.indicator: c for c in proposal.changes}
    assert by_key["42"].cost == Decimal(12_500_000) * by_key["42"].change.steps
    assert proposal.total_cost == Decimal(12_500_000) * by_key["42"].change.steps


def test_base_stage_default_is_latest_complete_else_mandiri(dash):
    figures = cycle_figures(dash.cycle_2024)
    base, reason = planner_base(figures)
    assert base.stage == Stage.FINAL and "Final" in reason
    StageValue.objects.filter(assessment__cycle=dash.cycle_2024, stage=Stage.FINAL).delete()
    StageValue.objects.filter(
        assessment__cycle=dash.cycle_2024, stage=Stage.DOKUMEN, assessment__indicator__number=1
    ).delete()
    base, reason = planner_base(cycle_figures(dash.cycle_2024))
    assert base.stage == Stage.MANDIRI  # dokumen is incomplete now
    base, _reason = planner_base(cycle_figures(dash.cycle_2024), Stage.DOKUMEN)
    with pytest.raises(ValidationError, match="belum lengkap"):
        planner_propose(
            figures=cycle_figures(dash.cycle_2024),
            inputs=PlannerInput(target=Decimal("3.5"), stage=Stage.DOKUMEN),
        )


def test_proposal_becomes_action_items_in_one_audited_step(dash):
    koord = dash.world.users["koordinator"]
    figures = cycle_figures(dash.cycle_2023)
    inputs = PlannerInput(target=Decimal("3.00"), costs={"42": Decimal(5_000_000)})
    proposal = planner_propose(figures=figures, inputs=inputs)
    items = action_items_from_proposal(actor=koord, figures=figures, inputs=inputs)
    assert len(items) == len(proposal.changes) > 0
    for item, change in zip(items, proposal.changes, strict=True):
        assert str(item.indicator.number) == change.change.indicator
        assert item.from_value == change.change.from_value
        assert item.target_value == change.change.to_value
        assert item.owner_unit == change.row.lead_unit
        assert item.due_date == default_due_date(dash.cycle_2023)  # its deadline is long past
        assert item.due_date >= timezone.localdate()
        assert item.effort == change.change.effort
        assert item.budget_estimate == change.cost
        assert item.from_planner
    assert Target.objects.get(cycle=dash.cycle_2023).target_index == Decimal("3.00")
    assert AuditEvent.objects.filter(action="planning.action_item_created").count() == len(items)
    assert AuditEvent.objects.filter(action="planning.target_set").count() == 1


def test_failed_conversion_changes_nothing(dash):
    figures = cycle_figures(dash.cycle_2023)
    with pytest.raises(ValidationError):
        action_items_from_proposal(
            actor=dash.world.users["koordinator"],
            figures=figures,
            inputs=PlannerInput(target=Decimal("2.00")),  # already reached: no change
        )
    assert not ActionItem.objects.exists() and not Target.objects.exists()
    with pytest.raises(ValidationError):
        target_set(
            actor=dash.world.users["koordinator"],
            cycle=dash.cycle_2023,
            inputs=PlannerInput(target=Decimal("9.00")),
            figures=figures,
        )
    assert not Target.objects.exists()


def test_planner_page_flow_and_permissions(dash, login):
    url = reverse("planning:planner", args=[dash.cycle_2023.pk])
    pimpinan = login(dash.world.users["pimpinan"])
    html = pimpinan.get(url, {"target": "3.00"}).content.decode()
    assert 'data-testid="index-after">3,00<' in html
    assert "Jadikan rencana aksi" not in html  # read-only: may look, not act
    assert pimpinan.post(url, {"target": "3.00", "aksi": "jadikan"}).status_code == 403
    assert not ActionItem.objects.exists()
    outsider = login(dash.world.users["other_koordinator"])
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"target": "3.00", "aksi": "jadikan"}).status_code == 404

    koord = login(dash.world.users["koordinator"])
    html = koord.get(url, {"band": "2.60", "effort_42": "3"}).content.decode()
    assert "Nilai dasar: tahap Final" in html
    resp = koord.post(url, {"target": "3.00", "effort_42": "3", "aksi": "jadikan"})
    assert resp.status_code == 302
    assert resp["Location"] == reverse("planning:plan", args=[dash.cycle_2023.pk])
    target = Target.objects.get(cycle=dash.cycle_2023)
    assert target.efforts == {"42": {"effort": "3", "cost": None}}
    assert ActionItem.objects.filter(cycle=dash.cycle_2023).count() > 0
    # the saved target pre-fills the planner and shows its proposal again
    html = koord.get(url).content.decode()
    assert 'name="effort_42"' in html and 'value="3"' in html
    assert 'data-testid="index-after">3,00<' in html


def test_plan_page_progress_if_done_vs_achieved(dash, login):
    koord_user = dash.world.users["koordinator"]
    figures = cycle_figures(dash.cycle_2023)
    items = action_items_from_proposal(
        actor=koord_user, figures=figures, inputs=PlannerInput(target=Decimal("3.00"))
    )
    items[0].status = ActionItem.Status.SELESAI
    items[0].save()
    items[-1].status = ActionItem.Status.BATAL
    items[-1].save()
    from spbe.planning.selectors import action_items_of, plan_progress, target_of

    progress = plan_progress(
        figures=figures,
        items=list(action_items_of(dash.cycle_2023)),
        target=target_of(dash.cycle_2023),
    )
    spec = framework_engine_spec(dash.cycle_2023.framework)
    from spbe.scoring import score

    base = by_number(FINAL_2023)
    done = base | {str(items[0].indicator.number): items[0].target_value}
    planned = dict(done)
    for item in items[1:-1]:
        planned[str(item.indicator.number)] = item.target_value
    assert progress.achieved.after.index == score(spec, done, predikat_basis="rounded").index
    assert progress.if_done.after.index == score(spec, planned, predikat_basis="rounded").index
    html = login(koord_user).get(reverse("planning:plan", args=[dash.cycle_2023.pk]))
    body = html.content.decode()
    assert "Jika semua rencana selesai" in body
    assert items[0].owner_unit.name in body


def _pemdi_cycle(dash):
    from tests.reports.fixtures import make_pemdi_cycle

    return make_pemdi_cycle(instansi=dash.world.province, units=[dash.world.diskominfo])


def test_decimal_levels_keep_their_precision_on_planner_and_plan(dash, login):
    cycle = _pemdi_cycle(dash)
    client = login(dash.world.users["koordinator"])
    url = reverse("planning:planner", args=[cycle.pk])
    html = client.get(url, {"target": "2.60", "max_steps": "1"}).content.decode()
    table = html[html.index('id="proposal-table"') :]
    table = table[: table.index("</table>")]
    # a 2.5 → 3 step is written with Pemdi's two decimals, never rounded to "3 → 3"
    moves = re.findall(
        r'data-indicator="\d+"><td>[^<]*</td><td class="num">([^<]*)</td><td class="num">([^<]*)<',
        table,
    )
    # (externally sourced indicators take the recorded index, 1,00 while it is pending)
    assert ("2,50", "3,00") in moves
    assert all(re.fullmatch(r"\d,\d\d", v) for move in moves for v in move)
    client.post(url, {"target": "2.60", "max_steps": "1", "aksi": "jadikan"})
    plan = client.get(reverse("planning:plan", args=[cycle.pk])).content.decode()
    assert "2,50 → 3,00" in plan and "3 → 3" not in plan


def test_whole_spbe_levels_have_no_decimals(dash, login):
    client = login(dash.world.users["koordinator"])
    html = client.get(reverse("reports:stages", args=[dash.cycle_2024.pk])).content.decode()
    row = html[html.index('data-indicator="32"') :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">5</td>' in row and "5,00" not in row
    html = client.get(reverse("reports:points_lost", args=[dash.cycle_2024.pk])).content.decode()
    row = html[html.index('data-indicator="9"') :]
    assert '<td class="num">2</td>' in row[: row.index("</tr>")]


def test_default_due_date_is_never_in_the_past(dash, settings):
    settings.SPBE_ACTION_DUE_DAYS = 30
    cycle = dash.cycle_2023  # self-assessment due 30 Jun 2024
    today = datetime.date(2026, 11, 28)
    assert default_due_date(cycle, today=today) == datetime.date(2026, 12, 28)
    cycle.review_due = datetime.date(2027, 3, 31)  # the next deadline is later: it wins
    assert default_due_date(cycle, today=today) == datetime.date(2027, 3, 31)
    cycle.review_due = datetime.date(2026, 12, 5)  # the next deadline is sooner: 30 days
    assert default_due_date(cycle, today=today) == datetime.date(2026, 12, 28)
    settings.SPBE_ACTION_DUE_DAYS = 7
    assert default_due_date(cycle, today=today) == datetime.date(2026, 12, 5)


def test_items_from_a_proposal_are_not_overdue_and_owned_by_the_sole_respondent(dash, login):
    from spbe.organizations.models import Role
    from spbe.planning.selectors import is_overdue
    from tests.factories import make_user_with_role

    world = dash.world
    # Dinkes gets a second respondent: nobody is picked for it; Setda keeps its only one
    make_user_with_role(role=Role.RESPONDEN, instansi=world.province, unit=world.dinkes)
    client = login(world.users["koordinator"])
    url = reverse("planning:planner", args=[dash.cycle_2023.pk])
    html = client.get(url, {"target": "3.50"}).content.decode()
    assert "Batas waktu bawaan: " in html
    assert date_format(default_due_date(dash.cycle_2023), "j F Y") in html
    client.post(url, {"target": "3.50", "aksi": "jadikan"})
    items = list(ActionItem.objects.filter(cycle=dash.cycle_2023).select_related("owner_unit"))
    units = {item.owner_unit for item in items}
    assert {world.setda, world.dinkes, world.diskominfo} <= units
    for item in items:
        assert not is_overdue(item)
        expected = world.users["responden"] if item.owner_unit == world.setda else None
        assert item.owner_person == expected, item.owner_unit
    plan = client.get(reverse("planning:plan", args=[dash.cycle_2023.pk])).content.decode()
    assert "lewat batas waktu" not in plan and "terlambat" not in plan


def test_new_action_item_form_offers_the_default_due_date(dash, login):
    client = login(dash.world.users["koordinator"])
    html = client.get(
        reverse("planning:action_item_create", args=[dash.cycle_2023.pk])
    ).content.decode()
    assert f'value="{default_due_date(dash.cycle_2023).isoformat()}"' in html


def test_planner_writes_numbers_indonesian_style(dash, login):
    cycle = _pemdi_cycle(dash)
    client = login(dash.world.users["koordinator"])
    url = reverse("planning:planner", args=[cycle.pk])
    html = client.get(url, {"target": "2.60", "max_steps": "1"}).content.decode()
    assert "Naik 2,50 → 3,00: +0," in html and " poin per satuan usaha" in html
    assert "Naik 2.5" not in html and not re.search(r"\+0\.\d{4}", html)
    assert "Baik (≥ 2,50)" in html and "(≥ 2.50)" not in html
    client.post(url, {"target": "2.60", "max_steps": "1", "aksi": "jadikan"})
    item = ActionItem.objects.filter(cycle=cycle).first()
    assert item.description.endswith("dari level 2,50 ke 3,00.")
    assert item.progress_notes.startswith("Naik 2,50 → 3,00: +0,")
    with pytest.raises(ValidationError, match="antara 1,00 dan 5,00"):
        target_set(
            actor=dash.world.users["koordinator"],
            cycle=cycle,
            inputs=PlannerInput(target=Decimal("6")),
            figures=cycle_figures(cycle),
        )
