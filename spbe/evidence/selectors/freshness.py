"""Freshness of documents under a framework's evidence rules.

The framework's ``evidence_rules`` (e.g. ``{kind: reviu, max_age_months: 24}``) apply to
documents whose ``freshness_kind`` equals the rule's kind. A document dated D expires on D +
max_age_months (same day of month, clamped to the month's end): "kurang dari 2 tahun" means it
is still valid the day before and expired from that day on. A document under a rule without a
document date cannot show its age, so it counts as stale too ("tanpa_tanggal").

Whether an assessment's evidence is complete is evaluations' business
(`spbe.evaluations.selectors.evidence_status`): evaluations own the links.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

OK = "ok"
EXPIRED = "kedaluwarsa"
UNDATED = "tanpa_tanggal"


@dataclass(frozen=True)
class Freshness:
    """``status``: ok / kedaluwarsa / tanpa_tanggal; ``rule`` the framework rule applied (None:
    no age rule for this document); ``expires_on`` the first day it is no longer valid."""

    status: str
    rule: dict | None = None
    reason: str = ""
    expires_on: datetime.date | None = None

    @property
    def is_stale(self) -> bool:
        return self.status != OK


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months; the 31st of a shorter month becomes its last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def evidence_rules_by_kind(framework) -> dict[str, dict]:
    """The framework's evidence age rules keyed by document freshness kind."""
    return {rule["kind"]: rule for rule in (framework.evidence_rules or [])}


def freshness_under(document, rules: dict[str, dict], as_of: datetime.date) -> Freshness:
    """`document`'s freshness under `rules` (from `evidence_rules_by_kind`) on `as_of`."""
    rule = rules.get(document.freshness_kind) if document.freshness_kind else None
    if rule is None:
        return Freshness(OK)
    if document.document_date is None:
        return Freshness(
            UNDATED,
            rule,
            _("%(rule)s: tanggal dokumen belum diisi, umurnya tidak dapat diperiksa")
            % {"rule": rule["name"]},
        )
    expires_on = add_months(document.document_date, int(rule["max_age_months"]))
    if as_of >= expires_on:
        return Freshness(
            EXPIRED,
            rule,
            _("%(rule)s: dokumen bertanggal %(date)s kedaluwarsa sejak %(expired)s")
            % {
                "rule": rule["name"],
                "date": _format_date(document.document_date),
                "expired": _format_date(expires_on),
            },
            expires_on,
        )
    return Freshness(OK, rule, "", expires_on)


def _format_date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def document_freshness(document, framework, as_of: datetime.date | None = None) -> Freshness:
    """Whether `document` is still valid under `framework`'s evidence rules on `as_of` (today
    when None): ok, or kedaluwarsa / tanpa_tanggal with the reason and the expiry date."""
    return freshness_under(
        document, evidence_rules_by_kind(framework), as_of or timezone.localdate()
    )


def cycle_as_of(cycle) -> datetime.date:
    """The day evidence of a cycle is judged on: its finalisation day once final, else today."""
    if cycle.is_locked and cycle.finalised_at:
        return timezone.localdate(cycle.finalised_at)
    return timezone.localdate()
