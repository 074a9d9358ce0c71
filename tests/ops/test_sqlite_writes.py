"""The default SQLite install makes concurrent writers wait instead of failing."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

BURST = Path(__file__).with_name("sqlite_burst.py")


def _burst(tmp_path, **env) -> tuple[int, int]:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'burst.sqlite3'}",
        "PYTHONPATH": str(settings.BASE_DIR),
        **env,
    }
    result = subprocess.run(
        [sys.executable, str(BURST), "8", "15"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=True,
    )
    failures, rows = result.stdout.split()
    return int(failures), int(rows)


def test_a_burst_of_parallel_writes_all_succeed(tmp_path):
    failures, rows = _burst(tmp_path)
    assert failures == 0
    assert rows == 8 * 15


def test_the_sqlite_settings_are_the_documented_ones():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        assert options.get("transaction_mode") is None
        return
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
