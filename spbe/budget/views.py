"""Budget pages: the year's items (scoped), consolidation and flags, forms, the Diskominfo
consultation, the import, and the Surat Edaran (generate, download, template). Thin views."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spbe.budget import letters, selectors, services
from spbe.budget.forms import BudgetItemForm, ConsultationForm, UploadForm
from spbe.budget.imports import budget_import, budget_preview, template_rows
from spbe.budget.models import Letter
from spbe.inventory import access, exports
from spbe.inventory.imports.tabular import read_table
from spbe.organizations.permissions import scope_for
from spbe.organizations.selectors import instansi_get

SESSION_KEY = "budget_import"
SESSION_MAX_BYTES = 5 * 1024 * 1024


def _year(request) -> int:
    raw = request.GET.get("tahun") or request.POST.get("tahun") or ""
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year + 1  # the year being planned


@login_required
def home(request):
    """/belanja-tik/: the user's own instansi (as the inventory's home)."""
    from spbe.inventory.views import home_instansi_pk

    return redirect("budget:index", home_instansi_pk(request.user))


@login_required
def index(request, instansi_pk: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    year = _year(request)
    scope = scope_for(request.user)
    whole = scope.sees_whole_instansi(instansi.pk)
    items = selectors.budget_items(user=request.user, instansi=instansi, year=year)
    context = {
        "instansi": instansi,
        "year": year,
        "items": items.order_by("unit__name", "sub_activity_code", "pk"),
        "whole": whole,
        "manages": scope.manages_instansi(instansi.pk),
        "can_create": access.editable_units(request.user, instansi).exists(),
    }
    if whole:
        context["figures"] = selectors.consolidation(instansi=instansi, year=year)
        context["flags"] = selectors.budget_flags(instansi=instansi, year=year)
        context["letters"] = Letter.objects.filter(instansi=instansi, fiscal_year=year)[:10]
    return render(request, "budget/index.html", context)


@login_required
def item_edit(request, instansi_pk: int, pk: int | None = None):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    item = None
    if pk is not None:
        item = selectors.budget_item_get(user=request.user, instansi=instansi, pk=pk)
        services.ensure_edits(request.user, item)
    elif not access.editable_units(request.user, instansi).exists():
        raise PermissionDenied
    framework = selectors.budget_framework(instansi)
    initial = {"fiscal_year": _year(request)} if item is None else None
    form = BudgetItemForm(
        request.POST if request.method == "POST" else None,
        instance=item,
        initial=initial,
        user=request.user,
        instansi=instansi,
        framework=framework,
    )
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.FIELDS}
        try:
            if item is None:
                item = services.budget_item_create(
                    actor=request.user, instansi=instansi, values=values, request=request
                )
                messages.success(request, _("Butir belanja TIK ditambahkan."))
            else:
                services.budget_item_update(
                    actor=request.user, item=item, values=values, request=request
                )
                messages.success(request, _("Perubahan disimpan."))
            return redirect(f"{_index_url(instansi)}?tahun={item.fiscal_year}")
        except ValidationError as exc:
            for name, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
    return render(
        request, "budget/item_form.html", {"instansi": instansi, "item": item, "form": form}
    )


def _index_url(instansi) -> str:
    from django.urls import reverse

    return reverse("budget:index", args=[instansi.pk])


@login_required
def consult(request, instansi_pk: int, pk: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    item = selectors.budget_item_get(user=request.user, instansi=instansi, pk=pk)
    access.ensure_manages(request.user, instansi)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.budget_item_consult(
                actor=request.user,
                item=item,
                date=form.cleaned_data["date"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Hasil konsultasi dicatat."))
            return redirect(f"{_index_url(instansi)}?tahun={item.fiscal_year}")
    return render(
        request, "budget/consult.html", {"instansi": instansi, "item": item, "form": form}
    )


@login_required
def import_items(request, instansi_pk: int):
    """Upload, preview (every problem with row and column), then import all rows or none."""
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    access.ensure_manages(request.user, instansi)
    year = _year(request)
    framework = selectors.budget_framework(instansi)
    form = UploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and "upload" in request.FILES and form.is_valid():
        data = form.cleaned_data["upload"].read(SESSION_MAX_BYTES + 1)
        name = form.cleaned_data["upload"].name
        try:
            if len(data) > SESSION_MAX_BYTES:
                raise ValidationError(_("Berkas terlalu besar untuk diimpor lewat halaman."))
            read_table(name, data)
        except ValidationError as exc:
            form.add_error("upload", exc.messages)
        else:
            request.session[SESSION_KEY] = {
                "instansi": instansi.pk,
                "name": name,
                "data": base64.b64encode(data).decode(),
            }
    stored = request.session.get(SESSION_KEY)
    if stored and stored.get("instansi") == instansi.pk and not form.errors:
        header, rows = read_table(stored["name"], base64.b64decode(stored["data"]))
        preview = budget_preview(
            instansi=instansi, year=year, header=header, rows=rows, framework=framework
        )
        if request.POST.get("action") == "import" and preview.ok:
            created = budget_import(
                actor=request.user,
                instansi=instansi,
                preview=preview,
                framework=framework,
                source_name=stored["name"],
                request=request,
            )
            del request.session[SESSION_KEY]
            messages.success(request, _("%(n)s butir diimpor.") % {"n": len(created)})
            return redirect(f"{_index_url(instansi)}?tahun={year}")
    return render(
        request,
        "budget/import.html",
        {"instansi": instansi, "form": form, "preview": preview, "year": year},
    )


@login_required
def import_template(request, instansi_pk: int):
    instansi_get(user=request.user, pk=instansi_pk)
    response = HttpResponse(
        exports.to_xlsx(template_rows(), title="belanja-tik"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-belanja-tik.xlsx"'
    return response


@login_required
@require_POST
def letter_generate(request, instansi_pk: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    fmt = request.POST.get("format", "docx")
    try:
        letter = letters.letter_generate(
            actor=request.user, instansi=instansi, year=_year(request), fmt=fmt, request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_index_url(instansi))
    messages.success(request, _("Surat Edaran %(n)s dibuat.") % {"n": letter.number})
    return redirect(f"{_index_url(instansi)}?tahun={letter.fiscal_year}")


@login_required
def letter_download(request, instansi_pk: int, pk: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    if not scope_for(request.user).sees_whole_instansi(instansi.pk):
        raise Http404
    letter = get_object_or_404(Letter, instansi=instansi, pk=pk)
    name = f"surat-edaran-belanja-tik-{letter.fiscal_year}-{letter.pk}.{letter.fmt}"
    return FileResponse(letter.file.open("rb"), as_attachment=True, filename=name)


@login_required
def letter_template(request, instansi_pk: int):
    """GET: the template in use (to edit in Word); POST: upload an edited one (checked)."""
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    access.ensure_manages(request.user, instansi)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["upload"].read(letters.MAX_TEMPLATE_BYTES + 1)
            try:
                letters.letter_template_upload(
                    actor=request.user, instansi=instansi, data=data, request=request
                )
            except ValidationError as exc:
                messages.error(
                    request, _("Templat ditolak: %(why)s") % {"why": " ".join(exc.messages)}
                )
            else:
                messages.success(request, _("Templat baru dipakai untuk surat berikutnya."))
        return redirect(_index_url(instansi))
    response = HttpResponse(
        letters.template_bytes(instansi),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-surat-edaran.docx"'
    return response
