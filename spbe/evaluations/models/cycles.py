"""An evaluation cycle: one instansi, one year, one framework version."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The scoring stages of an official evaluation; each indicator has a value per stage."""

    MANDIRI = "mandiri", _("Penilaian Mandiri")
    DOKUMEN = "dokumen", _("Penilaian Dokumen")
    INTERVIU = "interviu", _("Penilaian Interviu")
    VISITASI = "visitasi", _("Penilaian Visitasi")
    FINAL = "final", _("Final")


class Cycle(models.Model):
    class Kind(models.TextChoices):
        EVALUASI = "evaluasi", _("Evaluasi (resmi)")
        PEMANTAUAN = "pemantauan", _("Pemantauan (resmi)")
        INTERNAL = "internal", _("Pemantauan internal")

    class State(models.TextChoices):
        PERSIAPAN = "persiapan", _("Persiapan")
        MANDIRI = "mandiri", _("Penilaian Mandiri")
        DOKUMEN = "dokumen", _("Penilaian Dokumen")
        INTERVIU = "interviu", _("Penilaian Interviu")
        VISITASI = "visitasi", _("Penilaian Visitasi")
        FINALISASI = "finalisasi", _("Finalisasi")
        SELESAI = "selesai", _("Selesai (terkunci)")

    instansi = models.ForeignKey(
        "organizations.Instansi", on_delete=models.PROTECT, related_name="cycles"
    )
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="cycles"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=200)
    state = models.CharField(
        _("tahap"), max_length=16, choices=State.choices, default=State.PERSIAPAN
    )
    # Blank: the framework's rule for the year decides (exact from 2024, rounded in 2023).
    predikat_basis = models.CharField(
        _("dasar predikat"),
        max_length=8,
        blank=True,
        choices=[("exact", _("nilai eksak")), ("rounded", _("nilai dibulatkan"))],
    )
    self_assessment_due = models.DateField(_("batas penilaian mandiri"), null=True, blank=True)
    review_due = models.DateField(_("batas reviu internal"), null=True, blank=True)
    # Raw values of other agencies' indices (Pemdi: sdi, sjig, ips, ikasandi); missing = menunggu.
    external_values = models.JSONField(default=dict, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("siklus evaluasi")
        verbose_name_plural = _("siklus evaluasi")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "year", "kind", "name"], name="evaluations_cycle_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.SELESAI
