from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "spbe.frameworks"
    label = "frameworks"
