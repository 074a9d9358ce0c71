"""`spbe inventory import|export|duplicates`: the architecture inventory from the command line.

Exit status 1 with a message in Bahasa Indonesia for bad input (unknown instansi, unreadable
file, bad rows with their row and column); with --dry-run nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spbe.inventory import exports, selectors
from spbe.inventory.imports.applications import applications_import, import_preview
from spbe.inventory.imports.tabular import read_table
from spbe.organizations.models import Instansi


def _instansi(key: str) -> Instansi:
    try:
        return selectors.instansi_by_key(key)
    except Instansi.DoesNotExist:
        raise CommandError(
            f"instansi '{key}' tidak dikenal (pakai kunci instansi, mis. provinsi-kalimantan-timur)"
        ) from None


class Command(BaseCommand):
    help = "Inventaris arsitektur SPBE: impor, ekspor, kandidat duplikasi aplikasi."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", metavar="AKSI", required=True)
        imp = sub.add_parser(
            "import", help="Impor aplikasi dari CSV/XLSX (semua baris atau tidak sama sekali)."
        )
        imp.add_argument("--instansi", required=True, metavar="KEY")
        imp.add_argument("file", metavar="FILE.csv|.xlsx")
        imp.add_argument("--dry-run", action="store_true", help="Periksa saja; tidak menyimpan.")
        imp.add_argument(
            "--create-missing-units",
            action="store_true",
            help="Buat unit baru untuk nama unit yang tidak dikenali.",
        )
        exp = sub.add_parser("export", help="Ekspor aplikasi ke XLSX atau CSV.")
        exp.add_argument("--instansi", required=True, metavar="KEY")
        exp.add_argument("--out", required=True, metavar="FILE.xlsx")
        dup = sub.add_parser("duplicates", help="Pasangan aplikasi yang mungkin duplikat.")
        dup.add_argument("--instansi", required=True, metavar="KEY")
        dup.add_argument("--json", action="store_true", help="Cetak sebagai JSON.")

    def handle(self, *args, **options):
        instansi = _instansi(options["instansi"])
        return getattr(self, f"do_{options['action']}")(instansi, options)

    def do_import(self, instansi: Instansi, options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: berkas tidak ditemukan")
        try:
            header, rows = read_table(path.name, path.read_bytes())
        except ValidationError as exc:
            raise CommandError(f"{path}: {' '.join(exc.messages)}") from None
        create = options["create_missing_units"]
        preview = import_preview(
            instansi=instansi, header=header, rows=rows, create_missing_units=create
        )
        for name, (unit, score) in sorted(preview.fuzzy.items()):
            self.stderr.write(f"unit '{name}' dicocokkan dengan '{unit.name}' ({score}% mirip)")
        if preview.unmatched and create:
            self.stderr.write("unit baru akan dibuat: " + "; ".join(preview.unmatched))
        if not preview.ok:
            lines = [f"{path} {p}" for p in preview.problems]
            raise CommandError("impor ditolak, tidak ada yang disimpan:\n" + "\n".join(lines))
        if options["dry_run"]:
            self.stdout.write(
                f"{len(preview.rows)} aplikasi siap diimpor (--dry-run: tidak disimpan)."
            )
            return
        try:
            created = applications_import(
                actor=None,
                instansi=instansi,
                preview=preview,
                create_missing_units=create,
                source_name=path.name,
            )
        except ValidationError as exc:
            raise CommandError("impor ditolak: " + " ".join(exc.messages)) from None
        self.stdout.write(f"{len(created)} aplikasi diimpor ke {instansi.name}.")

    def do_export(self, instansi: Instansi, options) -> None:
        out = Path(options["out"])
        rows = exports.application_rows(exports.export_queryset(instansi))
        if out.suffix.lower() == ".xlsx":
            out.write_bytes(exports.to_xlsx(rows))
        elif out.suffix.lower() == ".csv":
            out.write_bytes(exports.to_csv(rows))
        else:
            raise CommandError(f"{out}: format keluaran harus .xlsx atau .csv")
        self.stdout.write(f"{len(rows) - 1} aplikasi diekspor ke {out}.")

    def do_duplicates(self, instansi: Instansi, options) -> None:
        pairs = selectors.duplicate_pairs(instansi=instansi)
        if options["json"]:
            payload = [
                {
                    "a": p.a.name,
                    "b": p.b.name,
                    "score": p.score,
                    "reasons": p.reasons,
                    "a_unit": str(p.a.owner_unit or ""),
                    "b_unit": str(p.b.owner_unit or ""),
                    "decision": p.decision.verdict if p.decision else None,
                }
                for p in pairs
            ]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for p in pairs:
            decided = f" [{p.decision.get_verdict_display()}]" if p.decision else ""
            self.stdout.write(f"{p.score:>3}  {p.a.name} ~ {p.b.name}  ({p.reasons}){decided}")
        self.stdout.write(f"{len(pairs)} pasangan kandidat.")
