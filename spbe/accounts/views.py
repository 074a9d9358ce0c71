"""Login (with its lockout page), "Lupa kata sandi", and the profile: own password and
personal API tokens."""

import datetime
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.accounts import services
from spbe.accounts.backends import lockout_username
from spbe.accounts.forms import EmailPreferenceForm, LoginForm, PasswordChangeForm, TokenForm
from spbe.accounts.models import PersonalToken
from spbe.core.forms import apply_errors
from spbe.organizations.lockouts import lockout_until

LOCKOUT_STATUS = 429


def lockout_message(*, until) -> str:
    """What a locked-out person reads: for how long, and the ways back in."""
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    return _(
        "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci sementara dari perangkat "
        "ini selama %(minutes)d menit lagi (sampai pukul %(time)s); setelah itu Anda dapat "
        "mencoba lagi. Koordinator SPBE dapat membuka kunci lebih awal, atau pakai "
        "“Lupa kata sandi”."
    ) % {"minutes": minutes, "time": formats.time_format(timezone.localtime(until), "H:i")}


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers once an account is locked: the login page with the reason."""
    form = LoginForm(request, data=request.POST or None)
    form.is_bound = False  # show the form again without re-running authentication
    username = lockout_username(request, credentials)
    until = (
        lockout_until(username=username, ip_address=getattr(request, "axes_ip_address", None))
        if username
        else None
    ) or timezone.now() + (get_cool_off() or datetime.timedelta(0))
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "lockout_message": lockout_message(until=until),
            "next": request.POST.get("next", ""),
        },
        status=LOCKOUT_STATUS,
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm


def _profile_context(request, **extra):
    tokens = PersonalToken.objects.filter(user=request.user).order_by("-created_at")
    return {
        "password_form": PasswordChangeForm(),
        "token_form": TokenForm(),
        "email_form": EmailPreferenceForm(
            initial={"email_digest": "1" if request.user.email_digest else "0"}
        ),
        "tokens": tokens,
        **extra,
    }


@login_required
def profile(request):
    return render(request, "accounts/profile.html", _profile_context(request))


def _revoked_message(count: int) -> str:
    """Say what a password change ended besides the old password."""
    if count:
        return _("%(n)d token API dicabut dan sesi di perangkat lain diakhiri.") % {"n": count}
    return _("Sesi di perangkat lain diakhiri.")


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    """Change one's own password: from the profile, or the page a person with a generated
    password is sent to (PasswordChangeRequiredMiddleware) until they choose their own."""
    form = PasswordChangeForm(request.POST or None)
    template = "accounts/password_change.html"
    if request.method == "POST" and form.is_valid():
        try:
            revoked = services.password_change(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(
                request, _("Kata sandi Anda telah diganti.") + " " + _revoked_message(revoked)
            )
            return redirect("profile")
    if request.method == "GET":
        return render(request, template, {"form": form})
    if request.POST.get("from") == "profile":
        return render(
            request,
            "accounts/profile.html",
            _profile_context(request, password_form=form),
            status=400,
        )
    return render(request, template, {"form": form}, status=400)


class PasswordResetView(auth_views.PasswordResetView):
    """Step 1 of "Lupa kata sandi": always the same answer, whether the address is known or
    not (Django's form mails only active accounts with that address), so nobody learns which
    addresses have accounts. The link is absolute, from SITE_URL when it is set."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        site = settings.SITE_URL.rstrip("/") or self.request.build_absolute_uri("/").rstrip("/")
        self.extra_email_context = {"site_url": site}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Step 2: the e-mailed link; the new password goes through the accounts service, which
    also unlocks the account and revokes tokens and other sessions."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        try:
            with transaction.atomic():
                revoked = services.password_reset_by_link(
                    user=form.user,
                    new_password=form.cleaned_data["new_password1"],
                    request=self.request,
                )
        except ValidationError as exc:
            apply_errors(form, exc)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _revoked_message(revoked))
        return redirect(self.get_success_url())


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        return render(
            request, "accounts/profile.html", _profile_context(request, token_form=form), status=400
        )
    token, raw = services.token_create(
        user=request.user, name=form.cleaned_data["name"], actor=request.user, request=request
    )
    return render(
        request,
        "accounts/profile.html",
        _profile_context(request, new_token=raw, new_token_obj=token),
    )


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(PersonalToken, pk=pk, user=request.user)
    services.token_revoke(token=token, actor=request.user, request=request)
    messages.success(request, _("Token %(name)s dicabut.") % {"name": token.name})
    return redirect("profile")


@login_required
@require_POST
def email_preference(request):
    form = EmailPreferenceForm(request.POST)
    if not form.is_valid():
        return render(
            request, "accounts/profile.html", _profile_context(request, email_form=form), status=400
        )
    services.user_email_preference_set(
        user=request.user, email_digest=form.cleaned_data["email_digest"], request=request
    )
    messages.success(request, _("Pilihan e-mail disimpan."))
    return redirect("profile")
