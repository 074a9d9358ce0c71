"""What the target planner assumes and what it may move, from the framework's data.

- Defaults a government can actually do (the framework file's `planner:` block): at most
  `max_steps_per_cycle` level steps per indicator per cycle, and an effort per step that grows
  with the level being reached (`effort_by_level`). Both are stated on the page and editable.
- Indicators whose value comes from another agency's index (`source: external`) are not
  raisable levels: they are frozen, and move only when the user states the agency index value
  to reach, converted by the framework's own table.
- What each step needs: the framework's criteria and typical evidence of every level reached.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from spbe.core.numbers import fmt_id
from spbe.evaluations.selectors import ExternalIndex, cycle_external_indices
from spbe.frameworks.models import Framework, Indicator
from spbe.frameworks.planner_assumptions import PlannerDefaults
from spbe.scoring import ScoringError, convert_external


def planner_defaults_text(defaults: PlannerDefaults) -> str:
    """The assumptions in words, for the planner page (and the API's `assumptions`)."""
    if defaults.max_steps:
        steps = _("Kenaikan maksimum bawaan: %(n)d level per indikator per siklus.") % {
            "n": defaults.max_steps
        }
    else:
        steps = _("Tanpa batas kenaikan bawaan per siklus.")
    if not defaults.effort_by_level:
        return f"{steps} {_('Usaha bawaan: 1 per langkah.')}"
    efforts = ", ".join(
        _("ke level %(l)d: %(e)s") % {"l": level, "e": fmt_id(effort)}
        for level, effort in sorted(defaults.effort_by_level.items())
    )
    return _(
        "%(steps)s Usaha bawaan per langkah tumbuh dengan level yang dituju (%(efforts)s); "
        "asumsi kerangka evaluasi, dapat diubah per indikator."
    ) % {"steps": steps, "efforts": efforts}


# -- externally sourced indicators -----------------------------------------------------------
@dataclass(frozen=True)
class ExternalOption:
    """One other agency's index the plan can only move through its published value."""

    index: ExternalIndex
    numbers: tuple[str, ...]  # engine keys of the indicators that take it
    needs: tuple[tuple[int, Decimal], ...]  # (level, smallest index value reaching it)
    target_raw: Decimal | None = None
    target_value: Decimal | None = None  # the target index value converted


def external_keys(framework: Framework) -> dict[str, str]:
    """Engine key → external index code of every externally sourced indicator (1 query)."""
    return {
        str(number): index
        for number, index in Indicator.objects.filter(
            framework=framework, source=Indicator.Source.EXTERNAL
        ).values_list("number", "external_index")
    }


def index_value_needed(table: dict, level: int) -> Decimal | None:
    """The smallest index value (2 decimals, rounded up) whose conversion reaches `level`."""
    for band in table["conversion"]:
        a, b = (Decimal(str(x)) for x in band["from"])
        c, d = (Decimal(str(x)) for x in band["to"])
        if c <= level <= d and d > c:
            raw = a + (Decimal(level) - c) * (b - a) / (d - c)
            return raw.quantize(Decimal("0.01"), rounding=ROUND_CEILING)
    return None


def external_options(cycle, targets: dict[str, Decimal]) -> list[ExternalOption]:
    """The cycle's external indices with the value each level needs and the user's target
    value (index code → raw value) converted by the framework's table.

    Raises ValidationError (Bahasa Indonesia) for a target outside the index's scale.
    """
    from django.core.exceptions import ValidationError

    tables = cycle.framework.external_indices or {}
    keys = external_keys(cycle.framework)
    top = int(cycle.framework.value_max)
    options = []
    unknown = set(targets) - set(tables)
    if unknown:
        raise ValidationError(
            _("Indeks eksternal tidak dikenal: %(c)s.") % {"c": ", ".join(sorted(unknown))}
        )
    for index in cycle_external_indices(cycle):
        table = tables[index.code]
        needs = tuple(
            (level, needed)
            for level in range(math.floor(index.value) + 1, top + 1)
            if (needed := index_value_needed(table, level)) is not None
        )
        raw = targets.get(index.code)
        converted = None
        if raw is not None:
            try:
                converted = convert_external(table, raw).value
            except ScoringError as exc:
                raise ValidationError({f"external_{index.code}": str(exc)}) from exc
        options.append(
            ExternalOption(
                index=index,
                numbers=tuple(sorted((k for k, c in keys.items() if c == index.code), key=int)),
                needs=needs,
                target_raw=raw,
                target_value=converted,
            )
        )
    return options


# -- what a step needs -----------------------------------------------------------------------
@dataclass(frozen=True)
class LevelNeed:
    level: int
    criteria: str
    evidence: tuple[str, ...]

    def text(self) -> str:
        evidence = "; ".join(self.evidence)
        sentence = _("Level %(l)d: %(c)s") % {"l": self.level, "c": self.criteria}
        if evidence:
            sentence += " " + _("Bukti dukung: %(e)s.") % {"e": evidence}
        return sentence


def levels_needed(framework: Framework, keys) -> dict[str, dict[int, LevelNeed]]:
    """Engine key → level → the framework's criteria and typical evidence (1 query)."""
    wanted = {int(k) for k in keys}
    needs: dict[str, dict[int, LevelNeed]] = {}
    for number, levels in Indicator.objects.filter(
        framework=framework, number__in=wanted
    ).values_list("number", "levels"):
        needs[str(number)] = {
            int(level["level"]): LevelNeed(
                level=int(level["level"]),
                criteria=(level.get("criteria") or "").strip(),
                evidence=tuple(e["text"] for e in level.get("evidence") or () if e.get("text")),
            )
            for level in levels
        }
    return needs


def step_needs(needs: dict[int, LevelNeed], from_value: Decimal, to_value: Decimal):
    """The levels a move from → to reaches, each with what it needs."""
    first, last = math.floor(from_value) + 1, math.floor(to_value)
    return [needs[level] for level in range(first, last + 1) if level in needs]
