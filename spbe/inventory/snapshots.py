"""Evidence for the evaluation: a dated snapshot PDF of an inventory view (the application list
and integration map, the data-centre list, ...) stored as an evidence document and linked to
an indicator of a cycle through the evidence app's own services.

Which views fit which indicator is configuration (data/evidence-views.yaml), keyed by the
framework's indicator codes; nothing here knows an indicator number.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.documents.pdf import html_to_pdf
from spbe.inventory.models import (
    Application,
    BusinessProcess,
    DataSet,
    Infrastructure,
    SecurityControl,
    Service,
)

CONFIG = Path(__file__).parent / "data" / "evidence-views.yaml"

VIEW_LABELS = {
    "aplikasi": gettext_lazy("Daftar aplikasi"),
    "integrasi": gettext_lazy("Peta integrasi aplikasi"),
    "pusat-data": gettext_lazy("Daftar pusat data dan infrastruktur"),
    "layanan": gettext_lazy("Daftar layanan"),
    "data": gettext_lazy("Daftar data dan walidata"),
    "keamanan": gettext_lazy("Daftar kontrol keamanan"),
    "proses-bisnis": gettext_lazy("Daftar proses bisnis"),
}


@functools.cache
def evidence_views() -> dict[str, dict[str, list[str]]]:
    """framework code -> indicator code -> view names (read once)."""
    raw = yaml.safe_load(CONFIG.read_text(encoding="utf-8")) or {}
    return {fw: {str(k): list(v) for k, v in (m or {}).items()} for fw, m in raw.items()}


def views_for(framework_code: str, indicator_code: str) -> list[str]:
    return evidence_views().get(framework_code, {}).get(str(indicator_code), [])


@dataclass
class Snapshot:
    title: str
    pdf: bytes
    filename: str


def _view_rows(view: str, instansi) -> dict:
    apps = Application.objects.filter(instansi=instansi).select_related("owner_unit")
    if view == "aplikasi":
        return {"apps": apps.order_by("name")}
    if view == "integrasi":
        linked = apps.prefetch_related("integrated_with").order_by("name")
        return {"integrations": [(a, list(a.integrated_with.all())) for a in linked]}
    models = {
        "pusat-data": Infrastructure,
        "layanan": Service,
        "data": DataSet,
        "keamanan": SecurityControl,
        "proses-bisnis": BusinessProcess,
    }
    rows = models[view].objects.filter(instansi=instansi).select_related("owner_unit")
    return {"items": rows.order_by("name")}


def snapshot_render(*, instansi, view: str, indicator_label: str = "") -> Snapshot:
    """The PDF of one inventory view as it is now, dated (Indonesian date) and titled."""
    if view not in VIEW_LABELS:
        raise ValidationError({"view": _("Tampilan inventaris tidak dikenal.")})
    now = timezone.localtime()
    title = f"{VIEW_LABELS[view]} · {instansi.name}"
    html = render_to_string(
        "inventory/snapshot.html",
        {
            "instansi": instansi,
            "view": view,
            "title": title,
            "indicator_label": indicator_label,
            "taken_at": now,
            **_view_rows(view, instansi),
        },
    )
    stamp = now.strftime("%Y-%m-%d")
    return Snapshot(title=title, pdf=html_to_pdf(html), filename=f"inventaris-{view}-{stamp}.pdf")


def snapshot_attach(*, actor, assessment, view: str, level: int, request=None):
    """Render the view and link it as evidence of `assessment` at `level`, through
    evaluations' `document_create_and_link` (its access checks, audit events and no-orphan-file
    rule apply). Refused when the view is not configured for the indicator."""
    from spbe.evaluations.services.evidence_links import document_create_and_link
    from spbe.evidence.models import Document

    framework_code = assessment.cycle.framework.code
    indicator = assessment.indicator
    if view not in views_for(framework_code, indicator.code):
        raise ValidationError(
            {"view": _("Tampilan ini tidak ditetapkan sebagai bukti untuk indikator tersebut.")}
        )
    snap = snapshot_render(
        instansi=assessment.cycle.instansi,
        view=view,
        indicator_label=f"{indicator.code} {indicator.name}",
    )
    upload = SimpleUploadedFile(snap.filename, snap.pdf, content_type="application/pdf")
    return document_create_and_link(
        actor=actor,
        assessment=assessment,
        level=level,
        note=_("Cuplikan inventaris arsitektur SPBE"),
        owner_unit=None,
        kind=Document.Kind.LAPORAN,
        title=f"{snap.title} ({timezone.localdate():%d-%m-%Y})",
        document_date=timezone.localdate(),
        upload=upload,
        request=request,
    )
