"""Per-indicator work in a cycle: assignment, status, a value per stage, evidence links."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spbe.evaluations.models.cycles import Stage


class Assessment(models.Model):
    """One indicator of one cycle: who works on it, where it stands, the review."""

    class Status(models.TextChoices):
        BELUM_DIISI = "belum_diisi", _("Belum diisi")
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan")
        PERLU_PERBAIKAN = "perlu_perbaikan", _("Perlu perbaikan")
        DISETUJUI = "disetujui", _("Disetujui")

    #: The statuses in which the respondent still has work to do: the one definition that the
    #: services, reminders and home pages share.
    OPEN_STATUSES = frozenset({Status.BELUM_DIISI, Status.DRAF, Status.PERLU_PERBAIKAN})

    class FinalSource(models.TextChoices):
        RESPONDEN = "responden", _("Level responden")
        ASESOR = "asesor", _("Level asesor")
        KOORDINATOR = "koordinator", _("Level koordinator")

    cycle = models.ForeignKey("Cycle", on_delete=models.CASCADE, related_name="assessments")
    indicator = models.ForeignKey(
        "frameworks.Indicator", on_delete=models.PROTECT, related_name="assessments"
    )
    lead_unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_assessments",
        verbose_name=_("unit penanggung jawab"),
    )
    contributing_units = models.ManyToManyField(
        "organizations.Unit", blank=True, related_name="contributed_assessments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments_to_review",
        verbose_name=_("asesor internal"),
    )
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.BELUM_DIISI
    )
    # Indicators whose subject the instansi chooses (SPBE 45-47: its own sector services).
    subject_name = models.CharField(_("nama layanan"), max_length=300, blank=True)
    # The respondent's claimed level (draft or submitted). The mandiri stage value follows it
    # until the koordinator decides the final self-assessment level (`final_source`).
    claimed_value = models.DecimalField(
        _("level klaim responden"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The asesor's own level when it differs from the respondent's claim.
    reviewed_value = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    review_note = models.TextField(_("catatan reviu"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # The koordinator's decision on the final self-assessment level (the mandiri stage value).
    final_source = models.CharField(
        _("sumber level akhir"), max_length=16, choices=FinalSource.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: a save based on an older revision is refused, never overwrites.
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penilaian indikator")
        verbose_name_plural = _("penilaian indikator")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "indicator"], name="evaluations_assessment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.indicator}"


class StageValue(models.Model):
    """The value of one indicator at one stage, with the explanation the guideline asks for."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="stage_values"
    )
    stage = models.CharField(max_length=16, choices=Stage.choices)
    # Whole levels for SPBE, 2 decimals for Pemdi; 0 only in imported official results.
    value = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    fakta = models.TextField(_("fakta"), blank=True)
    analisis = models.TextField(_("analisis"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nilai tahap")
        verbose_name_plural = _("nilai tahap")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "stage"], name="evaluations_stage_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.stage}: {self.value}"


class EvidenceLink(models.Model):
    """A document offered as evidence for an indicator at a level, in one cycle."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="evidence_links"
    )
    document = models.ForeignKey(
        "evidence.Document", on_delete=models.PROTECT, related_name="links"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    note = models.CharField(_("keterangan"), max_length=500, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "document", "level"], name="evaluations_evidence_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · L{self.level}: {self.document}"


class ClaimRevision(models.Model):
    """One saved version of the respondent's claim (level, FAKTA, ANALISIS), kept for good.

    `stage` is the stage the claim feeds: mandiri while the self-assessment is open, else the
    stage the cycle is in when a returned indicator is fixed. A closed stage's value never
    changes; a later correction is a new revision that feeds the current stage.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="claim_revisions"
    )
    stage = models.CharField(_("tahap"), max_length=16, choices=Stage.choices)
    value = models.DecimalField(
        _("level klaim"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    fakta = models.TextField(_("fakta"), blank=True)
    analisis = models.TextField(_("analisis"), blank=True)
    submitted = models.BooleanField(_("diajukan"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("revisi klaim")
        verbose_name_plural = _("revisi klaim")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.stage}: {self.value}"
