"""Rules every evaluation write shares: the lock of a final cycle, optimistic revisions of an
assessment, value checks against the framework (by the scoring engine's own parser), the
length limit of explanations and how a value is written in the audit trail."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spbe.evaluations.models import Assessment, Cycle
from spbe.frameworks.selectors import framework_engine_spec
from spbe.scoring import ScoringError
from spbe.scoring.values import parse_values

LOCKED_MESSAGE = gettext_noop("Siklus sudah final dan terkunci")


def ensure_unlocked(cycle: Cycle) -> None:
    """Refuse any change to a finalised cycle (reopen is the only way back)."""
    if cycle.is_locked:
        raise ValidationError(_(LOCKED_MESSAGE))


class StaleRevision(ValidationError):
    """A save based on an older revision of the assessment: refused, nothing written.

    `current` is the assessment as it is now (for showing both versions side by side).
    """

    def __init__(self, current: Assessment):
        self.current = current
        who = current.updated_by.display_name if current.updated_by else _("pengguna lain")
        when = formats.date_format(timezone.localtime(current.updated_at), "j F Y H.i")
        super().__init__(
            _(
                "Indikator ini sudah diubah oleh %(who)s pada %(when)s; "
                "perubahan Anda tidak disimpan."
            )
            % {"who": who, "when": when},
            code="stale",
        )


def bump_revision(assessment: Assessment, *, actor, expected: int | None) -> None:
    """Claim the next revision with one conditional UPDATE (portable: SQLite, PostgreSQL).

    `expected` is the revision the user's form was based on; None skips the check (actions
    that do not overwrite someone else's text, e.g. an assignment from a bulk page).
    Raises `StaleRevision` when somebody saved in between. Updates `assessment` in memory.
    """
    now = timezone.now()
    rows = Assessment.objects.filter(pk=assessment.pk)
    if expected is not None:
        rows = rows.filter(revision=expected)
    updated = rows.update(revision=F("revision") + 1, updated_by=actor, updated_at=now)
    if not updated:
        current = Assessment.objects.select_related("updated_by").get(pk=assessment.pk)
        raise StaleRevision(current)
    assessment.revision = Assessment.objects.values_list("revision", flat=True).get(
        pk=assessment.pk
    )
    assessment.updated_by = actor
    assessment.updated_at = now


def external_source_message(indicator, framework) -> str:
    """Why an externally sourced indicator takes no value by hand (one wording everywhere)."""
    table = (framework.external_indices or {}).get(indicator.external_index) or {}
    source = table.get("name") or indicator.external_index
    if table.get("agency"):
        source = f"{source} ({table['agency']})"
    return _(
        "Indikator %(code)s %(name)s bersumber dari %(source)s: nilainya dihitung dari indeks "
        "yang dicatat pada siklus (nilai indeks eksternal), tidak diisi per tahap."
    ) % {"code": indicator.code, "name": indicator.short_name or indicator.name, "source": source}


def refuse_external(cycle: Cycle, indicator) -> None:
    """The recorded agency index is the value of an externally sourced indicator at every
    stage (PermenPANRB 8/2026): a level typed in, reviewed, decided or imported is refused."""
    if indicator.source == indicator.Source.EXTERNAL:
        raise ValidationError(external_source_message(indicator, cycle.framework), code="eksternal")


def check_value(cycle: Cycle, indicator, value, *, allow_zero: bool = False) -> Decimal:
    """One indicator value validated against the cycle's framework (kind, places, range);
    externally sourced indicators take none (`refuse_external`).

    Messages come from the scoring engine, which owns these rules.
    """
    refuse_external(cycle, indicator)
    number = indicator.number
    if isinstance(value, float):
        value = str(value)
    try:
        value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("Nilai indikator %(n)s (%(v)s) bukan angka.") % {"n": number, "v": value}
        ) from None
    try:
        parse_values(
            framework_engine_spec(cycle.framework), {str(number): value}, allow_zero=allow_zero
        )
    except ScoringError as exc:
        raise ValidationError(str(exc)) from None
    return value.quantize(Decimal("0.01"))


def check_text_lengths(**texts: str) -> None:
    """Refuse explanations longer than SPBE_EXPLANATION_MAX_CHARS (FAKTA, ANALISIS, notes):
    one error per field that is too long, keyed on the field, before anything is written.
    A 204,000-character FAKTA once made the audit page 114,000 px tall."""
    limit = settings.SPBE_EXPLANATION_MAX_CHARS
    errors = {
        name: _(
            "Paling panjang %(max)s karakter; sekarang %(n)s. Ringkas, dan lampirkan "
            "rinciannya sebagai bukti dukung."
        )
        % {
            "max": formats.number_format(limit, force_grouping=True),
            "n": formats.number_format(len(text), force_grouping=True),
        }
        for name, text in texts.items()
        if text and len(text) > limit
    }
    if errors:
        raise ValidationError(errors)


def as_text(value):
    """A value as the audit trail records it: None, or its text ("3.50")."""
    return None if value is None else str(value)
