"""What the reports app stores: the files it generated and each instansi's document settings.

A generated file is kept with who asked for it, when, from which data version and its hash,
so a signed PDF can always be traced back to the figures it was built from. Files live in
the project's private storage (the evidence storage) and are served only through
permission-checked views.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def generated_upload_to(instance: "GeneratedFile", filename: str) -> str:
    # A meaningless path, as for evidence: the readable name lives in the database only.
    return f"laporan/{instance.instansi_id}/{uuid.uuid4().hex}"


def settings_upload_to(instance: "ReportSettings", filename: str) -> str:
    return f"laporan/{instance.instansi_id}/pengaturan/{uuid.uuid4().hex}"


class GeneratedFile(models.Model):
    class Kind(models.TextChoices):
        LHE = "lhe", _("Laporan Hasil Evaluasi Internal")
        BERITA_ACARA = "berita_acara", _("Berita Acara")
        SCORECARD = "scorecard", _("Kartu skor unit")
        PROVINCE = "province", _("Laporan perbandingan kabupaten/kota")
        PACKAGE = "package", _("Paket unggah nasional")

    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu")
        RUNNING = "running", _("sedang dibuat")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    file_format = models.CharField(_("format"), max_length=8)  # pdf, docx, zip
    instansi = models.ForeignKey(
        "organizations.Instansi", on_delete=models.CASCADE, related_name="+"
    )
    cycle = models.ForeignKey(
        "evaluations.Cycle", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    stage = models.CharField(_("tahap"), max_length=16, blank=True)
    unit = models.ForeignKey(
        "organizations.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    language = models.CharField(_("bahasa"), max_length=8, default="id")
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    error = models.TextField(_("pesan galat"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    # What the file was built from: the latest audit event of the instansi at build time.
    data_version = models.CharField(_("versi data"), max_length=40, blank=True)
    data_changed_at = models.DateTimeField(_("data terakhir berubah"), null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    filename = models.CharField(_("nama berkas"), max_length=200, blank=True)
    file = models.FileField(upload_to=generated_upload_to, max_length=300, blank=True)

    class Meta:
        verbose_name = _("berkas laporan")
        verbose_name_plural = _("berkas laporan")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["cycle", "kind", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ReportSettings(models.Model):
    """Per instansi: the logo on report covers, the Berita Acara template and the names and
    NIP of the people who sign (Ketua Tim Asesor, Koordinator SPBE, Sekretaris Daerah)."""

    instansi = models.OneToOneField(
        "organizations.Instansi", on_delete=models.CASCADE, related_name="report_settings"
    )
    logo = models.FileField(_("logo"), upload_to=settings_upload_to, max_length=300, blank=True)
    berita_acara_template = models.FileField(
        _("templat Berita Acara"), upload_to=settings_upload_to, max_length=300, blank=True
    )
    ketua_tim_asesor_name = models.CharField(_("nama Ketua Tim Asesor"), max_length=200, blank=True)
    ketua_tim_asesor_nip = models.CharField(_("NIP Ketua Tim Asesor"), max_length=30, blank=True)
    koordinator_name = models.CharField(_("nama Koordinator SPBE"), max_length=200, blank=True)
    koordinator_nip = models.CharField(_("NIP Koordinator SPBE"), max_length=30, blank=True)
    sekda_name = models.CharField(_("nama Sekretaris Daerah"), max_length=200, blank=True)
    sekda_nip = models.CharField(_("NIP Sekretaris Daerah"), max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan dokumen")
        verbose_name_plural = _("pengaturan dokumen")

    def __str__(self) -> str:
        return str(self.instansi)
