from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.audit.labels import action_label


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Aksi"), required=False)
    actor = forms.CharField(label=_("Pelaku"), required=False, max_length=100)
    obj = forms.CharField(label=_("Objek"), required=False, max_length=100)
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Semua"))] + sorted(
            ((a, action_label(a)) for a in actions), key=lambda choice: choice[1]
        )

    def filters(self) -> dict:
        """The valid filters (an invalid one is ignored rather than failing the page)."""
        if not self.is_valid():
            return {k: v for k, v in self.cleaned_data.items() if v}
        return {k: v for k, v in self.cleaned_data.items() if v}
