"""The load test: `spbe serve` (gunicorn) on 127.0.0.1, locust against it, then figures.

1. People for locust: kab/kota of the generated data, their koordinator, respondents (each
   given a personal API token here) and their indicators, written to a JSON file.
2. `spbe serve` with `--workers` sync workers, waiting for /healthz.
3. locust, headless, `--users` people with 1-3 s think time for `--time`: req/s and
   p50/p95/p99 per page next to /healthz of the same server in the same run.
4. Saturation: `--concurrency` clients without think time on one URL at a time for
   `--saturate` seconds each: req/s of each page as a share of /healthz's.
5. Memory (RSS) of every worker after the load.
6. gc.freeze: p50/p95/max of a list endpoint at c=1, with SPBE_GC_FREEZE=1 and =0 (a server
   started for each).
Everything started here is stopped here. Needs the data of `make bench-national`:

    DATABASE_URL=postgres://... MEDIA_ROOT=... bench/load.sh --users 100 --time 60s
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import re
import signal
import statistics
import subprocess  # nosec B404 - starts this project's server and locust, fixed arguments
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.national.run import BENCH_ENV, ROOT

BIN = Path(sys.executable).parent
TOKEN_NAME = "bench-load"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# -- the people -------------------------------------------------------------------------------
def write_subjects(path: Path, instansi_count: int) -> dict:
    """Pick kab/kota, their people and rows; give each respondent a fresh API token."""
    import django

    django.setup()
    from bench.national.generate import CURRENT_YEAR, PASSWORD
    from bench.national.targets import Subjects
    from spbe.accounts.models import PersonalToken, User
    from spbe.accounts.tokens import generate_token, hash_token
    from spbe.demo.pdf import text_pdf
    from spbe.evaluations.models import Cycle
    from spbe.organizations.models import InstansiKind, Role, RoleGrant

    subjects = Subjects.find()
    PersonalToken.objects.filter(name=TOKEN_NAME).delete()
    cycles = (
        Cycle.objects.filter(year=CURRENT_YEAR, instansi__kind=InstansiKind.KABUPATEN)
        .select_related("instansi")
        .order_by("instansi_id")[:instansi_count]
    )
    chosen = []
    for cycle in cycles:
        grants = RoleGrant.objects.filter(
            instansi=cycle.instansi, role=Role.RESPONDEN
        ).select_related("user")[:10]
        respondents = []
        for grant in grants:
            raw = generate_token()
            PersonalToken.objects.create(
                user=grant.user, name=TOKEN_NAME, key_hash=hash_token(raw), prefix=raw[:8]
            )
            own = list(
                cycle.assessments.filter(lead_unit=grant.unit).values_list(
                    "pk", "indicator__number"
                )
            )
            respondents.append(
                {
                    "username": grant.user.username,
                    "token": raw,
                    "session": session_for(grant.user),
                    "instansi": cycle.instansi_id,
                    "unit": grant.unit_id,
                    "cycle": cycle.pk,
                    "assessments": [pk for pk, _n in own],
                    "numbers": [n for _pk, n in own],
                }
            )
        koordinator = User.objects.get(
            role_grants__instansi=cycle.instansi, role_grants__role=Role.KOORDINATOR
        )
        chosen.append(
            {
                "koordinator": koordinator.username,
                "session": session_for(koordinator),
                "cycle": cycle.pk,
                "respondents": [r for r in respondents if r["assessments"]],
            }
        )
    data = {
        "password": PASSWORD,
        "admin": subjects.admin,
        "admin_session": session_for(User.objects.get(username=subjects.admin)),
        "province": subjects.province_id,
        "instansi": chosen,
        "pdf": text_pdf("Laporan uji beban", ["Unggahan dari uji beban."]).decode("latin-1"),
    }
    path.write_text(json.dumps(data))
    return data


def session_for(user) -> str:
    """A logged-in session key for `user`, as the login view would store it.

    The simulated people arrive logged in: a login storm of 100 people at once would measure
    the password hash (deliberately slow) instead of the pages; people log in once a day."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that authenticates people (axes, first in the list, checks lock-outs only).
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


# -- the server -------------------------------------------------------------------------------
class Server:
    """`spbe serve` in its own process group, stopped (with its workers) on exit."""

    def __init__(self, port: int, workers: int, env: dict):
        self.port, self.workers, self.env = port, workers, env

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(  # nosec B603
            [str(BIN / "spbe"), "serve", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", str(self.workers)],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise SystemExit("server did not answer /healthz within 60 s")

    def worker_memory_mb(self) -> list[dict[str, float]]:
        """RSS, PSS and private memory of each worker (/proc/PID/smaps_rollup), in MB.

        RSS counts every page a worker touches, also the code and data the preloaded master
        shares with all workers (copy-on-write); PSS divides shared pages among the processes
        sharing them, and private memory is what one more worker costs."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            fields = {}
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
                name, value, *_unit = line.split()
                fields[name.rstrip(":")] = int(value) / 1024
            private = fields["Private_Clean"] + fields["Private_Dirty"]
            sizes.append({"rss": fields["Rss"], "pss": fields["Pss"], "private": private})
        return sizes

    def __exit__(self, *exc) -> None:
        # Our own process group only (start_new_session): the master and its workers.
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=40)


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def login(port: int, username: str, password: str) -> str:
    """A session cookie for `username`, through the login form."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/masuk/")
    page = conn.getresponse()
    csrf_cookie = page.getheader("Set-Cookie").split(";")[0]
    token = CSRF.search(page.read().decode()).group(1)
    body = f"username={username}&password={password}&csrfmiddlewaretoken={token}"
    conn.request(
        "POST",
        "/masuk/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": csrf_cookie,
            "Referer": f"http://127.0.0.1:{port}/masuk/",
        },
    )
    answer = conn.getresponse()
    answer.read()
    cookies = [c.split(";")[0] for c in answer.headers.get_all("Set-Cookie") or []]
    conn.close()
    session = [c for c in cookies if c.startswith("sessionid=")]
    if not session:
        raise SystemExit(f"login failed for {username}")
    return "; ".join([csrf_cookie, *session])


def check_sessions(port: int, subjects: dict) -> None:
    """Every prepared session opens the home page (not the login page), else stop: a
    redirect would be counted by locust as a fast success."""
    first = subjects["instansi"][0]
    for key in (first["session"], subjects["admin_session"], first["respondents"][0]["session"]):
        status, _body = get(port, "/", f"sessionid={key}")
        if status != 200:
            raise SystemExit(f"prepared session not logged in (GET / answered {status})")


# -- locust -----------------------------------------------------------------------------------
def run_locust(port: int, users: int, duration: str, env: dict, out: Path) -> list[dict]:
    prefix = out / "locust"
    subprocess.run(  # nosec B603
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
        + ["--users", str(users), "--spawn-rate", str(max(1, users // 10))]
        + ["--run-time", duration, "--host", f"http://127.0.0.1:{port}"]
        + ["--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        check=False,  # locust exits 1 when any request failed: the table says which
        cwd=ROOT,
        env=env,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def print_locust(rows: list[dict], users: int, duration: str) -> None:
    print(f"\nlocust: {users} users, 1-3 s think time, {duration}")
    head = f"{'halaman / API':<26} {'req':>6} {'gagal':>5} {'req/s':>7}"
    print(f"{head} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>7}  (ms)")
    for r in rows:
        print(
            f"{r['Name']:<26} {r['Request Count']:>6} {r['Failure Count']:>5} "
            f"{float(r['Requests/s']):>7.1f} {r['50%']:>6} {r['95%']:>6} {r['99%']:>6} "
            f"{float(r['Max Response Time']):>7.0f}"
        )


# -- saturation and gc ------------------------------------------------------------------------
def saturate(port: int, path: str, cookie: str, clients: int, seconds: float) -> dict:
    """Requests per second and latencies of `clients` threads asking `path` back to back."""
    times: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client() -> None:
        nonlocal errors
        while time.monotonic() < stop:
            started = time.perf_counter()
            status, _body = get(port, path, cookie)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                times.append(elapsed)
                errors += status != 200

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - started
    ordered = sorted(times)
    return {
        "rps": len(times) / wall,
        "p50": statistics.median(ordered),
        "p95": ordered[int(len(ordered) * 0.95) - 1],
        "max": ordered[-1],
        "errors": errors,
        "count": len(ordered),
    }


def saturation_table(port: int, subjects: dict, clients: int, seconds: float) -> None:
    first = subjects["instansi"][0]
    koordinator = login(port, first["koordinator"], subjects["password"])
    admin = login(port, subjects["admin"], subjects["password"])
    cycle = first["cycle"]
    targets = [
        ("healthz (rujukan)", "/healthz", "", None),
        ("beranda koordinator", "/", koordinator, 0.25),
        ("dasbor siklus", f"/laporan/siklus/{cycle}/", koordinator, 0.25),
        ("daftar indikator siklus", f"/evaluasi/{cycle}/", koordinator, 0.25),
        ("daftar semua siklus", "/evaluasi/", admin, 0.25),
        ("API skor siklus", f"/api/cycles/{cycle}/scores/", koordinator, 0.50),
        ("peringkat provinsi", f"/laporan/provinsi/{subjects['province']}/", admin, None),
    ]
    print(f"\nsaturation: {clients} clients without think time, {seconds:.0f} s per URL")
    head = f"{'halaman / API':<26} {'req/s':>7} {'% healthz':>9} {'target':>7}"
    print(f"{head} {'p50':>6} {'p95':>6}")
    reference = None
    for label, path, cookie, target in targets:
        r = saturate(port, path, cookie, clients, seconds)
        reference = reference or r["rps"]
        share = r["rps"] / reference
        verdict = "" if target is None else f"{'ok' if share >= target else 'MISS'} {target:.0%}"
        errors = f"  {r['errors']} errors" if r["errors"] else ""
        print(
            f"{label:<26} {r['rps']:>7.1f} {share:>9.0%} {verdict:>7} "
            f"{r['p50']:>6.0f} {r['p95']:>6.0f}{errors}"
        )


def gc_comparison(port: int, subjects: dict, env: dict, workers: int, seconds: float) -> None:
    print(f"\ngc.freeze: /api/cycles/ at c=1 for {seconds:.0f} s, ms")
    print(f"{'SPBE_GC_FREEZE':<16} {'n':>5} {'p50':>6} {'p95':>6} {'max':>7}")
    for freeze in ("1", "0"):
        with Server(port, workers, {**env, "SPBE_GC_FREEZE": freeze}):
            cookie = login(port, subjects["admin"], subjects["password"])
            saturate(port, "/api/cycles/", cookie, 1, 2)  # warm every worker's caches
            r = saturate(port, "/api/cycles/", cookie, 1, seconds)
        print(f"{freeze:<16} {r['count']:>5} {r['p50']:>6.1f} {r['p95']:>6.1f} {r['max']:>7.1f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--time", default="60s", help="locust run time, e.g. 60s, 2m")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8613)
    parser.add_argument("--concurrency", type=int, default=8, help="saturation clients")
    parser.add_argument("--saturate", type=float, default=10, help="seconds per URL")
    parser.add_argument("--instansi", type=int, default=20, help="kab/kota whose people log in")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("DATABASE_URL: the database of `make bench-national`")

    env = {**os.environ, **BENCH_ENV, "PYTHONPATH": str(ROOT)}
    os.environ.update(env)
    out = Path(tempfile.mkdtemp(prefix="spbe-load-"))
    subjects_file = out / "subjects.json"
    subjects = write_subjects(subjects_file, args.instansi)
    env["SPBE_LOAD_SUBJECTS"] = str(subjects_file)
    print(f"nproc {os.cpu_count()}, {args.workers} gunicorn workers, data {env['DATABASE_URL']}")
    with Server(args.port, args.workers, env) as server:
        check_sessions(args.port, subjects)
        rows = run_locust(args.port, args.users, args.time, env, out)
        print_locust(rows, args.users, args.time)
        saturation_table(args.port, subjects, args.concurrency, args.saturate)
        memory = server.worker_memory_mb()
        print()
        for kind, label in (("rss", "RSS"), ("pss", "PSS"), ("private", "Private")):
            figures = ", ".join(f"{m[kind]:.0f}" for m in memory)
            print(f"{label} per worker after load: {figures} MB")
    gc_comparison(args.port, subjects, env, args.workers, args.saturate * 2)
    print(f"\nlocust CSV files: {out}")


if __name__ == "__main__":
    main()
