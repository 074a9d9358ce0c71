"""Pages of organisations: the instansi and its units for everyone who sees them, and the
coordinator's management of units, members, role grants and bulk import. Thin: the access
rule is `permissions.ensure`, reads are selectors, writes are services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spbe.core.exports import FORMATS, table_response
from spbe.core.forms import apply_errors
from spbe.organizations import grants, imports, selectors, services
from spbe.organizations.forms import (
    GrantForm,
    ImportForm,
    MemberCreateForm,
    MemberForm,
    ResetPasswordForm,
    UnitForm,
)
from spbe.organizations.lockouts import lockout_until, lockouts_until
from spbe.organizations.models import RoleGrant
from spbe.organizations.permissions import can, ensure, manageable_user_ids, scope_for
from spbe.organizations.tables import member_table


def _managed_instansi(request, pk):
    instansi = selectors.instansi_get(user=request.user, pk=pk)
    ensure(request.user, "instansi.manage", instansi)
    return instansi


@login_required
def instansi_list(request):
    items = list(selectors.instansi_visible(user=request.user))
    if len(items) == 1:
        return redirect("organizations:instansi_detail", pk=items[0].pk)
    return render(request, "organizations/instansi_list.html", {"items": items})


@login_required
def instansi_detail(request, pk):
    instansi = selectors.instansi_get(user=request.user, pk=pk)
    units = selectors.unit_visible(
        user=request.user,
        instansi=instansi,
        include_inactive=can(request.user, "instansi.manage", instansi),
    )
    return render(
        request,
        "organizations/instansi_detail.html",
        {
            "instansi": instansi,
            "tree": selectors.unit_tree(units),
            "manages": can(request.user, "instansi.manage", instansi),
        },
    )


# -- units -----------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request, pk):
    instansi = _managed_instansi(request, pk)
    form = UnitForm(
        request.POST or None, instansi=instansi, initial={"parent": request.GET.get("induk")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(
                actor=request.user, instansi=instansi, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Unit %(name)s dibuat.") % {"name": unit.name})
            return redirect("organizations:instansi_detail", pk=instansi.pk)
    return render(
        request, "organizations/unit_form.html", {"instansi": instansi, "form": form, "unit": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, unit_pk):
    unit = selectors.unit_get(user=request.user, pk=unit_pk)
    ensure(request.user, "unit.manage", unit)
    initial = {f: getattr(unit, f) for f in services.UNIT_FIELDS}
    form = UnitForm(
        request.POST or None, instansi=unit.instansi, exclude_unit=unit, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(
                actor=request.user, unit=unit, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan unit disimpan."))
            return redirect("organizations:instansi_detail", pk=unit.instansi_id)
    return render(
        request,
        "organizations/unit_form.html",
        {"instansi": unit.instansi, "form": form, "unit": unit},
    )


def _depth(raw) -> int:
    """The tree depth an HTMX row is drawn at (indentation only): 0 for anything odd."""
    try:
        return max(0, min(int(raw or 0), 50))
    except (TypeError, ValueError):
        return 0


@login_required
@require_POST
def unit_toggle(request, unit_pk):
    unit = selectors.unit_get(user=request.user, pk=unit_pk)
    ensure(request.user, "unit.manage", unit)
    error = None
    try:
        unit = services.unit_set_active(
            actor=request.user, unit=unit, is_active=not unit.is_active, request=request
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return render(
            request,
            "organizations/_unit_row.html",
            {
                "unit": unit,
                "depth": _depth(request.POST.get("depth")),
                "manages": True,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    return redirect("organizations:instansi_detail", pk=unit.instansi_id)


# -- members ---------------------------------------------------------------------------------
@login_required
def member_list(request, pk):
    instansi = _managed_instansi(request, pk)
    members = list(selectors.member_list(instansi=instansi))
    # Link only to accounts the coordinator can open (not an administrator, not someone
    # working elsewhere too), and show whose login is locked out right now.
    manageable = manageable_user_ids(request.user, members)
    locked = lockouts_until(usernames=[m.username for m in members])
    for member in members:
        member.manageable = member.pk in manageable
        member.locked_until = locked.get(member.username)
    return render(
        request, "organizations/member_list.html", {"instansi": instansi, "members": members}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk):
    instansi = _managed_instansi(request, pk)
    is_admin = scope_for(request.user).is_admin
    form = MemberCreateForm(request.POST or None, instansi=instansi, is_admin=is_admin)
    if request.method == "POST" and form.is_valid():
        try:
            user, generated = services.member_create(
                actor=request.user, instansi=instansi, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Akun %(u)s dibuat.") % {"u": user.username})
            if generated:
                return render(
                    request,
                    "organizations/password_once.html",
                    {"instansi": instansi, "member": user, "password": generated},
                )
            return redirect("organizations:member_list", pk=instansi.pk)
    return render(
        request,
        "organizations/member_form.html",
        {"instansi": instansi, "form": form, "member": None},
    )


def _member(request, pk, user_pk):
    """The instansi (managed by the requester) and one of its members the requester manages."""
    instansi = _managed_instansi(request, pk)
    member = selectors.member_get(instansi=instansi, pk=user_pk)
    ensure(request.user, "user.manage", member)
    return instansi, member


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk, user_pk):
    instansi, member = _member(request, pk, user_pk)
    initial = {f: getattr(member, f) for f in services.MEMBER_FIELDS}
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(
                actor=request.user,
                instansi=instansi,
                user=member,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Data pengguna disimpan."))
            return redirect("organizations:member_edit", pk=instansi.pk, user_pk=member.pk)
    is_admin = scope_for(request.user).is_admin
    return render(
        request,
        "organizations/member_form.html",
        {
            "instansi": instansi,
            "form": form,
            "member": member,
            "grant_form": GrantForm(instansi=instansi, is_admin=is_admin),
            "reset_form": ResetPasswordForm(),
            "locked_until": lockout_until(username=member.username),
        },
    )


@login_required
@require_POST
def member_unlock(request, pk, user_pk):
    instansi, member = _member(request, pk, user_pk)
    if services.member_unlock(actor=request.user, user=member, instansi=instansi, request=request):
        messages.success(
            request, _("Kunci akun %(u)s dibuka; ia dapat masuk lagi.") % {"u": member.username}
        )
    else:
        messages.info(request, _("Akun ini tidak sedang terkunci."))
    return redirect("organizations:member_edit", pk=instansi.pk, user_pk=member.pk)


@login_required
@require_POST
def member_toggle(request, pk, user_pk):
    instansi, member = _member(request, pk, user_pk)
    try:
        member = services.member_set_active(
            actor=request.user,
            instansi=instansi,
            user=member,
            is_active=not member.is_active,
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Akun diaktifkan.") if member.is_active else _("Akun dinonaktifkan.")
        )
    return redirect("organizations:member_edit", pk=instansi.pk, user_pk=member.pk)


@login_required
@require_POST
def member_reset_password(request, pk, user_pk):
    instansi, member = _member(request, pk, user_pk)
    form = ResetPasswordForm(request.POST)
    if form.is_valid():
        try:
            generated = services.member_reset_password(
                actor=request.user,
                instansi=instansi,
                user=member,
                password=form.cleaned_data["password"] or None,
                request=request,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "Kata sandi diatur ulang: kunci masuk dibuka, token API dicabut, sesi lain "
                    "diakhiri."
                ),
            )
            if generated:
                return render(
                    request,
                    "organizations/password_once.html",
                    {"instansi": instansi, "member": member, "password": generated},
                )
    return redirect("organizations:member_edit", pk=instansi.pk, user_pk=member.pk)


@login_required
@require_POST
def grant_create(request, pk, user_pk):
    instansi, member = _member(request, pk, user_pk)
    form = GrantForm(request.POST, instansi=instansi, is_admin=scope_for(request.user).is_admin)
    if form.is_valid():
        try:
            grants.grant_create(
                actor=request.user,
                instansi=instansi,
                user=member,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Peran diberikan."))
    else:
        messages.error(request, _("Pilihan peran tidak valid."))
    return redirect("organizations:member_edit", pk=instansi.pk, user_pk=member.pk)


@login_required
@require_POST
def grant_revoke(request, pk, grant_pk):
    instansi = _managed_instansi(request, pk)
    grant = get_object_or_404(
        RoleGrant.objects.select_related("user"), pk=grant_pk, instansi=instansi
    )
    ensure(request.user, "user.manage", grant.user)
    try:
        grants.grant_revoke(actor=request.user, grant=grant, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Peran dicabut."))
    return redirect("organizations:member_edit", pk=instansi.pk, user_pk=grant.user_id)


# -- bulk import -----------------------------------------------------------------------------
IMPORTERS = {"unit": imports.units_import, "pengguna": imports.members_import}


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request, pk, kind):
    if kind not in IMPORTERS:
        raise Http404
    instansi = _managed_instansi(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.parse(kind, upload.name, imports.read_upload(upload))
            result = IMPORTERS[kind](
                actor=request.user, instansi=instansi, rows=rows, request=request
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("%(n)d baris diimpor.") % {"n": len(rows)})
            if kind == "unit":
                return redirect("organizations:instansi_detail", pk=instansi.pk)
            return render(
                request,
                "organizations/import_result.html",
                {"instansi": instansi, "accounts": result},
            )
    return render(
        request,
        "organizations/import.html",
        {
            "instansi": instansi,
            "form": form,
            "kind": kind,
            "errors": errors,
            "columns": imports.KINDS[kind][0],
        },
    )


@login_required
def import_template(request, pk, kind, fmt):
    if kind not in IMPORTERS or fmt not in ("csv", "xlsx"):
        raise Http404
    _managed_instansi(request, pk)
    if fmt == "csv":
        body, content_type = imports.template_csv(kind), "text/csv; charset=utf-8"
    else:
        body = imports.template_xlsx(kind)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.{fmt}"'
    return response


@login_required
def member_export(request, pk, fmt):
    """The member list of the instansi (its managers only) as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    instansi = _managed_instansi(request, pk)
    columns, rows = member_table(selectors.member_list(instansi=instansi))
    return table_response(columns=columns, rows=rows, filename=f"pengguna-{instansi.pk}", fmt=fmt)
