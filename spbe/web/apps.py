from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "spbe.web"
    label = "web"
