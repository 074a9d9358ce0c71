"""The five domains besides applications: business processes, services, data sets,
infrastructure and security controls."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from spbe.inventory.models.base import InventoryItem


class BusinessProcess(InventoryItem):
    """A business process (proses bisnis) of the instansi, e.g. "Perencanaan pembangunan"."""

    sector = models.CharField(_("urusan/sektor"), max_length=200, blank=True)

    class Meta(InventoryItem.Meta):
        verbose_name = _("proses bisnis")
        verbose_name_plural = _("proses bisnis")


class Service(InventoryItem):
    """An electronic service (layanan SPBE): administrasi pemerintahan or publik."""

    class Kind(models.TextChoices):
        ADMINISTRASI = "administrasi", _("Layanan administrasi pemerintahan")
        PUBLIK = "publik", _("Layanan publik")

    kind = models.CharField(_("jenis layanan"), max_length=16, choices=Kind.choices)
    # The service indicators it answers (by the framework's own indicator rows: the codes are
    # framework data, nothing here knows their numbers).
    indicators = models.ManyToManyField(
        "frameworks.Indicator", verbose_name=_("indikator layanan"), blank=True, related_name="+"
    )

    class Meta(InventoryItem.Meta):
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")


class DataSet(InventoryItem):
    """A data set (data dan informasi) with its walidata (the unit that validates it)."""

    class Openness(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        TERBATAS = "terbatas", _("Terbatas")
        TERTUTUP = "tertutup", _("Tertutup/dikecualikan")

    walidata_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("walidata"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    openness = models.CharField(
        _("sifat data"), max_length=16, choices=Openness.choices, default=Openness.TERBUKA
    )
    update_frequency = models.CharField(_("frekuensi pemutakhiran"), max_length=100, blank=True)

    class Meta(InventoryItem.Meta):
        verbose_name = _("data")
        verbose_name_plural = _("data")


class Infrastructure(InventoryItem):
    """Infrastructure: data centres, networks, devices."""

    class Kind(models.TextChoices):
        PUSAT_DATA = "pusat_data", _("Pusat data")
        JARINGAN = "jaringan", _("Jaringan intra")
        PERANGKAT = "perangkat", _("Perangkat/server")
        CLOUD = "cloud", _("Layanan cloud")

    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    capacity = models.CharField(_("kapasitas"), max_length=200, blank=True)

    class Meta(InventoryItem.Meta):
        verbose_name = _("infrastruktur")
        verbose_name_plural = _("infrastruktur")


class SecurityControl(InventoryItem):
    """A security control (keamanan): a policy, an audit, a certification, a technical control."""

    class Kind(models.TextChoices):
        KEBIJAKAN = "kebijakan", _("Kebijakan/prosedur")
        AUDIT = "audit", _("Audit keamanan")
        SERTIFIKASI = "sertifikasi", _("Sertifikasi")
        TEKNIS = "teknis", _("Kontrol teknis")

    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    standard = models.CharField(_("standar acuan"), max_length=200, blank=True)
    last_reviewed = models.DateField(_("terakhir ditinjau"), null=True, blank=True)

    class Meta(InventoryItem.Meta):
        verbose_name = _("kontrol keamanan")
        verbose_name_plural = _("kontrol keamanan")
