"""The Surat Edaran: generated DOCX and PDF read back for their content, the template check,
and the kept letter with its hash."""

import datetime
import hashlib
import io

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from docx import Document

from spbe.audit.models import AuditEvent
from spbe.budget import letters, services
from spbe.budget.models import Letter, LetterTemplate
from spbe.evaluations.models import Assessment, Cycle, StageValue
from spbe.frameworks.selectors import framework_get, framework_indicators
from spbe.frameworks.services import shipped_load
from tests.factories import make_user_with_role


@pytest.fixture
def scenario(world, add_item):
    shipped_load()
    framework = framework_get("spbe-59-2020")
    cycle = Cycle.objects.create(
        instansi=world.province,
        framework=framework,
        year=2026,
        kind="evaluasi",
        name="Evaluasi SPBE 2026",
    )
    indicators = framework_indicators(framework)
    Assessment.objects.bulk_create(Assessment(cycle=cycle, indicator=i) for i in indicators)
    for assessment in cycle.assessments.select_related("indicator"):
        level = 1 if assessment.indicator.code in ("15", "18") else 4
        StageValue.objects.create(assessment=assessment, stage="final", value=level)
    sekda = make_user_with_role(
        role="pimpinan",
        instansi=world.province,
        first_name="Sri",
        last_name="Wahyuni",
        position="Sekretaris Daerah",
    )
    dup = add_item(world.dinkes, builds_application="SIMPEG", description="Aplikasi SIMPEG Dinkes")
    add_item(
        world.setda, builds_application="SIMPEG Setda", description="SIMPEG biro", amount=1_250_000
    )
    ok = add_item(
        world.diskominfo,
        description="Sertifikat SSL",
        category="keamanan",
        amount=2_000_000,
        indicators=[framework.indicators.get(code="16")],
    )
    services.budget_item_consult(
        actor=world.users["koordinator"],
        item=ok,
        date=datetime.date(2026, 11, 1),
        outcome="disetujui",
    )
    return {"cycle": cycle, "sekda": sekda, "dup": dup, "ok": ok}


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(parts)


def test_docx_has_number_date_signatory_rule_priorities_timeline_attachment(world, scenario):
    letter = letters.letter_generate(
        actor=world.users["koordinator"], instansi=world.province, year=2027, fmt="docx"
    )
    body = letter.file.read()
    assert hashlib.sha256(body).hexdigest() == letter.sha256
    text = _docx_text(body)
    assert letter.number in text and "SE-TIK/2027" in letter.number
    assert letters.date_long(datetime.date.today()) in text
    assert "Sri Wahyuni" in text and "Sekretaris Daerah" in text
    assert "wajib dikonsultasikan dengan Dinas Komunikasi dan Informatika" in text
    assert "dua ribu dua puluh tujuh" in text
    assert (
        "Rp 153.250.000" in text
        and "seratus lima puluh tiga juta dua ratus lima puluh ribu rupiah" in text
    )
    # Priority indicators from the engine: the two at level 1 lose the most points.
    priority_rows = [line for line in text.splitlines() if line.startswith(("15 |", "18 |"))]
    assert len(priority_rows) == 2
    assert "Maret 2026" in text  # timeline: consultation deadline, the year before
    attachment = [line for line in text.splitlines() if "Aplikasi SIMPEG Dinkes" in line]
    assert (
        attachment
        and "mirip SIMPEG Setda" in attachment[0]
        and "belum dikonsultasikan" in attachment[0]
    )
    assert "Sertifikat SSL" not in text  # consulted and linked: nothing to review
    event = AuditEvent.objects.get(action="budget.letter_generated")
    assert event.extra["sha256"] == letter.sha256


def test_pdf_read_back(world, scenario):
    letter = letters.letter_generate(actor=None, instansi=world.province, year=2027, fmt="pdf")
    with pdfplumber.open(io.BytesIO(letter.file.read())) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "SURAT EDARAN" in text and letter.number in text and "Sri Wahyuni" in text
    assert "Dinas Kesehatan" in text and "belum" in text  # the attachment table (cells wrap)


def test_template_upload_checked_and_used(world, scenario):
    koord = world.users["koordinator"]
    with pytest.raises(ValidationError) as info:
        letters.letter_template_upload(actor=koord, instansi=world.province, data=b"not a docx")
    assert "Templat harus dokumen Word (DOCX)" in info.value.messages[0]
    broken = Document(io.BytesIO(letters.DEFAULT_TEMPLATE.read_bytes()))
    broken.add_paragraph("{% if %}")
    out = io.BytesIO()
    broken.save(out)
    with pytest.raises(ValidationError, match="Kesalahan penulisan kolom isian"):
        letters.letter_template_upload(actor=koord, instansi=world.province, data=out.getvalue())
    bare = Document()
    bare.add_paragraph("{{ nomor }}")
    out = io.BytesIO()
    bare.save(out)
    with pytest.raises(ValidationError, match="Kolom isian wajib tidak ada di templat: .*jadwal"):
        letters.letter_template_upload(actor=koord, instansi=world.province, data=out.getvalue())
    assert not LetterTemplate.objects.exists()
    edited = Document(io.BytesIO(letters.DEFAULT_TEMPLATE.read_bytes()))
    edited.paragraphs[0].insert_paragraph_before("KOP SURAT BARU")
    out = io.BytesIO()
    edited.save(out)
    with pytest.raises(PermissionDenied):
        letters.letter_template_upload(
            actor=world.users["responden_flat"], instansi=world.province, data=out.getvalue()
        )
    letters.letter_template_upload(actor=koord, instansi=world.province, data=out.getvalue())
    letter = letters.letter_generate(actor=koord, instansi=world.province, year=2027, fmt="docx")
    assert "KOP SURAT BARU" in _docx_text(letter.file.read())
    assert letter.template_sha256 == LetterTemplate.objects.get().sha256


def test_cli_writes_the_file(world, scenario, tmp_path):
    world.province.instansi_key = "provinsi-uji"
    out = tmp_path / "se.docx"
    call_command("surat-edaran", "--instansi", "provinsi-uji", "--year", "2027", "--out", str(out))
    assert hashlib.sha256(out.read_bytes()).hexdigest() == Letter.objects.get().sha256
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=".docx atau .pdf"):
        call_command(
            "surat-edaran",
            "--instansi",
            "provinsi-uji",
            "--year",
            "2027",
            "--out",
            str(tmp_path / "x.txt"),
        )


def test_every_field_of_the_letter_is_known_to_the_template_check(world, scenario):
    context = letters.letter_context(instansi=world.province, year=2027, number="1/SE/2027")
    assert set(context) == letters.REQUIRED | letters.OPTIONAL
    shipped = letters.DEFAULT_TEMPLATE.read_bytes()
    assert (
        letters.validate_docx_template(shipped, required=letters.REQUIRED, allowed=letters.OPTIONAL)
        == []
    )
