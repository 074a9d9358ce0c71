"""`spbe report lhe|berita-acara|scorecard --cycle ID ... --out FILE`: a document of a cycle;
`spbe report province [--province ID|NAME] [--year YEAR] [--user USERNAME] --out FILE.pdf`:
the province and its kabupaten/kota compared (the province page's report). Made by the same
builders as the page's background generation; exit status 1 with a message on bad input."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from spbe.evaluations.management.commands._cli import cycle_for_cli
from spbe.reports.documents.registry import FORMATS
from spbe.reports.management.commands._documents import (
    build_to_file,
    output_for_cli,
    province_for_cli,
    reader_for_cli,
    stage_for_cli,
    unit_for_cli,
    year_for_cli,
)
from spbe.reports.models import GeneratedFile
from spbe.reports.selectors.documents import document_allowed

Kind = GeneratedFile.Kind


class Command(BaseCommand):
    help = (
        "Membuat dokumen laporan: dari data siklus (LHE, Berita Acara, kartu skor unit) atau "
        "perbandingan kabupaten/kota satu provinsi."
    )

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
        province = actions.add_parser(
            "province", help="Laporan perbandingan kabupaten/kota satu provinsi (PDF)."
        )
        province.add_argument(
            "--province",
            help="provinsi: nomor, nama pendek, nama atau kunci (bawaan: provinsi yang punya "
            "siklus di sini)",
        )
        province.add_argument(
            "--year", help="tahun (bawaan: tahun yang dibuka halaman provinsi)", metavar="TAHUN"
        )
        province.add_argument(
            "--user",
            metavar="USERNAME",
            help="buat seperti dilihat pengguna ini (bawaan: semua kabupaten/kota)",
        )
        province.add_argument("--out", required=True, help="berkas keluaran (.pdf)")

    def handle(self, *args, **options):
        if options["document"] == "province":
            return self.province(options)
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

    def province(self, options) -> None:
        province = province_for_cli(options["province"])
        user = reader_for_cli(options["user"])
        if not document_allowed(user, kind=Kind.PROVINCE, province=province):
            raise CommandError(
                f"--user {options['user']}: tidak melihat seluruh data {province}; laporan "
                "provinsi hanya untuk yang melihat halaman provinsinya."
            )
        year = year_for_cli(options["year"], user=user, province=province)
        path, file_format = output_for_cli(options["out"], FORMATS[Kind.PROVINCE])
        generated = GeneratedFile(
            kind=Kind.PROVINCE,
            file_format=file_format,
            instansi=province,
            year=year,
            requested_by=user,
        )
        build_to_file(generated, path, self.stdout)
