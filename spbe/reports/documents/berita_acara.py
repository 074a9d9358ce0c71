"""Berita Acara of the self-assessment (tahap mandiri) and of the internal evaluation (the
later stages): number, the day and date in words, participants, the result, and signature
blocks with names and NIP from the instansi's settings.

DOCX from an editable template (the coordinator downloads the default one, edits it in Word
and uploads it back; `validate_docx_template` refuses a bad one with the reason), and PDF
rendered from the same context through HTML (no office suite on the server: see
docs/adr/0003-document-rendering.md).
"""

from __future__ import annotations

import datetime
import functools
import io

from django.utils import timezone

from spbe.documents.docx import render_docx
from spbe.documents.words import (
    date_in_words,
    date_long,
    day_name,
    decimal_id,
    opening_sentence,
)
from spbe.evaluations.models import Cycle
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.frameworks.stages import self_assessment_stage
from spbe.organizations.models import Role, RoleGrant
from spbe.reports.documents.common import (
    framework_title,
    index_label,
    render_pdf,
    report_settings_of,
    signatories,
    stage_figure,
)

#: Fields a template must use, and further fields it may use (docs/panduan.md lists them).
REQUIRED_FIELDS = frozenset(
    {"nomor", "kalimat_pembuka", "instansi", "tahun", "tahap", "indeks", "predikat", "peserta",
     "ketua_tim_asesor", "koordinator", "sekda"}
)  # fmt: skip
OPTIONAL_FIELDS = frozenset(
    {"judul", "jenis", "hari", "tanggal", "tanggal_kata", "siklus", "kerangka", "nama_indeks",
     "jumlah_indikator", "jumlah_bernilai", "domain"}
)  # fmt: skip
# Printed where the settings hold no name yet: room to write it by hand before signing.
BLANK_NAME = "(.................................)"
BLANK_NIP = "........................"


def berita_acara_context(cycle: Cycle, stage: str = "", *, on: datetime.date | None = None):
    """The letter's fields (the DOCX template's names), from the cycle's engine figures."""
    figures = cycle_figures(cycle)
    figure = stage_figure(figures, stage)
    on = on or timezone.localdate()
    self_assessment = figure.stage == self_assessment_stage(cycle.framework).code
    kind = "Penilaian Mandiri" if self_assessment else "Evaluasi Internal"
    config = report_settings_of(cycle.instansi)
    signers = signatories(config)
    result = figure.result
    return {
        "judul": f"BERITA ACARA {kind.upper()}",
        "jenis": kind,
        "nomor": f"......./BA-{'MANDIRI' if self_assessment else 'EVALUASI'}/{cycle.year}",
        "kalimat_pembuka": opening_sentence(on),
        "hari": day_name(on),
        "tanggal": date_long(on),
        "tanggal_kata": date_in_words(on),
        "instansi": cycle.instansi.name,
        "siklus": cycle.name,
        "tahun": cycle.year,
        "kerangka": framework_title(cycle.framework),
        "nama_indeks": index_label(cycle.framework),
        "tahap": figure.label,
        "indeks": decimal_id(result.index),
        "predikat": result.predikat or "–",
        "jumlah_indikator": len(figures.rows),
        "jumlah_bernilai": len(figures.rows) - len(result.missing),
        "domain": [{"nama": g.name, "nilai": decimal_id(g.value)} for g in result.domains.values()],
        "peserta": _participants(cycle, self_assessment),
        **{
            key: {"jabatan": s.role, "nama": s.name or BLANK_NAME, "nip": s.nip or BLANK_NIP}
            for key, s in signers.items()
        },
    }


def _participants(cycle: Cycle, self_assessment: bool) -> list[dict]:
    """Who took part: the coordinators and assessors, and for the self-assessment the units'
    respondents (one query)."""
    roles = [Role.KOORDINATOR, Role.ASESOR] + ([Role.RESPONDEN] if self_assessment else [])
    grants = (
        RoleGrant.objects.filter(instansi=cycle.instansi, role__in=roles, user__is_active=True)
        .select_related("user", "unit")
        .order_by("role", "unit__name", "user__last_name", "user__first_name")
    )
    labels = dict(Role.choices)
    people, seen = [], set()
    for grant in grants:
        if grant.user_id in seen:
            continue
        seen.add(grant.user_id)
        people.append(
            {
                "nama": grant.user.get_full_name() or grant.user.get_username(),
                "jabatan": str(labels.get(grant.role, grant.role)),
                "unit": grant.unit.name if grant.unit else cycle.instansi.name,
            }
        )
    return people


def berita_acara_template(cycle: Cycle) -> bytes:
    """The instansi's uploaded template, else the default one."""
    config = report_settings_of(cycle.instansi)
    if config.berita_acara_template:
        try:
            with config.berita_acara_template.open("rb") as handle:
                return handle.read()
        except OSError:
            pass  # a lost upload falls back on the default rather than fail the letter
    return default_template()


def berita_acara_docx(cycle: Cycle, stage: str = "") -> bytes:
    return render_docx(berita_acara_template(cycle), berita_acara_context(cycle, stage))


def berita_acara_pdf(cycle: Cycle, stage: str = "") -> bytes:
    context = berita_acara_context(cycle, stage)
    context["signer_pair"] = [context["ketua_tim_asesor"], context["koordinator"]]
    return render_pdf("reports/documents/berita_acara.html", context)


@functools.cache
def default_template() -> bytes:
    """The default Berita Acara template, built with python-docx so that it stays readable
    in the repository (no binary file to diff) and uses every field the letter offers."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)

    def centred(text: str, *, bold: bool = False) -> None:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold

    centred("{{ judul }}", bold=True)
    centred("{{ kerangka }} TAHUN {{ tahun }}", bold=True)
    centred("{{ instansi }}", bold=True)
    centred("Nomor: {{ nomor }}")
    doc.add_paragraph(
        "{{ kalimat_pembuka }}, bertempat di lingkungan {{ instansi }}, telah dilaksanakan "
        "{{ jenis }} {{ nama_indeks }} tahap {{ tahap }} siklus {{ siklus }} oleh Tim Asesor "
        "Internal bersama perangkat daerah, yang dihadiri oleh:"
    )
    doc.add_paragraph("{%p for p in peserta %}")
    doc.add_paragraph("{{ loop.index }}. {{ p.nama }} ({{ p.jabatan }}, {{ p.unit }})")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph(
        "Hasil penilaian tahap {{ tahap }}: {{ jumlah_bernilai }} dari {{ jumlah_indikator }} "
        "indikator bernilai, dengan {{ nama_indeks }} {{ indeks }} (predikat {{ predikat }})."
    )
    doc.add_paragraph("{%p for d in domain %}")
    doc.add_paragraph("Domain {{ d.nama }}: {{ d.nilai }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph(
        "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana "
        "mestinya."
    )
    table = doc.add_table(rows=1, cols=2)
    for cell, key in zip(table.rows[0].cells, ("ketua_tim_asesor", "koordinator"), strict=True):
        cell.text = f"{{{{ {key}.jabatan }}}}\n\n\n\n{{{{ {key}.nama }}}}\nNIP {{{{ {key}.nip }}}}"
    centred("Mengetahui,")
    centred("{{ sekda.jabatan }}\n\n\n\n{{ sekda.nama }}\nNIP {{ sekda.nip }}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
