from django.apps import AppConfig


class OfficialConfig(AppConfig):
    """Official results: the import of the official result (template or KemenPANRB PDF), the
    LHE reader and the index-only history of published results. Sits above evaluations and
    writes stage values through evaluations' one writer."""

    name = "spbe.official"
    label = "official"
