"""Every API input error speaks the user's language (issue 13): Indonesian by default, English
for a user who chose English with the language switch (the pages' rule, spbe.web.middleware).

Walks the committed schema over the loaded demo as its coordinator: every write operation
gets bodies that are not objects, broken JSON, an empty object, wrong types for every field
and the wrong media type; every read gets bad query parameters; everything also goes
unauthenticated, with a bad token, from a session without its CSRF token and with an
unsupported method. Every 4xx message (the
error's message and each field's) must be in the language asked for; nothing may be a 5xx.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tests.api.contract import committed_schema, demo_world  # noqa: F401

pytestmark = pytest.mark.django_db

SCHEMA = committed_schema()
OPERATIONS = [
    (method, template, operation)
    for template, item in SCHEMA["paths"].items()
    for method, operation in item.items()
    if method in ("get", "post", "put", "patch", "delete")
]
WRITES = [op for op in OPERATIONS if op[0] != "get"]

# Words only an English message has (DRF's and Django's built-in messages are made of them);
# words only an Indonesian one has.
ENGLISH = frozenset(
    "this field is are required invalid must not expected the an be may ensure does exist "  # noqa: SIM905
    "was were provided credentials method allowed request got received string integer number "
    "list items submitted file please enter should than characters choice wrong use greater "
    "less equal has have no more object parse error malformed only with of".split()
)
INDONESIAN = frozenset(
    "harus tidak wajib ini yang dengan bukan berupa bidang atau dari untuk belum sudah ada dan "  # noqa: SIM905
    "isi pilih nilai boleh kosong ditemukan diisi permintaan dikenal tanpa lebih dapat".split()
)
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'|«[^»]*»|“[^”]*”|`[^`]*`")


@pytest.fixture
def _private_media():
    """The module's demo keeps its evidence files in its own folder (see contract.py)."""


@pytest.fixture
def coordinator(demo_world):  # noqa: F811
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="koordinator")


def _client(user=None, language=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _first_id(client, url, key="id"):
    response = client.get(url)
    if response.status_code != 200:
        return None
    data = response.json()
    rows = data.get("results", data) if isinstance(data, dict) else data
    if isinstance(rows, list) and rows and isinstance(rows[0], dict):
        return rows[0].get(key)
    return None


# Objects without a list of their own are found through their parent's.
LISTED_UNDER = {
    "/api/assessments/": "/api/cycles/{cycle}/assessments/",
    "/api/action-items/": "/api/cycles/{cycle}/action-items/",
}


def _url(client, template, cache):
    """The template with real ids of the demo where a list can name one, else 1."""
    url = template
    for match in re.finditer(r"\{([^}]+)\}", template):
        prefix = url[: url.index(match.group(0))]
        if prefix not in cache:
            listing = LISTED_UNDER.get(prefix, prefix).replace("{cycle}", str(cache["cycle"]))
            key = "code" if match.group(1) == "code" else "id"
            cache[prefix] = _first_id(client, listing, key) or 1
        url = url.replace(match.group(0), str(cache[prefix]), 1)
    return url


def _wrong(schema):
    """A value of the wrong type for a property's schema."""
    kind = schema.get("type")
    if kind == "string":
        return {"x": 1} if schema.get("format") != "binary" else "bukan berkas"
    if kind in ("integer", "number"):
        return "x"
    if kind == "boolean":
        return "x"
    if kind == "array":
        return "x"
    return ["x"]


def _properties(operation):
    content = operation.get("requestBody", {}).get("content", {})
    for media in ("application/json", "multipart/form-data"):
        if media in content:
            schema = content[media]["schema"]
            if "$ref" in schema:
                name = schema["$ref"].rsplit("/", 1)[-1]
                schema = SCHEMA["components"]["schemas"][name]
            return media, schema.get("properties", {})
    return None, {}


def _bad_requests(client, cache):
    """(label, response) of every bad request the walk makes."""
    for method, template, operation in OPERATIONS:
        url = _url(client, template, cache)
        call = getattr(client, method)
        if method == "get":
            for param in operation.get("parameters", []):
                if param.get("in") == "query":
                    for value in ("x", "-1", "9" * 30, "zzz"):
                        yield (
                            f"GET {url}?{param['name']}={value}",
                            client.get(url, {param["name"]: value}),
                        )
            continue
        for body in ("null", "[]", '"x"', "{", '{"a": }', "{}"):
            yield f"{method} {url} {body}", call(url, body, content_type="application/json")
        yield f"{method} {url} text/plain", call(url, "x", content_type="text/plain")
        media, properties = _properties(operation)
        if properties:
            wrong = {name: _wrong(schema) for name, schema in properties.items()}
            yield f"{method} {url} wrong types", call(url, wrong, format="json")
            if media == "multipart/form-data":
                form = {name: "x" for name in properties}
                yield f"{method} {url} multipart", call(url, form, format="multipart")
                # a file that is not what its name says (upload and import endpoints)
                for suffix in (".xlsx", ".pdf", ".csv"):
                    form = {
                        name: SimpleUploadedFile(f"rusak{suffix}", b"\x00bukan isi\xff")
                        for name, schema in properties.items()
                        if schema.get("format") == "binary"
                    }
                    yield f"{method} {url} {suffix}", call(url, form, format="multipart")


def _anonymous_requests(language):
    anonymous, bad_token, bad_header = (_client(language=language) for _ in range(3))
    bad_token.credentials(HTTP_AUTHORIZATION="Token salah")
    bad_header.credentials(HTTP_AUTHORIZATION="Token a b")
    for method, template, _operation in OPERATIONS[::3]:
        url = re.sub(r"\{[^}]+\}", "1", template)
        for name, client in (("anon", anonymous), ("token", bad_token), ("header", bad_header)):
            yield f"{name} {method} {url}", getattr(client, method)(url)


def _messages(body):
    error = body.get("error") if isinstance(body, dict) else None
    assert isinstance(error, dict), body
    yield error["message"]
    stack = [error.get("fields") or {}]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            yield item


def _foreign(message, foreign_words):
    words = set(re.findall(r"[a-z]+", QUOTED.sub(" ", message).lower()))
    return sorted(words & foreign_words)


@pytest.mark.parametrize(
    ("language", "foreign"), [(None, ENGLISH), ("id", ENGLISH), ("en", INDONESIAN)]
)
def test_every_api_error_is_in_the_users_language(coordinator, language, foreign):
    client = _client(coordinator, language)
    cache = {"cycle": _first_id(client, "/api/cycles/")}
    requests = list(_bad_requests(client, cache))
    requests += list(_anonymous_requests(language))
    browser = APIClient(enforce_csrf_checks=True)  # signed in on the pages, no CSRF token
    browser.force_login(coordinator)
    if language:
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    requests.append(("csrf", browser.post("/api/cycles/", {}, format="json")))
    assert requests[-1][1].status_code == 403
    requests.append(("DELETE /api/cycles/", client.delete("/api/cycles/")))
    # The browser's Accept-Language does not choose (an English Windows in an Indonesian
    # office): only the language switch does, as on the pages.
    browser_language = _client(coordinator, language)
    other = "id" if language == "en" else "en-US,en;q=0.9"
    browser_language.credentials(HTTP_ACCEPT_LANGUAGE=other)
    requests.append(("Accept-Language en", browser_language.post("/api/cycles/", {})))
    requests.append(("GET /api/tidak-ada/", client.get("/api/tidak-ada/")))
    requests.append(("GET csv", client.get("/api/cycles/", HTTP_ACCEPT="text/csv")))
    server_errors, seen = [], 0
    wrong: dict[str, str] = {}  # message: where it was met first
    for label, response in requests:
        if response.status_code >= 500:
            server_errors.append(f"{label}: {response.status_code}")
            continue
        if response.status_code < 400:
            continue
        if not response["Content-Type"].startswith("application/json"):
            wrong.setdefault(response["Content-Type"], label)
            continue
        for message in _messages(response.json()):
            seen += 1
            if _foreign(message, foreign):
                wrong.setdefault(message, f"{label}: {response.status_code}")
    assert not server_errors, "\n".join(server_errors)
    assert seen > 300  # the walk really met errors
    assert not wrong, f"{len(wrong)} pesan:\n" + "\n".join(
        f"{message!r}  ({where})" for message, where in sorted(wrong.items())
    )
