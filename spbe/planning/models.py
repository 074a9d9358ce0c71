"""Targets, planner runs and action plans (rencana aksi) of a cycle."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """The index a cycle aims for, with the planner's inputs kept so a proposal can be redone.

    `efforts` maps indicator number (as a string) to {"effort": .., "cost": ..}: the effort of
    one level step and optionally its cost in Rupiah; `frozen` lists indicator numbers that
    cannot move; `base_stage` is the stage whose values the plan starts from (blank: the
    latest complete stage, else the self-assessment).
    """

    cycle = models.OneToOneField(
        "evaluations.Cycle", on_delete=models.CASCADE, related_name="target"
    )
    target_index = models.DecimalField(_("target indeks"), max_digits=4, decimal_places=2)
    max_steps = models.PositiveSmallIntegerField(_("kenaikan maksimum per indikator"), null=True)
    efforts = models.JSONField(default=dict, blank=True)
    frozen = models.JSONField(default=list, blank=True)
    # other agencies' index values to plan with: {"sdi": "70.00"} (never a level typed in)
    external_targets = models.JSONField(default=dict, blank=True)
    base_stage = models.CharField(_("tahap dasar"), max_length=16, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.cycle}: target {self.target_index}"


class ActionItem(models.Model):
    class Status(models.TextChoices):
        RENCANA = "rencana", _("Rencana")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        BATAL = "batal", _("Batal")

    cycle = models.ForeignKey(
        "evaluations.Cycle", on_delete=models.CASCADE, related_name="action_items"
    )
    indicator = models.ForeignKey(
        "frameworks.Indicator", on_delete=models.PROTECT, related_name="action_items"
    )
    from_value = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    target_value = models.DecimalField(_("level target"), max_digits=4, decimal_places=2)
    description = models.TextField(_("uraian kegiatan"))
    owner_unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("unit pelaksana"),
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("penanggung jawab"),
    )
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RENCANA
    )
    budget_estimate = models.DecimalField(
        _("perkiraan anggaran (Rp)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    effort = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    progress_notes = models.TextField(_("catatan kemajuan"), blank=True)
    evidence = models.ManyToManyField("evidence.Document", blank=True, related_name="+")
    from_planner = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.indicator} → {self.target_value}: {self.description[:40]}"
