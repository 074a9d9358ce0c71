"""`spbe evidence inspect FILE [--json]` and `spbe evidence requeue [--minutes N]`.

``inspect`` checks a file as an upload would be checked (type by content, size, archive
expansion), reads it in the same sandbox as the background worker (text layer, OCR) and prints
what the document is. JSON keys: kind, number, year, title, enacted_on, issuer, is_draft,
ocr_used. A refused file exits non-zero with the reason.

``requeue`` puts back on the queue the readings a killed server left "sedang dibaca"; run it
before starting the worker (`spbe evidence requeue && spbe db_worker`) and from cron.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from spbe.evidence.files import inspect_upload
from spbe.evidence.services import revision_requeue_stale
from spbe.evidence.tasks import read_revision_file

JSON_KEYS = ("kind", "number", "year", "title", "enacted_on", "issuer", "is_draft", "ocr_used")
LABELS = {
    "kind": "Jenis",
    "number": "Nomor",
    "year": "Tahun",
    "title": "Judul",
    "enacted_on": "Tanggal penetapan",
    "signatory": "Jabatan penanda tangan",
    "issuer": "Penerbit",
    "is_draft": "Rancangan/draf",
    "ocr_used": "Dibaca dengan OCR",
}


class Command(BaseCommand):
    help = "Periksa berkas bukti (apa isinya) atau antrekan ulang pembacaan yang macet."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        inspect = sub.add_parser("inspect", help="Baca satu berkas dan tampilkan jenis, nomor, …")
        inspect.add_argument("file", help="berkas PDF, DOCX, XLSX, PNG atau JPG")
        inspect.add_argument("--json", action="store_true", help="keluaran JSON")
        requeue = sub.add_parser("requeue", help="Antrekan ulang berkas yang macet dibaca.")
        requeue.add_argument(
            "--minutes",
            type=float,
            default=None,
            help="hanya yang menunggu lebih lama dari N menit (bawaan: pengaturan)",
        )

    def handle(self, *args, **options):
        if options["subcommand"] == "inspect":
            self._inspect(Path(options["file"]), as_json=options["json"])
        else:
            self._requeue(options["minutes"])

    def _inspect(self, path: Path, *, as_json: bool) -> None:
        if not path.is_file():
            raise CommandError(f"berkas tidak ditemukan: {path}")
        try:
            with path.open("rb") as handle:
                inspected = inspect_upload(
                    handle,
                    filename=path.name,
                    max_bytes=settings.EVIDENCE_MAX_UPLOAD_BYTES,
                    max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
                )
        except ValidationError as exc:
            raise CommandError(f"berkas ditolak: {' '.join(exc.messages)}") from exc
        outcome = read_revision_file(str(path), inspected.detected_kind)
        if outcome.reading is None:
            raise CommandError(f"berkas ditolak: {outcome.refused}")
        reading = outcome.reading
        facts = {**reading.facts, "ocr_used": reading.ocr_used}
        if as_json:
            self.stdout.write(json.dumps({key: facts.get(key) for key in JSON_KEYS}, indent=2))
            return
        for key, label in LABELS.items():
            value = facts.get(key)
            if isinstance(value, bool):
                value = "ya" if value else "tidak"
            self.stdout.write(f"{label}: {value if value not in (None, '') else '—'}")
        if facts.get("draft_reasons"):
            self.stdout.write("Tanda draf: " + "; ".join(facts["draft_reasons"]))
        if reading.note:
            self.stdout.write(f"Catatan: {reading.note}")

    def _requeue(self, minutes: float | None) -> None:
        older_than = datetime.timedelta(minutes=minutes) if minutes is not None else None
        ids = revision_requeue_stale(older_than=older_than)
        self.stdout.write(f"{len(ids)} berkas diantrekan ulang untuk dibaca.")
