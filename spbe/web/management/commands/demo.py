"""`spbe demo [--force] [--reset] [--url URL]`: load the Kalimantan Timur demo (run by
`make run`, which passes the address the server will listen on as --url).

Demo accounts share a published password, so the command refuses a configuration that looks
like production (DEBUG off) unless it says it is the demo (SPBE_DEMO=1, as `make run` sets)
or the operator insists (--force)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from spbe.demo.accounts import DEMO_PASSWORD
from spbe.demo.loader import demo_load

DEMO_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Memuat data demo Pemerintah Provinsi Kalimantan Timur (idempoten). Ditolak bila "
        "DEBUG mati, kecuali SPBE_DEMO=1 (seperti pada make run) atau dengan --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="tetap jalan walau DEBUG mati (produksi)"
        )
        parser.add_argument(
            "--url",
            default=None,
            help=f"alamat server yang dicetak untuk dibuka (bawaan SITE_URL, atau {DEMO_URL})",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="hapus dulu siklus dan akun demo (hanya data demo), lalu muat ulang",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.SPBE_DEMO or options["force"]):
            raise CommandError(
                "DEBUG mati: ini tampaknya konfigurasi produksi. Data demo (dengan kata sandi "
                "yang diketahui umum) tidak dimuat. Pakai SPBE_DEMO=1 atau --force bila memang "
                "disengaja."
            )
        result = demo_load(reset=options["reset"])
        if result.changed:
            made = ", ".join(f"{n} {what}" for what, n in result.created.items() if n)
            self.stdout.write(self.style.SUCCESS(f"Data demo dimuat ({made})."))
        else:
            self.stdout.write("Data demo sudah lengkap; tidak ada yang berubah.")
        url = options["url"] or settings.SITE_URL or DEMO_URL
        self.stdout.write(f"\nBuka {url} dan masuk dengan salah satu akun demo.")
        self.stdout.write(f"Kata sandi semua akun: {DEMO_PASSWORD}\n")
        rows = [("AKUN", "PERAN", "LINGKUP")]
        rows += [(a.username, a.role_label, a.where) for a in result.accounts]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            self.stdout.write(
                "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            )
