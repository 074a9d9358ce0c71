"""`spbe evidence_orphans [--delete] [--hours N]`: stored files that no revision refers to, and
temporary files (uploads being received, files being read) a killed process left behind.

The upload services never leave stored files themselves; this finds the ones a caller's own
larger transaction rolled back (Django has no rollback hook), and the temporary files of a
server or worker killed mid-upload or mid-reading, so operations can clean them up.
"""

import datetime

from django.core.management.base import BaseCommand

from spbe.evidence.services.storage import (
    evidence_orphan_files,
    evidence_orphan_files_delete,
    evidence_temp_orphans,
    evidence_temp_orphans_delete,
)


class Command(BaseCommand):
    help = (
        "Daftar (atau hapus) berkas bukti yang tidak dirujuk revisi mana pun dan berkas "
        "sementara unggahan/pembacaan yang tertinggal."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="hapus berkas yatim")
        parser.add_argument(
            "--hours", type=float, default=1.0, help="hanya berkas lebih tua dari N jam"
        )

    def handle(self, *args, delete: bool, hours: float, **options):
        older_than = datetime.timedelta(hours=hours)
        if delete:
            names = evidence_orphan_files_delete(older_than=older_than)
            temporary = evidence_temp_orphans_delete(older_than=older_than)
            verb = "dihapus"
        else:
            names = evidence_orphan_files(older_than=older_than)
            temporary = evidence_temp_orphans(older_than=older_than)
            verb = "ditemukan"
        for name in names:
            self.stdout.write(name)
        self.stdout.write(f"{len(names)} berkas yatim {verb}.")
        for path in temporary:
            self.stdout.write(str(path))
        self.stdout.write(f"{len(temporary)} berkas sementara yatim {verb}.")
