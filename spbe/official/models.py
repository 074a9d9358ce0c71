"""Published results: index-only history from the national report tables or the news."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedResult(models.Model):
    """An index as published (no per-indicator data), for trends and benchmarking.

    Values are stored as printed (2 decimals). `framework_code` is a plain string because
    history reaches back to frameworks that are not loaded (PermenPANRB 5/2018).
    """

    instansi = models.ForeignKey(
        "organizations.Instansi", on_delete=models.CASCADE, related_name="published_results"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    framework_code = models.CharField(max_length=50)
    index = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    domains = models.JSONField(default=dict, blank=True)
    predikat = models.CharField(max_length=40, blank=True)
    source = models.CharField(_("sumber"), max_length=300)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    verified = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("hasil terpublikasi")
        verbose_name_plural = _("hasil terpublikasi")
        # The table keeps the name it had in evaluations: an upgraded installation keeps its
        # rows (migration official 0001 only moves the model's state, see its docstring).
        db_table = "evaluations_publishedresult"
        ordering = ["instansi", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "year"], name="evaluations_published_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instansi} {self.year}: {self.index}"
