"""The official-results tests build on the evaluation fixtures (a shipped framework, a cycle)."""

from tests.evaluations.conftest import (  # noqa: F401 (fixtures)
    as_user,
    make_cycle,
    open_cycle,
    shipped,
    users,
    world,
)
