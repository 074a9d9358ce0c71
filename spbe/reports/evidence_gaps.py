"""Adapter to the evidence app's "kurang dokumen" flags.

`spbe.evidence.selectors.evidence_status_for_cycle(cycle)` (owned by the evidence app) returns
{assessment_id: status with missing items}. Until it exists this adapter reports no gaps, so
the dashboards work either way; the shape is normalised here to a list of missing items.
"""

from __future__ import annotations


def evidence_gaps_for_cycle(cycle) -> dict[int, list[str]]:
    """assessment id → the evidence items still missing (empty dict: no gaps known)."""
    try:
        from spbe.evidence.selectors import evidence_status_for_cycle
    except ImportError:
        return {}
    gaps: dict[int, list[str]] = {}
    for assessment_id, status in evidence_status_for_cycle(cycle).items():
        missing = _missing_items(status)
        if missing:
            gaps[assessment_id] = missing
    return gaps


def _missing_items(status) -> list[str]:
    missing = status.get("missing") if isinstance(status, dict) else getattr(status, "missing", ())
    return [str(getattr(item, "text", item)) for item in missing or ()]
