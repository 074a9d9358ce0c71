from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "spbe.reports"
    label = "reports"
