"""The documents section of a cycle: ask for a document, watch its progress (HTMX polling),
download it when ready; and the instansi's document settings. Thin: the writes are
`spbe.reports.services`, the reads `spbe.reports.selectors.documents`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spbe.evaluations.models import Stage
from spbe.evaluations.selectors import cycle_get
from spbe.evidence.files import content_disposition
from spbe.organizations.models import Unit
from spbe.organizations.permissions import scope_for
from spbe.reports.documents.package import package_readiness
from spbe.reports.documents.registry import FORMATS, MIME_TYPES
from spbe.reports.models import GeneratedFile
from spbe.reports.selectors.documents import (
    document_allowed,
    generated_file_get,
    generated_files_of_cycle,
)
from spbe.reports.services import generated_file_request

Kind = GeneratedFile.Kind


def _units_for(user, cycle) -> list[Unit]:
    scope = scope_for(user)
    return [
        u
        for u in Unit.objects.filter(instansi=cycle.instansi).order_by("name")
        if scope.sees_unit(u)
    ]


@login_required
def documents(request, pk):
    """The cycle's documents: what the user may make, and the files made so far."""
    cycle = cycle_get(user=request.user, pk=pk)
    allowed = {
        kind: document_allowed(request.user, kind=kind, cycle=cycle)
        for kind in (Kind.LHE, Kind.BERITA_ACARA, Kind.PACKAGE)
    }
    context = {
        "cycle": cycle,
        "allowed": allowed,
        "stages": Stage.choices,
        "units": _units_for(request.user, cycle),
        "berita_formats": FORMATS[Kind.BERITA_ACARA],
        "files": generated_files_of_cycle(user=request.user, cycle=cycle),
        "readiness": package_readiness(cycle) if allowed[Kind.PACKAGE] else None,
    }
    return render(request, "reports/documents.html", context)


@login_required
@require_POST
def document_generate(request, pk):
    cycle = cycle_get(user=request.user, pk=pk)
    unit = None
    if request.POST.get("unit"):
        unit = Unit.objects.filter(pk=_int(request.POST["unit"]), instansi=cycle.instansi).first()
    try:
        generated = generated_file_request(
            user=request.user,
            kind=request.POST.get("kind", ""),
            cycle=cycle,
            stage=request.POST.get("stage", ""),
            unit=unit,
            file_format=request.POST.get("format", ""),
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:documents", pk=cycle.pk)
    if request.htmx:
        return render(request, "reports/_generated_row.html", {"g": generated, "fresh": True})
    messages.success(request, _("Dokumen sedang dibuat; tautan unduh muncul setelah selesai."))
    return redirect("reports:documents", pk=cycle.pk)


@login_required
@require_POST
def province_generate(request, pk):
    """The province report (PDF) of one year, for the pembina."""
    from spbe.reports.selectors.province import province_get

    province = province_get(user=request.user, pk=pk)
    try:
        generated_file_request(
            user=request.user,
            kind=Kind.PROVINCE,
            province=province,
            year=_int(request.POST.get("tahun")),
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Dokumen sedang dibuat; tautan unduh muncul setelah selesai."))
    url = reverse("reports:province", args=[province.pk])
    year = _int(request.POST.get("tahun"))
    return redirect(f"{url}?tahun={year}" if year else url)


@login_required
def generated_status(request, pk):
    """One file's row (HTMX polls it until the file is done or failed)."""
    generated = generated_file_get(user=request.user, pk=pk)
    return render(request, "reports/_generated_row.html", {"g": generated})


@login_required
def generated_download(request, pk):
    generated = generated_file_get(user=request.user, pk=pk)
    return generated_file_response(generated)


def generated_file_response(generated: GeneratedFile) -> FileResponse:
    """The stored file as an attachment: never cached, never sniffed, never rendered in the
    app's origin (the same rules as evidence downloads)."""
    if generated.status != GeneratedFile.Status.DONE or not generated.file:
        raise Http404
    try:
        handle = generated.file.open("rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=MIME_TYPES.get(generated.file_format, "application/octet-stream")
    )
    response["Content-Disposition"] = content_disposition(generated.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _int(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


@login_required
def document_settings(request, pk):
    """Logo, Berita Acara template and signatories of an instansi (its coordinator)."""
    from spbe.core.forms import apply_errors
    from spbe.organizations.permissions import ensure
    from spbe.organizations.selectors import instansi_get
    from spbe.reports.documents.common import report_settings_of
    from spbe.reports.forms import ReportSettingsForm
    from spbe.reports.services import SETTINGS_TEXT_FIELDS, report_settings_update

    instansi = instansi_get(user=request.user, pk=pk)
    ensure(request.user, "instansi.manage", instansi)
    config = report_settings_of(instansi)
    initial = {name: getattr(config, name) for name in SETTINGS_TEXT_FIELDS}
    form = ReportSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_settings_update(
                user=request.user,
                instansi=instansi,
                data=form.cleaned_data,
                logo=request.FILES.get("logo"),
                template=request.FILES.get("berita_acara_template"),
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Pengaturan dokumen disimpan."))
            return redirect("reports:document_settings", pk=instansi.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/document_settings.html",
        {"instansi": instansi, "form": form, "config": config},
        status=status,
    )


@login_required
def berita_acara_template_download(request, pk):
    """The template in use (the uploaded one, else the default) to edit in Word."""
    from django.http import HttpResponse

    from spbe.organizations.permissions import ensure
    from spbe.organizations.selectors import instansi_get
    from spbe.reports.documents.berita_acara import default_template
    from spbe.reports.documents.common import report_settings_of

    instansi = instansi_get(user=request.user, pk=pk)
    ensure(request.user, "instansi.manage", instansi)
    config = report_settings_of(instansi)
    data = default_template()
    if config.berita_acara_template:
        with config.berita_acara_template.open("rb") as handle:
            data = handle.read()
    response = HttpResponse(data, content_type=MIME_TYPES["docx"])
    response["Content-Disposition"] = content_disposition("Templat-Berita-Acara.docx")
    response["Cache-Control"] = "private, no-store"
    return response
