"""`spbe plan`: evaluations' file-based planner, plus planning for a cycle's final figure.

    spbe plan --cycle ID --target 3.00 [--confidence 0.8] [--json]

plans from the cycle's base stage (as the planner page does), forecasts the final index from
the instansi's calibrated history and prints the steps, the expected final index and its
interval (JSON keys `expected_index`, `interval`, `steps`, `next_year`, ...). Without
``--cycle`` it is the file-based `spbe plan --framework CODE FILE.csv` of spbe.evaluations.
Bad input exits 1 with a message in Bahasa Indonesia.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from spbe.core.numbers import parse_decimal
from spbe.evaluations.management.commands import plan as file_plan
from spbe.evaluations.management.commands._cli import table, two
from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.planning.final_plan import FinalProposal, final_plan_propose, final_proposal_json
from spbe.planning.selectors import PlannerInput
from spbe.scoring.calibration import expected_published

#: Options of the file-based planner that the cycle planner does not take (yet).
FILE_ONLY = ("effort", "effort_flat", "max_level", "frozen", "include_external", "allow_zero")


class Command(file_plan.Command):
    help = file_plan.Command.help + (
        " Dengan --cycle ID: rencana menuju nilai AKHIR siklus itu (kalibrasi dari riwayat "
        "klaim vs hasil akhir), dengan --confidence 0.8 untuk peluang mencapai target."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--cycle", help="id siklus yang direncanakan")
        parser.add_argument(
            "--confidence", help="peluang mencapai target pada hasil akhir, mis. 0.8 (0 < p < 1)"
        )

    def handle(self, *args, **options):
        if not options["cycle"]:
            if options["confidence"]:
                raise CommandError("--confidence hanya berlaku bersama --cycle ID.")
            return super().handle(*args, **options)
        if options["file"] or options["framework"]:
            raise CommandError("--cycle tidak bisa digabung dengan FILE atau --framework.")
        ignored = [f"--{name.replace('_', '-')}" for name in FILE_ONLY if options.get(name)]
        if ignored:  # refuse rather than silently plan without them
            raise CommandError(", ".join(ignored) + " belum berlaku bersama --cycle.")
        cycle = _cycle(options["cycle"])
        figures = cycle_figures(cycle)
        target = file_plan._target(options["target"], figures.spec)
        confidence = _confidence(options["confidence"])
        inputs = PlannerInput(target=target, max_steps=options["max_steps"])
        try:
            proposal = final_plan_propose(figures=figures, inputs=inputs, confidence=confidence)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if options["json"]:
            self.stdout.write(
                json.dumps(final_proposal_json(proposal, cycle.pk), ensure_ascii=False, indent=2)
            )
        else:
            self._print_final(proposal)

    def _print_final(self, proposal: FinalProposal) -> None:
        out, result = self.stdout.write, proposal.result
        plan, sim = result.plan, result.forecast
        out(f"Nilai dasar        : {two(plan.index_before)} ({proposal.base_reason})")
        out(f"Target             : {two(result.target)}")
        out(f"Klaim yang dituju  : {two(plan.index_after)}")
        low, high = sim.interval
        out(
            f"Perkiraan akhir    : {two(expected_published(sim))} "
            f"(rentang {int(sim.level * 100)}%: {two(low)}–{two(high)})"
        )
        out(f"Peluang capai target: {float(result.probability):.0%}")
        if result.confidence is not None and not result.confident:
            out(self.style.WARNING("Keyakinan yang diminta tidak tercapai dengan batasan ini."))
        out(proposal.assumption_text)
        self._steps("Langkah tahun ini", proposal.steps)
        if proposal.next_year:
            self._steps("Tidak sempat tahun ini (rencana tahun depan)", proposal.next_year)

    def _steps(self, title: str, steps) -> None:
        self.stdout.write("")
        self.stdout.write(title + ":")
        rows = [["INDIKATOR", "NAMA", "DARI", "KE", "DITERIMA", "HARI", "SIAP"]]
        for s in steps:
            rows.append(
                [
                    s.code,
                    s.name,
                    str(s.from_value),
                    str(s.to_value),
                    f"{float(s.accepted):.0%}",
                    str(s.lead_days),
                    s.ready_on.isoformat(),
                ]
            )
        for line in table(rows, right={2, 3, 4, 5}):
            self.stdout.write(line)


def _cycle(raw: str) -> Cycle:
    if not str(raw).isdigit():
        raise CommandError(f"--cycle '{raw}' bukan id siklus (bilangan bulat).")
    cycle = Cycle.objects.select_related("framework", "instansi").filter(pk=int(raw)).first()
    if cycle is None:
        raise CommandError(f"Siklus dengan id {raw} tidak ada.")
    return cycle


def _confidence(raw: str | None) -> Fraction | None:
    if raw in (None, ""):
        return None
    try:
        value = parse_decimal(raw)
    except (ArithmeticError, InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or not Decimal(0) < value < Decimal(1):
        raise CommandError(
            f"--confidence '{raw}' harus angka di antara 0 dan 1 (contoh: --confidence 0.8)."
        )
    return Fraction(value)
