"""What every generated document shares: the print stylesheet, the logo, the signatories and
the HTML → PDF step."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from spbe.documents.pdf import html_to_pdf
from spbe.evidence.files.detect import MIME_TYPES
from spbe.organizations.models import Instansi
from spbe.reports.models import ReportSettings

#: Stylesheets a document embeds (the page's charts.css is screen-oriented; documents.css
#: carries the few chart rules a printed page needs).
STYLESHEETS = ("reports/documents.css",)


@dataclass(frozen=True)
class Signatory:
    role: str
    name: str
    nip: str


def report_settings_of(instansi: Instansi) -> ReportSettings:
    """The instansi's document settings (unsaved defaults when none were set)."""
    found = ReportSettings.objects.filter(instansi=instansi).first()
    return found or ReportSettings(instansi=instansi)


def signatories(config: ReportSettings) -> dict[str, Signatory]:
    """The three people who sign, with names and NIP from the instansi's settings."""
    return {
        "ketua_tim_asesor": Signatory(
            "Ketua Tim Asesor Internal", config.ketua_tim_asesor_name, config.ketua_tim_asesor_nip
        ),
        "koordinator": Signatory(
            "Koordinator SPBE", config.koordinator_name, config.koordinator_nip
        ),
        "sekda": Signatory("Sekretaris Daerah", config.sekda_name, config.sekda_nip),
    }


def logo_data_url(config: ReportSettings) -> str:
    """The logo inlined as a data: URL (the PDF renderer fetches nothing), or ""."""
    if not config.logo:
        return ""
    try:
        with config.logo.open("rb") as handle:
            data = handle.read()
    except OSError:
        return ""  # a lost logo must not stop the report
    kind = "png" if data.startswith(b"\x89PNG") else "jpg"
    return f"data:{MIME_TYPES[kind]};base64,{base64.b64encode(data).decode('ascii')}"


def index_label(framework) -> str:
    """The index's own name from the framework data: "Indeks SPBE" from "Evaluasi ... (Indeks
    SPBE)", else "Indeks"."""
    match = re.search(r"\(([^()]*Indeks[^()]*)\)\s*$", framework.name or "")
    return match.group(1).strip() if match else "Indeks"


def _stylesheet_text() -> str:
    parts = []
    for name in STYLESHEETS:
        path = finders.find(name)
        if path:
            parts.append(Path(path).read_text(encoding="utf-8"))
    return "\n".join(parts)


def render_pdf(template: str, context: dict) -> bytes:
    """Render a document template (extending reports/documents/_base.html) to PDF."""
    html = render_to_string(template, {**context, "stylesheet": _stylesheet_text()})
    return html_to_pdf(html)


class DocumentError(Exception):
    """A document cannot be made from what was asked (no such stage, no values yet...);
    the message is in Bahasa Indonesia and shown to the user as is."""


def stage_figure(figures, stage: str):
    """The scored stage asked for, or the latest one (final when there is one)."""
    if not figures.stages:
        raise DocumentError("Siklus ini belum memiliki nilai pada tahap mana pun.")
    if not stage:
        return figures.headline
    figure = figures.stage(stage)
    if figure is None:
        scored = ", ".join(s.stage for s in figures.stages)
        raise DocumentError(
            f"Tahap '{stage}' tidak ada atau belum bernilai pada siklus ini; tahap yang "
            f"bernilai: {scored}."
        )
    return figure


def framework_title(framework) -> str:
    """The evaluation's name without the index in brackets: "Evaluasi Sistem Pemerintahan
    Berbasis Elektronik" (the running header of the official reports)."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", framework.name or "").strip()
