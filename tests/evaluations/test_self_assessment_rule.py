"""The one rule for the respondent's self-assessment form (state × status), used by the save and
submit services, by the asesor's return and by the indicator page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from spbe.evaluations import services
from spbe.evaluations.models import Assessment, Cycle
from tests.evaluations.conftest import assessment_of, fill

State, Status = Cycle.State, Assessment.Status
SELF_STATES = {State.PERSIAPAN, State.MANDIRI}
LATER_STATES = {State.DOKUMEN, State.INTERVIU, State.VISITASI, State.FINALISASI}


def _expected(state, status) -> bool:
    if state == State.SELESAI:
        return False
    if status == Status.PERLU_PERBAIKAN:
        return True
    return status in {Status.BELUM_DIISI, Status.DRAF} and state in SELF_STATES


def _put(cycle, number, *, state, status):
    Cycle.objects.filter(pk=cycle.pk).update(state=state)
    Assessment.objects.filter(cycle=cycle, indicator__number=number).update(status=status)
    return assessment_of(cycle, number)


@pytest.mark.parametrize("state", State.values)
@pytest.mark.parametrize("status", Status.values)
def test_rule_per_state_and_status(open_cycle, state, status):
    a = _put(open_cycle, 1, state=state, status=status)
    refusal = services.self_assessment_refusal(a)
    assert (refusal is None) == _expected(state, status), refusal


@pytest.mark.parametrize("state", State.values)
@pytest.mark.parametrize("status", Status.values)
def test_save_follows_the_rule(open_cycle, users, state, status):
    _put(open_cycle, 1, state=state, status=status)
    if _expected(state, status):
        a = fill(open_cycle, 1, users["responden"], submit=True)
        assert a.status == Status.DIAJUKAN
    else:
        with pytest.raises(ValidationError):
            fill(open_cycle, 1, users["responden"])
        assert assessment_of(open_cycle, 1).status == status


@pytest.mark.parametrize("state", sorted(LATER_STATES))
def test_closed_stage_explains_why(open_cycle, state):
    a = _put(open_cycle, 1, state=state, status=Status.BELUM_DIISI)
    label = State(state).label
    assert services.self_assessment_refusal(a) == (
        f"Penilaian mandiri ditutup pada tahap {label}; hanya indikator yang dikembalikan "
        "asesor yang dapat diperbaiki."
    )


@pytest.mark.parametrize("state", State.values)
def test_asesor_returns_only_what_the_respondent_can_fix(open_cycle, users, state):
    _put(open_cycle, 1, state=state, status=Status.DIAJUKAN)
    a = assessment_of(open_cycle, 1)
    can_fix = services.self_assessment_refusal(a, status=Status.PERLU_PERBAIKAN) is None
    assert can_fix == (state != State.SELESAI)
    if can_fix:
        services.review_return(
            actor=users["asesor"], assessment=a, revision=a.revision, note="Lengkapi."
        )
        # ... and the respondent can then fix and resubmit it
        assert fill(open_cycle, 1, users["responden"], submit=True).status == Status.DIAJUKAN
    else:
        with pytest.raises(ValidationError):
            services.review_return(
                actor=users["asesor"], assessment=a, revision=a.revision, note="Lengkapi."
            )


def test_draft_of_a_returned_indicator_stays_returned(open_cycle, users):
    """After the mandiri stage a draft would be closed: the return stays outstanding."""
    _put(open_cycle, 1, state=State.INTERVIU, status=Status.PERLU_PERBAIKAN)
    a = fill(open_cycle, 1, users["responden"], value="4")
    assert a.status == Status.PERLU_PERBAIKAN and a.claimed_value == 4
    assert fill(open_cycle, 1, users["responden"], submit=True).status == Status.DIAJUKAN


def _page(as_user, user, cycle):
    url = reverse("evaluations:assessment_detail", args=[cycle.pk, 1])
    return as_user(user).get(url).content.decode()


@pytest.mark.parametrize(
    "status, form",
    [
        (Status.BELUM_DIISI, False),
        (Status.DRAF, False),
        (Status.PERLU_PERBAIKAN, True),
        (Status.DIAJUKAN, False),
    ],
)
def test_page_shows_the_form_or_the_reason(open_cycle, users, as_user, status, form):
    _put(open_cycle, 1, state=State.INTERVIU, status=status)
    page = _page(as_user, users["responden"], open_cycle)
    assert ("Simpan draf" in page) == form
    assert ("Ajukan untuk direviu" in page) == form
    assert ("data-refusal" in page) == (not form)
    if status in (Status.BELUM_DIISI, Status.DRAF):
        assert "ditutup pada tahap Penilaian Interviu" in page


def test_page_during_mandiri_shows_the_form(open_cycle, users, as_user):
    page = _page(as_user, users["responden"], open_cycle)
    assert "Simpan draf" in page and "data-refusal" not in page
