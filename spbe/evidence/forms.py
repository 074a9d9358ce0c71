"""Forms of the evidence pages. They only shape input; rules live in the services."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from spbe.core.sizes import format_megabytes
from spbe.evidence.models import Document
from spbe.organizations.models import Unit
from spbe.organizations.permissions import scope_for


def editable_units(user, instansi):
    """Units of `instansi` whose documents the user may own/change."""
    scope = scope_for(user)
    units = Unit.objects.filter(instansi=instansi, is_active=True).order_by("name")
    if (
        scope.is_admin
        or instansi.pk in scope.manage_instansi_ids
        or instansi.pk in scope.edit_instansi_ids
    ):
        return units
    return units.filter(pk__in=scope.edit_unit_ids)


def upload_help() -> str:
    return _(
        "PDF, DOCX, XLSX, PNG atau JPG; paling besar %(limit)s. Jenis berkas diperiksa dari "
        "isinya, bukan dari nama."
    ) % {"limit": format_megabytes(settings.EVIDENCE_MAX_UPLOAD_BYTES)}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def kind_choices():
    # Starts empty: a first choice of "Peraturan Daerah" got saved for every kind of file.
    return [("", _("— pilih jenis dokumen —")), *Document.Kind.choices]


class DocumentMetadataForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=kind_choices)
    title = forms.CharField(label=_("Judul"), max_length=500)
    number = forms.CharField(label=_("Nomor"), max_length=200, required=False)
    document_date = forms.DateField(
        label=_("Tanggal dokumen"),
        required=False,
        widget=DateInput(),
        help_text=_("Tanggal penetapan/penandatanganan, bukan tanggal unggah."),
    )
    issuing_unit = forms.CharField(label=_("Penerbit"), max_length=300, required=False)
    is_draft = forms.BooleanField(
        label=_("Masih rancangan/draf (belum ditetapkan)"),
        required=False,
        help_text=_("Draf tidak dihitung pada level yang membutuhkan kebijakan yang ditetapkan."),
    )
    freshness_kind = forms.ChoiceField(
        label=_("Kategori umur"),
        choices=Document.Freshness.choices,
        required=False,
        help_text=_("Dokumen reviu dan laporan audit dikenai batas umur dari kerangka evaluasi."),
    )
    owner_unit = forms.ModelChoiceField(
        label=_("Unit pemilik"), queryset=Unit.objects.none(), required=False
    )
    url = forms.URLField(
        label=_("Tautan"),
        required=False,
        assume_scheme="https",
        help_text=_("Hanya untuk dokumen berjenis tautan."),
    )

    def __init__(self, *args, user, instansi, **kwargs):
        super().__init__(*args, **kwargs)
        units = editable_units(user, instansi)
        self.fields["owner_unit"].queryset = units
        scope = scope_for(user)
        whole = (
            scope.is_admin
            or instansi.pk in scope.manage_instansi_ids
            or instansi.pk in scope.edit_instansi_ids
        )
        if not whole:
            self.fields["owner_unit"].required = True
            self.fields["owner_unit"].empty_label = None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        cleaned = super().clean(data, initial)
        return [cleaned] if cleaned else []


class DocumentCreateForm(DocumentMetadataForm):
    upload = MultipleFileField(label=_("Berkas"), required=False, allow_empty_file=True)

    field_order = ["upload", "kind", "title", "number", "document_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = (
            upload_help()
            + " "
            + _(
                "Boleh beberapa berkas sekaligus: satu dokumen per berkas, berjudul nama berkasnya."
            )
        )
        self.fields["title"].required = False  # several files are titled after their names

    def clean(self):
        data = super().clean()
        files = data.get("upload")
        count = len(files) if isinstance(files, list) else int(bool(files))
        if count <= 1 and not (data.get("title") or "").strip() and "title" not in self.errors:
            self.add_error("title", _("Judul dokumen wajib diisi."))
        return data


class RevisionForm(forms.Form):
    upload = forms.FileField(label=_("Berkas revisi baru"), allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = upload_help()


def level_choices(assessment) -> list[tuple[int, str]]:
    return [
        (int(level["level"]), _("Level %(n)s") % {"n": level["level"]})
        for level in assessment.indicator.levels
    ]


class LinkForm(forms.Form):
    document = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int)
    note = forms.CharField(label=_("Keterangan (pasal/halaman)"), max_length=500, required=False)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = level_choices(assessment)


class UploadLinkForm(DocumentCreateForm):
    # One file here: it is linked at one level with one note.
    upload = forms.FileField(label=_("Berkas"), required=False, allow_empty_file=True)
    level = forms.TypedChoiceField(label=_("Tautkan pada level"), coerce=int)
    note = forms.CharField(label=_("Keterangan (pasal/halaman)"), max_length=500, required=False)

    field_order = ["upload", "kind", "title", "number", "document_date", "level"]

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, instansi=assessment.cycle.instansi, **kwargs)
        self.fields["level"].choices = level_choices(assessment)
        self.fields["upload"].help_text = upload_help()
        self.fields["title"].required = True


class ReadingConfirmForm(forms.Form):
    """What was read from the file, pre-filled and editable; the respondent confirms it."""

    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=Document.Kind.choices)
    title = forms.CharField(label=_("Judul"), max_length=500)
    number = forms.CharField(label=_("Nomor"), max_length=200, required=False)
    document_date = forms.DateField(
        label=_("Tanggal penetapan"), required=False, widget=DateInput()
    )
    issuing_unit = forms.CharField(label=_("Penerbit"), max_length=300, required=False)
    is_draft = forms.BooleanField(
        label=_("Masih rancangan/draf (belum ditetapkan)"), required=False
    )
