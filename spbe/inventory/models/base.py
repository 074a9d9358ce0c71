"""What every inventory item has: an instansi, an owner unit, a name, who changed it when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InventoryItem(models.Model):
    """Abstract base of the items of the six architecture domains."""

    instansi = models.ForeignKey(
        "organizations.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Null is allowed on purpose: imported rows may name no owner, and "tanpa pemilik" is one
    # of the flags the coordinator must see.
    owner_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit pemilik"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("nama"), max_length=300)
    description = models.TextField(_("keterangan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
