from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "spbe.accounts"
    label = "accounts"

    def ready(self):
        from spbe.accounts import schema  # noqa: F401  (registers the OpenAPI extension)
