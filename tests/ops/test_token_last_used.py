"""A token-authenticated API read writes "last used" at most once a minute."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spbe.accounts.models import PersonalToken
from spbe.accounts.services import token_create
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _updates(queries):
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "token" in q["sql"]]


def test_a_second_read_within_the_interval_writes_nothing(client):
    user = make_user(username="andi")
    token, raw = token_create(user=user, name="skrip", actor=user)
    auth = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    with CaptureQueriesContext(connection) as first:
        assert client.get("/api/tokens/", **auth).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get("/api/tokens/", **auth).status_code == 200
    assert len(_updates(first.captured_queries)) == 1
    assert _updates(second.captured_queries) == []
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_read_after_the_interval_records_the_use_again(client, settings):
    user = make_user(username="andi")
    token, raw = token_create(user=user, name="skrip", actor=user)
    stale = timezone.now() - timedelta(seconds=settings.SPBE_TOKEN_LAST_USED_INTERVAL + 5)
    PersonalToken.objects.filter(pk=token.pk).update(last_used_at=stale)
    assert client.get("/api/tokens/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > stale + timedelta(seconds=5)
