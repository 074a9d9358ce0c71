"""Plain factory functions for organisations and people, shared by every test package.

Usage: ``from tests.factories import make_instansi, make_unit, make_user_with_role, World``.
`build_world()` makes the standard scenario used by the permission matrix (a province with a
kab/kota, units with a sub-unit, one person per role) and `world` (tests/organizations,
tests/accounts, tests/audit, tests/api conftest) exposes it as a fixture.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from spbe.organizations.models import Instansi, Role, RoleGrant, Unit

PASSWORD = "kata-sandi-uji-Panjang-7"
_seq = itertools.count(1)


def make_instansi(
    *,
    name: str | None = None,
    kind: str = "provinsi",
    province=None,
    instansi_key: str | None = None,
    **extra,
) -> Instansi:
    n = next(_seq)
    return Instansi.objects.create(
        name=name or f"Pemerintah Uji {n}",
        kind=kind,
        province=province,
        instansi_key=instansi_key,
        **extra,
    )


def make_unit(
    *,
    instansi: Instansi,
    name: str | None = None,
    parent: Unit | None = None,
    kind: str = "dinas",
    **extra,
) -> Unit:
    n = next(_seq)
    return Unit.objects.create(
        instansi=instansi, name=name or f"Dinas Uji {n}", parent=parent, kind=kind, **extra
    )


@functools.cache
def _hashed(password: str) -> str:
    # Hashing is deliberately slow (PBKDF2); hash each test password once per test run.
    return make_password(password)


def make_user(*, username: str | None = None, password: str = PASSWORD, **extra):
    n = next(_seq)
    user = get_user_model()(username=username or f"user{n}", **extra)
    user.password = _hashed(password)
    user.save()
    return user


def make_user_with_role(
    *,
    role: str,
    instansi: Instansi,
    unit: Unit | None = None,
    recursive: bool = False,
    username: str | None = None,
    **extra,
):
    """A person holding one role grant (created directly, without an audit event)."""
    user = make_user(username=username, **extra)
    RoleGrant.objects.create(
        user=user, role=role, instansi=instansi, unit=unit, recursive=recursive
    )
    return user


@dataclass
class World:
    """Province P (units: Diskominfo, Setda > Biro Hukum, Dinkes), its kab K (unit: Dinas K),
    another province Q (unit: Dinas Q), and one person per role on P."""

    province: Instansi
    kab: Instansi
    other: Instansi
    diskominfo: Unit
    setda: Unit
    biro: Unit  # child of setda
    dinkes: Unit
    kab_unit: Unit
    other_unit: Unit
    users: dict[str, object]


def build_world() -> World:
    with transaction.atomic():
        province = make_instansi(
            name="Pemerintah Provinsi Uji", kind="provinsi", instansi_key="provinsi-uji"
        )
        kab = make_instansi(name="Pemerintah Kab. Uji", kind="kabupaten", province=province)
        other = make_instansi(name="Pemerintah Provinsi Lain", kind="provinsi")
        diskominfo = make_unit(
            instansi=province,
            name="Dinas Komunikasi dan Informatika",
            short_name="Diskominfo",
            is_coordinator=True,
        )
        setda = make_unit(
            instansi=province, name="Sekretariat Daerah", short_name="Setda", kind="sekretariat"
        )
        biro = make_unit(instansi=province, name="Biro Hukum", parent=setda, kind="biro")
        dinkes = make_unit(instansi=province, name="Dinas Kesehatan", short_name="Dinkes")
        kab_unit = make_unit(instansi=kab, name="Dinas Kab Uji")
        other_unit = make_unit(instansi=other, name="Dinas Provinsi Lain")
        users = {
            "administrator": make_user_with_role(
                role=Role.ADMINISTRATOR, instansi=province, username="admin"
            ),
            "koordinator": make_user_with_role(
                role=Role.KOORDINATOR,
                instansi=province,
                unit=diskominfo,
                username="koord",
                first_name="Rahmat",
            ),
            "asesor": make_user_with_role(role=Role.ASESOR, instansi=province, username="asesor"),
            # responden on Setda, recursive: Biro Hukum is its child unit
            "responden": make_user_with_role(
                role=Role.RESPONDEN, instansi=province, unit=setda, recursive=True, username="resp"
            ),
            "responden_flat": make_user_with_role(
                role=Role.RESPONDEN, instansi=province, unit=dinkes, username="respflat"
            ),
            "pimpinan": make_user_with_role(
                role=Role.PIMPINAN, instansi=province, username="pimpinan"
            ),
            "pembina": make_user_with_role(
                role=Role.PEMBINA, instansi=province, recursive=True, username="pembina"
            ),
            "other_koordinator": make_user_with_role(
                role=Role.KOORDINATOR, instansi=other, username="koordlain"
            ),
            "nobody": make_user(username="nobody"),
        }
    return World(province, kab, other, diskominfo, setda, biro, dinkes, kab_unit, other_unit, users)
