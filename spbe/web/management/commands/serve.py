"""`spbe serve`: the production server (gunicorn with config/gunicorn.conf.py).

Static files come through WhiteNoise, so no DEBUG and no separate file server is needed to
see the pages; evidence files are served only by the permission-checked views. Background
work runs in its own process: `spbe db_worker` (with TASKS_BACKEND=database).
"""

import os
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

CONFIG = Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"


class Command(BaseCommand):
    help = "Menjalankan server produksi (gunicorn). / Runs the production server (gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="alamat:port, bawaan SPBE_BIND atau 127.0.0.1:8000")
        parser.add_argument("--workers", type=int, help="jumlah worker, bawaan 2 x CPU + 1")
        parser.add_argument("--check", action="store_true", help="hanya periksa konfigurasi")

    def handle(self, *args, bind=None, workers=None, check=False, **options):
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
        if gunicorn is None:
            raise CommandError(_("gunicorn tidak terpasang (pip install -e .)"))
        argv = [gunicorn, "--config", str(CONFIG), "config.wsgi:application"]
        if bind:
            argv += ["--bind", bind]
        if workers:
            argv += ["--workers", str(workers)]
        if check:
            argv.append("--check-config")
        os.chdir(settings.BASE_DIR)
        # The venv's own gunicorn with fixed arguments: nothing comes from a shell.
        os.execv(gunicorn, argv)  # nosec B606
