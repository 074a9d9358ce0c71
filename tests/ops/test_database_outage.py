"""The database goes away while the app is served and comes back (issue 13).

The real production server (`spbe serve`, gunicorn, DEBUG off, persistent connections) runs
in a child process. During the outage every page and API call that needs the database answers
a clean 503 with Retry-After (the project's page / the API's Indonesian JSON error, never a
500 or a traceback), /healthz stays 200 and /readyz says 503. Once the database is back the
very next requests succeed, without restarting the server.

PostgreSQL: the server reaches the test database through a TCP proxy (tests/ops/db_proxy.py)
that drops its connections and refuses new ones; the shared PostgreSQL itself never restarts.
SQLite: the database file disappears (a directory stands in its place) and comes back.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
UNAVAILABLE = "Basis data sedang tidak dapat dihubungi"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(port, path, *, cookie=None, token=None, method="GET", body=None):
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request(method, path, body=data, headers=headers)
        response = client.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        client.close()


class Served:
    """`spbe serve` with one worker, on its own port, against `database_url`."""

    def __init__(self, database_url: str, tmp_path: Path, **extra_env: str):
        self.port = _free_port()
        self.log = tmp_path / "server.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            # the sessions were signed with this process's key
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "TASKS_BACKEND": "immediate",
            "DB_CONN_MAX_AGE": "60",  # persistent connections, as docs/operations.md advises
            "SPBE_LOG_REQUESTS": "0",
            **extra_env,
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "spbe.cli", "serve", "--workers", "1"]
            + ["--bind", f"127.0.0.1:{self.port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("spbe serve tidak mulai:\n" + self.log.read_text(errors="replace"))
            time.sleep(0.3)

    def get(self, path, **kwargs):
        return _fetch(self.port, path, **kwargs)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _requests(cookie, token, cycle_id):
    """What a signed-in user does: pages (session) and the API (session and token)."""
    return [
        ("GET", "/", {"cookie": cookie}),
        ("GET", "/evaluasi/", {"cookie": cookie}),
        ("GET", f"/evaluasi/{cycle_id}/", {"cookie": cookie}),
        ("GET", "/api/cycles/", {"cookie": cookie}),
        ("GET", "/api/cycles/", {"token": token}),
        ("GET", f"/api/cycles/{cycle_id}/", {"token": token}),
        ("POST", "/api/cycles/", {"token": token, "body": {"name": "x"}}),
    ]


def _assert_outage(server, requests):
    assert server.get("/healthz")[0] == 200
    status, _headers, body = server.get("/readyz")
    assert (status, json.loads(body)) == (503, {"status": "unavailable"})
    for method, path, kwargs in requests:
        status, headers, body = server.get(path, method=method, **kwargs)
        where = f"{method} {path} ({', '.join(kwargs)})"
        assert status == 503, f"{where}: {status}\n{body[:2000]}"
        assert int(headers["Retry-After"]) > 0, where
        assert "Traceback" not in body and "OperationalError" not in body, where
        if path.startswith("/api/"):
            assert headers["Content-Type"] == "application/json", where
            error = json.loads(body)["error"]
            assert error["code"] == "database_unavailable", where
            assert error["message"].startswith(UNAVAILABLE), where
        else:
            assert headers["Content-Type"].startswith("text/html"), where
            assert "Layanan sedang tidak tersedia" in body and UNAVAILABLE in body, where


def _assert_served(server, requests):
    assert server.get("/readyz")[0] == 200
    for method, path, kwargs in requests:
        if method != "GET":
            continue
        status, headers, body = server.get(path, method=method, **kwargs)
        assert status == 200, f"{method} {path}: {status} {headers}\n{body[:2000]}"


@pytest.fixture
def signed_in(transactional_db):
    from tests.ops.outage_data import signed_in_coordinator

    return signed_in_coordinator()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="butuh DATABASE_URL PostgreSQL")
def test_postgresql_restart_is_a_clean_503_and_the_app_recovers_by_itself(signed_in, tmp_path):
    from tests.ops.db_proxy import TcpProxy

    cookie, token, cycle_id = signed_in
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@127.0.0.1:{proxy.port}/{db['NAME']}"
    server = Served(url, tmp_path)
    requests = _requests(cookie, token, cycle_id)
    try:
        _assert_served(server, requests)
        assert proxy.open_connections >= 1  # the worker keeps its connection (CONN_MAX_AGE)

        proxy.outage()
        _assert_outage(server, requests)
        proxy.restore()
        _assert_served(server, requests)

        # Restarted while nobody asked: the kept connection is dead, and the health check
        # (CONN_HEALTH_CHECKS) replaces it before the next request uses it.
        proxy.outage()
        proxy.restore()
        _assert_served(server, requests)
        assert server.process.poll() is None
    finally:
        server.stop()
        proxy.close()
    log = server.log.read_text(errors="replace")
    assert "Internal Server Error" not in log


def test_sqlite_file_gone_is_a_clean_503_and_the_app_recovers_by_itself(tmp_path):
    database = tmp_path / "outage.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(
        [sys.executable, "-m", "spbe.cli", "migrate", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    made = subprocess.run(
        [sys.executable, "-m", "tests.ops.outage_data"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    cookie, token, cycle_id = made.stdout.split()
    server = Served(f"sqlite:///{database}", tmp_path, DB_CONN_MAX_AGE="0")
    requests = _requests(cookie, token, cycle_id)
    away = tmp_path / "away"
    away.mkdir()
    try:
        _assert_served(server, requests)
        # The disk holding the database is gone: the file cannot be opened any more.
        for path in tmp_path.glob("outage.sqlite3*"):
            path.rename(away / path.name)
        database.mkdir()
        _assert_outage(server, requests)
        database.rmdir()
        for path in away.iterdir():
            path.rename(tmp_path / path.name)
        _assert_served(server, requests)
    finally:
        server.stop()
    assert "Internal Server Error" not in server.log.read_text(errors="replace")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "page", "api"),
    [
        (None, "Layanan sedang tidak tersedia", UNAVAILABLE),
        ("en", "Service temporarily unavailable", "The database cannot be reached"),
    ],
)
def test_the_503_speaks_the_users_language(client, monkeypatch, language, page, api):
    """In-process (any engine): the session cannot be loaded, as with the database down."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    def down(self):
        raise OperationalError("connection refused")

    client.raise_request_exception = False  # as served: the handler answers, nothing raises
    client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    monkeypatch.setattr(SessionStore, "load", down)
    response = client.get("/evaluasi/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert page in response.content.decode()
    response = client.get("/api/cycles/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["error"]["message"].startswith(api)
