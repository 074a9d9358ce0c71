"""Login lockout page and the profile: own password and personal API tokens."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spbe.accounts import services
from spbe.accounts.forms import PasswordChangeForm, TokenForm
from spbe.accounts.models import PersonalToken
from spbe.core.forms import apply_errors

LOCKOUT_STATUS = 429


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers once an account is locked: the login page with the reason."""
    form = AuthenticationForm(request, data=request.POST or None)
    form.is_bound = False  # show the form again without re-running authentication
    message = _(
        "Terlalu banyak percobaan masuk yang gagal. Akun ini dikunci sementara; "
        "coba lagi nanti atau hubungi koordinator SPBE."
    )
    return render(
        request,
        "accounts/login.html",
        {"form": form, "lockout_message": message, "next": request.POST.get("next", "")},
        status=LOCKOUT_STATUS,
    )


def _profile_context(request, **extra):
    tokens = PersonalToken.objects.filter(user=request.user).order_by("-created_at")
    return {
        "password_form": PasswordChangeForm(),
        "token_form": TokenForm(),
        "tokens": tokens,
        **extra,
    }


@login_required
def profile(request):
    return render(request, "accounts/profile.html", _profile_context(request))


@login_required
@require_POST
def password_change(request):
    form = PasswordChangeForm(request.POST)
    if form.is_valid():
        try:
            services.password_change(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Kata sandi Anda telah diganti."))
            return redirect("profile")
    return render(
        request, "accounts/profile.html", _profile_context(request, password_form=form), status=400
    )


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
