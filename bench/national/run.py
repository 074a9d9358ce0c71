"""`make bench-national`: generate national data and measure it, at two scales.

For the asked scale and for a fifth of it, each into a fresh, empty database: `migrate`
(timed), the shipped frameworks, the generator (timed, row counts), then the in-process
measurements (`measure.py`). The two scales side by side show which pages keep the same
number of SQL queries whatever the data size.

DATABASE_URL decides the engine: unset, SQLite files in a temporary folder; a postgres://
URL, that database (dropped and created again: give it a database of its own) and, for the
smaller scale, the same name with `_small`. Evidence files go to a temporary MEDIA_ROOT.
The larger scale's data is kept for the load test (`bench/load.sh`) unless `--clean`.

    make bench-national SCALE=0.1
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_scale make bench-national SCALE=0.1
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess  # nosec B404 - runs this project's own commands, fixed arguments
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
SPBE = [str(Path(sys.executable).parent / "spbe")]
#: Settings of a production-like process (no DEBUG query log, no per-request log line).
BENCH_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-national-not-a-secret",
    "SPBE_LOG_REQUESTS": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def _postgres(url: str, suffix: str, *statements: str) -> str:
    """Run DROP/CREATE DATABASE statements on the database of `url` + `suffix`; its URL."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + suffix
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        for statement in statements:
            # The name comes from the operator's own DATABASE_URL, quoted as an identifier.
            conn.execute(sql.SQL(statement).format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def fresh_database(url: str | None, workdir: Path, suffix: str) -> str:
    """The URL of an empty database for one scale (created, or dropped and created)."""
    if not url:
        return f"sqlite:///{workdir / f'national{suffix}.sqlite3'}"
    return _postgres(url, suffix, "DROP DATABASE IF EXISTS {}", "CREATE DATABASE {}")


def drop_database(url: str | None, workdir: Path, suffix: str) -> None:
    if url:
        _postgres(url, suffix, "DROP DATABASE IF EXISTS {}")
    else:
        (workdir / f"national{suffix}.sqlite3").unlink(missing_ok=True)


def run(args: list[str], env: dict) -> float:
    """Run a command of the project, return its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, env=env)  # nosec B603
    return time.perf_counter() - started


def one_scale(scale: float, url: str, media: Path, repeat: int, cold: bool) -> dict:
    env = {**os.environ, **BENCH_ENV, "DATABASE_URL": url, "MEDIA_ROOT": str(media)}
    env["PYTHONPATH"] = str(ROOT)
    print(f"\n=== scale {scale} ===", flush=True)
    migrate = run([*SPBE, "migrate", "--noinput", "-v0"], env)
    print(f"migrate on an empty database: {migrate:.1f} s", flush=True)
    run([*SPBE, "framework", "load", "--shipped"], env)
    run([sys.executable, "-m", "bench.national.generate", "--scale", str(scale)], env)
    figures_file = media.parent / f"figures-{scale}.json"
    measure = [sys.executable, "-m", "bench.national.measure", "--repeat", str(repeat)]
    measure += ["--json", str(figures_file)] + ([] if cold else ["--no-cold"])
    run(measure, env)
    figures = json.loads(figures_file.read_text())
    figures["migrate_s"] = migrate
    return figures


def print_comparison(small: float, large: float, figures: dict) -> None:
    """Queries and median time of every page at both scales; 'constant' when equal."""
    a, b = figures[small]["pages"], figures[large]["pages"]
    print(f"\n{'halaman / API':<26} {'queries':>15} {'':>9} {'median ms':>17}")
    print(f"{'':<26} {small:>7} {large:>7} {'':>9} {small:>8} {large:>8}")
    for x, y in zip(a, b, strict=True):
        same = "konstan" if x["queries"] == y["queries"] else "BERUBAH"
        print(
            f"{x['label']:<26} {x['queries']:>7} {y['queries']:>7} {same:>9} "
            f"{x['median_ms']:>8.1f} {y['median_ms']:>8.1f}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 615 instansi")
    parser.add_argument("--repeat", type=int, default=20, help="requests timed per page")
    parser.add_argument("--clean", action="store_true", help="remove the data at the end")
    args = parser.parse_args(argv)

    url = os.environ.get("DATABASE_URL")
    workdir = Path(tempfile.mkdtemp(prefix="spbe-national-"))
    small = round(args.scale / 5, 4)
    figures = {}
    for scale, suffix in ((small, "_small"), (args.scale, "")):
        media = workdir / f"media{suffix}"
        media.mkdir()
        database = fresh_database(url, workdir, suffix)
        figures[scale] = one_scale(scale, database, media, args.repeat, cold=not suffix)
    print_comparison(small, args.scale, figures)
    large = figures[args.scale]
    print(
        f"\nmigrate (empty database): {large['migrate_s']:.1f} s; cold start: setup "
        f"{large['cold']['setup_s']:.2f} s, setup + first request "
        f"{large['cold']['first_request_s']:.2f} s"
    )
    drop_database(url, workdir, "_small")  # only the larger scale's data is kept
    if args.clean:
        subprocess.run(["rm", "-rf", str(workdir)], check=False)  # nosec B603 B607
    else:
        print(f"\ndata kept: DATABASE_URL={database} MEDIA_ROOT={workdir / 'media'}")


if __name__ == "__main__":
    main()
