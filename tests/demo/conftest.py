"""The loaded demo, shared by the demo tests."""

import pytest

from spbe.demo.loader import demo_load
from spbe.evaluations.models import Cycle
from spbe.frameworks.services import shipped_load

KALTIM = "provinsi-kalimantan-timur"


@pytest.fixture
def demo(db):
    shipped_load()
    return demo_load()


def cycle(year: int) -> Cycle:
    """Kaltim's demo cycle of `year` (one per year)."""
    return Cycle.objects.get(instansi__instansi_key=KALTIM, year=year)
