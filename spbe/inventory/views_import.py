"""The import wizard: upload, then a preview page to map columns and decide unit names, then
the all-or-nothing import. The uploaded bytes wait in the session between the two steps (the
file is small: the size limit is checked first), so no file is left on disk."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from spbe.inventory import access
from spbe.inventory.forms import ImportUploadForm
from spbe.inventory.imports import columns
from spbe.inventory.imports.applications import applications_import, import_preview
from spbe.inventory.imports.tabular import read_table
from spbe.organizations.models import Unit
from spbe.organizations.selectors import instansi_get

SESSION_KEY = "inventory_import"
SESSION_MAX_BYTES = 5 * 1024 * 1024
NEW_UNIT = "baru"


@login_required
def upload(request, instansi_pk: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    access.ensure_manages(request.user, instansi)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["upload"]
        data = upload_file.read(SESSION_MAX_BYTES + 1)
        try:
            if len(data) > SESSION_MAX_BYTES:
                raise ValidationError(_("Berkas terlalu besar untuk diimpor lewat halaman."))
            read_table(upload_file.name, data)
        except ValidationError as exc:
            form.add_error("upload", exc.messages)
        else:
            request.session[SESSION_KEY] = {
                "instansi": instansi.pk,
                "name": upload_file.name,
                "data": base64.b64encode(data).decode(),
            }
            return redirect("inventory:import_preview", instansi.pk)
    return render(request, "inventory/import_upload.html", {"instansi": instansi, "form": form})


def _mapping_from(post, header, default):
    if "mapped" not in post:
        return default
    mapping = {}
    for index in range(len(header)):
        field = post.get(f"col_{index}", "")
        if field in columns.TEMPLATE_COLUMNS.values() and field not in mapping.values():
            mapping[index] = field
    return mapping


def _unit_decisions(post, units_by_pk) -> tuple[dict, bool]:
    decided, create = {}, False
    for key, value in post.items():
        if not key.startswith("unitname_"):
            continue
        name = value
        choice = post.get("unitchoice_" + key.removeprefix("unitname_"), "")
        if choice == NEW_UNIT:
            create = True
        elif choice == "":
            decided[name] = None
        elif choice.isdigit() and int(choice) in units_by_pk:
            decided[name] = units_by_pk[int(choice)]
    return decided, create


@login_required
def preview(request, instansi_pk: int):
    instansi = instansi_get(user=request.user, pk=instansi_pk)
    access.ensure_manages(request.user, instansi)
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("instansi") != instansi.pk:
        messages.error(request, _("Unggah berkasnya dulu."))
        return redirect("inventory:import", instansi.pk)
    header, rows = read_table(stored["name"], base64.b64decode(stored["data"]))
    units = list(Unit.objects.filter(instansi=instansi, is_active=True).order_by("name"))
    units_by_pk = {u.pk: u for u in units}
    mapping = _mapping_from(request.POST, header, columns.auto_mapping(header))
    decided, create = _unit_decisions(request.POST, units_by_pk)
    result = import_preview(
        instansi=instansi,
        header=header,
        rows=rows,
        mapping=mapping,
        unit_decisions=decided,
        create_missing_units=create,
    )
    if request.method == "POST" and request.POST.get("action") == "import" and result.ok:
        try:
            created = applications_import(
                actor=request.user,
                instansi=instansi,
                preview=result,
                unit_decisions=decided,
                create_missing_units=create,
                source_name=stored["name"],
                request=request,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            del request.session[SESSION_KEY]
            messages.success(request, _("%(n)s aplikasi diimpor.") % {"n": len(created)})
            return redirect("inventory:item_list", instansi.pk, "aplikasi")
    undecided = [(i, n) for i, n in enumerate(result.unmatched)]
    decided_rows = [(len(undecided) + i, n, u) for i, (n, u) in enumerate(decided.items())]
    return render(
        request,
        "inventory/import_preview.html",
        {
            "instansi": instansi,
            "file_name": stored["name"],
            "header": list(enumerate(header)),
            "mapping": mapping,
            "fields": list(columns.TEMPLATE_COLUMNS.items()),
            "result": result,
            "sample": result.rows[:10],
            "undecided": undecided,
            "decided": decided_rows,
            "units": units,
            "new_unit": NEW_UNIT,
        },
    )
