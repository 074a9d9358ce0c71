"""Forms of the official-results pages (labels in Bahasa Indonesia, wrapped for translation)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from spbe.frameworks.models import Framework
from spbe.frameworks.official_reports import lhe_report, published_framework_labels
from spbe.frameworks.stages import recorded_stages
from spbe.official.parsed import COLUMN_AUTO, COLUMN_PREVIOUS, COLUMN_REPORT

COLUMN_CHOICES = [
    (COLUMN_AUTO, _("Otomatis (kolom yang tahunnya sama dengan siklus)")),
    (COLUMN_REPORT, _("Kolom tahun laporan")),
    (COLUMN_PREVIOUS, _("Kolom tahun sebelumnya (laporan dua tahun)")),
]


class OfficialImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas hasil resmi"),
        help_text=_("Templat XLSX/CSV yang sudah diisi, atau PDF laporan hasil dari KemenPANRB."),
    )
    stages = forms.MultipleChoiceField(
        label=_("Tahap yang ditulis"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Kosongkan untuk templat: semua kolom yang terisi. Untuk PDF: bawaan tahap Final."
        ),
    )
    column = forms.ChoiceField(
        label=_("Kolom level (PDF dua tahun)"),
        choices=COLUMN_CHOICES,
        initial=COLUMN_AUTO,
        required=False,
    )

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        # The importable stages (assessors' and final) of the cycle's framework, in order.
        self.fields["stages"].choices = [(s.code, s.label) for s in recorded_stages(framework)]

    def clean_column(self):
        return self.cleaned_data["column"] or COLUMN_AUTO


class OfficialConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)


class PublishedResultForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    framework_code = forms.ChoiceField(
        label=_("Kerangka"),
        choices=lambda: list(published_framework_labels().items()),
        initial=lambda: lhe_report().code,
    )
    index = forms.CharField(
        label=_("Indeks"), max_length=10, help_text=_("Seperti tercetak, mis. 4,13.")
    )
    d1 = forms.CharField(label=_("Domain 1"), max_length=10, required=False)
    d2 = forms.CharField(label=_("Domain 2"), max_length=10, required=False)
    d3 = forms.CharField(label=_("Domain 3"), max_length=10, required=False)
    d4 = forms.CharField(label=_("Domain 4"), max_length=10, required=False)
    predikat = forms.CharField(
        label=_("Predikat (seperti tercetak)"), max_length=40, required=False
    )
    source = forms.CharField(
        label=_("Sumber"), max_length=300, help_text=_("Laporan, berita atau tabel nasional.")
    )
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)
    verified = forms.BooleanField(label=_("Sudah diverifikasi"), required=False, initial=True)
    replace = forms.BooleanField(
        label=_("Ya, ganti hasil yang sudah tercatat untuk tahun ini"), required=False
    )

    def domains(self) -> dict[str, str]:
        data = self.cleaned_data
        return {f"D{i}": data[f"d{i}"] for i in range(1, 5) if data.get(f"d{i}")}
