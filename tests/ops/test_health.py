"""/healthz and /readyz: no login, no detail, 503 when a dependency fails."""

import pytest
from django.core.files.storage import FileSystemStorage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_probes_answer_without_login(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_readyz_leaves_no_file_behind(client, settings):
    assert client.get("/readyz").status_code == 200
    left = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert left == []


def test_readyz_is_503_without_detail_when_storage_fails(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk /srv/spbe/media full")

    monkeypatch.setattr(FileSystemStorage, "save", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert b"disk" not in response.content


def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    from spbe.web import health

    def broken():
        raise RuntimeError("connection refused")

    monkeypatch.setattr(health, "CHECKS", [("database", broken), *health.CHECKS[1:]])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert b"refused" not in response.content


def test_probes_refuse_writes(client):
    assert client.post("/readyz").status_code == 405
