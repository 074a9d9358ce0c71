from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "spbe.evaluations"
    label = "evaluations"

    def ready(self):
        # Evidence asks about links through a registry rather than importing evaluations.
        from spbe.evaluations.evidence_provider import PROVIDER
        from spbe.evidence.registry import register_link_provider

        register_link_provider(PROVIDER)
