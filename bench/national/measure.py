"""Measure the generated data in-process: SQL queries and time per page, cold start.

For each page and API call of `targets.py`: the number of SQL queries of one request (the
same at any scale when the page is constant-query) and the median and slowest time of
`--repeat` requests through Django's test client (no network, no server: the application's
own cost). Cold start: a fresh process importing Django and setting it up, and a fresh
process answering its first request. Prints a table; `--json FILE` also writes the figures
for `run.py`, which puts two scales side by side.

    DATABASE_URL=... python -m bench.national.measure --repeat 20
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess  # nosec B404 - the benchmark starts Python itself, fixed arguments
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
ROOT = Path(__file__).resolve().parents[2]


def measure_pages(repeat: int) -> list[dict]:
    """One row per target: status, queries, median and max milliseconds."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.national.targets import Subjects

    subjects = Subjects.find()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in={who for _label, who, _path in subjects.urls() if who}
        )
    }
    clients: dict[str, Client] = {}
    rows = []
    for label, who, path in subjects.urls():
        if who not in clients:
            clients[who] = Client()
            if who:
                clients[who].force_login(users[who])
        client = clients[who]
        client.get(path)  # warm: templates compiled, caches filled, like a running worker
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        # Counted now: the next requests reset the connection's query log.
        query_count = len(queries)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "label": label,
                "path": path,
                "status": response.status_code,
                "queries": query_count,
                "median_ms": statistics.median(times),
                "max_ms": max(times),
            }
        )
    return rows


COLD_SETUP = "import django; django.setup()"
COLD_FIRST = """
import os, time
started = time.perf_counter()
import django
django.setup()
from django.test import Client
from django.contrib.auth import get_user_model
from bench.national.targets import Subjects
subjects = Subjects.find()
client = Client()
client.force_login(get_user_model().objects.get(username=subjects.koordinator))
assert client.get(f"/laporan/siklus/{subjects.cycle_id}/").status_code == 200
print(time.perf_counter() - started)
"""


def cold_start() -> dict:
    """Seconds for a new process: `django.setup()` alone (wall time of the process), and
    setup + the first dashboard request (timed inside the process)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_SETUP], check=True, cwd=ROOT, env=env)  # nosec
    setup = time.perf_counter() - started
    out = subprocess.run(  # nosec B603
        [sys.executable, "-c", COLD_FIRST],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return {"setup_s": setup, "first_request_s": float(out.stdout.strip().splitlines()[-1])}


def print_table(rows: list[dict]) -> None:
    print(f"\n{'halaman / API':<26} {'status':>6} {'queries':>7} {'median ms':>10} {'max ms':>8}")
    for r in rows:
        print(
            f"{r['label']:<26} {r['status']:>6} {r['queries']:>7} "
            f"{r['median_ms']:>10.1f} {r['max_ms']:>8.1f}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-start figures")
    args = parser.parse_args(argv)

    import django

    django.setup()
    rows = measure_pages(args.repeat)
    print_table(rows)
    figures = {"pages": rows}
    if not args.no_cold:
        figures["cold"] = cold_start()
        cold = figures["cold"]
        print(
            f"\ncold start: django.setup() {cold['setup_s']:.2f} s; "
            f"setup + first dashboard request {cold['first_request_s']:.2f} s"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
