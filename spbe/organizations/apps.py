from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "spbe.organizations"
    label = "organizations"
