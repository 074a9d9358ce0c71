"""The document settings form of an instansi (the service checks the files)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportSettingsForm(forms.Form):
    ketua_tim_asesor_name = forms.CharField(label=_("Nama Ketua Tim Asesor"), required=False)
    ketua_tim_asesor_nip = forms.CharField(label=_("NIP Ketua Tim Asesor"), required=False)
    koordinator_name = forms.CharField(label=_("Nama Koordinator SPBE"), required=False)
    koordinator_nip = forms.CharField(label=_("NIP Koordinator SPBE"), required=False)
    sekda_name = forms.CharField(label=_("Nama Sekretaris Daerah"), required=False)
    sekda_nip = forms.CharField(label=_("NIP Sekretaris Daerah"), required=False)
    logo = forms.FileField(label=_("Logo (PNG/JPG)"), required=False)
    berita_acara_template = forms.FileField(label=_("Templat Berita Acara (DOCX)"), required=False)

    def clean(self):
        data = super().clean()
        for name in ("ketua_tim_asesor_nip", "koordinator_nip", "sekda_nip"):
            nip = (data.get(name) or "").replace(" ", "")
            if nip and not (nip.isdigit() and len(nip) == 18):
                self.add_error(name, _("NIP terdiri atas 18 angka."))
        return data
