"""Everything outside one's scope answers 404, never 403: an ID's existence does not leak.

Walks every URL pattern that takes an integer id (pages and API, GET and POST) as the
coordinator of another instansi, over the ids of a populated province, and as the same
user over ids that do not exist: the answers must be the same.
"""

import re

import pytest
from django.urls import URLResolver, get_resolver

from spbe.evaluations.models import Assessment, Cycle
from spbe.evidence.services.documents import document_create
from spbe.frameworks.selectors import framework_get, framework_indicators
from spbe.frameworks.services import shipped_load
from tests.evidence.pdfs import text_pdf
from tests.factories import build_world

pytestmark = pytest.mark.django_db
ALLOWED = {404, 405}


def _patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _url(pattern: str, pk: int) -> str:
    url = re.sub(r"<int:\w+>", str(pk), pattern)
    return "/" + re.sub(r"<(?:str|slug|path):\w+>", "x", url)


@pytest.fixture
def populated():
    from django.core.files.uploadedfile import SimpleUploadedFile

    shipped_load()
    world = build_world()
    framework = framework_get("spbe-59-2020")
    for year in (2024, 2025):
        cycle = Cycle.objects.create(
            instansi=world.province, framework=framework, year=year, kind="internal", name="I"
        )
        Assessment.objects.bulk_create(
            Assessment(cycle=cycle, indicator=i) for i in framework_indicators(framework)
        )
    for n in range(3):
        document_create(
            actor=world.users["koordinator"],
            instansi=world.province,
            owner_unit=None,
            kind="pergub",
            title=f"Pergub {n}",
            upload=SimpleUploadedFile(f"p{n}.pdf", text_pdf(f"PERGUB {n}"), "application/pdf"),
        )
    return world


@pytest.fixture
def outsider(populated):
    """The coordinator of an instansi made after everything else: ids 1-3 of every table
    belong to other instansi."""
    from spbe.organizations.models import Role
    from tests.factories import make_instansi, make_user_with_role

    instansi = make_instansi(name="Pemerintah Provinsi Luar", kind="provinsi")
    return make_user_with_role(role=Role.KOORDINATOR, instansi=instansi, username="luar")


def test_an_outsider_gets_404_for_every_id_of_another_instansi(client, outsider):
    client.force_login(outsider)
    wrong = []
    for pattern in _patterns():
        if "<int:" not in pattern or pattern.startswith("admin/"):
            continue
        for pk in (1, 2):
            for method in (client.get, client.post):
                status = method(_url(pattern, pk)).status_code
                if status not in ALLOWED:
                    wrong.append((method.__name__, _url(pattern, pk), status))
    assert wrong == [], "\n".join(map(str, wrong))
