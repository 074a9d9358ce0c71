from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "spbe.evaluations"
    label = "evaluations"
