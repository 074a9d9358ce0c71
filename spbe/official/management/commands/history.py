"""`spbe history load [--shared DIR]`: the published SPBE results 2023–2024 of every instansi."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spbe.official.history import history_load


class Command(BaseCommand):
    help = "Memuat hasil evaluasi SPBE nasional 2023–2024 (semua Pemda dan instansi pusat)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="Muat tabel hasil nasional (idempoten).")
        load.add_argument(
            "--shared",
            help="folder shared (berisi reference/data/*.csv); bawaan: salinan di spbe/demo/data",
        )
        load.add_argument(
            "--replace",
            action="store_true",
            help="timpa juga hasil yang dicatat manual (formulir riwayat); dicatat di log audit",
        )

    def handle(self, *args, **options):
        data_dir = None
        if options["shared"]:
            data_dir = Path(options["shared"]) / "reference" / "data"
            if not data_dir.is_dir():
                raise CommandError(f"{data_dir}: folder tidak ditemukan")
        try:
            result = history_load(data_dir=data_dir, replace=options["replace"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{result.rows} baris dibaca: {result.instansi_created} instansi baru, "
            f"{result.results_created} hasil baru, {result.results_updated} diperbarui, "
            f"{result.results_unchanged} tidak berubah"
            + (
                f", {result.results_replaced} hasil manual ditimpa"
                if result.results_replaced
                else ""
            )
            + (f", {len(result.skipped)} dilewati" if result.skipped else "")
            + "."
        )
        for skipped in result.skipped:
            self.stdout.write(str(skipped))
