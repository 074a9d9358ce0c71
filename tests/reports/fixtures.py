"""Test data for dashboards and planning: the standard world plus evaluation cycles.

Kaltim's illustrative per-indicator levels (spbe/demo/data/kaltim.yaml) reproduce the published
figures: SPBE 2023 final 2.91; 2024 mandiri 4.35 → dokumen 3.28 → final 3.79.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal

from spbe.evaluations.models import Assessment, Cycle, Stage, StageValue
from spbe.frameworks.selectors import framework_get, framework_indicators
from spbe.frameworks.stages import self_assessment_stage
from spbe.official.models import PublishedResult
from spbe.organizations.models import Instansi
from tests.factories import make_instansi, make_unit

FINAL_2023 = [4, 3, 3, 3, 3, 3, 3, 3, 2, 3, 2, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1,
              2, 1, 1, 2, 5, 5, 5, 5, 5, 4, 4, 5, 4, 4, 3, 3, 3, 3, 3, 2]  # fmt: skip
MANDIRI_2024 = [5, 5, 4, 4, 5, 5, 5, 5, 4, 4, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 4, 3, 3,
                4, 3, 2, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 5, 5, 5, 5, 4, 4]  # fmt: skip
DOKUMEN_2024 = [4, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 2, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
                2, 2, 2, 2, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 5, 5, 5, 4, 4, 3]  # fmt: skip
FINAL_2024 = [4, 4, 4, 4, 4, 4, 4, 4, 2, 3, 4, 4, 3, 3, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 2, 3,
              3, 3, 2, 3, 5, 5, 5, 4, 4, 4, 4, 4, 4, 3, 5, 5, 5, 4, 4, 4]  # fmt: skip


def by_number(levels) -> dict[int, str]:
    return {n: str(level) for n, level in enumerate(levels, start=1)}


def make_cycle(
    *,
    instansi: Instansi,
    year: int,
    stages: dict[str, dict[int, str]],
    units=(),
    code: str = "spbe-59-2020",
    state: str = Cycle.State.SELESAI,
    notes: dict[tuple[int, str], str] | None = None,
    **extra,
) -> Cycle:
    """A cycle with one assessment per indicator, lead units assigned round-robin from
    `units` (the first unit also contributes to every other indicator), and stage values."""
    framework = framework_get(code)
    cycle = Cycle.objects.create(
        instansi=instansi,
        framework=framework,
        year=year,
        kind=extra.pop("kind", Cycle.Kind.EVALUASI),
        name=extra.pop("name", f"Evaluasi SPBE {year}"),
        state=state,
        **extra,
    )
    unit_cycle = itertools.cycle(units) if units else None
    indicators = list(framework_indicators(framework))
    assessments = Assessment.objects.bulk_create(
        Assessment(
            cycle=cycle,
            indicator=ind,
            lead_unit=next(unit_cycle) if unit_cycle else None,
            status=Assessment.Status.DISETUJUI if i % 3 == 0 else Assessment.Status.DRAF,
            due_date=datetime.date(2020, 1, 1) if i % 5 == 1 else None,
        )
        for i, ind in enumerate(indicators)
    )
    if units:
        through = Assessment.contributing_units.through
        through.objects.bulk_create(
            through(assessment_id=a.pk, unit_id=units[0].pk)
            for i, a in enumerate(assessments)
            if i % 2
        )
    by_num = {ind.number: a for ind, a in zip(indicators, assessments, strict=True)}
    notes = notes or {}
    StageValue.objects.bulk_create(
        StageValue(
            assessment=by_num[number],
            stage=stage,
            value=Decimal(value),
            notes=notes.get((number, stage), ""),
        )
        for stage, values in stages.items()
        for number, value in values.items()
    )
    # as `assessment_save` does: the self-assessment value is the respondent's claim
    claims = stages.get(self_assessment_stage(framework).code, {})
    for number, value in claims.items():
        by_num[number].claimed_value = Decimal(value)
    Assessment.objects.bulk_update([by_num[n] for n in claims], ["claimed_value"])
    return cycle


def make_pemdi_cycle(*, instansi: Instansi, values=None, units=()) -> Cycle:
    """A Pemdi 2026 cycle under way (mandiri) with `values` (number → level; default 2.50
    for all 20 indicators) as its self-assessment."""
    return make_cycle(
        instansi=instansi,
        year=2026,
        code="pemdi-8-2026",
        name="Evaluasi Pemdi 2026",
        stages={Stage.MANDIRI: values or {n: "2.50" for n in range(1, 21)}},
        state=Cycle.State.MANDIRI,
        units=units,
    )


@dataclass
class Dash:
    world: object
    cycle_2023: Cycle
    cycle_2024: Cycle


def build_dash(world, *, extra_units: int = 0, extra_kabkota: int = 0) -> Dash:
    """The world's province with SPBE 2023 (final 2.91, finished) and 2024 (mandiri, dokumen,
    final; notes where the assessors lowered), published results for the province, its kab
    and `extra_kabkota` more; `extra_units` more units leading indicators."""
    units = [world.diskominfo, world.setda, world.biro, world.dinkes]
    units += [make_unit(instansi=world.province) for _ in range(extra_units)]
    c2023 = make_cycle(
        instansi=world.province,
        year=2023,
        stages={Stage.FINAL: by_number(FINAL_2023)},
        units=units,
        self_assessment_due=datetime.date(2024, 6, 30),
    )
    c2024 = make_cycle(
        instansi=world.province,
        year=2024,
        stages={
            Stage.MANDIRI: by_number(MANDIRI_2024),
            Stage.DOKUMEN: by_number(DOKUMEN_2024),
            Stage.FINAL: by_number(FINAL_2024),
        },
        units=units,
        notes={(9, Stage.DOKUMEN): "Dokumen arsitektur belum ditetapkan."},
        state=Cycle.State.FINALISASI,
    )
    Assessment.objects.filter(cycle=c2024, indicator__number=9).update(
        review_note="Arsitektur SPBE belum direviu."
    )
    PublishedResult.objects.create(
        instansi=world.province,
        year=2024,
        framework_code="spbe-59-2020",
        index=Decimal("3.79"),
        predikat="Sangat Baik",
        domains={"D1": "3.70", "D2": "3.50", "D3": "2.82", "D4": "4.32"},
        source="Laporan 2024",
    )
    PublishedResult.objects.create(
        instansi=world.province,
        year=2020,
        framework_code="spbe-5-2018",
        index=Decimal("2.50"),
        predikat="Baik",
        source="uji",
    )
    kabs = [world.kab] + [
        make_instansi(kind="kabupaten", province=world.province) for _ in range(extra_kabkota)
    ]
    for n, kab in enumerate(kabs):
        for year, index in (
            (2023, Decimal("2.00") + n % 10 / Decimal(10)),
            (2024, Decimal("2.60")),
        ):
            PublishedResult.objects.create(
                instansi=kab,
                year=year,
                framework_code="spbe-59-2020",
                index=index,
                predikat="Cukup" if index < Decimal("2.6") else "Baik",
                domains={"D1": "2.00", "D2": "2.10", "D3": "1.50", "D4": "3.00"},
                source="uji",
            )
    # another province's Pemda count towards the national mean but are never shown
    PublishedResult.objects.create(
        instansi=world.other,
        year=2024,
        framework_code="spbe-59-2020",
        index=Decimal("4.00"),
        predikat="Sangat Baik",
        source="uji",
    )
    return Dash(world=world, cycle_2023=c2023, cycle_2024=c2024)
