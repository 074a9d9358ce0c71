"""Comment threads on an indicator and in-app notifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    class Kind(models.TextChoices):
        COMMENT = "comment", _("Komentar")
        REVIEW = "review", _("Catatan reviu")
        SYSTEM = "system", _("Sistem")

    assessment = models.ForeignKey("Assessment", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(_("isi"))
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Penugasan")
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Perlu perbaikan")
        APPROVED = "approved", _("Disetujui")
        MENTION = "mention", _("Disebut dalam komentar")
        DUE_SOON = "due_soon", _("Batas waktu mendekat")
        OVERDUE = "overdue", _("Lewat batas waktu")
        ACTION_OVERDUE = "action_overdue", _("Rencana aksi terlambat")
        OFFICIAL_IMPORT = "official_import", _("Hasil resmi diimpor")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    assessment = models.ForeignKey(
        "Assessment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Reminders are idempotent per (recipient, kind, key): the scheduled command can rerun.
    dedupe_key = models.CharField(max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message
