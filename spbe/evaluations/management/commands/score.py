"""`spbe score --framework CODE FILE.csv`: the index of a set of indicator levels.

FILE.csv has the header ``indicator,level``. Scoring goes through the one engine
(`spbe.scoring.score` with the framework's engine spec); this command only reads and prints.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from spbe.evaluations.management.commands._cli import (
    exact_text,
    framework_for_cli,
    labels,
    levels_for_cli,
    table,
    two,
)
from spbe.scoring import ScoreResult, ScoringError, score

BASIS_NAMES = {"exact": "nilai tepat", "rounded": "nilai dibulatkan 2 desimal"}


class Command(BaseCommand):
    help = "Menghitung indeks, predikat, nilai domain dan aspek dari berkas CSV 'indicator,level'."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas CSV dengan judul indicator,level")
        parser.add_argument(
            "--framework", required=True, help="kode kerangka, mis. spbe-59-2020, pemdi-8-2026"
        )
        parser.add_argument("--json", action="store_true", help="keluaran JSON")
        parser.add_argument(
            "--predikat-basis",
            choices=["exact", "rounded"],
            help="nilai yang menentukan predikat (bawaan: aturan kerangka untuk tahunnya)",
        )
        parser.add_argument(
            "--year", type=int, help="tahun evaluasi (menentukan dasar predikat, mis. 2023)"
        )
        parser.add_argument(
            "--allow-zero",
            action="store_true",
            help="terima level 0 (hanya untuk hasil resmi yang diimpor)",
        )

    def handle(self, *args, **options):
        framework, spec = framework_for_cli(options["framework"], self.stderr)
        values = levels_for_cli(options["file"], spec, allow_zero=options["allow_zero"])
        basis = options["predikat_basis"] or spec.predikat_basis_for(options["year"])
        try:
            result = score(spec, values, allow_zero=options["allow_zero"], predikat_basis=basis)
        except ScoringError as error:
            raise CommandError(f"{options['file']}: {error}") from None
        if options["json"]:
            self.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2))
        else:
            self._print(framework, result)

    def _print(self, framework, result: ScoreResult) -> None:
        out = self.stdout.write
        out(f"Kerangka  : {framework.code} versi {framework.version} ({framework.name})")
        if not result.complete:
            out(
                self.style.WARNING(
                    f"BUKAN INDEKS RESMI: {len(result.missing)} indikator belum bernilai "
                    f"({', '.join(map(str, labels(result.missing)))}); angka di bawah adalah "
                    "nilai sementara atas indikator yang terisi."
                )
            )
        out(f"Indeks    : {two(result.index)}  (nilai tepat {exact_text_of(result)})")
        out(f"Predikat  : {result.predikat}  (dasar: {BASIS_NAMES[result.predikat_basis]})")
        if result.predikat_differs:
            other = "rounded" if result.predikat_basis == "exact" else "exact"
            other_predikat = (
                result.predikat_rounded if other == "rounded" else result.predikat_exact
            )
            out(f"            menurut {BASIS_NAMES[other]}: {other_predikat}")
        for title, groups in (("Domain", result.domains), ("Aspek", result.aspects)):
            if not groups:
                continue
            out("")
            rows = [[title.upper(), "NAMA", "BOBOT", "NILAI"]]
            rows += [
                [code, g.name, f"{g.weight}%", two(g.value) or "-"] for code, g in groups.items()
            ]
            for line in table(rows, right={2, 3}):
                out(line)


def exact_text_of(result: ScoreResult) -> str | None:
    if result.index_exact is None:
        return None
    return exact_text(result.index_exact, result.index_exact_decimal)


def as_json(result: ScoreResult) -> dict:
    """The JSON shape of `spbe score --json` (keys documented in README)."""
    return {
        "framework": result.framework,
        "index": two(result.index),
        "index_exact": exact_text_of(result),
        "predikat": result.predikat,
        "predikat_basis": result.predikat_basis,
        "predikat_exact": result.predikat_exact,
        "predikat_rounded": result.predikat_rounded,
        "domains": {code: two(g.value) for code, g in result.domains.items()},
        "aspects": {code: two(g.value) for code, g in result.aspects.items()},
        "missing": labels(result.missing),
        "complete": result.complete,
    }
