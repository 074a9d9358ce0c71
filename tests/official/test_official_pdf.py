"""Official results straight from the KemenPANRB report PDF (../shared/artifacts/lhe)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.audit.models import AuditEvent
from spbe.evaluations.models import Stage, StageValue
from spbe.evaluations.selectors import cycle_score
from spbe.frameworks.selectors import framework_get
from spbe.official import services
from spbe.official.links import official_reverse
from spbe.official.parsed import OfficialImportError
from spbe.official.report_pdf import framework_scorer
from tests.official import test_lhe_reader as reader
from tests.official import test_official_import as base

# fixtures shared with the template-import and reader tests
people, lhe_dir = base.people, reader.lhe_dir
LEVELS_2021, LEVELS_2022 = reader.LEVELS_2021, reader.LEVELS_2022

D = Decimal
pytestmark = pytest.mark.shared


def pdf(lhe_dir: Path, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (lhe_dir / name).read_bytes())


LHE_2021 = "LHE_SPBE_Kota_Bandar_Lampung_2021.pdf"
LHP_2022 = "LHP_SPBE_Kota_Bandar_Lampung_2022.pdf"
MADIUN = "Indeks_SPBE_Kab_Madiun_2020.pdf"


def _import(cycle, user, file, **kwargs):
    result = services.official_import_preview(
        actor=user, cycle=cycle, fileobj=file, filename=file.name, **kwargs
    )
    return result


def test_bandar_lampung_2021_into_a_2021_cycle(make_cycle, people, lhe_dir):
    cycle = make_cycle(year=2021, instansi=people["instansi"])
    koordinator = people["koordinator"]

    result = _import(cycle, koordinator, pdf(lhe_dir, LHE_2021))

    assert result.parsed.source == "pdf"
    assert result.stages == ["final"]
    report = result.parsed.report
    assert (report["year"], report["column_year"], report["checked"]) == (2021, 2021, True)
    check = {line["key"]: line for line in result.comparison["check"]}
    assert check["index"]["printed"] == D("1.20") and check["index"]["computed"] == D("1.20")
    assert check["D4"]["computed"] == D("1.44")
    assert all(line["match"] for line in check.values())
    (final,) = result.comparison["scores"]
    assert final["after"].index == D("1.20") and final["after"].complete

    outcome = services.official_import_confirm(actor=koordinator, cycle=cycle, token=result.token)

    assert outcome.per_stage["final"]["created"] == 47
    stored = dict(
        StageValue.objects.filter(assessment__cycle=cycle, stage=Stage.FINAL).values_list(
            "assessment__indicator__number", "value"
        )
    )
    assert stored == {n: D(level) for n, level in LEVELS_2021.items()}
    assert cycle_score(cycle, Stage.FINAL, official=True).index == D("1.20")
    event = AuditEvent.objects.get(action="import.official_result")
    assert event.extra["source"] == "pdf"
    assert event.extra["report"]["index"] == "1.20"
    assert len(event.extra["assessor_notes"]) == 8  # the per-aspect text is kept with the import


def test_pdf_levels_can_go_to_several_stages(make_cycle, people, lhe_dir):
    cycle = make_cycle(year=2021, instansi=people["instansi"])
    result = _import(
        cycle, people["koordinator"], pdf(lhe_dir, LHE_2021), stages=["final", "dokumen"]
    )
    assert result.stages == ["dokumen", "final"]
    services.official_import_confirm(actor=people["koordinator"], cycle=cycle, token=result.token)
    assert StageValue.objects.filter(assessment__cycle=cycle, stage=Stage.DOKUMEN).count() == 47


@pytest.mark.parametrize(
    ("year", "column", "levels", "checked"),
    [
        (2022, "auto", LEVELS_2022, True),
        (2022, "report", LEVELS_2022, True),
        (2021, "auto", LEVELS_2021, False),  # the previous year's column, picked by the year
        (2021, "previous", LEVELS_2021, False),
    ],
)
def test_two_year_report_either_column(make_cycle, people, lhe_dir, year, column, levels, checked):
    cycle = make_cycle(year=year, instansi=people["instansi"])
    result = _import(cycle, people["koordinator"], pdf(lhe_dir, LHP_2022), column=column)

    assert result.parsed.report["column_year"] == year
    assert result.parsed.report["checked"] is checked
    assert {n: row["final"] for n, row in result.parsed.values.items()} == {
        n: D(v) for n, v in levels.items()
    }
    assert bool(result.comparison["check"]) is checked
    services.official_import_confirm(actor=people["koordinator"], cycle=cycle, token=result.token)
    assert StageValue.objects.filter(assessment__cycle=cycle).count() == 47


@pytest.mark.parametrize(
    ("name", "year", "column"),
    [(LHE_2021, 2023, "auto"), (LHP_2022, 2022, "previous"), (LHE_2021, 2021, "previous")],
)
def test_year_mismatch_is_refused(make_cycle, people, lhe_dir, name, year, column):
    cycle = make_cycle(year=year, instansi=people["instansi"])
    with pytest.raises(OfficialImportError) as caught:
        _import(cycle, people["koordinator"], pdf(lhe_dir, name), column=column)
    assert caught.value.code in {"tahun_tidak_cocok", "kolom_tidak_ada"}
    assert not AuditEvent.objects.filter(action__startswith="import.").exists()


def test_madiun_old_framework_is_refused_with_the_history_hint(client, make_cycle, people, lhe_dir):
    cycle = make_cycle(year=2020, instansi=people["instansi"])
    with pytest.raises(OfficialImportError) as caught:
        _import(cycle, people["koordinator"], pdf(lhe_dir, MADIUN))
    assert caught.value.code == "framework_lama"
    assert "riwayat indeks saja" in caught.value.messages[0]
    assert caught.value.details["index"] == "3.30"

    client.force_login(people["koordinator"])
    response = client.post(official_reverse("import", cycle.pk), {"file": pdf(lhe_dir, MADIUN)})
    assert response.status_code == 200
    hint = response.context["history_hint"]
    assert hint.startswith(official_reverse("history", cycle.instansi_id))
    assert "index=3.30" in hint and "year=2020" in hint and "spbe-5-2018" in hint
    # the hint opens the history form prefilled
    form = client.get(hint).context["form"]
    assert (form.initial["index"], form.initial["year"]) == ("3.30", "2020")
    assert not StageValue.objects.exists()


def test_pdf_into_a_pemdi_cycle_is_refused(make_cycle, people, lhe_dir):
    cycle = make_cycle(code="pemdi-8-2026", year=2026, instansi=people["instansi"])
    with pytest.raises(OfficialImportError, match="PermenPANRB 59/2020") as caught:
        _import(cycle, people["koordinator"], pdf(lhe_dir, LHE_2021))
    assert caught.value.code == "kerangka_tidak_cocok"


def test_framework_scorer_is_the_engine(shipped):
    scorer = framework_scorer(framework_get("spbe-59-2020"))
    values = scorer(LEVELS_2022)
    assert values["index"] == D("1.5025")  # printed 1.50
    assert set(values) == {"index", "D1", "D2", "D3", "D4", *(f"A{i}" for i in range(1, 9))}
