"""Forms of the inventory pages: one model form per domain, built from the registry, with
every unit and item choice limited to the instansi (and the owner to the user's own units)."""

from __future__ import annotations

from django import forms
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from spbe.inventory import access
from spbe.inventory.domains import Domain
from spbe.inventory.models import DuplicateDecision
from spbe.organizations.models import Unit


def item_form(domain: Domain, *, user, instansi, data=None, instance=None):
    """The create/edit form of one domain's item."""
    form_class = modelform_factory(domain.model, fields=list(domain.fields))
    form = form_class(data=data, instance=instance)
    units = Unit.objects.filter(instansi=instansi, is_active=True).order_by("name")
    for field in form.fields.values():
        related = getattr(field, "queryset", None)
        if related is None:
            continue
        model = related.model
        if model is Unit:
            field.queryset = units
        elif hasattr(model, "instansi_id") or "instansi" in [f.name for f in model._meta.fields]:
            qs = model.objects.filter(instansi=instansi)
            if instance is not None and model is domain.model:
                qs = qs.exclude(pk=instance.pk)
            field.queryset = qs.order_by("name")
        elif model._meta.label == "frameworks.Indicator":
            field.queryset = related.select_related("framework").order_by(
                "framework__code", "number"
            )
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.widget.attrs["size"] = 6
    owner = form.fields.get("owner_unit")
    if owner is not None:
        owner.queryset = access.editable_units(user, instansi)
        owner.required = not access.edits_owner(user, instansi, None)
    for name in ("last_security_audit", "last_reviewed"):
        if name in form.fields:
            form.fields[name].widget = forms.DateInput(attrs={"type": "date"})
    return form


class DecisionForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Keputusan"), choices=DuplicateDecision.Verdict.choices)
    keep = forms.TypedChoiceField(label=_("Konsolidasi ke"), required=False, coerce=int)
    note = forms.CharField(label=_("Catatan"), required=False, max_length=500)

    def __init__(self, *args, a=None, b=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [("", "—")] + [(a.pk, a.name), (b.pk, b.name)]


class ImportUploadForm(forms.Form):
    upload = forms.FileField(label=_("Berkas CSV atau XLSX"))
