"""Evidence seen from an indicator: the warnings shown beside a level claim.

The rule is the evidence engine's (`spbe.evidence.selectors.assessment_evidence_status` with
the matching table `spbe.evidence.matching` and the framework's age rules): a claim at level N
needs the typical evidence of levels 1..N, each linked at its level and fresh. This module
only words the engine's missing items for the self-assessment form.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spbe.evaluations.models import Assessment
from spbe.evaluations.selectors.evidence_status import (
    STALE,
    assessment_evidence_status,
    claimed_level_of,
)


def _age_text(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)s tahun", "%(n)s tahun", years) % {"n": years}
    return ngettext("%(n)s bulan", "%(n)s bulan", months) % {"n": months}


def claimed_level(assessment: Assessment) -> int | None:
    """The level the warnings are about: the respondent's claim (None: nothing claimed)."""
    return claimed_level_of(assessment.claimed_value)


def _warning(item) -> str:
    facts = {"level": item.level, "kind": str(item.kind_name).lower()}
    if item.max_age_months is None:
        return _("Level %(level)s mengharuskan %(kind)s; belum ada") % facts
    facts["limit"] = _age_text(item.max_age_months)
    if item.state == STALE:
        return (
            _(
                "Level %(level)s mengharuskan %(kind)s < %(limit)s; "
                "yang ditautkan sudah terlalu lama atau tidak bertanggal"
            )
            % facts
        )
    return _("Level %(level)s mengharuskan %(kind)s < %(limit)s; belum ada") % facts


def claim_warnings(assessment: Assessment, level: int | None = None) -> list[str]:
    """Messages for the typical evidence the claimed level needs and the linked documents do
    not cover, e.g. "Level 4 mengharuskan dokumen reviu atau evaluasi < 2 tahun; belum ada",
    one per kind of evidence and level, lowest level first.

    `level` overrides the stored claim (to warn before saving). Claiming is still allowed:
    these are shown, never enforced. Two queries (the engine's).
    """
    level = claimed_level(assessment) if level is None else level
    if level is None:
        return []
    status = assessment_evidence_status(assessment, level)
    messages: list[str] = []
    for item in status.missing:
        message = _warning(item)
        if message not in messages:
            messages.append(message)
    return messages
