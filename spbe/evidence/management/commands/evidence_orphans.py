"""`spbe evidence_orphans [--delete] [--hours N]`: stored files that no revision refers to.

The upload services never leave such files themselves; this finds the ones a caller's own
larger transaction rolled back (Django has no rollback hook) so operations can clean them up.
"""

import datetime

from django.core.management.base import BaseCommand

from spbe.evidence.services.storage import evidence_orphan_files, evidence_orphan_files_delete


class Command(BaseCommand):
    help = "Daftar (atau hapus) berkas bukti yang tidak dirujuk revisi mana pun."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="hapus berkas yatim")
        parser.add_argument(
            "--hours", type=float, default=1.0, help="hanya berkas lebih tua dari N jam"
        )

    def handle(self, *args, delete: bool, hours: float, **options):
        older_than = datetime.timedelta(hours=hours)
        if delete:
            names = evidence_orphan_files_delete(older_than=older_than)
            verb = "dihapus"
        else:
            names = evidence_orphan_files(older_than=older_than)
            verb = "ditemukan"
        for name in names:
            self.stdout.write(name)
        self.stdout.write(f"{len(names)} berkas yatim {verb}.")
