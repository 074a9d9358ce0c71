"""Reads for official results: the preview comparison and the index-only history.

Every index shown here comes from the one engine: `cycle_score`/`score` with `allow_zero=True`
(official results may hold 0, "not assessed").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from spbe.evaluations.models import Cycle, StageValue
from spbe.evaluations.selectors import cycle_predikat_basis, cycle_stage_values
from spbe.frameworks.selectors import framework_engine_spec, framework_indicators
from spbe.frameworks.stages import self_assessment_stage, stage_labels
from spbe.official.models import PublishedResult
from spbe.organizations.models import Instansi
from spbe.organizations.permissions import ensure, scope_for
from spbe.scoring import ScoreResult, score

CHANGES = ("naik", "turun", "sama", "baru", "tetap")


def instansi_for_history(*, user, pk: int) -> Instansi:
    """An instansi whose published history `user` may record (koordinator/administrator)."""
    instansi = Instansi.objects.filter(pk=pk).first()
    if instansi is None:
        raise Http404
    ensure(user, "instansi.manage", instansi)
    return instansi


def published_results_visible(
    *, user, instansi: Instansi | int | None = None, year: int | None = None
) -> QuerySet[PublishedResult]:
    """Published results of the instansi the user sees (optionally one instansi, given as
    object or id, and one year), by instansi then year."""
    scope = scope_for(user)
    qs = PublishedResult.objects.filter(scope.instansi_q("instansi")).select_related("instansi")
    if instansi is not None:
        qs = qs.filter(instansi_id=getattr(instansi, "pk", instansi))
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("instansi__name", "year")


def _current_values(cycle: Cycle) -> dict[tuple[int, str], Decimal | None]:
    return {
        (number, stage): value
        for number, stage, value in StageValue.objects.filter(assessment__cycle=cycle).values_list(
            "assessment__indicator__number", "stage", "value"
        )
    }


def _change(current: Decimal | None, imported: Decimal | None) -> str:
    if imported is None:
        return "tetap"
    if current is None:
        return "baru"
    if imported > current:
        return "naik"
    if imported < current:
        return "turun"
    return "sama"


def official_comparison(
    *,
    cycle: Cycle,
    values: dict[int, dict[str, Decimal]],
    stages: list[str],
    report: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What the preview shows: per indicator the self-assessment, the current and imported
    value of every chosen stage with its direction (naik/turun/sama/baru/tetap), the index per
    stage before and after the import, and for a report PDF its printed values against the
    engine's.

    `values` are by indicator number and stage, already restricted to `stages`.
    """
    spec = framework_engine_spec(cycle.framework)
    basis = cycle_predikat_basis(cycle)
    current = _current_values(cycle)
    own = self_assessment_stage(cycle.framework).code
    labels = stage_labels(cycle.framework)
    rows = []
    counts = {stage: dict.fromkeys(CHANGES, 0) for stage in stages}
    for indicator in framework_indicators(cycle.framework):
        number = indicator.number
        cells = []
        for stage in stages:
            before = current.get((number, stage))
            after = values.get(number, {}).get(stage)
            change = _change(before, after)
            counts[stage][change] += 1
            cells.append({"stage": stage, "current": before, "imported": after, "change": change})
        rows.append(
            {
                "number": number,
                "code": indicator.code,
                "name": indicator.short_name or indicator.name,
                "mandiri": current.get((number, own)),
                "stages": cells,
                "changed": any(c["change"] in ("naik", "turun", "baru") for c in cells),
            }
        )

    scores = []
    for stage in stages:
        existing = cycle_stage_values(cycle, stage)
        has_current = any(s == stage and v is not None for (_n, s), v in current.items())
        merged = existing | {str(n): row[stage] for n, row in values.items() if stage in row}
        before = score(spec, existing, allow_zero=True, predikat_basis=basis)
        after = score(spec, merged, allow_zero=True, predikat_basis=basis)
        scores.append(
            {
                "stage": stage,
                "label": labels.get(stage, stage),
                "before": before if has_current else None,
                "after": after,
            }
        )
    mandiri = None
    if any(stage == own and v is not None for (_n, stage), v in current.items()):
        mandiri = score(spec, cycle_stage_values(cycle, own), predikat_basis=basis)
    return {
        "rows": rows,
        "stages": [{"code": s, "label": labels.get(s, s), "counts": counts[s]} for s in stages],
        "counts": counts,
        "scores": scores,
        "mandiri": mandiri,
        "mandiri_label": labels.get(own, own),
        "check": _printed_check(spec, values, stages, report, basis),
    }


def _printed_check(spec, values, stages, report, basis) -> list[dict[str, Any]]:
    """The report's printed index and domains beside the engine's, with a match flag.

    Only for the report year's column: the previous year's column has no printed values.
    """
    if not report or not report.get("checked") or not stages:
        return []
    stage = stages[0]
    result: ScoreResult = score(
        spec,
        {str(n): row[stage] for n, row in values.items() if stage in row},
        allow_zero=True,
        predikat_basis=basis,
    )
    lines = [("index", _("Indeks"), report["index"], result.index)]
    for code, printed in report.get("domains", {}).items():
        group = result.domains.get(code)
        label = f"{code} {group.name}" if group else code
        lines.append((code, label, printed, group.value if group else None))
    return [
        {
            "key": key,
            "label": label,
            "printed": Decimal(printed),
            "computed": computed,
            "match": computed is not None and Decimal(printed) == computed,
        }
        for key, label, printed, computed in lines
    ]
