"""The page that attaches a dated inventory snapshot to an indicator of an open cycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from spbe.evaluations.selectors import assessment_for_indicator, cycle_visible
from spbe.inventory import access, snapshots
from spbe.organizations.selectors import instansi_get


@login_required
def snapshot(request, instansi_pk: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    access.ensure_manages(request.user, instansi)
    cycles = [
        c
        for c in cycle_visible(user=request.user, instansi=instansi).select_related("framework")
        if not c.is_locked
    ]
    options = []
    for cycle in cycles:
        for code, views in snapshots.evidence_views().get(cycle.framework.code, {}).items():
            for view in views:
                options.append((cycle, code, view, snapshots.VIEW_LABELS[view]))
    if request.method == "POST":
        chosen = {str(c.pk): c for c in cycles}.get(request.POST.get("cycle", ""))
        try:
            if chosen is None:
                raise ValidationError(_("Pilih siklus yang masih terbuka."))
            assessment = _assessment(chosen, request.POST.get("indicator", ""))
            link = snapshots.snapshot_attach(
                actor=request.user,
                assessment=assessment,
                view=request.POST.get("view", ""),
                level=request.POST.get("level", ""),
                request=request,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Cuplikan %(title)s ditautkan sebagai bukti.") % {"title": link.document.title},
            )
            return redirect("inventory:evidence", instansi.pk)
    return render(request, "inventory/evidence.html", {"instansi": instansi, "options": options})


def _assessment(cycle, code: str):
    from spbe.frameworks.models import Indicator

    found = Indicator.objects.filter(framework=cycle.framework, code=code).first()
    try:
        if found is None:
            raise ObjectDoesNotExist
        return assessment_for_indicator(cycle, found.number)
    except ObjectDoesNotExist:
        raise ValidationError(_("Indikator tidak ada di siklus ini.")) from None
