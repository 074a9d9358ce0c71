"""`spbe budget import|summary`: planned ICT spending from the command line.

Exit status 1 with a message in Bahasa Indonesia for bad input; --dry-run writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spbe.budget import selectors
from spbe.budget.imports import budget_import, budget_preview
from spbe.budget.letters import rupiah
from spbe.budget.selectors import summary_json
from spbe.inventory.imports.tabular import read_table
from spbe.inventory.management.commands.inventory import _instansi


class Command(BaseCommand):
    help = "Belanja TIK: impor dari XLSX perencanaan, ringkasan konsolidasi per tahun."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", metavar="AKSI", required=True)
        imp = sub.add_parser(
            "import", help="Impor butir belanja TIK (semua baris atau tidak sama sekali)."
        )
        imp.add_argument("--instansi", required=True, metavar="KEY")
        imp.add_argument("--year", required=True, type=int, metavar="YEAR")
        imp.add_argument("file", metavar="FILE.xlsx")
        imp.add_argument("--dry-run", action="store_true", help="Periksa saja; tidak menyimpan.")
        summary = sub.add_parser(
            "summary", help="Konsolidasi per unit, kategori, indikator, domain."
        )
        summary.add_argument("--instansi", required=True, metavar="KEY")
        summary.add_argument("--year", required=True, type=int, metavar="YEAR")
        summary.add_argument("--json", action="store_true", help="Cetak sebagai JSON.")

    def handle(self, *args, **options):
        instansi = _instansi(options["instansi"])
        if options["action"] == "import":
            return self.do_import(instansi, options)
        return self.do_summary(instansi, options)

    def do_import(self, instansi, options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: berkas tidak ditemukan")
        try:
            header, rows = read_table(path.name, path.read_bytes())
        except ValidationError as exc:
            raise CommandError(f"{path}: {' '.join(exc.messages)}") from None
        framework = selectors.budget_framework(instansi)
        preview = budget_preview(
            instansi=instansi, year=options["year"], header=header, rows=rows, framework=framework
        )
        for name, (unit, score) in sorted(preview.fuzzy.items()):
            self.stderr.write(f"unit '{name}' dicocokkan dengan '{unit.name}' ({score}% mirip)")
        if not preview.ok:
            lines = "\n".join(f"{path} {p}" for p in preview.problems)
            raise CommandError(f"impor ditolak, tidak ada yang disimpan:\n{lines}")
        if options["dry_run"]:
            self.stdout.write(
                f"{len(preview.rows)} butir siap diimpor (--dry-run: tidak disimpan)."
            )
            return
        created = budget_import(
            actor=None,
            instansi=instansi,
            preview=preview,
            framework=framework,
            source_name=path.name,
        )
        self.stdout.write(
            f"{len(created)} butir belanja TIK {options['year']} diimpor ke {instansi.name}."
        )

    def do_summary(self, instansi, options) -> None:
        year = options["year"]
        figures = selectors.consolidation(instansi=instansi, year=year)
        flags = selectors.budget_flags(instansi=instansi, year=year)
        if options["json"]:
            payload = summary_json(instansi=instansi, year=year, figures=figures, flags=flags)
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        out = [
            f"Belanja TIK {year} · {instansi.name}: {figures.items} butir, "
            f"total {rupiah(figures.total)}"
        ]
        for title, rows in (
            ("Per unit", figures.by_unit),
            ("Per kategori", figures.by_category),
            ("Per indikator", figures.by_indicator),
            ("Per domain", figures.by_domain),
        ):
            out.append(f"{title}:")
            out += [f"  {rupiah(v):>20}  {k}" for k, v in rows]
        out.append(
            f"Catatan: {len(flags.builds_existing)} mirip aplikasi lain, "
            f"{len(flags.unlinked)} tanpa keterkaitan, "
            f"{len(flags.unconsulted)} belum dikonsultasikan, "
            f"{len(flags.action_without_budget)} rencana aksi tanpa anggaran."
        )
        self.stdout.write("\n".join(out))
