"""`spbe package --cycle ID --out FILE.zip`: the national upload package of a cycle (a folder
of evidence per indicator, the index spreadsheet and the SHA-256 manifest)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from spbe.evaluations.management.commands._cli import cycle_for_cli
from spbe.reports.management.commands._documents import (
    build_to_file,
    output_for_cli,
)
from spbe.reports.models import GeneratedFile


class Command(BaseCommand):
    help = "Membuat paket unggah nasional (ZIP) dari bukti dukung siklus."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", required=True, help="nomor siklus")
        parser.add_argument("--out", required=True, help="berkas ZIP keluaran")

    def handle(self, *args, **options):
        cycle = cycle_for_cli(options["cycle"])
        path, _format = output_for_cli(options["out"], ("zip",))
        generated = GeneratedFile(
            kind=GeneratedFile.Kind.PACKAGE, file_format="zip", instansi=cycle.instansi, cycle=cycle
        )
        build_to_file(generated, path, self.stdout)
