"""The target planner's assumptions a framework version states (`planner:` in its file), as
typed values for the planner page, its API and `spbe plan` alike."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from spbe.frameworks.models import Framework


@dataclass(frozen=True)
class PlannerDefaults:
    """The framework's stated planner assumptions (empty block: no cap, effort 1 per step)."""

    max_steps: int | None
    effort_by_level: dict[int, Decimal]
    note: str

    def efforts_from(self, value: Decimal, top: int) -> list[Decimal] | None:
        """Effort of each step up from `value` (to the next whole level, then one by one)."""
        if not self.effort_by_level:
            return None
        first = math.floor(value) + 1
        return [self.effort_by_level.get(level, Decimal(1)) for level in range(first, top + 1)]


def planner_defaults(framework: Framework) -> PlannerDefaults:
    """The `planner:` block of the cycle's framework version as typed values."""
    block = framework.planner or {}
    return PlannerDefaults(
        max_steps=block.get("max_steps_per_cycle"),
        effort_by_level={
            int(level): Decimal(effort)
            for level, effort in (block.get("effort_by_level") or {}).items()
        },
        note=block.get("note", ""),
    )
