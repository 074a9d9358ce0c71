"""Forms of the evaluation pages. They only shape input; services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from spbe.accounts.forms import PersonChoiceField
from spbe.core.number_fields import DecimalTextField
from spbe.evaluations.models import Assessment, Cycle
from spbe.evaluations.services.cycle_open import COPY_PARTS
from spbe.frameworks.models import Framework
from spbe.frameworks.stages import recorded_stages
from spbe.organizations.models import Role, RoleGrant, Unit

User = get_user_model()
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COPY_LABELS = {
    "assignments": _("Penugasan (unit, asesor, batas waktu)"),
    "explanations": _("Penjelasan FAKTA/ANALISIS sebagai draf"),
    "subjects": _("Nama layanan pilihan (indikator 45–47)"),
    "evidence": _("Tautan bukti dukung yang masih berlaku"),
}


def _units(instansi):
    return Unit.objects.filter(instansi=instansi, is_active=True).order_by("name")


def _reviewers(instansi):
    ids = RoleGrant.objects.filter(
        instansi=instansi, role__in=[Role.ASESOR, Role.KOORDINATOR]
    ).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


class CycleCreateForm(forms.Form):
    instansi = forms.ModelChoiceField(queryset=None, label=_("Instansi"))
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.order_by("code", "-version"), label=_("Kerangka evaluasi")
    )
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Cycle.Kind.choices)
    name = forms.CharField(label=_("Nama siklus"), max_length=200)
    self_assessment_due = forms.DateField(
        label=_("Batas penilaian mandiri"), required=False, widget=DATE
    )
    review_due = forms.DateField(label=_("Batas reviu internal"), required=False, widget=DATE)
    copy_from = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Salin dari siklus sebelumnya"),
        empty_label=_("— tidak menyalin —"),
    )
    copy_parts = forms.MultipleChoiceField(
        label=_("Yang disalin"),
        required=False,
        choices=[(p, COPY_LABELS[p]) for p in sorted(COPY_PARTS)],
        widget=forms.CheckboxSelectMultiple,
        initial=sorted(COPY_PARTS),
    )
    shift_due_dates = forms.BooleanField(
        label=_("Geser batas waktu penugasan ke tahun siklus baru (jika tidak: dikosongkan)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, instansi_qs, cycle_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi_qs
        self.fields["copy_from"].queryset = cycle_qs


class DeadlineForm(forms.Form):
    self_assessment_due = forms.DateField(
        label=_("Batas penilaian mandiri"), required=False, widget=DATE
    )
    review_due = forms.DateField(label=_("Batas reviu internal"), required=False, widget=DATE)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka kembali"), widget=forms.Textarea(attrs={"rows": 2})
    )


class _Revisioned(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def _value_field(framework, *, required, label):
    if framework.value_kind == Framework.ValueKind.INTEGER:
        low, high = int(framework.value_min), int(framework.value_max)
        return forms.TypedChoiceField(
            label=label,
            required=required,
            choices=[("", "—")] + [(str(n), str(n)) for n in range(low, high + 1)],
            coerce=str,
            empty_value=None,
        )
    # a text field: "2,75" typed in stays 2,75 (the number widget made it 275)
    return DecimalTextField(
        label=label,
        required=required,
        min_value=framework.value_min,
        max_value=framework.value_max,
        decimal_places=2,
        max_digits=4,
    )


def explanation(rows: int) -> forms.Textarea:
    """A long-text box with the explanation limit as `maxlength` (app.js shows a counter);
    the services enforce the same limit for the pages and the API alike."""
    return forms.Textarea(attrs={"rows": rows, "maxlength": settings.SPBE_EXPLANATION_MAX_CHARS})


class SelfAssessmentForm(_Revisioned):
    fakta = forms.CharField(
        label=_("FAKTA"),
        required=False,
        widget=explanation(5),
        help_text=_("Apa yang sudah ada: kebijakan, dokumen, kegiatan, dengan nomor dan tanggal."),
    )
    analisis = forms.CharField(
        label=_("ANALISIS"),
        required=False,
        widget=explanation(5),
        help_text=_("Mengapa fakta itu memenuhi kriteria level yang dipilih."),
    )
    subject_name = forms.CharField(label=_("Nama layanan"), max_length=300, required=False)

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"] = _value_field(
            assessment.cycle.framework, required=False, label=_("Level yang diklaim")
        )
        if not assessment.indicator.subject_chosen:
            del self.fields["subject_name"]
        self.order_fields(["revision", "value", "subject_name", "fakta", "analisis"])


class ReviewForm(_Revisioned):
    ACTIONS = [
        ("accept", _("Setujui")),
        ("return", _("Kembalikan untuk perbaikan")),
        ("set_level", _("Tetapkan level reviu")),
    ]
    decision = forms.ChoiceField(label=_("Keputusan"), choices=ACTIONS, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Catatan reviu"), required=False, widget=explanation(3))

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"] = _value_field(
            assessment.cycle.framework, required=False, label=_("Level reviu (jika menetapkan)")
        )


class DecideForm(_Revisioned):
    source = forms.ChoiceField(
        label=_("Level akhir penilaian mandiri"),
        choices=Assessment.FinalSource.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Catatan"), required=False)

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"] = _value_field(
            assessment.cycle.framework, required=False, label=_("Level koordinator")
        )


class StageValueForm(_Revisioned):
    stage = forms.ChoiceField(label=_("Tahap"))  # the framework's recorded stages, below
    fakta = forms.CharField(label=_("FAKTA"), required=False, widget=explanation(2))
    analisis = forms.CharField(label=_("ANALISIS"), required=False, widget=explanation(2))
    notes = forms.CharField(label=_("Catatan"), required=False)

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (s.code, s.label) for s in recorded_stages(assessment.cycle.framework)
        ]
        self.fields["value"] = _value_field(
            assessment.cycle.framework, required=False, label=_("Nilai")
        )
        self.order_fields(["revision", "stage", "value"])


class AssignForm(_Revisioned):
    lead_unit = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Unit penanggung jawab"), empty_label="—"
    )
    contributing_units = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Unit kontributor"),
        widget=forms.CheckboxSelectMultiple,  # a searchable checklist (app.js), not Ctrl-click
    )
    reviewer = PersonChoiceField(
        queryset=None, required=False, label=_("Asesor internal"), empty_label="—"
    )
    due_date = forms.DateField(label=_("Batas waktu"), required=False, widget=DATE)

    def __init__(self, *args, instansi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = _units(instansi)
        self.fields["contributing_units"].queryset = _units(instansi)
        self.fields["reviewer"].queryset = _reviewers(instansi)


class BulkAssignForm(forms.Form):
    assessments = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Indikator"), widget=forms.CheckboxSelectMultiple
    )
    lead_unit = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Unit penanggung jawab"), empty_label=_("— tetap —")
    )
    contributing_units = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Unit kontributor"),
        help_text=_("Kosongkan untuk tidak mengubah."),
        widget=forms.CheckboxSelectMultiple,
    )
    reviewer = PersonChoiceField(
        queryset=None, required=False, label=_("Asesor internal"), empty_label=_("— tetap —")
    )
    due_date = forms.DateField(
        label=_("Batas waktu"),
        required=False,
        widget=DATE,
        help_text=_("Kosongkan untuk tidak mengubah."),
    )

    def __init__(self, *args, cycle: Cycle, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessments"].queryset = assessments
        self.fields["assessments"].label_from_instance = lambda a: (
            f"{a.indicator.code}. {a.indicator.short_name}"
        )
        self.fields["lead_unit"].queryset = _units(cycle.instansi)
        self.fields["contributing_units"].queryset = _units(cycle.instansi)
        self.fields["reviewer"].queryset = _reviewers(cycle.instansi)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Komentar"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sebut rekan dengan @namapengguna."),
        max_length=5000,
    )
