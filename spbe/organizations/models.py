"""Organisations: instansi (province → kab/kota; instansi pusat), their units, and role grants."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InstansiKind(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    PUSAT = "kementerian-lembaga", _("Kementerian/Lembaga (instansi pusat)")


class Instansi(models.Model):
    """A government body evaluated on its own: a province, a kabupaten/kota or a central agency."""

    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama pendek"), max_length=100, blank=True)
    kind = models.CharField(_("jenis"), max_length=24, choices=InstansiKind.choices)
    code = models.CharField(_("kode"), max_length=40, blank=True)
    # Joins the published national result tables (reference/data/*.csv, column instansi_key).
    instansi_key = models.CharField(
        _("kunci instansi"), max_length=120, unique=True, null=True, blank=True
    )
    province = models.ForeignKey(
        "self",
        verbose_name=_("provinsi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kabkota",
        limit_choices_to={"kind": InstansiKind.PROVINSI},
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    BIRO = "biro", _("Biro")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    RSUD = "rsud", _("RSUD")
    OTHER = "other", _("Lainnya")


class Unit(models.Model):
    """An OPD/SKPD of an instansi, optionally nested under another unit of the same instansi."""

    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama pendek"), max_length=100, blank=True)
    kind = models.CharField(
        _("jenis"), max_length=16, choices=UnitKind.choices, default=UnitKind.DINAS
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # The coordinating unit of the instansi (usually Diskominfo).
    is_coordinator = models.BooleanField(_("unit koordinator"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "name"], name="org_unit_name_per_instansi"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    KOORDINATOR = "koordinator", _("Koordinator SPBE")
    ASESOR = "asesor", _("Asesor Internal")
    RESPONDEN = "responden", _("Responden OPD")
    PIMPINAN = "pimpinan", _("Pimpinan")
    PEMBINA = "pembina", _("Pembina")


class RoleGrant(models.Model):
    """A role held by a person on an instansi, or on one unit of it; recursive reaches below."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="role_grants",
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="grants"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grants",
    )
    recursive = models.BooleanField(_("termasuk di bawahnya"), default=False)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diberikan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("diberikan pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("pemberian peran")
        verbose_name_plural = _("pemberian peran")
        ordering = ["role", "granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "instansi"],
                condition=Q(unit__isnull=True),
                name="org_grant_unique_instansi",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "instansi", "unit"],
                condition=Q(unit__isnull=False),
                name="org_grant_unique_unit",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit or self.instansi
        return f"{self.get_role_display()} · {where}"
