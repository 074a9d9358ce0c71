"""Fixtures for the English pages: the evaluation cycle and the dashboard data of the other
test packages, and a client that has chosen English with the language switch."""

import pytest
from django.conf import settings

from tests.evaluations.conftest import open_cycle, shipped, users, world  # noqa: F401
from tests.reports.fixtures import build_dash


@pytest.fixture
def dash(shipped, world):  # noqa: F811
    return build_dash(world)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
