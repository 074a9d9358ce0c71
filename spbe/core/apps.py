from django.apps import AppConfig


class CoreConfig(AppConfig):
    # An app only so that Django finds the `numbers` template library; core has no models.
    name = "spbe.core"
    label = "spbe_core"
