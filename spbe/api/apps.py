from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "spbe.api"
    label = "spbe_api"
