"""Planning tests use the dashboards' data: the world with SPBE 2023 and 2024 cycles."""

from tests.reports.conftest import dash, login, shipped, world  # noqa: F401
