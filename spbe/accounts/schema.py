"""Describes the API's two logins in the OpenAPI schema (drf-spectacular): the personal
token (`Authorization: Token <token>`) and the project's session class."""

from drf_spectacular.authentication import SessionScheme as SpectacularSessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "spbe.accounts.authentication.PersonalTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token API pribadi: `Token <token>` (dibuat di halaman profil).",
        }


class SessionScheme(SpectacularSessionScheme):
    """The session cookie, as drf-spectacular describes DRF's own session login (`cookieAuth`),
    for the project's subclass of it."""

    target_class = "spbe.accounts.authentication.SessionAuthentication"
