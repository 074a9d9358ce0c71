import pytest

from tests.factories import build_world

DENPASAR_CSV = "reference/data/denpasar-inventaris-aplikasi.csv"


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def denpasar_csv(shared_dir):
    return shared_dir / DENPASAR_CSV
