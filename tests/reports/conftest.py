import pytest

from spbe.frameworks.services import shipped_load
from tests.factories import build_world
from tests.reports.fixtures import build_dash


@pytest.fixture
def shipped(db):
    return shipped_load()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def dash(shipped, world):
    return build_dash(world)


@pytest.fixture
def login(client):
    def do(user):
        client.force_login(user)
        return client

    return do
