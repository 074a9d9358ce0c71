"""Inventory pages: per domain and per unit lists, detail, create/edit, the duplicate list with
decisions, flags and the summary for the Sekda. Thin: reads through selectors, writes through
services; the access rule answers 404/403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from spbe.inventory import access, exports, selectors, services
from spbe.inventory.domains import DOMAINS, domain_get
from spbe.inventory.forms import DecisionForm, item_form
from spbe.inventory.models import Application
from spbe.organizations.permissions import scope_for
from spbe.organizations.selectors import instansi_get, instansi_visible, unit_get


def _domain(slug: str):
    try:
        return domain_get(slug)
    except KeyError:
        raise Http404 from None


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def home_instansi_pk(user) -> int:
    """The instansi a person works in (their first grant's), else the first they see."""
    pk = min(scope_for(user).member_instansi_ids, default=None)
    if pk is None:
        first = instansi_visible(user=user).first()
        if first is None:
            raise Http404
        pk = first.pk
    return pk


@login_required
def home(request):
    """/inventaris/: the inventory of the user's own instansi."""
    return redirect("inventory:index", home_instansi_pk(request.user))


@login_required
def index(request, instansi_pk: int):
    """The inventory home: counts per domain (the Sekda's summary) and the links."""
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    summary = selectors.inventory_summary(user=request.user, instansi=instansi)
    scope = scope_for(request.user)
    return render(
        request,
        "inventory/index.html",
        {
            "instansi": instansi,
            "summary": summary,
            "domains": DOMAINS,
            "rows": [(d, summary.counts[s]) for s, d in DOMAINS.items()],
            "manages": scope.manages_instansi(instansi.pk),
            "whole": scope.sees_whole_instansi(instansi.pk),
        },
    )


@login_required
def item_list(request, instansi_pk: int, slug: str):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    domain = _domain(slug)
    unit = None
    if request.GET.get("unit"):
        try:
            unit = unit_get(user=request.user, pk=int(request.GET["unit"]))
        except ValueError:
            raise Http404 from None
    query = (request.GET.get("q") or "").strip()[:100]
    items = selectors.item_list(
        user=request.user, domain=domain, instansi=instansi, unit=unit, query=query
    )
    return render(
        request,
        "inventory/item_list.html",
        {
            "instansi": instansi,
            "domain": domain,
            "items": items,
            "unit": unit,
            "query": query,
            "domains": DOMAINS,
            "can_create": access.editable_units(request.user, instansi).exists(),
        },
    )


@login_required
def item_detail(request, instansi_pk: int, slug: str, pk: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    domain = _domain(slug)
    item = selectors.item_get(user=request.user, domain=domain, instansi=instansi, pk=pk)
    fields = []
    for name in domain.fields:
        field = item._meta.get_field(name)
        if field.many_to_many:
            value = ", ".join(str(r) for r in getattr(item, name).all()) or "—"
        elif field.choices:
            value = getattr(item, f"get_{name}_display")() or "—"
        else:
            value = getattr(item, name)
            value = "—" if value in (None, "") else value
        fields.append((field.verbose_name, name, value))
    return render(
        request,
        "inventory/item_detail.html",
        {
            "instansi": instansi,
            "domain": domain,
            "item": item,
            "fields": fields,
            "can_edit": access.edits_owner(request.user, instansi, item.owner_unit),
        },
    )


@login_required
def item_edit(request, instansi_pk: int, slug: str, pk: int | None = None):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    domain = _domain(slug)
    item = None
    if pk is not None:
        item = selectors.item_get(user=request.user, domain=domain, instansi=instansi, pk=pk)
        access.ensure_edits_item(request.user, item)
    elif not access.editable_units(request.user, instansi).exists():
        raise PermissionDenied
    form = item_form(
        domain,
        user=request.user,
        instansi=instansi,
        data=request.POST if request.method == "POST" else None,
        instance=item,
    )
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in domain.fields}
        try:
            if item is None:
                item = services.inventory_item_create(
                    actor=request.user,
                    domain=domain,
                    instansi=instansi,
                    values=values,
                    request=request,
                )
                messages.success(request, _("%(name)s ditambahkan.") % {"name": item.name})
            else:
                services.inventory_item_update(
                    actor=request.user, item=item, values=values, request=request
                )
                messages.success(request, _("Perubahan disimpan."))
            return redirect("inventory:item_detail", instansi.pk, domain.slug, item.pk)
        except ValidationError as exc:
            _form_errors(form, exc)
    return render(
        request,
        "inventory/item_form.html",
        {"instansi": instansi, "domain": domain, "item": item, "form": form},
    )


@login_required
def duplicates(request, instansi_pk: int):
    """Candidate pairs, best first, with the remembered decisions and the other flags."""
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    if not scope_for(request.user).sees_whole_instansi(instansi.pk):
        raise PermissionDenied
    pairs = selectors.duplicate_pairs(instansi=instansi)
    flags = selectors.application_flags(user=request.user, instansi=instansi)
    return render(
        request,
        "inventory/duplicates.html",
        {
            "instansi": instansi,
            "pairs": pairs,
            "flags": flags,
            "manages": scope_for(request.user).manages_instansi(instansi.pk),
        },
    )


@login_required
@require_POST
def duplicate_decide(request, instansi_pk: int, a: int, b: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    app_a = get_object_or_404(Application, instansi=instansi, pk=a)
    app_b = get_object_or_404(Application, instansi=instansi, pk=b)
    form = DecisionForm(request.POST, a=app_a, b=app_b)
    if not form.is_valid():
        messages.error(request, _("Keputusan tidak lengkap."))
        return redirect("inventory:duplicates", instansi.pk)
    keep = {app_a.pk: app_a, app_b.pk: app_b}.get(form.cleaned_data.get("keep"))
    try:
        services.duplicate_decide(
            actor=request.user,
            a=app_a,
            b=app_b,
            verdict=form.cleaned_data["verdict"],
            keep=keep,
            note=form.cleaned_data["note"],
            request=request,
        )
        messages.success(request, _("Keputusan disimpan."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("inventory:duplicates", instansi.pk)


@login_required
def export(request, instansi_pk: int, fmt: str):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    apps = selectors.item_list(user=request.user, domain=DOMAINS["aplikasi"], instansi=instansi)
    rows = exports.application_rows(
        apps.select_related("developer_unit").prefetch_related("user_units")
    )
    return _download(rows, fmt, "inventaris-aplikasi")


@login_required
def template(request, instansi_pk: int, fmt: str):
    instansi_get(user=request.user, pk=instansi_pk)
    return _download(exports.template_rows(), fmt, "templat-inventaris-aplikasi")


def _download(rows, fmt: str, stem: str) -> HttpResponse:
    if fmt == "xlsx":
        body = exports.to_xlsx(rows)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        body, kind = exports.to_csv(rows), "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
