"""Budget items of planned ICT spending and the Surat Edaran letters generated from them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetItem(models.Model):
    class Category(models.TextChoices):
        APLIKASI = "aplikasi", _("Aplikasi")
        INFRASTRUKTUR = "infrastruktur", _("Infrastruktur")
        KEAMANAN = "keamanan", _("Keamanan")
        DATA = "data", _("Data")
        SDM = "sdm", _("SDM/kompetensi")
        LAYANAN = "layanan", _("Layanan")

    class Status(models.TextChoices):
        USULAN = "usulan", _("Usulan")
        DISETUJUI = "disetujui", _("Disetujui")
        TEREALISASI = "terealisasi", _("Terealisasi")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    class Outcome(models.TextChoices):
        NONE = "", _("Belum dikonsultasikan")
        DISETUJUI = "disetujui", _("Disetujui")
        PERLU_REVISI = "perlu_revisi", _("Perlu revisi")
        DITOLAK = "ditolak", _("Ditolak")

    instansi = models.ForeignKey(
        "organizations.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    # National regional-planning nomenclature (dot-separated codes, validated by format).
    program_code = models.CharField(_("kode program"), max_length=20)
    program_name = models.CharField(_("nama program"), max_length=300, blank=True)
    activity_code = models.CharField(_("kode kegiatan"), max_length=30)
    activity_name = models.CharField(_("nama kegiatan"), max_length=300, blank=True)
    sub_activity_code = models.CharField(_("kode sub-kegiatan"), max_length=40)
    sub_activity_name = models.CharField(_("nama sub-kegiatan"), max_length=300, blank=True)
    description = models.TextField(_("uraian"))
    # The application this item builds or buys, if any (compared with the inventory).
    builds_application = models.CharField(_("aplikasi yang dibangun"), max_length=300, blank=True)
    category = models.CharField(_("kategori"), max_length=16, choices=Category.choices)
    amount = models.BigIntegerField(_("pagu (Rp)"))  # exact Rupiah
    funding_source = models.CharField(_("sumber dana"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.USULAN
    )
    realised_amount = models.BigIntegerField(_("realisasi (Rp)"), null=True, blank=True)
    indicators = models.ManyToManyField(
        "frameworks.Indicator", verbose_name=_("indikator terkait"), blank=True, related_name="+"
    )
    applications = models.ManyToManyField(
        "inventory.Application", verbose_name=_("aplikasi terkait"), blank=True, related_name="+"
    )
    infrastructure = models.ManyToManyField(
        "inventory.Infrastructure",
        verbose_name=_("infrastruktur terkait"),
        blank=True,
        related_name="+",
    )
    consultation_date = models.DateField(_("tanggal konsultasi"), null=True, blank=True)
    consultation_outcome = models.CharField(
        _("hasil konsultasi"), max_length=12, choices=Outcome.choices, blank=True
    )
    consultation_note = models.TextField(_("catatan konsultasi"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("belanja TIK")
        verbose_name_plural = _("belanja TIK")
        ordering = ["fiscal_year", "unit__name", "sub_activity_code", "pk"]
        indexes = [models.Index(fields=["instansi", "fiscal_year"], name="budget_item_year")]

    def __str__(self) -> str:
        return f"{self.sub_activity_code} {self.description[:60]}"


def letter_upload_to(instance, filename: str) -> str:
    where = f"surat-edaran/{instance.instansi_id}/{instance.fiscal_year}"
    return f"{where}/{instance.sha256}.{instance.fmt}"


def template_upload_to(instance, filename: str) -> str:
    return f"surat-edaran/templat/{instance.instansi_id}/{instance.sha256}.docx"


class LetterTemplate(models.Model):
    """A coordinator's edited DOCX template of the Surat Edaran (the newest one is used)."""

    instansi = models.ForeignKey(
        "organizations.Instansi", on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(upload_to=template_upload_to, max_length=300)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"templat {self.sha256[:12]}"


class Letter(models.Model):
    """A generated Surat Edaran, kept with its SHA-256, who generated it and when."""

    instansi = models.ForeignKey(
        "organizations.Instansi", on_delete=models.CASCADE, related_name="+"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    number = models.CharField(_("nomor"), max_length=100)
    fmt = models.CharField(max_length=4)  # docx | pdf
    file = models.FileField(upload_to=letter_upload_to, max_length=300)
    sha256 = models.CharField(max_length=64)
    template_sha256 = models.CharField(max_length=64)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("surat edaran")
        verbose_name_plural = _("surat edaran")
        ordering = ["-generated_at", "-pk"]

    def __str__(self) -> str:
        return f"SE {self.number} ({self.fiscal_year})"
