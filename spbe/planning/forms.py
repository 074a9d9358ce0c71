"""Forms of the planner, the what-if simulator and action items."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from spbe.core.numbers import fmt_id
from spbe.evaluations.selectors.figures import CycleFigures
from spbe.evidence.models import Document
from spbe.frameworks.models import Indicator
from spbe.organizations.models import Unit
from spbe.planning.models import ActionItem
from spbe.planning.selectors import PlannerInput, default_due_date

User = get_user_model()


class PlannerForm(forms.Form):
    """Target, base stage, limits, and per indicator: effort and cost per step, frozen."""

    target = forms.DecimalField(
        label=_("Target indeks"), max_digits=4, decimal_places=2, required=False
    )
    band = forms.ChoiceField(label=_("atau batas bawah predikat"), required=False)
    stage = forms.ChoiceField(label=_("Tahap dasar"), required=False)
    max_steps = forms.IntegerField(
        label=_("Kenaikan maksimum per indikator (level)"), min_value=0, required=False
    )

    def __init__(self, *args, figures: CycleFigures, **kwargs):
        super().__init__(*args, **kwargs)
        self.figures = figures
        spec = figures.spec
        self.fields["band"].choices = [("", "—")] + [
            (str(b.min), f"{b.name} (≥ {fmt_id(b.min)})") for b in spec.bands
        ]
        self.fields["stage"].choices = [("", _("Bawaan (tahap lengkap terakhir)"))] + [
            (s.stage, s.label) for s in figures.stages
        ]
        self.indicator_fields = []
        for row in figures.rows:
            key = row.key
            self.fields[f"effort_{key}"] = forms.DecimalField(
                label=_("Usaha per langkah, indikator %(code)s") % {"code": row.code},
                min_value=Decimal(0),
                max_digits=8,
                decimal_places=2,
                required=False,
            )
            self.fields[f"cost_{key}"] = forms.DecimalField(
                label=_("Biaya per langkah (Rp), indikator %(code)s") % {"code": row.code},
                min_value=Decimal(0),
                max_digits=16,
                decimal_places=0,
                required=False,
            )
            self.fields[f"frozen_{key}"] = forms.BooleanField(
                label=_("Indikator %(code)s tidak dapat naik") % {"code": row.code},
                required=False,
            )
            self.indicator_fields.append((row, f"effort_{key}", f"cost_{key}", f"frozen_{key}"))

    def rows(self):
        """(indicator row, effort field, cost field, frozen field) for the template."""
        return [(row, self[e], self[c], self[f]) for row, e, c, f in self.indicator_fields]

    def clean(self):
        data = super().clean()
        if data.get("band"):
            data["target"] = Decimal(data["band"])
        if data.get("target") is None:
            self.add_error("target", _("Isi target indeks atau pilih predikat."))
        return data

    def to_inputs(self) -> PlannerInput:
        data = self.cleaned_data
        efforts, costs, frozen = {}, {}, set()
        for row, effort, cost, freeze in self.indicator_fields:
            if data.get(effort) is not None:
                efforts[row.key] = data[effort]
            if data.get(cost) is not None:
                costs[row.key] = data[cost]
            if data.get(freeze):
                frozen.add(row.key)
        return PlannerInput(
            target=data["target"],
            stage=data.get("stage") or "",
            efforts=efforts,
            costs=costs,
            frozen=frozenset(frozen),
            max_steps=data.get("max_steps"),
        )

    @classmethod
    def initial_from(cls, inputs: PlannerInput) -> dict:
        initial = {"target": inputs.target, "stage": inputs.stage, "max_steps": inputs.max_steps}
        initial.update({f"effort_{k}": v for k, v in inputs.efforts.items()})
        initial.update({f"cost_{k}": v for k, v in inputs.costs.items()})
        initial.update({f"frozen_{k}": True for k in inputs.frozen})
        return initial


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = [
            "indicator",
            "target_value",
            "description",
            "owner_unit",
            "owner_person",
            "due_date",
            "status",
            "budget_estimate",
            "progress_notes",
            "evidence",
        ]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "progress_notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "indicator": _("Indikator"),
            "evidence": _("Dokumen bukti terkait"),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            framework_id=cycle.framework_id
        ).order_by("order")
        self.fields["owner_unit"].queryset = Unit.objects.filter(
            instansi_id=cycle.instansi_id, is_active=True
        ).order_by("name")
        self.fields["owner_person"].queryset = (
            User.objects.filter(role_grants__instansi_id=cycle.instansi_id)
            .distinct()
            .order_by("first_name", "username")
        )
        self.fields["evidence"].queryset = Document.objects.filter(
            instansi_id=cycle.instansi_id
        ).order_by("title")
        self.fields["evidence"].required = False
        if self.instance.pk is None and not self.initial.get("due_date"):
            self.initial["due_date"] = default_due_date(cycle)
