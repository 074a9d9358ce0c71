from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "spbe.evidence"
    label = "evidence"
