"""Pages of the lembar kerja: download, upload → preview (old → new per cell) → confirm.

Thin: the cycle through `cycle_get` (404 for outsiders), the rows scoped to what the user
sees, the import planned and applied by `services`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.evaluations import access
from spbe.evaluations.selectors import cycle_get
from spbe.evidence.files import content_disposition
from spbe.worksheets import services
from spbe.worksheets.forms import WorksheetConfirmForm, WorksheetUploadForm
from spbe.worksheets.text import show_value
from spbe.worksheets.xlsx import XLSX_TYPE, worksheet_export, worksheet_filename


def base_url(request) -> str:
    """Where evidence links in a worksheet point: the configured site, else this request's."""
    return settings.SITE_URL.rstrip("/") or request.build_absolute_uri("/").rstrip("/")


def xlsx_response(cycle, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition(worksheet_filename(cycle))
    return response


@login_required
def worksheet_download(request, pk):
    cycle = cycle_get(user=request.user, pk=pk)
    data = worksheet_export(user=request.user, cycle=cycle, base_url=base_url(request))
    return xlsx_response(cycle, data)


def _writable_cycle(request, pk):
    cycle = cycle_get(user=request.user, pk=pk)
    if not access.may_write(request.user):
        raise PermissionDenied
    return cycle


def _rows(cycle, plan) -> list[dict]:
    return [
        {
            "change": change,
            "cells": [
                {
                    "column": cell.column.header,
                    "old": show_value(cycle, cell.column, cell.old),
                    "new": show_value(cycle, cell.column, cell.new),
                }
                for cell in change.cells
            ],
        }
        for change in plan.changes
    ]


@login_required
@require_http_methods(["GET", "POST"])
def worksheet_import(request, pk):
    cycle = _writable_cycle(request, pk)
    form = WorksheetUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = services.worksheet_import_plan(
                actor=request.user, cycle=cycle, fileobj=upload, filename=upload.name
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            return render(
                request,
                "worksheets/preview.html",
                {
                    "cycle": cycle,
                    "plan": plan,
                    "rows": _rows(cycle, plan),
                    "confirm_form": WorksheetConfirmForm(initial={"token": plan.token}),
                },
                status=400 if plan.errors else 200,
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "worksheets/import.html",
        {"cycle": cycle, "form": form, "errors": errors},
        status=status,
    )


@login_required
@require_POST
def worksheet_confirm(request, pk):
    cycle = _writable_cycle(request, pk)
    form = WorksheetConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pratinjau tidak ada; unggah lembar kerja sekali lagi."))
        return redirect("worksheets:import", pk=cycle.pk)
    try:
        cells = services.worksheet_import_confirm(
            actor=request.user, cycle=cycle, token=form.cleaned_data["token"], request=request
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("worksheets:import", pk=cycle.pk)
    messages.success(request, _("Lembar kerja diterapkan: %(n)s sel diubah.") % {"n": cells})
    return redirect("evaluations:cycle_detail", pk=cycle.pk)
