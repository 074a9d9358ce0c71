"""`spbe surat-edaran --instansi KEY --year YEAR --out FILE.docx|.pdf`: generate the circular
on planned ICT spending from the instansi's template; the letter is kept with its SHA-256."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from spbe.budget.letters import letter_generate
from spbe.inventory.management.commands.inventory import _instansi


class Command(BaseCommand):
    help = "Membuat Surat Edaran belanja TIK (DOCX atau PDF) dari templat instansi."

    def add_arguments(self, parser):
        parser.add_argument("--instansi", required=True, metavar="KEY")
        parser.add_argument("--year", required=True, type=int, metavar="YEAR")
        parser.add_argument("--out", required=True, metavar="FILE.docx|.pdf")

    def handle(self, *args, **options):
        out = Path(options["out"])
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in ("docx", "pdf"):
            raise CommandError(f"{out}: keluaran harus .docx atau .pdf")
        instansi = _instansi(options["instansi"])
        letter = letter_generate(actor=None, instansi=instansi, year=options["year"], fmt=fmt)
        with letter.file.open("rb") as handle:
            out.write_bytes(handle.read())
        self.stdout.write(
            f"Surat Edaran {letter.number} ditulis ke {out} (SHA-256 {letter.sha256})."
        )
