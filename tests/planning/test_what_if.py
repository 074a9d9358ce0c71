"""What-if: the engine's answer for changed levels, nothing saved."""

from decimal import Decimal

from django.urls import reverse

from spbe.core.numbers import fmt_id
from spbe.evaluations.models import StageValue
from spbe.frameworks.selectors import framework_engine_spec
from spbe.scoring import score
from tests.reports.fixtures import FINAL_2023, by_number


def test_what_if_fragment_updates_index_without_saving(dash, login):
    client = login(dash.world.users["pimpinan"])  # read-only roles may simulate
    url = reverse("planning:what_if_result", args=[dash.cycle_2023.pk])
    values = {f"v_{k}": v for k, v in by_number(FINAL_2023).items()}
    values.update({"v_18": "5", "v_29": "4", "tahap": "final"})
    before = StageValue.objects.count()
    resp = client.post(url, values, headers={"HX-Request": "true"})
    assert resp.status_code == 200
    html = resp.content.decode()
    spec = framework_engine_spec(dash.cycle_2023.framework)
    expected = score(
        spec,
        {str(k): v for k, v in (by_number(FINAL_2023) | {18: "5", 29: "4"}).items()},
        predikat_basis="rounded",
    )
    assert f'id="whatif-index">{fmt_id(expected.index)}<' in html
    assert expected.index > Decimal("2.91")
    assert "2 indikator diubah" in html
    for group in expected.domains.values():
        assert fmt_id(group.value) in html
    assert "<html" not in html
    assert StageValue.objects.count() == before


def test_what_if_rejects_values_outside_the_framework(dash, login):
    client = login(dash.world.users["koordinator"])
    url = reverse("planning:what_if_result", args=[dash.cycle_2023.pk])
    html = client.post(url, {"v_1": "9", "tahap": "final"}).content.decode()
    assert 'role="alert"' in html


def test_what_if_page_404_for_outsiders(dash, login):
    client = login(dash.world.users["other_koordinator"])
    assert client.get(reverse("planning:what_if", args=[dash.cycle_2023.pk])).status_code == 404
    url = reverse("planning:what_if_result", args=[dash.cycle_2023.pk])
    assert client.post(url, {"v_1": "3"}).status_code == 404


def _pemdi(dash, values):
    from tests.reports.fixtures import make_pemdi_cycle

    return make_pemdi_cycle(instansi=dash.world.province, values=values)


def _cells(html, table_id):
    import re

    table = html[html.index(f'id="{table_id}"') :]
    table = table[: table.index("</table>")]
    return re.findall(
        r'data-group="([^"]+)"><td>[^<]*</td><td class="num">([^<]*)</td>'
        r'<td class="num">([^<]*)</td><td class="num">([^<]*)</td>',
        table,
    )


def _number(text):
    return Decimal(text.replace("+", "").replace(",", ".")) if text else Decimal(0)


def test_what_if_difference_is_between_the_published_figures_shown(dash, login):
    values = {n: "3.00" for n in range(1, 21)}
    values.update({1: "2.75", 2: "2.00"})  # aspect 1: exact 2.375, published 2.38
    cycle = _pemdi(dash, values)
    client = login(dash.world.users["koordinator"])
    url = reverse("planning:what_if_result", args=[cycle.pk])
    html = client.post(url, {"v_1": "5", "tahap": "mandiri"}).content.decode()
    rows = {
        code: (before, after, delta)
        for code, before, after, delta in _cells(html, "whatif-aspects")
    }
    # exact 3.5 − 2.375 = 1.125 would publish as 1,13; the reader sees 3,50 and 2,38 side by
    # side, so the difference is theirs: 1,12
    assert rows["1"] == ("2,38", "3,50", "+1,12")
    for before, after, delta in rows.values():
        assert _number(after) - _number(before) == _number(delta)
    # Pemdi has aspects only: no empty "Domain" table
    assert 'id="whatif-domains"' not in html and "<th>Domain</th>" not in html


def test_what_if_messages_and_bounds_are_in_indonesian_number_style(dash, login):
    cycle = _pemdi(dash, None)
    client = login(dash.world.users["koordinator"])
    page = client.get(reverse("planning:what_if", args=[cycle.pk])).content.decode()
    assert 'min="1" max="5"' in page and "5.00" not in page
    url = reverse("planning:what_if_result", args=[cycle.pk])
    html = client.post(url, {"v_1": "6", "tahap": "mandiri"}).content.decode()
    assert "Nilai indikator 1.1 harus di antara 1,00 dan 5,00" in html
    html = client.post(url, {"v_1": "2,555", "tahap": "mandiri"}).content.decode()
    assert "paling banyak 2 angka desimal" in html
