"""Every table a user sees exports to CSV and XLSX from its page and the API, checked like
the page, with numbers as numbers."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from spbe.accounts.services import token_create
from spbe.planning import services as planning
from spbe.reports.selectors.dashboard import cycle_figures
from spbe.reports.selectors.gaps import PointsLostFilter, points_lost_table

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


def _xlsx(response) -> list[tuple]:
    book = load_workbook(io.BytesIO(response.content))
    return list(book.worksheets[0].iter_rows(values_only=True))


def _token(user):
    return {"HTTP_AUTHORIZATION": f"Token {token_create(user=user, name='uji', actor=user)[1]}"}


def test_points_lost_export_equals_the_page(login, dash):
    cycle = dash.cycle_2024
    client = login(dash.world.users["koordinator"])
    _f, expected = points_lost_table(cycle_figures(cycle), PointsLostFilter())
    rows = _xlsx(client.get(f"/laporan/siklus/{cycle.pk}/poin-hilang.xlsx"))
    assert rows[0][0] == "Kode" and len(rows) == 1 + len(expected)
    header = list(rows[0])
    first = dict(zip(header, rows[1], strict=True))
    assert first["Kode"] == expected[0].row.code
    # the exact engine figure, as a number cell (XLSX holds it as a float)
    assert abs(Decimal(str(first["Poin hilang"])) - expected[0].points) < Decimal("1e-9")
    assert isinstance(first["Bobot (persen)"], float | int)
    lines = _csv(client.get(f"/laporan/siklus/{cycle.pk}/poin-hilang.csv?tahap=final"))
    assert len(lines) == 1 + len(points_lost_table(
        cycle_figures(cycle), PointsLostFilter(stage="final"))[1])  # fmt: skip
    # the page's rule: a unit-limited respondent does not see instansi-wide figures
    client = login(dash.world.users["responden_flat"])
    assert client.get(f"/laporan/siklus/{cycle.pk}/poin-hilang.csv").status_code == 404
    assert client.get(f"/laporan/siklus/{cycle.pk}/poin-hilang.pdf").status_code == 404


def test_indicator_table_export_is_scoped_like_the_page(login, dash):
    cycle = dash.cycle_2024
    client = login(dash.world.users["koordinator"])
    lines = _csv(client.get(f"/evaluasi/{cycle.pk}/indikator.csv"))
    assert lines[0][:3] == ["Nomor", "Kode", "Indikator"] and len(lines) == 48
    client = login(dash.world.users["responden_flat"])
    lines = _csv(client.get(f"/evaluasi/{cycle.pk}/indikator.csv"))
    assert 1 < len(lines) < 48  # only the indicators of their unit


def test_unit_ranking_and_members_exports(login, dash):
    cycle = dash.cycle_2024
    users = dash.world.users
    client = login(users["koordinator"])
    rows = _xlsx(client.get(f"/laporan/siklus/{cycle.pk}/unit.xlsx"))
    assert rows[0][:2] == ("Peringkat", "Unit") and rows[1][0] == 1
    completions = [r[4] for r in rows[1:]]
    assert completions == sorted(completions, reverse=True)
    lines = _csv(client.get(f"/organisasi/{dash.world.province.pk}/pengguna.csv"))
    assert lines[0][0] == "Nama pengguna" and "koord" in {line[0] for line in lines}
    client = login(users["responden"])
    assert client.get(f"/organisasi/{dash.world.province.pk}/pengguna.csv").status_code == 403


def test_action_items_export_and_api(login, client, dash):
    cycle = dash.cycle_2024
    koord = dash.world.users["koordinator"]
    indicator = cycle.framework.indicators.get(number=9)
    planning.action_item_create(
        actor=koord,
        cycle=cycle,
        indicator=indicator,
        target_value=Decimal("3"),
        description="=Susun Perda",
        owner_unit=dash.world.setda,
        budget_estimate=Decimal("15000000"),
    )
    rows = _xlsx(login(koord).get(f"/rencana/siklus/{cycle.pk}/aksi.xlsx"))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Uraian"] == "=Susun Perda" and record["Anggaran (Rp)"] == 15000000
    auth = _token(koord)
    api = client.get(f"/api/cycles/{cycle.pk}/action-items/export/?fmt=xlsx", **auth)
    assert api.status_code == 200 and _xlsx(api)[1][2] == "=Susun Perda"
    lines = _csv(client.get(f"/api/cycles/{cycle.pk}/action-items/export/", **auth))
    assert lines[1][2] == "'=Susun Perda"  # a CSV cell is never a formula
    assert (
        client.get(f"/api/cycles/{cycle.pk}/action-items/export/?fmt=pdf", **auth).status_code
        == 400
    )


def test_api_exports_follow_the_page_rules(client, dash):
    cycle, users = dash.cycle_2024, dash.world.users
    koord, resp = _token(users["koordinator"]), _token(users["responden_flat"])
    for url in (
        f"/api/cycles/{cycle.pk}/assessments/export/",
        f"/api/cycles/{cycle.pk}/points-lost/export/?tahap=final",
        f"/api/cycles/{cycle.pk}/unit-ranking/export/",
        f"/api/users/export/?instansi={dash.world.province.pk}",
        f"/api/audit-events/export/?instansi={dash.world.province.pk}&fmt=xlsx",
    ):
        assert client.get(url, **koord).status_code == 200, url
    assert client.get(f"/api/cycles/{cycle.pk}/points-lost/export/", **resp).status_code == 404
    assert (
        client.get(f"/api/users/export/?instansi={dash.world.province.pk}", **resp).status_code
        == 403
    )
