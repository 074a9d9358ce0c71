"""`spbe report lhe|berita-acara|scorecard --cycle ID ... --out FILE`: a document of a cycle,
made by the same builders as the page's background generation."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from spbe.reports.documents.registry import FORMATS
from spbe.reports.management.commands._documents import (
    build_to_file,
    cycle_for_cli,
    output_for_cli,
    stage_for_cli,
    unit_for_cli,
)
from spbe.reports.models import GeneratedFile

Kind = GeneratedFile.Kind


class Command(BaseCommand):
    help = "Membuat dokumen laporan dari data siklus (LHE, Berita Acara, kartu skor unit)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="document", metavar="DOKUMEN", required=True)
        lhe = actions.add_parser("lhe", help="Laporan Hasil Evaluasi Internal (PDF).")
        lhe.add_argument("--stage", help="tahap (bawaan: tahap terakhir yang bernilai)")
        berita = actions.add_parser(
            "berita-acara", help="Berita Acara penilaian mandiri/evaluasi internal (DOCX/PDF)."
        )
        berita.add_argument(
            "--stage", help="tahap (mandiri: berita acara penilaian mandiri; bawaan: terakhir)"
        )
        card = actions.add_parser("scorecard", help="Kartu skor satu unit (PDF).")
        card.add_argument("--unit", required=True, help="unit: nama pendek, nama atau nomor")
        for sub in (lhe, berita, card):
            sub.add_argument("--cycle", required=True, help="nomor siklus")
            sub.add_argument("--out", required=True, help="berkas keluaran")

    def handle(self, *args, **options):
        kind = {
            "lhe": Kind.LHE,
            "berita-acara": Kind.BERITA_ACARA,
            "scorecard": Kind.SCORECARD,
        }[options["document"]]
        cycle = cycle_for_cli(options["cycle"])
        stage = stage_for_cli(options.get("stage"))
        unit = unit_for_cli(cycle, options["unit"]) if kind == Kind.SCORECARD else None
        path, file_format = output_for_cli(options["out"], FORMATS[kind])
        generated = GeneratedFile(
            kind=kind,
            file_format=file_format,
            instansi=cycle.instansi,
            cycle=cycle,
            stage=stage,
            unit=unit,
        )
        build_to_file(generated, path, self.stdout)
