"""The Surat Edaran on planned ICT spending: its context (number, Indonesian date, the Sekda as
signatory, priority indicators and their gaps from the current cycle through evaluations'
selectors and the one scoring engine, the timeline, the attachment of items to review), the
editable DOCX template, and the generated letters kept with their SHA-256."""

from __future__ import annotations

import datetime
import functools
import hashlib
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from spbe.audit.services import audit_record
from spbe.budget import selectors
from spbe.budget.models import BudgetItem, Letter, LetterTemplate
from spbe.budget.selectors import current_cycle
from spbe.core.numbers import fmt_id
from spbe.documents.docx import docx_to_pdf, render_docx, validate_docx_template
from spbe.documents.words import date_long, number_in_words
from spbe.inventory import access
from spbe.organizations.models import Instansi, Role

DATA = Path(__file__).parent / "data"
DEFAULT_TEMPLATE = DATA / "surat-edaran.docx"
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
REQUIRED = {"nomor", "tanggal", "tahun", "penandatangan", "prioritas", "jadwal", "lampiran"}
# Further fields a template may show (every key of `letter_context`); anything else is a typo.
OPTIONAL = {
    "indeks",
    "instansi",
    "instansi_upper",
    "jabatan_penandatangan",
    "jumlah_butir",
    "kota",
    "predikat",
    "siklus",
    "tahun_terbilang",
    "total_pagu",
    "total_terbilang",
}
PRIORITY_COUNT = 5  # the letter names the indicators losing the most points, this many
SIGNATORY_TITLE = "Sekretaris Daerah"


def rupiah(value: int) -> str:
    """Exact Indonesian Rupiah: 150000000 -> "Rp 150.000.000"."""
    return "Rp " + fmt_id(int(value), 0)


def rupiah_words(value: int) -> str:
    return f"{number_in_words(int(value))} rupiah"


@functools.cache
def _timeline() -> list[dict]:
    return yaml.safe_load((DATA / "timeline.yaml").read_text(encoding="utf-8"))


def timeline(year: int) -> list[dict]:
    rows = []
    for step in _timeline():
        day = datetime.date(year + int(step["year"]), int(step["month"]), 1)
        with translation.override("id"):
            when = formats.date_format(day, "F Y")
        when = when[:1].upper() + when[1:]  # the catalog writes "juli" in lower case
        rows.append({"waktu": when, "kegiatan": step["text"]})
    return rows


def priorities(cycle) -> tuple[list[dict], str, str]:
    """(indicators losing most points, index text, predikat) from the engine: the latest
    stage whose every indicator has a value, else the latest stage; indicators without a
    value are left out (a gap is only cited where a level was measured)."""
    from spbe.evaluations.selectors import cycle_stage_scores
    from spbe.frameworks.selectors import framework_engine_spec, framework_indicators
    from spbe.scoring import points_lost

    scores = cycle_stage_scores(cycle)
    if not scores:
        return [], "—", "—"
    ordered = list(scores.values())
    result = next((r for r in reversed(ordered) if r.complete), ordered[-1])
    spec = framework_engine_spec(cycle.framework)
    names = {str(i.number): i for i in framework_indicators(cycle.framework)}
    ranked = points_lost(spec, result.values, allow_zero=True)
    rows = []
    for item in ranked[:PRIORITY_COUNT]:
        indicator = names.get(str(item.indicator))
        rows.append(
            {
                "kode": indicator.code if indicator else item.indicator,
                "nama": indicator.name if indicator else "",
                "level": "—" if item.missing else str(item.value).replace(".", ","),
                "poin": str(item.points.quantize(Decimal("0.001"))).replace(".", ","),
            }
        )
    index = str(result.index) if getattr(result, "index", None) is not None else "—"
    return rows, index.replace(".", ","), getattr(result, "predikat", "") or "—"


def signatory(instansi: Instansi) -> str:
    """The Sekda: a pimpinan of the whole instansi whose position names the office."""
    from spbe.organizations.models import RoleGrant

    grants = RoleGrant.objects.filter(
        instansi=instansi, role=Role.PIMPINAN, unit__isnull=True
    ).select_related("user")
    people = [g.user for g in grants]
    chosen = next(
        (u for u in people if SIGNATORY_TITLE.lower() in (u.position or "").lower()), None
    )
    chosen = chosen or (people[0] if people else None)
    return (chosen.get_full_name() or chosen.username) if chosen else "......................"


def letter_context(*, instansi: Instansi, year: int, number: str, today=None) -> dict:
    """Everything the template's fields show (see REQUIRED and the shipped template)."""
    today = today or timezone.localdate()
    items = list(
        selectors.counted(BudgetItem.objects.filter(instansi=instansi, fiscal_year=year))
        .select_related("unit")
        .order_by("unit__name", "sub_activity_code", "pk")
    )
    review = selectors.budget_flags(instansi=instansi, year=year).needs_review()
    total = sum(i.amount for i in items)
    cycle = current_cycle(instansi)
    prioritas, indeks, predikat = priorities(cycle) if cycle else ([], "—", "—")
    return {
        "instansi": instansi.name,
        "instansi_upper": instansi.name.upper(),
        "kota": instansi.short_name or instansi.name,
        "nomor": number,
        "tanggal": date_long(today),
        "tahun": year,
        "tahun_terbilang": number_in_words(year),
        "siklus": cycle.name if cycle else _("evaluasi terakhir"),
        "indeks": indeks,
        "predikat": predikat,
        "prioritas": prioritas,
        "jadwal": timeline(year),
        "jumlah_butir": len(items),
        "total_pagu": rupiah(total),
        "total_terbilang": rupiah_words(total),
        "penandatangan": signatory(instansi),
        "jabatan_penandatangan": f"{SIGNATORY_TITLE} {instansi.short_name or instansi.name}",
        "lampiran": [
            {
                "unit": item.unit.name,
                "kode": item.sub_activity_code,
                "uraian": item.description,
                "pagu": rupiah(item.amount),
                "alasan": "; ".join(review[item.pk]),
            }
            for item in items
            if item.pk in review
        ],
    }


def template_bytes(instansi: Instansi) -> bytes:
    """The newest uploaded template of the instansi, else the shipped one."""
    uploaded = LetterTemplate.objects.filter(instansi=instansi).first()
    if uploaded is not None:
        with uploaded.file.open("rb") as handle:
            return handle.read()
    return DEFAULT_TEMPLATE.read_bytes()


def letter_template_upload(
    *, actor, instansi: Instansi, data: bytes, request=None
) -> LetterTemplate:
    """Accept an edited template (coordinator only) after checking it: a bad one is refused
    with every reason and nothing is stored."""
    access.ensure_manages(actor, instansi)
    problems = validate_docx_template(data, required=REQUIRED, allowed=OPTIONAL)
    if problems:
        raise ValidationError(problems)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        template = LetterTemplate(instansi=instansi, sha256=digest, uploaded_by=actor)
        template.file.save(f"{digest}.docx", ContentFile(data), save=False)
        try:
            template.save()
            audit_record(
                actor=actor,
                action="budget.letter_template_uploaded",
                target=instansi,
                instansi=instansi,
                extra={"sha256": digest, "size": len(data)},
                request=request,
            )
        except Exception:
            template.file.storage.delete(template.file.name)
            raise
    return template


def _next_number(instansi: Instansi, year: int) -> str:
    seq = (
        Letter.objects.filter(instansi=instansi, fiscal_year=year)
        .values("number")
        .distinct()
        .count()
        + 1
    )
    # 000.8.3: the records classification code of ICT affairs; the coordinator edits the
    # template if the instansi numbers its letters otherwise.
    return f"000.8.3/{seq:03d}/SE-TIK/{year}"


def letter_generate(*, actor, instansi: Instansi, year: int, fmt: str, request=None) -> Letter:
    """Render the Surat Edaran for `year` as DOCX or PDF and keep it with its SHA-256, who and
    when. `actor` None is the command line; on pages only the coordinator generates."""
    if fmt not in ("docx", "pdf"):
        raise ValidationError(_("Format surat harus docx atau pdf."))
    if actor is not None:
        access.ensure_manages(actor, instansi)
    template = template_bytes(instansi)
    number = _next_number(instansi, year)
    docx = render_docx(template, letter_context(instansi=instansi, year=year, number=number))
    body = docx if fmt == "docx" else docx_to_pdf(docx)
    digest = hashlib.sha256(body).hexdigest()
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        letter = Letter(
            instansi=instansi,
            fiscal_year=year,
            number=number,
            fmt=fmt,
            sha256=digest,
            template_sha256=hashlib.sha256(template).hexdigest(),
            generated_by=user,
        )
        letter.file.save(f"{digest}.{fmt}", ContentFile(body), save=False)
        try:
            letter.save()
            audit_record(
                actor=actor,
                action="budget.letter_generated",
                target=letter,
                instansi=instansi,
                extra={"year": year, "number": number, "format": fmt, "sha256": digest},
                request=request,
            )
        except Exception:
            letter.file.storage.delete(letter.file.name)
            raise
    return letter
