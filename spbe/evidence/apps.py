from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "spbe.evidence"
    label = "evidence"

    def ready(self):
        from spbe.evidence.tempdirs import ensure_temp_dirs

        ensure_temp_dirs()
