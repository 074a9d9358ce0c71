"""Pages of official results: upload → preview → confirm, the template, index-only history.

Thin: access through `spbe.evaluations.selectors.cycle_get(coordinated=True)` /
`instansi_for_history` (404 outsiders, 403 everybody in scope but the koordinator/administrator),
work in `services`.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import HiddenInput
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.core.forms import apply_errors
from spbe.evaluations.selectors import cycle_get
from spbe.evidence.files import content_disposition
from spbe.frameworks.selectors import framework_indicators
from spbe.frameworks.stages import stage_labels
from spbe.official import selectors, services
from spbe.official.forms import (
    OfficialConfirmForm,
    OfficialImportForm,
    PublishedResultForm,
)
from spbe.official.links import official_reverse
from spbe.official.parsed import OfficialImportError, template_columns
from spbe.official.template import template_csv, template_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _links(cycle) -> dict[str, str]:
    return {
        "import_url": official_reverse("import", cycle.pk),
        "confirm_url": official_reverse("confirm", cycle.pk),
        "template_xlsx_url": official_reverse("template", cycle.pk, "xlsx"),
        "template_csv_url": official_reverse("template", cycle.pk, "csv"),
        "history_url": official_reverse("history", cycle.instansi_id),
    }


def _history_hint(cycle, error: OfficialImportError) -> str | None:
    """For an old-framework report: the history page prefilled with what could be read."""
    if error.code != "framework_lama":
        return None
    details = error.details
    query = {
        "year": details.get("year") or "",
        "index": details.get("index") or "",
        "framework_code": "spbe-5-2018",
        "source": _("Laporan PDF %(name)s") % {"name": details.get("filename", "")},
    }
    return official_reverse("history", cycle.instansi_id) + "?" + urlencode(query)


@login_required
@require_http_methods(["GET", "POST"])
def official_import(request, pk):
    cycle = cycle_get(user=request.user, pk=pk, coordinated=True)
    form = OfficialImportForm(
        request.POST or None, request.FILES or None, framework=cycle.framework
    )
    errors: list[str] = []
    history_hint = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = services.official_import_preview(
                actor=request.user,
                cycle=cycle,
                fileobj=upload,
                filename=upload.name,
                stages=form.cleaned_data["stages"],
                column=form.cleaned_data["column"],
                request=request,
            )
        except OfficialImportError as exc:
            errors = exc.messages
            exc.details.setdefault("filename", upload.name)
            history_hint = _history_hint(cycle, exc)
        except ValidationError as exc:
            errors = exc.messages
        else:
            return render(
                request,
                "official/preview.html",
                {
                    "cycle": cycle,
                    "preview": preview,
                    "comparison": preview.comparison,
                    "report": preview.parsed.report,
                    "confirm_form": OfficialConfirmForm(initial={"token": preview.token}),
                    "places": 0 if cycle.framework.value_kind == "integer" else 2,
                    **_links(cycle),
                },
            )
    return render(
        request,
        "official/import.html",
        {
            "cycle": cycle,
            "form": form,
            "errors": errors,
            "history_hint": history_hint,
            "columns": template_columns(cycle.framework),
            **_links(cycle),
        },
    )


@login_required
@require_POST
def official_confirm(request, pk):
    cycle = cycle_get(user=request.user, pk=pk, coordinated=True)
    form = OfficialConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Token pratinjau tidak ada; unggah berkasnya lagi."))
        return redirect(official_reverse("import", cycle.pk))
    try:
        outcome = services.official_import_confirm(
            actor=request.user, cycle=cycle, token=form.cleaned_data["token"], request=request
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(official_reverse("import", cycle.pk))
    parts = [
        _("%(stage)s: %(new)d baru, %(changed)d berubah, %(same)d sama")
        % {
            "stage": stage_labels(cycle.framework).get(stage, stage),
            "new": counts["created"],
            "changed": counts["changed"],
            "same": counts["unchanged"],
        }
        for stage, counts in outcome.per_stage.items()
    ]
    messages.success(request, _("Hasil resmi diimpor. ") + "; ".join(parts) + ".")
    return redirect(official_reverse("import", cycle.pk))


@login_required
def official_template(request, pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cycle = cycle_get(user=request.user, pk=pk, coordinated=True)
    indicators = list(framework_indicators(cycle.framework))
    if fmt == "csv":
        body, content_type = template_csv(cycle.framework, indicators), "text/csv; charset=utf-8"
    else:
        body, content_type = template_xlsx(cycle, indicators), XLSX_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition(
        f"templat-hasil-resmi-{cycle.year}-{cycle.pk}.{fmt}"
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def published_history(request, pk):
    instansi = selectors.instansi_for_history(user=request.user, pk=pk)
    form = PublishedResultForm(request.POST or None, initial=request.GET.dict() or None)
    existing = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.published_result_record(
                actor=request.user,
                instansi=instansi,
                year=data["year"],
                framework_code=data["framework_code"],
                index=data["index"],
                domains=form.domains(),
                predikat=data["predikat"],
                source=data["source"],
                note=data["note"],
                verified=data["verified"],
                replace=data["replace"],
                request=request,
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "sudah_ada":
                existing = selectors.published_results_visible(
                    user=request.user, instansi=instansi, year=data["year"]
                ).first()
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Hasil terpublikasi tahun %(y)s dicatat.") % {"y": data["year"]}
            )
            return redirect(official_reverse("history", instansi.pk))
    if existing is None:
        # The replacement box appears only once the user has seen what would be replaced.
        form.fields["replace"].widget = HiddenInput()
    return render(
        request,
        "official/history.html",
        {
            "instansi": instansi,
            "form": form,
            "existing": existing,
            "results": selectors.published_results_visible(user=request.user, instansi=instansi),
        },
    )
