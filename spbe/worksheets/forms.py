from django import forms
from django.utils.translation import gettext_lazy as _


class WorksheetUploadForm(forms.Form):
    file = forms.FileField(label=_("Lembar kerja (.xlsx)"))


class WorksheetConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
