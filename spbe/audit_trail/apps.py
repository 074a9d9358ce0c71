from django.apps import AppConfig


class AuditTrailConfig(AppConfig):
    name = "spbe.audit_trail"
    label = "audit_trail"
