"""The coordinator's remembered decision on one duplicate candidate pair."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class DuplicateDecision(models.Model):
    class Verdict(models.TextChoices):
        DUPLIKAT = "duplikat", _("Duplikat: konsolidasi")
        BUKAN = "bukan", _("Bukan duplikat")

    instansi = models.ForeignKey(
        "organizations.Instansi", on_delete=models.CASCADE, related_name="+"
    )
    # Stored with first.pk < second.pk so a pair has one row whichever way it was found.
    first = models.ForeignKey("inventory.Application", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("inventory.Application", on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(_("keputusan"), max_length=10, choices=Verdict.choices)
    # For a duplicate: the application the other one is consolidated into.
    keep = models.ForeignKey(
        "inventory.Application",
        verbose_name=_("konsolidasi ke"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("keputusan duplikasi")
        verbose_name_plural = _("keputusan duplikasi")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="inventory_pair_once"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="inventory_pair_order"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}~{self.second_id}: {self.verdict}"
