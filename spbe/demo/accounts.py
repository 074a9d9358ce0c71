"""The demo accounts: who they are, their roles, and creating them (one password for all)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from spbe.demo.data import demo_data
from spbe.organizations.models import Instansi, Role, RoleGrant

DEMO_PASSWORD = "demo-spbe-2026"
EMAIL_DOMAIN = "demo.spbe-monev.test"
ROLE_LABELS = dict(Role.choices)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # Role value
    where: str  # the unit or instansi the role is held on

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS[self.role])


def demo_usernames(data: dict | None = None) -> list[str]:
    """Every demo account: the people of kaltim.yaml, then responden-<slug> per unit."""
    data = data or demo_data()
    return [p["username"] for p in data["people"]] + [
        f"responden-{u['slug']}" for u in data["units"] if u.get("respondent")
    ]


def demo_accounts(data: dict | None = None) -> list[DemoAccount]:
    """The demo accounts with their role and where it is held (for README and the printout)."""
    data = data or demo_data()
    units = {u["slug"]: u for u in data["units"]}
    province = data["province"]["short_name"]
    accounts = []
    for person in data["people"]:
        where = province
        if person["role"] == Role.PEMBINA:
            where = f"{province} dan kabupaten/kota"
        accounts.append(DemoAccount(person["username"], person["role"], where))
    for unit in data["units"]:
        if unit.get("respondent"):
            accounts.append(
                DemoAccount(
                    f"responden-{unit['slug']}", Role.RESPONDEN, units[unit["slug"]]["name"]
                )
            )
    return accounts


def demo_people(data: dict) -> list[dict]:
    """Everyone of kaltim.yaml, plus one respondent per unit marked `respondent`."""
    people = [dict(p) for p in data["people"]]
    for spec in data["units"]:
        if spec.get("respondent"):
            people.append(
                {
                    "username": f"responden-{spec['slug']}",
                    "first_name": "Responden",
                    "last_name": spec["short_name"],
                    "position": f"Operator SPBE {spec['short_name']}",
                    "unit": spec["slug"],
                    "role": Role.RESPONDEN,
                }
            )
    return people


def demo_users_load(people: list[dict]) -> tuple[dict[str, object], int]:
    """The demo accounts by username, created where missing; and how many were created."""
    User = get_user_model()
    existing = {u.username: u for u in User.objects.filter(username__in=demo_usernames())}
    missing = [p for p in people if p["username"] not in existing]
    if missing:
        hashed = make_password(DEMO_PASSWORD)  # one slow hash for every new demo account
        for person in missing:
            is_admin = person["role"] == Role.ADMINISTRATOR
            existing[person["username"]] = User.objects.create(
                username=person["username"],
                password=hashed,
                first_name=person.get("first_name", ""),
                last_name=person.get("last_name", ""),
                position=person.get("position", ""),
                email=f"{person['username']}@{EMAIL_DOMAIN}",
                is_staff=is_admin,
                is_superuser=is_admin,
            )
    return existing, len(missing)


def demo_grants_load(people: list[dict], users: dict, units: dict, province: Instansi) -> int:
    """Each person's role on the province (a respondent's on their unit); how many are new."""
    count = 0
    for person in people:
        role = person["role"]
        unit = units[person["unit"]] if role == Role.RESPONDEN else None
        _grant, created = RoleGrant.objects.get_or_create(
            user=users[person["username"]],
            role=role,
            instansi=province,
            unit=unit,
            defaults={"recursive": role == Role.PEMBINA},
        )
        count += int(created)
    return count
