"""Checks the target planner's assumptions a framework file states (`planner:`).

A government raises an indicator at most a level or so a year, and each higher level costs
more than the one before; the planner's defaults say so, as data the coordinator can read and
change per cycle on the planner page. See docs/framework-format.md "Asumsi perencana".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

PLANNER_KEYS = ("max_steps_per_cycle", "effort_by_level", "note")


def check_planner(c, value: Any, doc: dict, levels: list[int]) -> dict:
    """The normalised `planner` block: {"max_steps_per_cycle": int, "effort_by_level":
    {"2": "1.00", ...}, "note": str}; {} when the file has none (no caps, effort 1)."""
    if value is None:
        return {}
    block = c.mapping(value, "planner")
    for key in block:
        if key not in PLANNER_KEYS:
            c.add(f"planner: kunci '{key}' tidak dikenal (pilihan: {', '.join(PLANNER_KEYS)})")
    steps = c.positive_int(block.get("max_steps_per_cycle"), "planner.max_steps_per_cycle")
    efforts = _check_efforts(c, block.get("effort_by_level"), levels)
    return {
        "max_steps_per_cycle": steps,
        "effort_by_level": efforts,
        "note": c.text(block.get("note"), "planner.note", required=False),
    }


def _check_efforts(c, value: Any, levels: list[int]) -> dict[str, str]:
    """Effort of the step that reaches each level above the lowest: positive, never falling."""
    where = "planner.effort_by_level"
    raw = c.mapping(value, where)
    reachable = levels[1:]  # the lowest level is where an indicator starts, never reached
    given = {str(k): v for k, v in raw.items()}
    expected = {str(level) for level in reachable}
    if set(given) != expected:
        c.add(
            f"{where}: harus memuat tepat level {', '.join(sorted(expected, key=int))} "
            f"(ada: {', '.join(sorted(given, key=lambda k: (not k.isdigit(), k))) or '-'})"
        )
        return {}
    efforts: dict[str, str] = {}
    previous = Decimal(0)
    for level in reachable:
        number = c.decimal(given[str(level)], f"{where}.{level}")
        if number is None:
            continue
        if number <= 0:
            c.add(f"{where}.{level}: usaha harus lebih dari 0")
        elif number < previous:
            c.add(f"{where}.{level}: usaha tidak boleh lebih kecil dari level sebelumnya")
        previous = max(previous, number)
        efforts[str(level)] = str(number.quantize(Decimal("0.01")))
    return efforts
