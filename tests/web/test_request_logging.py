"""Expected 403/404 are logged once, at WARNING, without a traceback; 500s keep theirs."""

import logging

import pytest
from django.test import Client, override_settings

from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.web.error_urls")]


def handlers_reached(name: str) -> list[logging.Handler]:
    """The handlers a record logged on `name` is written by (pytest's capture excluded)."""
    found, logger = [], logging.getLogger(name)
    while logger is not None:
        found += [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]
        logger = logger.parent if logger.propagate else None
    return found


def request_records(caplog):
    return [r for r in caplog.records if r.name == "django.request"]


def test_a_request_warning_is_written_by_exactly_one_handler():
    # Django's default config gives the "django" logger a console handler of its own (active
    # with DEBUG on), which wrote every request warning a second time beside root's.
    assert len(handlers_reached("django.request")) == 1


@override_settings(DEBUG=False)
def test_permission_denied_is_one_warning_without_traceback(client, caplog):
    client.force_login(make_user())
    with caplog.at_level(logging.WARNING):
        assert client.get("/uji/ditolak/").status_code == 403
    [record] = request_records(caplog)
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "Forbidden" in record.getMessage()


@override_settings(DEBUG=False)
def test_not_found_is_one_warning_without_traceback(client, caplog):
    with caplog.at_level(logging.WARNING):
        assert client.get("/tidak-ada/").status_code == 404
    [record] = request_records(caplog)
    assert record.levelno == logging.WARNING and record.exc_info is None


@override_settings(DEBUG=False)
def test_server_error_keeps_its_traceback(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.WARNING):
        assert client.get("/uji/rusak/").status_code == 500
    [record] = request_records(caplog)
    assert record.levelno == logging.ERROR and record.exc_info is not None


def test_runserver_request_lines_keep_their_own_format():
    server = logging.getLogger("django.server")
    assert not server.propagate
    [own] = handlers_reached("django.server")
    assert type(own.formatter).__name__ == "ServerFormatter"
