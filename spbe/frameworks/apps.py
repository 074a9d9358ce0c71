from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "spbe.frameworks"
    label = "frameworks"

    def ready(self):
        # The audit trail shows indicator names; audit imports no app, so we tell it how.
        from spbe.audit.labels import register_names
        from spbe.frameworks.selectors import indicator_names

        register_names("indicator", indicator_names)
