"""Applications (aplikasi SPBE): the domain the duplicate detection and most flags work on."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from spbe.inventory.models.base import InventoryItem


class Application(InventoryItem):
    class Kind(models.TextChoices):
        UMUM = "umum", _("Aplikasi umum")
        KHUSUS = "khusus", _("Aplikasi khusus")

    class Origin(models.TextChoices):
        LOKAL = "lokal", _("Dibangun daerah")
        PUSAT = "pusat", _("Aplikasi instansi pusat")

    class Media(models.TextChoices):
        WEBSITE = "website", _("Website")
        MOBILE = "mobile", _("Mobile")
        DESKTOP = "desktop", _("Desktop")
        LAINNYA = "lainnya", _("Lainnya")

    class Hosting(models.TextChoices):
        UNKNOWN = "", _("Belum diketahui")
        PDN = "pdn", _("Pusat Data Nasional")
        PUSAT_DATA_DAERAH = "pusat_data_daerah", _("Pusat data daerah")
        CLOUD = "cloud", _("Cloud")
        ON_PREMISE = "on_premise", _("On-premise di unit")

    class Integration(models.TextChoices):
        UNKNOWN = "", _("Belum diketahui")
        NONE = "tidak", _("Tidak terintegrasi")
        SPL = "spl", _("Sistem Penghubung Layanan")
        API = "api", _("API langsung")

    class Status(models.TextChoices):
        PERENCANAAN = "perencanaan", _("Perencanaan")
        PENGEMBANGAN = "pengembangan", _("Pengembangan")
        OPERASIONAL = "operasional", _("Operasional")
        TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")
        DIHENTIKAN = "dihentikan", _("Dihentikan")

    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices, default=Kind.KHUSUS)
    origin = models.CharField(_("asal"), max_length=8, choices=Origin.choices, default=Origin.LOKAL)
    media = models.CharField(
        _("media"), max_length=10, choices=Media.choices, default=Media.WEBSITE
    )
    function = models.TextField(_("fungsi"), blank=True)
    developer_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit pengembang"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    user_units = models.ManyToManyField(
        "organizations.Unit", verbose_name=_("unit pengguna"), blank=True, related_name="+"
    )
    all_units_use = models.BooleanField(_("dipakai seluruh perangkat daerah"), default=False)
    public_users = models.BooleanField(_("dipakai masyarakat"), default=False)
    business_processes = models.ManyToManyField(
        "inventory.BusinessProcess",
        verbose_name=_("proses bisnis"),
        blank=True,
        related_name="applications",
    )
    services = models.ManyToManyField(
        "inventory.Service", verbose_name=_("layanan"), blank=True, related_name="applications"
    )
    datasets = models.ManyToManyField(
        "inventory.DataSet",
        verbose_name=_("data yang dikelola"),
        blank=True,
        related_name="applications",
    )
    hosting = models.CharField(
        _("penempatan (hosting)"), max_length=20, choices=Hosting.choices, blank=True
    )
    hosting_note = models.CharField(_("lokasi server"), max_length=300, blank=True)
    integration = models.CharField(
        _("integrasi"), max_length=8, choices=Integration.choices, blank=True
    )
    integrated_with = models.ManyToManyField(
        "self", verbose_name=_("terintegrasi dengan"), symmetrical=True, blank=True
    )
    integration_note = models.TextField(_("keterangan integrasi"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPERASIONAL
    )
    url = models.CharField(_("alamat (URL)"), max_length=500, blank=True)
    year_built = models.PositiveSmallIntegerField(_("tahun dibangun"), null=True, blank=True)
    last_security_audit = models.DateField(_("audit keamanan terakhir"), null=True, blank=True)
    # Exact Rupiah, never a float.
    contract_value = models.BigIntegerField(_("nilai kontrak (Rp)"), null=True, blank=True)
    funding_source = models.CharField(_("sumber dana"), max_length=300, blank=True)
    vendor = models.CharField(_("penyedia"), max_length=300, blank=True)
    version = models.CharField(_("versi"), max_length=60, blank=True)
    database = models.CharField(_("basis data"), max_length=100, blank=True)
    language = models.CharField(_("bahasa pemrograman"), max_length=100, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=500, blank=True)

    class Meta(InventoryItem.Meta):
        verbose_name = _("aplikasi")
        verbose_name_plural = _("aplikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "owner_unit", "name"],
                condition=Q(owner_unit__isnull=False),
                name="inventory_app_name_per_owner",
            ),
        ]
        indexes = [models.Index(fields=["instansi", "owner_unit"], name="inventory_app_owner")]
