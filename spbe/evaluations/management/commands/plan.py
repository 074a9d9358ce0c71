"""`spbe plan --framework CODE FILE.csv --target 3.00`: the least-effort way to a target index.

The plan is the scoring engine's proven optimum (`spbe.scoring.plan_target`); this command
reads the files and prints. An unreachable target is an answer, not an error: the exit code
is 0, ``reachable`` is false in JSON, and the plan shown reaches the best reachable index
with the least effort. Bad input (files, numbers, options) exits non-zero.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from spbe.core.numbers import parse_decimal
from spbe.evaluations.csvinput import CsvInputError, indicator_label, read_efforts
from spbe.evaluations.management.commands._cli import (
    framework_for_cli,
    levels_for_cli,
    table,
    two,
)
from spbe.frameworks.selectors import framework_indicators
from spbe.scoring import FrameworkSpec, PlanResult, ScoringError, plan_target


class Command(BaseCommand):
    help = (
        "Rencana kenaikan level dengan total usaha paling kecil agar indeks mencapai target "
        "(optimum terbukti). Target yang tak tercapai bukan galat: kode keluar 0, JSON "
        "reachable=false, dan rencana menuju indeks tertinggi yang bisa dicapai."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas CSV dengan judul indicator,level")
        parser.add_argument("--framework", required=True, help="kode kerangka")
        parser.add_argument("--target", required=True, help="target indeks, mis. 3.00")
        parser.add_argument(
            "--effort", help="berkas CSV indicator,effort (usaha per kenaikan satu level; bawaan 1)"
        )
        parser.add_argument(
            "--max-steps", type=int, help="kenaikan level paling banyak per indikator"
        )
        parser.add_argument("--max-level", help="level tertinggi yang boleh dituju (bawaan 5)")
        parser.add_argument(
            "--frozen", default="", help="indikator yang tidak bisa naik, mis. 1,2,3"
        )
        parser.add_argument(
            "--allow-zero", action="store_true", help="terima level 0 (hasil resmi)"
        )
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args, **options):
        framework, spec = framework_for_cli(options["framework"], self.stderr)
        target = _target(options["target"], spec)
        values = levels_for_cli(options["file"], spec, allow_zero=options["allow_zero"])
        effort = None
        if options["effort"]:
            try:
                effort = read_efforts(options["effort"], spec)
            except CsvInputError as error:
                raise CommandError(str(error)) from None
        frozen = [part.strip() for part in options["frozen"].split(",") if part.strip()]
        try:
            plan = plan_target(
                spec,
                values,
                target,
                effort=effort,
                max_level=options["max_level"],
                max_steps=options["max_steps"],
                frozen=frozen,
                allow_zero=options["allow_zero"],
            )
        except ScoringError as error:
            raise CommandError(f"{options['file']}: {error}") from None
        if options["json"]:
            self.stdout.write(json.dumps(as_json(plan), ensure_ascii=False, indent=2))
        else:
            names = {str(i.number): i.short_name or i.name for i in framework_indicators(framework)}
            self._print(spec, plan, names)

    def _print(self, spec: FrameworkSpec, plan: PlanResult, names: dict[str, str]) -> None:
        out = self.stdout.write
        out(f"Indeks sekarang : {two(plan.index_before)} ({plan.before.predikat})")
        out(f"Target          : {two(plan.target)}")
        if plan.reachable:
            out(
                self.style.SUCCESS(
                    f"Target tercapai : {two(plan.index_after)} ({plan.after.predikat})"
                )
            )
        else:
            out(
                self.style.WARNING(
                    f"Target {two(plan.target)} TIDAK TERCAPAI dengan batasan ini. Indeks "
                    f"tertinggi yang bisa dicapai: {two(plan.best_reachable)}; rencana di bawah "
                    "mencapainya dengan usaha paling kecil."
                )
            )
        out(f"Total usaha     : {plan.total_effort} ({plan.total_steps} kenaikan level)")
        if not plan.changes:
            out("Tidak perlu ada kenaikan level.")
            return
        out("")
        rows = [["INDIKATOR", "NAMA", "DARI", "KE", "USAHA", "ALASAN"]]
        for change in plan.changes:
            indicator = spec.indicator(change.indicator)
            rows.append(
                [
                    indicator.code,
                    names.get(change.indicator, ""),
                    str(change.from_value),
                    str(change.to_value),
                    str(change.effort),
                    change.reason,
                ]
            )
        for line in table(rows, right={2, 3, 4}):
            out(line)


def _target(raw: str, spec: FrameworkSpec) -> Decimal:
    try:
        target = parse_decimal(raw)
    except ArithmeticError:
        target = None
    if target is None or not target.is_finite():
        raise CommandError(f"--target '{raw}' bukan angka (contoh: --target 3.00)")
    if not spec.value_min <= target <= spec.value_max:
        raise CommandError(
            f"--target {raw} di luar rentang indeks {spec.value_min}–{spec.value_max}"
        )
    return target


def as_json(plan: PlanResult) -> dict:
    """The JSON shape of `spbe plan --json` (keys documented in README)."""
    return {
        "reachable": plan.reachable,
        "target": two(plan.target),
        "index_before": two(plan.index_before),
        "index_after": two(plan.index_after),
        "best_reachable": two(plan.best_reachable),
        "total_effort": str(plan.total_effort),
        "total_steps": plan.total_steps,
        "changes": [
            {
                "indicator": indicator_label(change.indicator),
                "from": str(change.from_value),
                "to": str(change.to_value),
                "effort": str(change.effort),
                "steps": change.steps,
                "index_gain": str(change.index_gain),
                "reason": change.reason,
            }
            for change in plan.changes
        ],
    }
