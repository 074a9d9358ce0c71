"""Server-side SVG charts: well-formed, escaped, honest about gaps and framework breaks."""

import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest
from django.template import Context, Template

from spbe.core.numbers import fmt_id, fmt_percent
from spbe.web.charts import (
    bar_chart,
    bar_table,
    progress_table,
    radar_chart,
    radar_table,
    segments,
    stacked_progress,
    trend_chart,
    trend_table,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"

DOMAINS = [
    ("Kebijakan Internal", D("3.00")),
    ("Tata Kelola", D("1.90")),
    ("Manajemen", D("1.64")),
    ("Layanan SPBE", D("3.90")),
]
SPBE_BANDS = [
    ("Kurang", D("1"), D("1.8")),
    ("Cukup", D("1.8"), D("2.6")),
    ("Baik", D("2.6"), D("3.5")),
    ("Sangat Baik", D("3.5"), D("4.2")),
    ("Memuaskan", D("4.2"), D("5")),
]
EVIL = "<script>alert('x')</script> & \"kutip\""


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def by_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [el for el in root.iter() if cls in (el.get("class") or "").split()]


def assert_accessible(root: ET.Element) -> None:
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") is None  # scales to the container
    assert "DejaVu Sans" in root.get("font-family")
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


# --- number formatting ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("3.785"), 2, "3,79"),
        (4.765, 2, "4,77"),  # a float is read through its repr, never 4,76
        (D("2.905"), 2, "2,91"),
        (3, 2, "3,00"),
        (1234567.5, 1, "1.234.567,5"),
        (D("-0.001"), 2, "0,00"),
        (D("-1.5"), 0, "-2"),
        ("3.5", 1, "3,5"),
        (None, 2, "–"),
        (float("nan"), 2, "–"),
    ],
)
def test_fmt_id(value, places, expected):
    assert fmt_id(value, places) == expected


def test_fmt_percent():
    assert fmt_percent(D("87.45")) == "87,5%"
    assert fmt_percent(None) == "–"


# --- radar ----------------------------------------------------------------------------


def test_radar_single_series_is_well_formed_and_accessible():
    root = parse(radar_chart(DOMAINS, title="Nilai domain 2023"))
    assert_accessible(root)
    assert len(by_class(root, "series")) == 1
    assert len(by_class(root, "point")) == 4
    assert len(by_class(root, "spoke")) == 4
    assert len(by_class(root, "ring")) == 5  # 1..5 on a 0–5 scale
    polygon = by_class(root, "series")[0]
    assert len(polygon.get("points").split()) == 4
    desc = root.find("svg:desc", NS).text
    assert "Tata Kelola 1,90" in desc and "Tertinggi: Layanan SPBE (3,90)" in desc
    values = [el.text for el in by_class(root, "value")]
    assert values == ["3,00", "1,90", "1,64", "3,90"]


@pytest.mark.parametrize("n", [4, 7, 8, 9])
def test_radar_three_series_with_legend(n):
    labels = [f"Aspek {i}" for i in range(n)]
    series = [
        ("Mandiri", [D("4")] * n),
        ("Final", {label: D("3") for label in labels}),
    ]
    axes = [(label, D("2.5")) for label in labels]
    root = parse(radar_chart(axes, series=series, name="Tahun lalu", title="Aspek"))
    assert len(by_class(root, "series")) == 3
    assert len(by_class(root, "point")) == 3 * n + 3  # plus one marker per legend entry
    legend = by_class(root, "legend")[0]
    assert [t.text for t in legend.iter(f"{SVG}text")] == ["Tahun lalu", "Mandiri", "Final"]
    assert radar_table(axes, series=series, name="Tahun lalu").header == [
        "Sumbu",
        "Tahun lalu",
        "Mandiri",
        "Final",
    ]


def test_radar_clamps_values_to_the_scale():
    axes = [("A", D("7")), ("B", D("-2")), ("C", D("2.5")), ("D", D("5"))]
    root = parse(radar_chart(axes, title="Di luar rentang"))
    outer = by_class(root, "ring")[-1].get("points").split()
    centre = by_class(root, "centre")[0]
    cx, cy = float(centre.get("cx")), float(centre.get("cy"))
    pts = [
        tuple(map(float, p.split(","))) for p in by_class(root, "series")[0].get("points").split()
    ]
    top = tuple(map(float, outer[0].split(",")))
    assert pts[0] == pytest.approx(top)  # 7 drawn at 5
    assert pts[1] == pytest.approx((cx, cy))  # -2 drawn at 0
    assert pts[3] == pytest.approx(tuple(map(float, outer[3].split(","))))
    assert "7,00" in [el.text for el in by_class(root, "value")]  # the text stays honest


def test_radar_rejects_more_than_three_series():
    axes = [(f"A{i}", 1) for i in range(4)]
    with pytest.raises(ValueError):
        radar_chart(axes, series=[("x", [1] * 4), ("y", [1] * 4), ("z", [1] * 4)], title="t")


def test_radar_with_two_axes_falls_back_to_bars():
    root = parse(radar_chart([("A", 1), ("B", 2)], title="Dua"))
    assert len(by_class(root, "bar")) == 2


# --- trend ----------------------------------------------------------------------------


def test_trend_missing_year_makes_a_gap():
    points = [(2021, D("2.6")), (2023, D("2.91")), (2024, D("3.79")), (2025, D("4.13"))]
    root = parse(trend_chart(points, title="Indeks", bands=SPBE_BANDS))
    assert_accessible(root)
    paths = by_class(root, "segment")
    assert len(paths) == 1  # 2023–2025; 2021 stands alone
    assert paths[0].get("d").count("L") == 2
    assert len(by_class(root, "point")) == 4
    assert len(by_class(root, "band")) == 5
    assert "Tahun tanpa data: 2022." in root.find("svg:desc", NS).text
    assert segments(points)[""] == [
        [(2021, D("2.6"))],
        [(2023, D("2.91")), (2024, D("3.79")), (2025, D("4.13"))],
    ]


def test_trend_none_value_makes_a_gap():
    points = [(2022, 2), (2023, None), (2024, 3), (2025, 3.5)]
    assert [len(run) for run in segments(points)[""]] == [1, 2]


def test_trend_framework_break_splits_one_series():
    points = [(y, D("3")) for y in range(2019, 2028)]
    breaks = [
        (2021, "Kerangka berganti: 5/2018 → 59/2020"),
        (2026, "Kerangka berganti: SPBE → Pemdi"),
    ]
    root = parse(trend_chart(points, title="Indeks", breaks=breaks))
    assert [len(run) for run in segments(points, breaks)[""]] == [2, 5, 2]
    assert len(by_class(root, "segment")) == 3
    marks = by_class(root, "break")
    assert len(marks) == 2
    assert [el.text for m in marks for el in m.iter(f"{SVG}text")] == [
        label for _y, label in breaks
    ]
    line = marks[1].find("svg:line", NS)
    assert line.get("stroke-dasharray")
    xs = {p.get("cx"): p for p in by_class(root, "point")}
    x2025 = max(float(x) for x in xs if float(x) < float(line.get("x1")))
    assert x2025 < float(line.get("x1"))  # the break sits between 2025 and 2026
    desc = root.find("svg:desc", NS).text
    assert "Antara 2025 dan 2026: Kerangka berganti: SPBE → Pemdi" in desc


def test_trend_series_per_framework_never_join():
    points = [
        (2024, D("3.79"), "SPBE 59/2020"),
        (2025, D("4.13"), "SPBE 59/2020"),
        (2026, D("3.20"), "Pemdi 8/2026"),
        (2027, D("3.40"), "Pemdi 8/2026"),
    ]
    root = parse(trend_chart(points, title="Indeks", breaks=[(2026, "SPBE → Pemdi")]))
    groups = by_class(root, "series")
    assert [g.get("data-series") for g in groups] == ["SPBE 59/2020", "Pemdi 8/2026"]
    for group in groups:
        assert len(by_class(group, "segment")) == 1
    assert len(by_class(root, "legend")) == 1


def test_trend_bands_limited_to_years():
    bands = [(*b, None, 2025) for b in SPBE_BANDS] + [("Memuaskan", 4, 5, 2026, None)]
    root = parse(trend_chart([(2024, 3), (2026, 3)], title="t", bands=bands))
    rects = by_class(root, "band")
    assert len(rects) == 6
    by_title = {r.find("svg:title", NS).text: r for r in rects}
    pemdi, spbe = by_title["Memuaskan: 4,00–5,00"], by_title["Memuaskan: 4,20–5,00"]
    spbe_end = float(spbe.get("x")) + float(spbe.get("width"))
    assert float(pemdi.get("x")) == pytest.approx(spbe_end)  # they meet between 2025 and 2026


def test_trend_clamps_values():
    root = parse(trend_chart([(2023, D("6")), (2024, D("0.2"))], title="t"))
    ys = [float(p.get("cy")) for p in by_class(root, "point")]
    grid = [
        float(line.get("y1"))
        for line in root.iter(f"{SVG}line")
        if line.get("x1") != line.get("x2")
    ]
    assert min(ys) == pytest.approx(min(grid)) and max(ys) == pytest.approx(max(grid))


def test_trend_table_has_every_year_and_the_break():
    table = trend_table(
        [(2024, D("3.79"), "SPBE"), (2026, D("3.2"), "Pemdi")], breaks=[(2026, "SPBE → Pemdi")]
    )
    assert table.header == ["Tahun", "SPBE", "Pemdi", "Catatan"]
    assert table.rows == [
        ["2024", "3,79", "–", ""],
        ["2025", "–", "–", ""],
        ["2026", "–", "3,20", "SPBE → Pemdi"],
    ]


def test_trend_duplicate_year_is_an_error():
    with pytest.raises(ValueError):
        trend_chart([(2024, 1), (2024, 2)], title="t")


# --- bars -----------------------------------------------------------------------------


def test_bar_horizontal_counts_highlight_and_reference():
    items = [("Prov. Kaltim", D("3.79")), ("Kota Samarinda", D("3.1")), ("Kab. Paser", None)]
    root = parse(
        bar_chart(
            items, title="Indeks", highlight="Prov. Kaltim", reference=("Rata-rata nasional", 2.79)
        )
    )
    assert_accessible(root)
    assert len(by_class(root, "bar")) == 2  # no bar for a missing value
    assert len(by_class(root, "row")) == 3
    marked = by_class(root, "highlight")
    assert len(marked) == 1
    assert marked[0].find("svg:text", NS).get("font-weight") == "bold"
    assert "Rata-rata nasional: 2,79" in [
        t.text for t in by_class(root, "reference")[0].iter(f"{SVG}text")
    ]
    assert [el.text for el in by_class(root, "value")] == ["3,79", "3,10", "–"]


def test_bar_percent_clamps_to_max():
    items = [("A", 150), ("B", 50), ("C", -5)]
    root = parse(bar_chart(items, title="Kelengkapan", max_value=100, value_format="percent"))
    widths = [float(b.get("width")) for b in by_class(root, "bar")]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert widths[2] == 0
    assert [el.text for el in by_class(root, "value")] == ["150,0%", "50,0%", "-5,0%"]


def test_bar_vertical():
    items = [(f"Kab. {i}", i) for i in range(1, 13)]
    root = parse(bar_chart(items, title="t", horizontal=False, reference=("Rata-rata", 5)))
    assert len(by_class(root, "bar")) == 12
    assert len(by_class(root, "reference-line")) == 1
    assert bar_table(items, reference=("Rata-rata", 5)).rows[-1] == ["Rata-rata", "5,00"]


# --- stacked progress ----------------------------------------------------------------


def test_stacked_progress():
    parts = [
        ("Belum diisi", 8, "belum"),
        ("Draf", 10, "draf"),
        ("Diajukan", 0, "diajukan"),
        ("Perlu perbaikan", 2, "perbaikan"),
        ("Disetujui", 20, 'disetujui x"><script>'),
    ]
    svg = stacked_progress(parts, title="Kemajuan")
    root = parse(svg)
    assert_accessible(root)
    segs = by_class(root, "seg")
    assert len(segs) == 4  # an empty part has no segment, but stays in the legend
    assert sum(float(s.get("width")) for s in segs) == pytest.approx(478)
    assert "script" not in svg.replace("disetujui xscript", "")
    assert "Diajukan: 0 (0%)" in [t.text for t in by_class(root, "legend")[0].iter(f"{SVG}text")]
    assert progress_table(parts).rows[-1] == ["Jumlah", "40", "100,0%"]


# --- escaping, empty input -----------------------------------------------------------


@pytest.mark.parametrize(
    "render",
    [
        lambda: radar_chart([(EVIL, 1), ("b", 2), ("c", 3)], title=EVIL),
        lambda: radar_chart([("a", 1), ("b", 2), ("c", 3)], series=[(EVIL, [1, 2, 3])], title="t"),
        lambda: trend_chart([(2024, 1, EVIL)], breaks=[(2024, EVIL)], title=EVIL),
        lambda: trend_chart([(2023, 1), (2024, 2)], breaks=[(2024, EVIL)], title="t"),
        lambda: trend_chart([(2024, 3)], bands=[(EVIL, 1, 5)], title="t"),
        lambda: bar_chart([(EVIL, 1)], title=EVIL, reference=(EVIL, 1)),
        lambda: bar_chart([(EVIL, 1)], title="t", horizontal=False),
        lambda: stacked_progress([(EVIL, 1, EVIL)], title=EVIL),
    ],
)
def test_labels_are_escaped(render):
    svg = render()
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)  # still well-formed
    assert any("<script>" in (el.text or "") for el in root.iter())  # shown as text


def test_control_characters_do_not_break_the_xml():
    parse(bar_chart([("a\x00b\x1bc", 1)], title="x\x07"))


@pytest.mark.parametrize(
    "render",
    [
        lambda: radar_chart([], title="Domain"),
        lambda: radar_chart([("A", None), ("B", None), ("C", None)], title="Domain"),
        lambda: trend_chart([], title="Tren"),
        lambda: trend_chart([(2024, None)], title="Tren"),
        lambda: bar_chart([], title="Poin hilang"),
        lambda: stacked_progress([], title="Kemajuan"),
        lambda: stacked_progress([("Draf", 0, "draf")], title="Kemajuan"),
    ],
)
def test_empty_input_gives_a_placeholder(render):
    root = parse(render())
    assert_accessible(root)
    assert "chart-empty" in root.get("class")
    assert root.find("svg:desc", NS).text == "Belum ada data"
    assert [el.text for el in by_class(root, "empty")] == ["Belum ada data"]


# --- template tags -------------------------------------------------------------------


def render(source: str, **context) -> str:
    return Template("{% load charts %}" + source).render(Context(context))


def test_template_tags_render_figure_with_hidden_table():
    html = render(
        "{% radar_chart axes title=t %}{% trend_chart points title='Tren' bands=bands %}"
        "{% bar_chart items title='Poin' value_format=3 table='visible' %}"
        "{% stacked_progress parts title='Kemajuan' %}",
        axes=DOMAINS,
        t=EVIL,
        points=[(2023, D("2.91")), (2024, D("3.79"))],
        bands=SPBE_BANDS,
        items=[(EVIL, D("0.125"))],
        parts=[("Draf", 3, "draf"), ("Disetujui", 1, "disetujui")],
    )
    # the trend is drawn twice: wide, and compact for phones (charts.css shows one)
    assert html.count("<figure") == 4 and html.count("<svg") == 5
    assert html.count("chart-compact") == 1 and "chart-responsive" in html
    assert html.count('class="chart-table visually-hidden"') == 3
    assert html.count('class="chart-table"') == 1
    assert "<script>" not in html
    assert "0,125" in html and '<td class="num">3,79</td>' in html


def test_template_tag_without_table_and_empty_data():
    html = render("{% bar_chart items title='Kosong' table=False %}", items=[])
    assert "<table" not in html and "Belum ada data" in html
    assert "<table" not in render("{% trend_chart points title='Kosong' %}", points=[])


def test_id_number_filters():
    assert render("{{ v|id_number }}", v=D("3.785")) == "3,79"
    assert render("{{ v|id_number:0 }}", v=1234567) == "1.234.567"
    assert render("{{ v|id_percent }}", v=87.45) == "87,5%"
    assert render("{{ v|id_number }}", v=None) == "–"
    assert render("{{ v|id_number }}", v="bukan angka") == "bukan angka"


def test_level_filter_uses_the_frameworks_precision():
    class Fw:  # a Framework or a FrameworkSpec: anything with value_kind
        def __init__(self, kind):
            self.value_kind = kind

    spbe, pemdi = Fw("integer"), Fw("decimal")
    assert render("{{ v|level:fw }}", v=D("5.00"), fw=spbe) == "5"
    assert render("{{ v|level:fw }}", v=D("2.5"), fw=pemdi) == "2,50"
    assert render("{{ v|level:fw }}", v=D("3"), fw=pemdi) == "3,00"
    assert render("{{ v|level:'integer' }}", v=D("3.25")) == "3,25"  # never hides a fraction
    assert render("{{ v|level:fw }}", v=None, fw=spbe) == "–"
    assert render("{{ v|level }}", v=D("4")) == "4,00"


def test_radar_skips_a_missing_value_instead_of_drawing_zero():
    axes = [("A", D("3")), ("B", D("2")), ("C", None), ("D", D("4")), ("E", D("3"))]
    root = parse(radar_chart(axes, title="Aspek"))
    centre = by_class(root, "centre")[0]
    cx, cy = float(centre.get("cx")), float(centre.get("cy"))
    polygon = by_class(root, "series")[0]
    pts = [tuple(map(float, p.split(","))) for p in polygon.get("points").split()]
    assert len(pts) == 4  # C's vertex is skipped, not pulled to the centre
    assert all(p != pytest.approx((cx, cy)) for p in pts)
    outline = by_class(root, "outline")[0].get("d")
    assert outline.count("M") == 3  # D–E, E–A, A–B: nothing touches C's axis
    assert f"{centre.get('cx')} {centre.get('cy')}" not in outline
    assert len(by_class(root, "point")) == 4
    assert [el.text for el in by_class(root, "value")] == ["3,00", "2,00", "–", "4,00", "3,00"]
    assert "Tanpa nilai (tidak digambar): C." in root.find("svg:desc", NS).text
    # a complete series keeps one closed, stroked polygon
    full = parse(radar_chart(DOMAINS, title="Domain"))
    assert not by_class(full, "outline")
    assert by_class(full, "series")[0].get("stroke") != "none"


def test_compact_trend_fits_its_narrow_drawing():
    points = [
        (2023, D("2.91"), "Pemprov Kaltim · SPBE 59/2020"),
        (2024, D("3.79"), "Pemprov Kaltim · SPBE 59/2020"),
        (2025, D("4.13"), "Pemprov Kaltim · SPBE 59/2020 (belum terverifikasi)"),
        (2026, D("2.49"), "Pemprov Kaltim · Pemdi 8/2026 (sementara)"),
    ]
    breaks = [(2026, "SPBE 59/2020 → Pemdi 8/2026 (sementara) dengan label yang panjang")]
    bands = [(*band, 2023, 2025) for band in SPBE_BANDS]
    root = parse(trend_chart(points, title="Tren", bands=bands, breaks=breaks, compact=True))
    assert_accessible(root)
    width = float(root.get("viewBox").split()[2])
    assert width == 400 and "chart-compact" in root.get("class")
    texts = [el for el in root.iter(f"{SVG}text") if el.get("x") is not None]
    for el in texts:  # every label starts and (estimated) ends inside the drawing
        x, size = float(el.get("x")), float(el.get("font-size"))
        w = len(el.text or "") * size * 0.6
        start = {"start": x, "middle": x - w / 2, "end": x - w}[el.get("text-anchor", "start")]
        assert start >= -1 and start + w <= width + 1, el.text
    legend = by_class(root, "legend")[0]
    spans = [t.text for t in legend.iter(f"{SVG}tspan")]
    assert "".join(spans).replace(" ", "") == "PemprovKaltim·SPBE59/2020(belumterverifikasi)"
    # band names sit inside the plot, not in a right margin the phone cannot show
    assert all(float(el.get("x")) < width - 20 for el in by_class(root, "band-label"))
