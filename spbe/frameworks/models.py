"""Evaluation frameworks as data: the tables every evaluation points at.

A loaded framework version never changes (old cycles keep the version they were scored
with); a corrected file is loaded as a new version. Decimal values in the JSON columns
(bands, conversions) stay strings so they never pass through float.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Framework(models.Model):
    """One version of an evaluation framework (SPBE 59/2020, Pemdi 8/2026, ...)."""

    class Status(models.TextChoices):
        OFFICIAL = "official", _("resmi")
        PROVISIONAL = "provisional", _("sementara")

    class CriteriaStatus(models.TextChoices):
        VERIFIED = "verified", _("terverifikasi")
        UNVERIFIED = "unverified", _("belum terverifikasi")

    class ValueKind(models.TextChoices):
        INTEGER = "integer", _("level bulat")
        DECIMAL = "decimal", _("desimal")

    class PredikatBasis(models.TextChoices):
        EXACT = "exact", _("nilai tepat")
        ROUNDED = "rounded", _("nilai terbulat")

    urn = models.CharField(_("URN"), max_length=200)
    code = models.SlugField(_("kode"), max_length=60)
    version = models.PositiveIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=300)
    short_name = models.CharField(_("nama singkat"), max_length=100)
    legal_basis = models.CharField(_("dasar hukum"), max_length=500)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    criteria_status = models.CharField(
        _("status kriteria"), max_length=20, choices=CriteriaStatus.choices
    )
    value_kind = models.CharField(_("jenis nilai"), max_length=20, choices=ValueKind.choices)
    value_min = models.DecimalField(_("nilai minimum"), max_digits=6, decimal_places=2)
    value_max = models.DecimalField(_("nilai maksimum"), max_digits=6, decimal_places=2)
    predikat_basis = models.CharField(
        _("dasar predikat"), max_length=20, choices=PredikatBasis.choices
    )
    # JSON keys are strings: {"2023": "rounded"}; selectors turn them back into years.
    predikat_basis_by_year = models.JSONField(_("dasar predikat per tahun"), default=dict)
    bands = models.JSONField(_("rentang predikat"), default=list)
    band_boundary = models.CharField(max_length=30, default="lower_inclusive")
    # [{"code", "name", "name_en", "role", "optional"}] in order; read via spbe.frameworks.stages.
    stages = models.JSONField(_("tahap penilaian"), default=list)
    planning_base = models.CharField(max_length=30, default="latest_complete")
    ladders = models.JSONField(_("jenjang level"), default=dict)
    evidence_kinds = models.JSONField(_("jenis bukti dukung"), default=dict)
    evidence_rules = models.JSONField(_("aturan bukti dukung"), default=list)
    external_indices = models.JSONField(_("indeks eksternal"), default=dict)
    # The target planner's stated assumptions: max level steps per cycle, effort per level.
    planner = models.JSONField(_("asumsi perencana"), default=dict, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    content_sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("dimuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("kerangka evaluasi")
        verbose_name_plural = _("kerangka evaluasi")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["urn", "version"], name="framework_urn_version"),
            models.UniqueConstraint(fields=["code", "version"], name="framework_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.short_name} v{self.version}"

    @property
    def is_provisional(self) -> bool:
        return self.status == self.Status.PROVISIONAL

    @property
    def criteria_unverified(self) -> bool:
        return self.criteria_status == self.CriteriaStatus.UNVERIFIED


class FrameworkGroup(models.Model):
    """A domain or an aspect: the weighted groups indicators roll up into."""

    class Kind(models.TextChoices):
        DOMAIN = "domain", _("domain")
        ASPECT = "aspect", _("aspek")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama"), max_length=300)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("domain/aspek")
        verbose_name_plural = _("domain/aspek")
        ordering = ["framework", "kind", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="frameworkgroup_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(models.Model):
    """One indicator of one framework version; assessments point here."""

    class Source(models.TextChoices):
        EVIDENCE = "evidence", _("bukti dukung")
        EXTERNAL = "external", _("indeks eksternal")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveIntegerField(_("nomor"))
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama"), max_length=300)
    short_name = models.CharField(_("nama singkat"), max_length=150)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2)
    aspect = models.ForeignKey(FrameworkGroup, on_delete=models.PROTECT, related_name="indicators")
    ladder = models.CharField(_("jenjang"), max_length=40)
    subject_chosen = models.BooleanField(_("layanan dipilih instansi"), default=False)
    source = models.CharField(_("sumber nilai"), max_length=20, choices=Source.choices)
    external_index = models.CharField(_("indeks eksternal"), max_length=60, blank=True)
    # [{"level": 1, "criteria": "...", "evidence": [{"text": "...", "kind": "draf"}]}, ...]
    levels = models.JSONField(_("level"), default=list)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="indicator_number"),
            models.UniqueConstraint(fields=["framework", "code"], name="indicator_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.short_name}"


class IndicatorMapping(models.Model):
    """A link between indicators of two frameworks (e.g. SPBE 11 -> Pemdi 1.1); guidance only."""

    class Status(models.TextChoices):
        REUSE = "reuse", _("pakai ulang")
        UPDATE = "update", _("perlu diperbarui")
        PARTIAL = "partial", _("sebagian")

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("resmi")
        PRACTITIONER = "practitioner", _("praktisi")

    source = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="mappings_out")
    target = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="mappings_in")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("pemetaan indikator")
        verbose_name_plural = _("pemetaan indikator")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="indicatormapping_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} -> {self.target_id} ({self.status})"
