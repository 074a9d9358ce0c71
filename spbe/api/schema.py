"""The project's OpenAPI schema class (`REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]`).

DRF instantiates a view's schema class only when a schema is generated (the schema view,
`spbe spectacular`), so drf-spectacular's generator and the project's extensions are imported
then, not by every process at start-up (they were 1.1 s of `django.setup()` when an app's
`ready()` imported them). drf-spectacular registers an extension when its module is imported:
importing `spbe.accounts.schema` here is that discovery.
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

from spbe.accounts import schema as accounts_schema  # noqa: F401  (registers tokenAuth)


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's AutoSchema, with the project's extensions registered."""
