import pytest

from spbe.budget import services
from tests.factories import build_world

ITEM = {
    "fiscal_year": 2027,
    "program_code": "2.16.03",
    "activity_code": "2.16.03.1.02",
    "sub_activity_code": "2.16.03.1.02.0001",
    "description": "Pengembangan aplikasi kepegawaian",
    "category": "aplikasi",
    "amount": 150_000_000,
}


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def add_item(world):
    """`add_item(unit, user_key="koordinator", **values)`: a budget item through the service."""

    def add(unit, user_key="koordinator", **values):
        return services.budget_item_create(
            actor=world.users[user_key],
            instansi=world.province,
            values={**ITEM, "unit": unit, **values},
        )

    return add
