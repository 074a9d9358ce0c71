"""Dashboard pages show the engine's numbers, mark provisional stages, and respect scope."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from spbe.core.numbers import fmt_id
from spbe.evaluations.models import Stage
from spbe.evaluations.selectors.figures import cycle_figures
from spbe.frameworks.selectors import framework_engine_spec
from spbe.reports.selectors.dashboard import cycle_dashboard
from spbe.reports.selectors.gaps import PointsLostFilter, points_lost_table, stage_comparison
from spbe.scoring import points_lost, score
from tests.reports.fixtures import DOKUMEN_2024, FINAL_2024, MANDIRI_2024, by_number

PAGES = ["reports:dashboard", "reports:points_lost", "reports:stages", "reports:units"]


def test_stage_figures_are_the_engines(dash):
    spec = framework_engine_spec(dash.cycle_2024.framework)
    figures = cycle_figures(dash.cycle_2024)
    assert [s.stage for s in figures.stages] == [Stage.MANDIRI, Stage.DOKUMEN, Stage.FINAL]
    for stage, levels in (
        (Stage.MANDIRI, MANDIRI_2024),
        (Stage.DOKUMEN, DOKUMEN_2024),
        (Stage.FINAL, FINAL_2024),
    ):
        expected = score(spec, by_number(levels) | {}, predikat_basis="exact")
        assert figures.stage(stage).result.index == expected.index
    assert [s.result.index for s in figures.stages] == [
        Decimal("4.35"),
        Decimal("3.28"),
        Decimal("3.79"),
    ]


def test_dashboard_page_shows_each_stage_and_domains(dash, login):
    client = login(dash.world.users["pimpinan"])
    html = client.get(reverse("reports:dashboard", args=[dash.cycle_2024.pk])).content.decode()
    spec = framework_engine_spec(dash.cycle_2024.framework)
    final = score(spec, {str(k): v for k, v in by_number(FINAL_2024).items()})
    assert 'data-testid="index-mandiri">4,35<' in html
    assert 'data-testid="index-dokumen">3,28<' in html
    assert 'data-testid="index-final">3,79<' in html
    for group in final.domains.values():
        assert fmt_id(group.value) in html
    assert "belum lengkap, bukan indeks resmi" not in html


def test_incomplete_stage_is_marked_not_official(dash, login):
    from spbe.evaluations.models import StageValue

    StageValue.objects.create(
        assessment=dash.cycle_2024.assessments.get(indicator__number=1),
        stage=Stage.INTERVIU,
        value=Decimal("3"),
    )
    client = login(dash.world.users["koordinator"])
    html = client.get(reverse("reports:dashboard", args=[dash.cycle_2024.pk])).content.decode()
    assert "belum lengkap, bukan indeks resmi" in html
    assert "46 indikator belum bernilai" in html


def test_exact_and_rounded_predikat_shown_when_they_disagree():
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    result = SimpleNamespace(
        index=Decimal("3.50"),
        index_exact_decimal=Decimal("3.4985"),
        predikat="Baik",
        predikat_exact="Baik",
        predikat_rounded="Sangat Baik",
        predikat_differs=True,
        predikat_basis="exact",
        missing=(),
    )
    figure = SimpleNamespace(stage="final", label="Final", result=result, official=True)
    html = render_to_string("reports/_stage_card.html", {"s": figure})
    assert "Nilai eksak 3,4985: predikat Baik; nilai dibulatkan: Sangat Baik." in html
    assert "Yang berlaku: nilai eksak." in html
    figure.result.predikat_differs = False
    assert "Nilai eksak" not in render_to_string("reports/_stage_card.html", {"s": figure})


def test_trend_breaks_between_frameworks(dash):
    d = cycle_dashboard(dash.cycle_2024)
    years = [(year, value) for year, value, _s in d.trend.points]
    # 2020 published (5/2018), 2023 from the finished cycle, 2024 published
    assert years == [(2020, Decimal("2.50")), (2023, Decimal("2.91")), (2024, Decimal("3.79"))]
    assert [year for year, _label in d.trend.breaks] == [2023]
    assert "spbe-5-2018 → SPBE 59/2020" in d.trend.breaks[0][1]


def test_points_lost_is_the_engines_ranking(dash):
    figures = cycle_figures(dash.cycle_2024)
    figure, rows = points_lost_table(figures, PointsLostFilter())
    spec = framework_engine_spec(dash.cycle_2024.framework)
    expected = points_lost(spec, by_number(FINAL_2024) | {})
    assert figure.stage == Stage.FINAL
    assert [(r.row.key, r.points) for r in rows] == [(e.indicator, e.points) for e in expected]
    assert rows[0].points >= rows[-1].points


def test_points_lost_filters_by_domain_aspect_and_unit(dash, login):
    figures = cycle_figures(dash.cycle_2024)
    _f, rows = points_lost_table(figures, PointsLostFilter(domain="D3"))
    assert rows and all(r.row.domain_code == "D3" for r in rows)
    _f, rows = points_lost_table(figures, PointsLostFilter(aspect="A6"))
    assert rows and all(r.row.aspect_code == "A6" for r in rows)
    dinkes = dash.world.dinkes
    _f, rows = points_lost_table(figures, PointsLostFilter(unit=dinkes.pk))
    assert rows and all(
        r.row.lead_unit == dinkes or dinkes in r.row.contributing_units for r in rows
    )
    client = login(dash.world.users["koordinator"])
    url = reverse("reports:points_lost", args=[dash.cycle_2024.pk])
    partial = client.get(url, {"domain": "D3"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body
    assert body.count("data-indicator=") == len(
        points_lost_table(figures, PointsLostFilter(domain="D3"))[1]
    )
    full = client.get(url, {"domain": "D3"}).content.decode()  # linkable: same filter, full page
    assert "<html" in full and 'value="D3" selected' in full


def test_stage_comparison_highlights_lowered_levels_with_notes(dash, login):
    figures = cycle_figures(dash.cycle_2024)
    rows = {c.row.number: c for c in stage_comparison(figures)}
    nine = rows[9]
    assert [cell.value for cell in nine.cells] == [Decimal(4), Decimal(2), Decimal(2)]
    assert [cell.lowered for cell in nine.cells] == [False, True, True]
    assert nine.cells[1].note == "Dokumen arsitektur belum ditetapkan."
    lowered = stage_comparison(figures, only_lowered=True)
    assert lowered and all(c.lowered for c in lowered)
    assert not any(c.row.number == 32 for c in lowered)  # 5 → 5 → 5: not lowered
    client = login(dash.world.users["asesor"])
    html = client.get(
        reverse("reports:stages", args=[dash.cycle_2024.pk]), {"turun": "1"}
    ).content.decode()
    assert "Arsitektur SPBE belum direviu." in html
    assert 'class="num lowered"' in html
    # choosing another cycle in the selector opens its comparison
    resp = client.get(
        reverse("reports:stages", args=[dash.cycle_2024.pk]), {"siklus": dash.cycle_2023.pk}
    )
    assert resp.status_code == 302
    assert resp["Location"] == reverse("reports:stages", args=[dash.cycle_2023.pk])


def test_unit_scorecards_rank_units_and_scope_respondents(dash, login):
    client = login(dash.world.users["koordinator"])
    html = client.get(reverse("reports:units", args=[dash.cycle_2024.pk])).content.decode()
    for unit in (dash.world.diskominfo, dash.world.dinkes, dash.world.biro):
        assert unit.name in html
    assert "@media print" not in html  # print CSS is in the stylesheet
    assert "reports/reports.css" in html
    # a respondent of Setda (recursive) sees Setda and Biro Hukum only
    client = login(dash.world.users["responden"])
    html = client.get(reverse("reports:units", args=[dash.cycle_2024.pk])).content.decode()
    assert dash.world.setda.name in html and dash.world.biro.name in html
    assert dash.world.dinkes.name not in html
    resp = client.get(reverse("reports:unit", args=[dash.cycle_2024.pk, dash.world.dinkes.pk]))
    assert resp.status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_outsiders_get_404(dash, login, name):
    client = login(dash.world.users["other_koordinator"])
    assert client.get(reverse(name, args=[dash.cycle_2024.pk])).status_code == 404
    client = login(dash.world.users["nobody"])
    assert client.get(reverse(name, args=[dash.cycle_2024.pk])).status_code == 404


def test_framework_without_domains_shows_no_empty_domain_panel(dash, login):
    from tests.reports.fixtures import make_pemdi_cycle

    cycle = make_pemdi_cycle(instansi=dash.world.province)
    client = login(dash.world.users["koordinator"])
    html = client.get(reverse("reports:dashboard", args=[cycle.pk])).content.decode()
    assert "<caption>Aspek</caption>" in html
    assert "<caption>Domain</caption>" not in html
    assert "Nilai domain" not in html


def test_cycle_under_way_is_a_provisional_point_after_the_framework_break(dash):
    from spbe.reports.selectors.dashboard import cycle_dashboard
    from tests.reports.fixtures import make_cycle

    cycle = make_cycle(
        instansi=dash.world.province,
        year=2026,
        code="pemdi-8-2026",
        name="Evaluasi Pemdi 2026",
        # levels for the 16 assessed indicators; 5, 6, 7 and 18 take the recorded indices
        stages={Stage.MANDIRI: {n: "2.50" for n in range(1, 21) if n not in (5, 6, 7, 18)}},
        state="mandiri",
        external_values={
            "sdi": "37.5",
            "sjig": "2.5",
            "ips": "2.6",
            "sdi-interoperabilitas": "37.5",
        },
    )
    trend = cycle_dashboard(cycle).trend
    assert (2026, Decimal("2.50"), "Pemdi 8/2026 (sementara)") in trend.points
    # 2020 was scored under 5/2018, so 2023 starts 59/2020; 2026 starts Pemdi.
    assert [year for year, _label in trend.breaks] == [2023, 2026]


def test_kurang_dokumen_count_and_points_lost_show_the_evidence_engines_gaps(dash, login):
    """Indicator 1 claims level 1 with its draft and minutes linked (complete); indicator 2
    claims level 2 with only the level 1 evidence (its policy is missing); indicator 3 claims
    level 1 with its evidence complete but a review older than 2 years linked too (stale)."""
    from spbe.evaluations.models import EvidenceLink
    from spbe.evidence.models import Document
    from tests.reports.fixtures import make_cycle

    world = dash.world
    cycle = make_cycle(
        instansi=world.province,
        year=2025,
        name="Evaluasi SPBE 2025",
        stages={Stage.MANDIRI: {1: "1", 2: "2", 3: "1"}},
        units=[world.diskominfo],
        state="mandiri",
    )

    def link(number, kind, level, **fields):
        document = Document.objects.create(
            instansi=world.province, kind=kind, title=f"{kind} {number}/{level}", **fields
        )
        EvidenceLink.objects.create(
            assessment=cycle.assessments.get(indicator__number=number),
            document=document,
            level=level,
        )

    for number in (1, 2, 3):
        link(number, "dokumen", 1)  # the draft
        link(number, "notulen", 1)
    link(3, "laporan", 1, freshness_kind="reviu", document_date=datetime.date(2020, 1, 1))

    d = cycle_dashboard(cycle)
    rows = {row.number: row for row in d.figures.rows}
    assert rows[1].evidence_missing == []
    assert len(rows[2].evidence_missing) == 1
    assert rows[2].evidence_missing[0].startswith("Level 2: Kebijakan yang ditetapkan")
    assert rows[3].evidence_missing == [
        "laporan 3/1: Dokumen reviu/evaluasi berumur kurang dari 2 tahun: dokumen bertanggal "
        "1 Januari 2020 kedaluwarsa sejak 1 Januari 2022"
    ]
    assert d.evidence_missing == 2  # indicators without a claim have no gap to show

    client = login(world.users["koordinator"])
    html = client.get(reverse("reports:dashboard", args=[cycle.pk])).content.decode()
    assert '>Kurang dokumen</div><div class="value">2<' in html
    html = client.get(reverse("reports:points_lost", args=[cycle.pk])).content.decode()
    assert html.count(">kurang dokumen</span>") == 2
    assert "Level 2: Kebijakan yang ditetapkan" in html


def test_points_lost_counts_indicators_without_a_value_at_the_lowest_level(dash, login):
    from tests.reports.fixtures import make_pemdi_cycle

    values = {n: "3.00" for n in range(1, 21)}
    del values[19], values[20]  # 7.1 and 7.2: a quarter of the index, nobody filled them in
    cycle = make_pemdi_cycle(instansi=dash.world.province, values=values)
    figures = cycle_figures(cycle)
    _figure, rows = points_lost_table(figures, PointsLostFilter())
    assert len(rows) == 20
    assert [r.row.key for r in rows[:2]] == ["20", "19"]  # the heaviest gaps come first
    assert all(r.missing for r in rows[:2]) and not any(r.missing for r in rows[2:])
    assert rows[0].value == figures.spec.value_min
    html = (
        login(dash.world.users["koordinator"])
        .get(reverse("reports:points_lost", args=[cycle.pk]))
        .content.decode()
    )
    assert html.count("belum bernilai</span>") == 2
    assert "2 di antaranya belum bernilai" in html
    # Pemdi has aspects only: no "/ " before the aspect, no domain column or filter
    assert "<td> / " not in html and "Domain / aspek" not in html and 'id="f-domain"' not in html


@pytest.mark.parametrize(
    ("stage", "levels"),
    [(Stage.MANDIRI, MANDIRI_2024), (Stage.DOKUMEN, DOKUMEN_2024), (Stage.FINAL, FINAL_2024)],
)
def test_dashboard_figures_match_spbe_score_for_the_same_levels(
    dash, login, tmp_path, capsys, stage, levels
):
    """The page and the command line give the same index, predikat and domains."""
    import json

    from django.core.management import call_command

    csv_file = tmp_path / "levels.csv"
    rows = [f"{n},{level}" for n, level in by_number(levels).items()]
    csv_file.write_text("indicator,level\n" + "\n".join(rows) + "\n", encoding="utf-8")
    call_command("score", "--framework", "spbe-59-2020", "--year", "2024", str(csv_file), "--json")
    cli = json.loads(capsys.readouterr().out)

    html = (
        login(dash.world.users["koordinator"])
        .get(reverse("reports:dashboard", args=[dash.cycle_2024.pk]))
        .content.decode()
    )
    assert f'data-testid="index-{stage}">{cli["index"].replace(".", ",")}<' in html
    figure = next(f for f in cycle_figures(dash.cycle_2024).stages if f.stage == stage)
    assert str(figure.result.index) == cli["index"]
    assert figure.result.predikat == cli["predikat"]
    assert {code: str(g.value) for code, g in figure.result.domains.items()} == cli["domains"]
