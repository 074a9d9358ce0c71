"""Data for tests/ops/test_database_outage.py: a coordinator's session and token, a cycle.

Imported by the PostgreSQL test (its test database) and run as a script for the SQLite one
(`python -m tests.ops.outage_data` against DATABASE_URL), which prints them.
"""

from django.conf import settings


def make_cycle(world):
    from spbe.evaluations.models import Cycle
    from spbe.frameworks.selectors import framework_get
    from spbe.frameworks.services import shipped_load

    shipped_load()
    return Cycle.objects.create(
        instansi=world.province,
        framework=framework_get("spbe-59-2020"),
        year=2026,
        kind="internal",
        name="Internal 2026",
    )


def signed_in_coordinator() -> tuple[str, str, int]:
    """(session key, personal token, cycle id) of the world's coordinator."""
    from django.contrib.sessions.backends.db import SessionStore

    from spbe.accounts.services import token_create
    from tests.factories import build_world

    world = build_world()
    user = world.users["koordinator"]
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[-1]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    token = token_create(user=user, name="uji", actor=user)[1]
    return session.session_key, token, make_cycle(world).pk


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(*signed_in_coordinator())
