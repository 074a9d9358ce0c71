from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "spbe.organizations"
    label = "organizations"

    def ready(self):
        # The audit trail shows unit names; audit imports no app, so we tell it how.
        from spbe.audit.labels import register_names
        from spbe.organizations.selectors import unit_names

        register_names("unit", unit_names)
