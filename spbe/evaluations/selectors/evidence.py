"""Evidence seen from an indicator: is a linked document still valid, and does the claimed
level have the evidence its framework lists?

`spbe.evidence` (the evidence engineer's app) owns the full completeness/staleness report per
document kind. Until a `spbe.evidence.selectors.assessment_evidence_status` exists, the
self-assessment form uses this small, conservative check: typical evidence whose kind carries
an age rule (reviu, audit, indeks-eksternal: `Framework.evidence_rules`) needs a linked
document of that freshness category dated within the limit; any other typical evidence needs
at least one linked document (never inventing a shortage the data cannot show).
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from spbe.evaluations.models import Assessment, Cycle, EvidenceLink


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (clamped to the month's last day)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cycle_reference_date(cycle: Cycle) -> datetime.date:
    """The day evidence age is measured at: the self-assessment deadline, else 31 December of
    the cycle's year (the conservative end of the evaluation year)."""
    return cycle.self_assessment_due or datetime.date(cycle.year, 12, 31)


def _age_rules(framework) -> dict[str, dict]:
    return {
        rule["kind"]: rule for rule in framework.evidence_rules or [] if rule.get("max_age_months")
    }


def is_still_valid(document, framework, as_of: datetime.date) -> bool:
    """Whether `document` still counts as evidence at `as_of` under `framework`'s rules.

    Archived documents never do. A document in a freshness category (reviu, audit, ...) with an
    age rule must be dated no earlier than `max_age_months` before `as_of` (undated: invalid).
    """
    if document.is_archived:
        return False
    rule = _age_rules(framework).get(document.freshness_kind or "")
    if rule is None:
        return True
    if document.document_date is None:
        return False
    return document.document_date >= months_before(as_of, int(rule["max_age_months"]))


def _age_text(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)s tahun", "%(n)s tahun", years) % {"n": years}
    return ngettext("%(n)s bulan", "%(n)s bulan", months) % {"n": months}


def claimed_level(assessment: Assessment) -> int | None:
    """The level the warnings are about: the respondent's claim, else the mandiri value."""
    value = assessment.claimed_value
    if value is None:
        return None
    return int(Decimal(value))


def claim_warnings(assessment: Assessment, level: int | None = None) -> list[str]:
    """Messages for the typical evidence of the claimed level that no linked document covers,
    e.g. "Level 4 mengharuskan dokumen reviu atau evaluasi < 2 tahun; belum ada".

    `level` overrides the stored claim (to warn before saving). Claiming is still allowed:
    these are shown, never enforced. Two queries.
    """
    level = claimed_level(assessment) if level is None else level
    if level is None:
        return []
    framework = assessment.cycle.framework
    spec = next((item for item in assessment.indicator.levels if item["level"] == level), None)
    if spec is None or not spec.get("evidence"):
        return []
    documents = [
        link.document
        for link in EvidenceLink.objects.filter(assessment=assessment).select_related("document")
        if not link.document.is_archived
    ]
    as_of = cycle_reference_date(assessment.cycle)
    rules = _age_rules(framework)
    names = framework.evidence_kinds or {}
    messages: list[str] = []
    seen: set[str] = set()
    for item in spec["evidence"]:
        kind = item.get("kind", "")
        if kind in seen:
            continue
        seen.add(kind)
        kind_name = str(names.get(kind, kind)).lower()
        rule = rules.get(kind)
        if rule is not None:
            of_kind = [d for d in documents if d.freshness_kind == kind]
            if any(is_still_valid(d, framework, as_of) for d in of_kind):
                continue
            limit = _age_text(int(rule["max_age_months"]))
            if of_kind:
                messages.append(
                    _(
                        "Level %(level)s mengharuskan %(kind)s < %(limit)s; "
                        "yang ditautkan sudah terlalu lama atau tidak bertanggal"
                    )
                    % {"level": level, "kind": kind_name, "limit": limit}
                )
            else:
                messages.append(
                    _("Level %(level)s mengharuskan %(kind)s < %(limit)s; belum ada")
                    % {"level": level, "kind": kind_name, "limit": limit}
                )
        elif not documents:
            messages.append(
                _("Level %(level)s mengharuskan %(kind)s; belum ada")
                % {"level": level, "kind": kind_name}
            )
    return messages
