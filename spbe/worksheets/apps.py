from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksheetsConfig(AppConfig):
    name = "spbe.worksheets"
    label = "worksheets"
    verbose_name = _("Lembar kerja")
