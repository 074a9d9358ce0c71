"""Forms of the coordinator's pages. They only shape input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.organizations.models import Role, Unit, UnitKind
from spbe.organizations.permissions import COORDINATOR_GRANTABLE


def _units_field(instansi, required=False, label=None):
    return forms.ModelChoiceField(
        queryset=Unit.objects.filter(instansi=instansi, is_active=True).order_by("name"),
        required=required,
        label=label or _("Unit"),
        empty_label=_("— tidak ada —"),
    )


def _role_choices(is_admin: bool):
    return [(v, label) for v, label in Role.choices if is_admin or v in COORDINATOR_GRANTABLE]


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Nama unit"), max_length=200)
    short_name = forms.CharField(label=_("Nama pendek"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Jenis"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)
    is_coordinator = forms.BooleanField(
        label=_("Unit koordinator (mis. Diskominfo)"), required=False
    )

    def __init__(self, *args, instansi, exclude_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"] = _units_field(instansi, label=_("Unit induk"))
        if exclude_unit is not None:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=exclude_unit.pk
            )


class MemberForm(forms.Form):
    first_name = forms.CharField(label=_("Nama depan"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=40, required=False)


class MemberCreateForm(MemberForm):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150)
    role = forms.ChoiceField(label=_("Peran"))
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)
    recursive = forms.BooleanField(label=_("Termasuk sub-unit"), required=False)
    password = forms.CharField(
        label=_("Kata sandi awal"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Kosongkan untuk membuat kata sandi acak yang ditampilkan sekali."),
    )
    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "position",
        "phone",
        "role",
        "unit",
        "recursive",
        "password",
    ]

    def __init__(self, *args, instansi, is_admin=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(is_admin)
        self.fields["role"].initial = Role.RESPONDEN
        self.fields["unit"] = _units_field(instansi)


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Peran"))
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)
    recursive = forms.BooleanField(label=_("Termasuk sub-unit"), required=False)

    def __init__(self, *args, instansi, is_admin=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(is_admin)
        self.fields["unit"] = _units_field(instansi)


class ResetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Kata sandi baru"),
        required=False,
        widget=forms.PasswordInput,
        help_text=_("Kosongkan untuk membuat kata sandi acak yang ditampilkan sekali."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas (.xlsx atau .csv)"))
