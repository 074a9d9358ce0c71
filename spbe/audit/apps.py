from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "spbe.audit"
    label = "audit"
