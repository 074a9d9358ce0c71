from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from spbe.backup.archive import BackupError, backup_restore


class Command(BaseCommand):
    help = "Memulihkan arsip cadangan ke instalasi kosong dan memeriksa setiap hash."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(_("Berkas %(path)s tidak ada.") % {"path": archive})
        try:
            summary = backup_restore(path=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Dipulihkan dari %(path)s: %(objects)d objek, %(files)d berkas; semua hash cocok.")
            % {"path": archive, "objects": summary.objects, "files": summary.files}
        )
