"""A bounded schemathesis run over the committed schema, against the WSGI app, signed in as
the demo koordinator: no 5xx and no response outside the schema, for valid and invalid input.

Bounded so the suite stays fast (it runs in `make test`, marker `contract`): every operation,
fuzzing only (one valid and one invalid example per operation, no coverage phase, no
shrinking), and a budget of this process's CPU time after which the remaining operations are
skipped with a note. CPU time, not the wall clock: on a shared machine the wall clock
measures the neighbours, and a wall-clock budget skipped most operations there."""

from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from tests.api.contract import committed_schema, demo_world  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.contract]

schema = schemathesis.openapi.from_dict(committed_schema())
schema.app = application
# Fuzzing only (valid and invalid input, one example each): the coverage phase enumerates every
# case the schema defines, whatever max_examples says, and the schema has no examples.
schema.config.phases.coverage.enabled = False
schema.config.phases.examples.enabled = False
BUDGET_SECONDS = 40  # CPU seconds
_started: list[float] = []


@pytest.fixture
def _private_media():
    """The module's demo keeps its evidence files in its own folder (see contract.py)."""


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the WSGI app directly sends request_started/finished, whose handler closes the
    database connection after each request (Django's test client switches it off the same
    way): on PostgreSQL that closed the connection holding the module's demo data."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(demo_world):  # noqa: F811
    from django.contrib.auth import get_user_model

    from spbe.accounts.services import token_create

    user = get_user_model().objects.get(username="koordinator")
    _token, raw = token_create(user=user, name="schemathesis", actor=user)
    return raw


@schema.parametrize()
@settings(
    max_examples=1,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_fails_and_keeps_its_schema(case, token):
    _started[:] = _started or [time.process_time()]
    if time.process_time() - _started[0] > BUDGET_SECONDS:
        pytest.skip(f"anggaran waktu CPU {BUDGET_SECONDS} detik habis")
    response = case.call(app=application, headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
