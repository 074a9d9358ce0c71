"""`spbe worksheet export|import`: the lembar kerja of a cycle from the command line.

- `spbe worksheet export --cycle ID --out FILE.xlsx`: every indicator of the cycle;
- `spbe worksheet import --cycle ID --user USERNAME FILE.xlsx [--dry-run]`: applies the edited
  worksheet as that user, with their permissions, all or nothing; prints each change
  (old → new) and, with --dry-run, stops there.
Exit status 1 with a message on a bad cycle, user or file, or any refused row.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spbe.evaluations.management.commands._cli import cycle_for_cli, user_for_cli
from spbe.evaluations.models import Cycle
from spbe.worksheets.services import worksheet_import_apply, worksheet_import_plan
from spbe.worksheets.text import describe_change
from spbe.worksheets.xlsx import worksheet_export


class Command(BaseCommand):
    help = "Ekspor dan impor lembar kerja (XLSX) siklus evaluasi."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="AKSI", required=True)
        export = actions.add_parser("export", help="Tulis lembar kerja siklus ke berkas XLSX.")
        export.add_argument("--cycle", required=True, metavar="ID")
        export.add_argument("--out", required=True, metavar="FILE.xlsx")
        load = actions.add_parser(
            "import", help="Terapkan lembar kerja yang diubah, sebagai pengguna tertentu."
        )
        load.add_argument("--cycle", required=True, metavar="ID")
        load.add_argument("--user", required=True, metavar="USERNAME")
        load.add_argument("file", metavar="FILE.xlsx")
        load.add_argument(
            "--dry-run", action="store_true", help="Tampilkan perubahan tanpa menyimpan."
        )

    def handle(self, *args, **options):
        cycle = cycle_for_cli(options["cycle"])
        if options["action"] == "export":
            return self.export(cycle, options["out"])
        return self.load(cycle, options["user"], options["file"], dry_run=options["dry_run"])

    def export(self, cycle: Cycle, out: str) -> None:
        path = Path(out)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"{out}: nama berkas keluaran harus berakhiran .xlsx")
        if not path.parent.is_dir():
            raise CommandError(f"{out}: folder {path.parent} tidak ada")
        data = worksheet_export(user=None, cycle=cycle, base_url=settings.SITE_URL)
        path.write_bytes(data)
        self.stdout.write(f"Lembar kerja {cycle.name} ditulis ke {out} ({len(data)} byte).")

    def load(self, cycle: Cycle, username: str, file: str, *, dry_run: bool) -> None:
        user = user_for_cli(username)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: berkas tidak ada")
        try:
            with path.open("rb") as handle:
                plan = worksheet_import_plan(
                    actor=user, cycle=cycle, fileobj=handle, filename=path.name
                )
        except ValidationError as exc:
            raise CommandError(f"{file}: {' '.join(exc.messages)}") from exc
        if plan.errors:
            refused = "\n".join(plan.errors)
            raise CommandError(f"{file}: ditolak, tidak ada yang disimpan.\n{refused}")
        for change in plan.changes:
            for cell in change.cells:
                self.stdout.write(describe_change(cycle, change, cell))
        if not plan.changes:
            self.stdout.write("Tidak ada perubahan.")
            return
        if dry_run:
            self.stdout.write(f"{plan.cell_count} sel akan berubah (--dry-run: tidak disimpan).")
            return
        try:
            cells = worksheet_import_apply(
                actor=user,
                cycle=cycle,
                changes=plan.changes,
                filename=path.name,
                sha256=plan.sha256,
            )
        except ValidationError as exc:
            raise CommandError(f"{file}: {' '.join(exc.messages)}") from exc
        self.stdout.write(f"{cells} sel diubah pada {len(plan.changes)} indikator.")
