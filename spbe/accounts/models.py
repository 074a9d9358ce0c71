"""Accounts: the person who logs in, and their personal API tokens."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. Roles (what they may do, and where) live in spbe.organizations."""

    email = models.EmailField(_("alamat e-mail"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    # Set when someone else chose the password (a generated initial or reset password): the
    # person must pick their own before doing anything else (PasswordChangeRequiredMiddleware).
    must_change_password = models.BooleanField(_("wajib ganti kata sandi"), default=False)
    # E-mail preference: one e-mail per notification, or one daily digest (`spbe digest`).
    email_digest = models.BooleanField(_("ringkasan e-mail harian"), default=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            # E-mail doubles as a login name, so two accounts may not share one.
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_unique_ci",
            )
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class PersonalToken(models.Model):
    """An API token a user created; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nama"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
