from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with the project's own wording: Django's Indonesian catalogue
    puts the field's name after "nama pengguna", which read "nama pengguna nama pengguna"."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna (atau e-mail) dan kata sandi tidak cocok. Periksa keduanya; "
            "huruf besar dan kecil pada kata sandi dibedakan."
        ),
    }


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Kata sandi saat ini"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=_("Kata sandi baru"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("Ulangi kata sandi baru"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", _("Kedua kata sandi baru tidak sama."))
        return data


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nama token"),
        max_length=100,
        help_text=_("Misalnya nama skrip atau aplikasi yang memakainya."),
    )


class EmailPreferenceForm(forms.Form):
    email_digest = forms.TypedChoiceField(
        label=_("Pemberitahuan lewat e-mail"),
        choices=[
            ("0", _("Satu e-mail untuk setiap pemberitahuan")),
            ("1", _("Satu ringkasan harian")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


def person_label(user) -> str:
    """A person as dropdowns show them: "Rahmat Hidayat (koord)", the full name first, the
    username only to tell two namesakes apart."""
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of person labelled with `person_label`."""

    def label_from_instance(self, obj) -> str:
        return person_label(obj)
