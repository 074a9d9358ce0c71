"""`spbe framework load FILE… | load --shipped | list`: manage evaluation frameworks.

One command with subcommands, so the CLI reads like the domain: load a framework file,
list what is loaded.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from spbe.frameworks.loader import FrameworkFileError
from spbe.frameworks.selectors import framework_list
from spbe.frameworks.services import LoadResult, files_load, shipped_paths

ACTIONS = {"created": "dimuat", "unchanged": "tidak berubah", "replaced": "diganti"}


class Command(BaseCommand):
    help = "Memuat dan menampilkan kerangka evaluasi (SPBE, Pemdi)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="Muat berkas kerangka atau pemetaan (YAML).")
        load.add_argument("files", nargs="*", help="berkas YAML")
        load.add_argument(
            "--shipped", action="store_true", help="muat semua kerangka dan pemetaan bawaan"
        )
        sub.add_parser("list", help="Tampilkan kerangka yang sudah dimuat.")

    def handle(self, *args, **options):
        if options["subcommand"] == "load":
            self._load(options["files"], options["shipped"])
        else:
            self._list()

    def _load(self, files: list[str], shipped: bool) -> None:
        if not files and not shipped:
            raise CommandError("sebutkan berkas YAML atau pakai --shipped")
        try:
            # One call, one transaction: a bad FILE leaves the shipped files unloaded too.
            results = files_load(paths=[*(shipped_paths() if shipped else []), *files])
        except FrameworkFileError as exc:
            self._report_problems(exc)
            raise CommandError("tidak ada yang dimuat: perbaiki masalah di atas") from exc
        for result in results:
            self._report(result)

    def _report(self, result: LoadResult) -> None:
        style = self.style.SUCCESS if result.action != "unchanged" else (lambda s: s)
        self.stdout.write(style(f"{result.label}: {ACTIONS[result.action]} ({result.path})"))

    def _report_problems(self, exc: FrameworkFileError) -> None:
        for error in getattr(exc, "errors", [exc]):
            self.stderr.write(f"{error.path}:")
            for problem in dict.fromkeys(error.problems):
                self.stderr.write(f"  - {problem}")

    def _list(self) -> None:
        rows = [("KODE", "VERSI", "STATUS", "INDIKATOR", "BOBOT", "DIMUAT")]
        for fw in framework_list():
            loaded = timezone.localtime(fw.loaded_at).strftime("%Y-%m-%d %H:%M")
            rows.append(
                (
                    fw.code,
                    str(fw.version),
                    fw.get_status_display(),
                    str(fw.indicator_count),
                    f"{fw.weight_sum or 0:.2f}",
                    loaded,
                )
            )
        if len(rows) == 1:
            self.stdout.write(
                "Belum ada kerangka yang dimuat. Jalankan: spbe framework load --shipped"
            )
            return
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
