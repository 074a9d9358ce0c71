from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from spbe.backup.archive import BackupError, backup_create


class Command(BaseCommand):
    help = "Mencadangkan basis data dan semua berkas ke satu arsip (manifest SHA-256)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="berkas arsip (.tar.gz)")

    def handle(self, *args, out: Path, **options):
        if out.exists():
            raise CommandError(_("%(path)s sudah ada; tidak ditimpa.") % {"path": out})
        if not out.parent.is_dir():
            raise CommandError(_("Folder %(path)s tidak ada.") % {"path": out.parent})
        try:
            summary = backup_create(out=out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("Cadangan ditulis: %(path)s (%(objects)d objek, %(files)d berkas, %(bytes)d bita)")
            % {
                "path": out,
                "objects": summary.objects,
                "files": summary.files,
                "bytes": summary.bytes,
            }
        )
