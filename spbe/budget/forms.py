"""Forms of the budget pages; Rupiah fields accept Indonesian thousands dots ("150.000.000")."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.budget.models import BudgetItem
from spbe.budget.services import FIELDS
from spbe.inventory import access
from spbe.inventory.imports.columns import CellError, read_rupiah
from spbe.inventory.models import Application, Infrastructure


class RupiahField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("Rupiah bulat, boleh dengan titik ribuan: 150.000.000"))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return read_rupiah(value)
        except CellError as exc:
            raise forms.ValidationError(str(exc)) from exc


class BudgetItemForm(forms.ModelForm):
    amount = RupiahField(label=_("Pagu (Rp)"))
    realised_amount = RupiahField(label=_("Realisasi (Rp)"), required=False)

    class Meta:
        model = BudgetItem
        fields = list(FIELDS)

    def __init__(self, *args, user, instansi, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.editable_units(user, instansi)
        self.fields["applications"].queryset = Application.objects.filter(
            instansi=instansi
        ).order_by("name")
        self.fields["infrastructure"].queryset = Infrastructure.objects.filter(
            instansi=instansi
        ).order_by("name")
        indicators = self.fields["indicators"].queryset
        if framework is not None:
            indicators = indicators.filter(framework=framework)
        self.fields["indicators"].queryset = indicators.order_by("number")
        for name in ("indicators", "applications", "infrastructure"):
            self.fields[name].widget.attrs["size"] = 6


class ConsultationForm(forms.Form):
    date = forms.DateField(
        label=_("Tanggal konsultasi"), widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.ChoiceField(
        label=_("Hasil konsultasi"),
        choices=[c for c in BudgetItem.Outcome.choices if c[0]],
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class UploadForm(forms.Form):
    upload = forms.FileField(label=_("Berkas"))
