"""`spbe lhe read FILE.pdf [--json]`: show what an official SPBE result report contains."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from spbe.official.lhe import LheReadError, LheResult, default_scorer, read_lhe
from spbe.official.lhe.check import group_names

KIND_TITLES = {"evaluasi": "Laporan Hasil Evaluasi", "pemantauan": "Laporan Hasil Pemantauan"}


class Command(BaseCommand):
    help = "Membaca laporan hasil SPBE (LHE/LHP PDF) dari Kementerian PANRB."
    requires_system_checks = []  # reads a file only; keeps --json output free of check noise

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="AKSI", required=True)
        read = actions.add_parser(
            "read",
            help="Baca dan periksa satu laporan PDF; tidak ada yang disimpan.",
            description=(
                "Membaca tahun, instansi, indeks, nilai domain dan aspek, serta level setiap "
                "indikator, lalu memeriksa level terhadap nilai yang tercetak."
            ),
        )
        read.add_argument("file", metavar="FILE.pdf")
        read.add_argument("--json", action="store_true", help="Cetak hasil sebagai JSON.")
        read.add_argument(
            "--indicators",
            type=int,
            default=47,
            help="Jumlah indikator yang diharapkan (bawaan: 47, PermenPANRB 59/2020).",
        )

    def handle(self, *args, **options):
        if options["action"] == "read":
            return self.read(options["file"], as_json=options["json"], count=options["indicators"])
        raise CommandError(f"Aksi tidak dikenal: {options['action']}")  # pragma: no cover

    def read(self, path: str, *, as_json: bool, count: int) -> None:
        try:
            # The shipped 59/2020 file through the scoring engine: no database needed.
            result = read_lhe(path, indicator_count=count, scorer=default_scorer())
        except LheReadError as exc:
            raise CommandError(f"{path}: {exc.message}") from exc
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(_describe(result))


def _describe(result: LheResult) -> str:
    title = KIND_TITLES.get(result.kind, "Laporan hasil")
    lines = [
        f"{title} SPBE tahun {result.year}",
        f"Instansi: {result.instansi}",
        f"Indeks SPBE: {result.index}" + (f" ({result.predikat})" if result.predikat else ""),
        "",
        "Domain:",
    ]
    lines += [f"  {c} {group_names().get(c, '')}: {v}" for c, v in result.domains.items()]
    if result.aspects:
        lines.append("Aspek:")
        lines += [f"  {c} {group_names().get(c, '')}: {v}" for c, v in result.aspects.items()]
    lines.append("")
    header = f"{'No':>3}  {result.year}"
    if result.previous_year is not None:
        header += f"  {result.previous_year}"
    lines.append(f"Level indikator ({len(result.levels)}):")
    lines.append(header + "  Indikator")
    for number, level in sorted(result.levels.items()):
        row = f"{number:>3}  {level:>4}"
        if result.previous_year is not None:
            row += f"  {result.previous_levels.get(number, ''):>4}"
        lines.append(row + "  " + result.indicator_names.get(number, ""))
    lines.append("")
    if result.checked:
        lines.append("Diperiksa: level cocok dengan indeks, domain dan aspek yang tercetak.")
    for warning in result.warnings:
        lines.append(f"Peringatan: {warning}")
    return "\n".join(lines)
