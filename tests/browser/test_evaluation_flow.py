"""The evaluation flow in a browser: a respondent uploads a PDF through the evidence panel of
the indicator page, sees it listed at its level, claims a level with an explanation and
submits; the asesor sees the document, returns the claim with a note; the respondent fixes
and resubmits; the asesor accepts; the coordinator sees the self-assessment index change.
Then the cycle moves on to the interview stage, the asesor returns the indicator again and the
respondent fixes it there: the correction is a claim revision for the interview stage, and the
mandiri value, its index and the stage comparison stay as they were when mandiri closed.
"""

import re

import pytest

from spbe.evaluations import services
from spbe.evaluations.models import Assessment, ClaimRevision, Cycle, EvidenceLink, StageValue
from spbe.frameworks.selectors import framework_get
from spbe.frameworks.services import shipped_load
from tests.evidence.pdfs import text_pdf
from tests.factories import PASSWORD, build_world

DOCUMENT = "Pergub 12/2024 tentang Arsitektur SPBE"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()


def _logout(page):
    page.get_by_role("button", name="Keluar").click()
    page.get_by_role("heading", name="Masuk ke SPBE Monev").wait_for()


def _mandiri_index(page, cycle):
    page.goto(f"/evaluasi/{cycle.pk}/")
    return page.locator("[data-stage='mandiri'] .value").inner_text()


def _claim(page, level, fakta, analisis):
    page.locator(f"input[name=value][value='{level}']").check()
    page.get_by_label("FAKTA").fill(fakta)
    page.get_by_label("ANALISIS").fill(analisis)
    page.get_by_role("button", name="Ajukan untuk direviu").click()
    page.get_by_text("Diajukan untuk direviu.").wait_for()


def _upload(page, pdf_path, level):
    """Attach a PDF through the evidence panel (HTMX swaps the panel in place)."""
    panel = page.locator("details.evidence-upload")
    panel.get_by_text("Unggah dokumen baru dan tautkan").click()
    panel.get_by_label("Berkas", exact=False).set_input_files(str(pdf_path))
    panel.get_by_label("Jenis dokumen").select_option("pergub")
    panel.get_by_label("Judul", exact=False).fill(DOCUMENT)
    panel.get_by_label("Tautkan pada level").select_option(str(level))
    panel.get_by_role("button", name="Unggah dan tautkan").click()
    page.get_by_text(f"Dokumen “{DOCUMENT}” diunggah dan ditautkan.").wait_for()


def _listed_at(page, level):
    """The document's link in the panel's group of `level`."""
    return page.locator(f".evidence-level[id$='-level-{level}']").get_by_role(
        "link", name=DOCUMENT, exact=True
    )


def _review(page, cycle, decision, note=""):
    page.goto(f"/evaluasi/{cycle.pk}/indikator/1/")
    page.get_by_label(decision).check()
    if note:
        page.get_by_label("Catatan reviu").fill(note)
    page.get_by_role("button", name="Simpan reviu").click()
    page.get_by_text("Reviu disimpan.").wait_for()


def test_respondent_asesor_coordinator_flow(page, tmp_path):
    shipped_load()
    world = build_world()
    koord = world.users["koordinator"]
    cycle = services.cycle_create(
        actor=koord,
        instansi=world.province,
        framework=framework_get("spbe-59-2020"),
        year=2025,
        kind=Cycle.Kind.EVALUASI,
        name="Evaluasi SPBE 2025",
    )
    services.cycle_transition(actor=koord, cycle=cycle, state=Cycle.State.MANDIRI)
    services.assessment_assign(
        actor=koord,
        assessment=cycle.assessments.get(indicator__number=1),
        lead_unit=world.setda,
        reviewer=world.users["asesor"],
    )

    # The respondent finds the indicator in "Tugas saya" on the home page, attaches the
    # Pergub as level 2 evidence, sees it listed, and submits level 4.
    _login(page, "resp")
    page.get_by_role("region", name="Tugas saya").get_by_role(
        "link", name=re.compile("Kebijakan Arsitektur SPBE")
    ).click()
    pdf = tmp_path / "pergub-12-2024.pdf"
    pdf.write_bytes(text_pdf("PERATURAN GUBERNUR NOMOR 12 TAHUN 2024", "ARSITEKTUR SPBE"))
    _upload(page, pdf, level=2)
    _listed_at(page, 2).wait_for()
    link = EvidenceLink.objects.select_related("document__current_revision").get(
        assessment__cycle=cycle, assessment__indicator__number=1
    )
    assert (link.level, link.document.title) == (2, DOCUMENT)
    assert link.document.current_revision.size == pdf.stat().st_size
    _claim(page, 4, "Pergub 12/2024 tentang Arsitektur SPBE.", "Sudah ditetapkan dan direviu.")
    _listed_at(page, 2).wait_for()  # still there after the page reloads
    _logout(page)

    _login(page, "koord")
    assert _mandiri_index(page, cycle) == "4,00"
    _logout(page)

    # The asesor sees the evidence and returns the claim with a note.
    _login(page, "asesor")
    page.goto(f"/evaluasi/{cycle.pk}/indikator/1/")
    _listed_at(page, 2).wait_for()
    _review(page, cycle, "Kembalikan untuk perbaikan", "Reviu belum ada; klaim level 3.")
    _logout(page)

    # The respondent sees the note, fixes the claim and resubmits.
    _login(page, "resp")
    page.goto(f"/evaluasi/{cycle.pk}/indikator/1/")
    page.get_by_text("Reviu belum ada; klaim level 3.").first.wait_for()
    _claim(page, 3, "Pergub 12/2024 diterapkan seluruh unit.", "Memenuhi level 3.")
    _logout(page)

    # The asesor accepts.
    _login(page, "asesor")
    _review(page, cycle, "Setujui")
    _logout(page)
    assert Assessment.objects.get(cycle=cycle, indicator__number=1).status == "disetujui"

    # The coordinator sees the self-assessment index change.
    _login(page, "koord")
    assert _mandiri_index(page, cycle) == "3,00"
    assert page.get_by_text("bukan indeks resmi").count() == 1

    # The cycle moves on; in the interview stage the asesor returns the indicator once more.
    mandiri_before = page.locator("[data-stage]").all_inner_texts()
    for state in (Cycle.State.DOKUMEN, Cycle.State.INTERVIU):
        services.cycle_transition(actor=koord, cycle=cycle, state=state)
    _logout(page)
    _login(page, "asesor")
    _review(page, cycle, "Kembalikan untuk perbaikan", "Saat interviu: bukti level 4 ada.")
    _logout(page)

    # The respondent fixes it during the interview stage: a new claim revision.
    _login(page, "resp")
    page.goto(f"/evaluasi/{cycle.pk}/indikator/1/")
    _claim(page, 4, "Pergub 12/2024 dievaluasi tahunan.", "Memenuhi level 4.")
    claims = page.locator("[data-claims] tbody tr")
    assert claims.count() == 3
    assert claims.last.get_attribute("data-claim-stage") == "interviu"
    _logout(page)

    # The mandiri figures did not move: the stage value, its index and the stage comparison.
    mandiri = StageValue.objects.get(
        assessment__cycle=cycle, assessment__indicator__number=1, stage="mandiri"
    )
    assert mandiri.value == 3 and mandiri.fakta == "Pergub 12/2024 diterapkan seluruh unit."
    latest = ClaimRevision.objects.filter(assessment__cycle=cycle).last()
    assert (latest.stage, latest.value, latest.submitted) == ("interviu", 4, True)
    _login(page, "koord")
    assert _mandiri_index(page, cycle) == "3,00"
    assert page.locator("[data-stage]").all_inner_texts() == mandiri_before
