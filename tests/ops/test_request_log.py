"""One JSON log line per request with request id, user id and duration; never a body."""

import json
import logging

import pytest
from django.conf import settings as project_settings
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from spbe.web.request_log import RequestContextFilter
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_log(settings, caplog):
    settings.SPBE_LOG_REQUESTS = True
    caplog.set_level(logging.INFO, logger="spbe.request")
    return caplog


def _records(caplog):
    return [r for r in caplog.records if r.name == "spbe.request"]


def test_a_request_is_logged_with_id_user_and_duration(client, request_log):
    user = make_user(username="andi")
    client.force_login(user)
    response = client.get(reverse("home") + "?cari=rahasia")
    (record,) = _records(request_log)
    assert record.path == reverse("home") and "rahasia" not in record.getMessage()
    assert record.status == 200 and record.duration_ms >= 0
    assert record.request_id == response["X-Request-ID"]
    assert RequestContextFilter().filter(record)


def test_the_proxy_request_id_is_kept_and_a_bad_one_replaced(client, request_log):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="lb-1234.abc")
    assert response["X-Request-ID"] == "lb-1234.abc"
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert (
        response["X-Request-ID"] != "bad id\nwith newline" and len(response["X-Request-ID"]) == 32
    )


def test_a_password_never_reaches_the_log(client, request_log):
    make_user(username="andi")
    client.post(reverse("login"), {"username": "andi", "password": PASSWORD})
    client.post(reverse("login"), {"username": "andi", "password": "salah-" + PASSWORD})
    for record in request_log.records:
        assert PASSWORD not in json.dumps(record.__dict__, default=str)


def test_the_json_format_carries_the_request_fields():
    config = project_settings.LOGGING["formatters"]["json"]
    formatter = JsonFormatter(config["fmt"], rename_fields=config["rename_fields"])
    record = logging.LogRecord("spbe.request", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.request_id, record.user_id, record.duration_ms = "abc", 7, 12.5
    line = json.loads(formatter.format(record))
    assert line["level"] == "INFO" and line["logger"] == "spbe.request"
    assert line["request_id"] == "abc" and line["user_id"] == 7 and line["duration_ms"] == 12.5
