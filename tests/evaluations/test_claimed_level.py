"""One definition of the claimed level: the respondent's claim, read by every completeness check.

On main the evidence panel read the self-assessment stage value while the warnings read the
claim, so after a coordinator's decision the page said "Kurang dokumen" for a level nobody
claimed (issue 10).
"""

import pytest
from django.urls import reverse

from spbe.evaluations import services
from spbe.evaluations.models import StageValue
from spbe.evaluations.selectors import claim_warnings
from spbe.evaluations.selectors.evidence import claimed_level
from spbe.evaluations.selectors.evidence_status import (
    assessment_evidence_status,
    evidence_status_for_cycle,
)
from tests.evaluations.conftest import assessment_of, fill


@pytest.fixture
def decided_above_the_claim(open_cycle, users):
    """Claimed level 2, then the coordinator decides level 4 for the self-assessment."""
    fill(open_cycle, 1, users["responden"], value="2", submit=True)
    a = assessment_of(open_cycle, 1)
    services.assessment_decide(
        actor=users["koordinator"],
        assessment=a,
        revision=a.revision,
        source="koordinator",
        value="4",
    )
    return assessment_of(open_cycle, 1)


def test_completeness_is_judged_at_the_claim_not_at_the_decided_value(decided_above_the_claim):
    a = decided_above_the_claim
    mandiri = StageValue.objects.get(assessment=a, stage="mandiri")
    assert (mandiri.value, a.claimed_value) == (4, 2)  # the two now differ
    assert claimed_level(a) == 2
    assert assessment_evidence_status(a).level == 2
    assert evidence_status_for_cycle(a.cycle)[a.pk].level == 2
    # the flag and the warnings answer the same question
    status = assessment_evidence_status(a)
    assert {item.level for item in status.missing} == {1, 2}
    assert len(claim_warnings(a)) == len({(i.level, i.kind) for i in status.missing})


def test_indicator_page_names_the_claimed_level(decided_above_the_claim, users, as_user):
    a = decided_above_the_claim
    page = as_user(users["koordinator"]).get(
        reverse("evaluations:assessment_detail", args=[a.cycle_id, 1])
    )
    html = page.content.decode()
    assert "Kelengkapan untuk level 2" in html
    assert "Kelengkapan untuk level 4" not in html
