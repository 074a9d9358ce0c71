"""Pages: render for each role, refuse outsiders, bounded queries, the conflict view."""

import pytest
from django.urls import reverse

from spbe.evaluations import services
from spbe.evaluations.models import Assessment, Cycle, StageValue
from spbe.frameworks.selectors import framework_get
from tests.evaluations.conftest import assessment_of, fill, set_stage_values
from tests.factories import make_unit


def _url(name, *args):
    return reverse(f"evaluations:{name}", args=args)


def test_cycle_list_and_detail_render(open_cycle, users, as_user):
    c = as_user(users["koordinator"])
    assert open_cycle.name in c.get(_url("cycle_list")).content.decode()
    page = c.get(_url("cycle_detail", open_cycle.pk)).content.decode()
    assert "Pindah tahap" in page and "Penilaian Dokumen" in page


def test_cycle_detail_shows_the_index_per_stage_and_moves(open_cycle, users, as_user):
    set_stage_values(open_cycle, "mandiri", {n: "4" for n in range(1, 48)})
    set_stage_values(open_cycle, "final", {n: "4" for n in range(1, 47)} | {47: "3"})
    page = as_user(users["pimpinan"]).get(_url("cycle_detail", open_cycle.pk)).content.decode()
    assert "4,00" in page and "Indikator yang berubah antar tahap" in page
    assert "47. " in page
    set_stage_values(open_cycle, "dokumen", {1: "2"})
    page = as_user(users["pimpinan"]).get(_url("cycle_detail", open_cycle.pk)).content.decode()
    assert "bukan indeks resmi" in page


def test_outsiders_get_404(open_cycle, users, as_user):
    c = as_user(users["other_koordinator"])
    assert c.get(_url("cycle_detail", open_cycle.pk)).status_code == 404
    assert c.get(_url("assessment_detail", open_cycle.pk, 1)).status_code == 404
    c = as_user(users["responden_flat"])
    assert c.get(_url("assessment_detail", open_cycle.pk, 1)).status_code == 404
    assert c.get(_url("assessment_detail", open_cycle.pk, 2)).status_code == 200


def test_read_only_roles_get_403_on_writes(open_cycle, users, as_user):
    c = as_user(users["pimpinan"])
    url = _url("assessment_detail", open_cycle.pk, 1)
    assert c.get(url).status_code == 200
    for action in ("self", "review", "decide", "stage", "assign", "comment"):
        response = c.post(url, {"action": action, "revision": 1, "body": "x"})
        assert response.status_code == 403, action
    assert c.post(_url("cycle_transition", open_cycle.pk), {"state": "dokumen"}).status_code == 403
    assert c.get(_url("cycle_assign", open_cycle.pk)).status_code == 403


def test_respondent_fills_in_through_the_page(open_cycle, users, as_user):
    c = as_user(users["responden"])
    url = _url("assessment_detail", open_cycle.pk, 1)
    page = c.get(url).content.decode()
    assert "Level 4" in page and "Bukti dukung umum" in page and "FAKTA" in page
    assert 'class="evidence-panel"' in page  # the evidence app's panel, included directly
    response = c.post(
        url,
        {
            "action": "self",
            "revision": 1,
            "value": "2",
            "fakta": "F",
            "analisis": "A",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    assert assessment_of(open_cycle, 1).status == "diajukan"
    page = c.get(url).content.decode()
    assert "Simpan draf" not in page  # no longer editable


def test_home_shows_my_tasks_to_respondents(open_cycle, users, as_user):
    page = as_user(users["responden"]).get(reverse("home")).content.decode()
    assert "Tugas saya" in page and "Kebijakan Arsitektur SPBE" in page
    page = as_user(users["pimpinan"]).get(reverse("home")).content.decode()
    assert "Tugas saya" not in page


def test_home_shows_the_stage_and_does_not_count_locked_drafts_as_to_do(open_cycle, users, as_user):
    fill(open_cycle, 1, users["responden"])  # a draft, never submitted
    home = reverse("home")
    page = as_user(users["responden"]).get(home).content.decode()
    assert "Evaluasi SPBE 2025: tahap Penilaian Mandiri" in page
    assert "2 indikator; 2 masih harus diisi" in page
    services.cycle_transition(
        actor=users["koordinator"], cycle=open_cycle, state=Cycle.State.DOKUMEN
    )
    page = as_user(users["responden"]).get(home).content.decode()
    assert "Evaluasi SPBE 2025: tahap Penilaian Dokumen" in page
    assert "2 indikator; 0 masih harus diisi" in page
    assert "2 draf tidak dapat diubah lagi" in page and ">terkunci</span>" in page


def test_stale_form_shows_both_versions_and_keeps_mine(open_cycle, users, as_user):
    koord = users["koordinator"]
    a = assessment_of(open_cycle, 1)
    services.assessment_save(
        actor=koord,
        assessment=a,
        revision=a.revision,
        value="2",
        fakta="Versi mereka",
        analisis="A",
    )
    c = as_user(users["responden"])
    response = c.post(
        _url("assessment_detail", open_cycle.pk, 1),
        {"action": "self", "revision": 1, "value": "5", "fakta": "Versi saya", "analisis": "B"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "sudah diubah oleh Rahmat" in page and "perubahan Anda tidak disimpan" in page
    assert "Versi mereka" in page and "Versi saya" in page
    assert StageValue.objects.get(assessment=a, stage="mandiri").fakta == "Versi mereka"


def test_review_return_and_comment_via_htmx(open_cycle, users, as_user):
    fill(open_cycle, 1, users["responden"], submit=True)
    a = assessment_of(open_cycle, 1)
    c = as_user(users["asesor"])
    url = _url("assessment_detail", open_cycle.pk, 1)
    response = c.post(
        url,
        {
            "action": "review",
            "revision": a.revision,
            "decision": "return",
            "note": "Tambahkan notulen.",
        },
    )
    assert response.status_code == 302
    assert assessment_of(open_cycle, 1).status == "perlu_perbaikan"
    response = c.post(
        url, {"action": "comment", "body": "@resp lihat catatan"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "@resp lihat catatan" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_coordinator_creates_a_cycle_and_assigns_in_bulk(shipped, world, users, as_user):
    c = as_user(users["koordinator"])
    assert c.get(_url("cycle_create")).status_code == 200
    response = c.post(
        _url("cycle_create"),
        {
            "instansi": world.province.pk,
            "framework": framework_get("spbe-59-2020").pk,
            "year": 2025,
            "kind": "evaluasi",
            "name": "Evaluasi 2025",
        },
    )
    cycle = Cycle.objects.get()
    assert response.status_code == 302 and cycle.assessments.count() == 47
    ids = list(cycle.assessments.filter(indicator__number__lte=3).values_list("pk", flat=True))
    response = c.post(
        _url("cycle_assign", cycle.pk), {"assessments": ids, "lead_unit": world.dinkes.pk}
    )
    assert response.status_code == 302
    assert cycle.assessments.filter(lead_unit=world.dinkes).count() == 3
    assert c.post(_url("cycle_transition", cycle.pk), {"state": "mandiri"}).status_code == 302
    cycle.refresh_from_db()
    assert cycle.state == "mandiri"


def test_coordinator_assigns_one_indicator_on_its_page(open_cycle, world, users, as_user):
    # The indicator page's own assign form (not the bulk page) once answered 500: the view
    # passed the instansi to the wrong argument.
    c = as_user(users["koordinator"])
    assessment = assessment_of(open_cycle, 1)
    response = c.post(
        _url("assessment_detail", open_cycle.pk, 1),
        {"action": "assign", "revision": assessment.revision, "lead_unit": world.dinkes.pk},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.lead_unit == world.dinkes


def test_notifications_page_and_nav_count(open_cycle, users, as_user):
    services.comment_add(
        actor=users["koordinator"], assessment=assessment_of(open_cycle, 1), body="@resp halo"
    )
    c = as_user(users["responden"])
    page = c.get(_url("notifications")).content.decode()
    assert "menyebut Anda" in page and "belum dibaca" in page
    c.post(_url("notifications"))
    assert "belum dibaca" not in c.get(_url("notifications")).content.decode()


def _grow(cycle, world, factor):
    """Assign every indicator across `factor` × 5 units, with values and a contributing unit."""
    units = [make_unit(instansi=world.province) for _ in range(5 * factor)]
    for i, a in enumerate(Assessment.objects.filter(cycle=cycle).order_by("pk")):
        a.lead_unit = units[i % len(units)]
        a.status = ["draf", "diajukan", "disetujui"][i % 3]
        a.save()
        a.contributing_units.set([units[(i + 1) % len(units)]])
    set_stage_values(cycle, "mandiri", {n: "3" for n in range(1, 48)})
    set_stage_values(cycle, "final", {n: "2" for n in range(1, 16 * factor)})


@pytest.mark.parametrize("name", ["cycle_matrix", "cycle_detail", "cycle_assign"])
def test_page_queries_do_not_grow_with_data(
    shipped, world, users, client, name, django_assert_max_num_queries
):
    counts = []
    for factor in (1, 3):
        cycle = services.cycle_create(
            actor=users["koordinator"],
            instansi=world.province,
            framework=framework_get("spbe-59-2020"),
            year=2020 + factor,
            kind="internal",
            name=f"Q{factor}",
        )
        _grow(cycle, world, factor)
        client.force_login(users["koordinator"])
        client.get(_url(name, cycle.pk))  # warm the engine spec cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(name, cycle.pk)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(30):
        client.get(_url(name, cycle.pk))


def test_indicator_page_queries_are_bounded(
    open_cycle, users, client, django_assert_max_num_queries
):
    for i in range(5):
        services.comment_add(
            actor=users["koordinator"],
            assessment=assessment_of(open_cycle, 1),
            body=f"komentar {i} @resp",
        )
    client.force_login(users["koordinator"])
    with django_assert_max_num_queries(30):
        assert client.get(_url("assessment_detail", open_cycle.pk, 1)).status_code == 200


def test_coordinator_decides_and_enters_stage_values_on_the_page(open_cycle, users, as_user):
    fill(open_cycle, 1, users["responden"], value="4", submit=True)
    c = as_user(users["koordinator"])
    url = _url("assessment_detail", open_cycle.pk, 1)
    revision = assessment_of(open_cycle, 1).revision
    response = c.post(
        url, {"action": "decide", "revision": revision, "source": "koordinator", "value": "2"}
    )
    assert response.status_code == 302
    revision = assessment_of(open_cycle, 1).revision
    response = c.post(
        url, {"action": "stage", "revision": revision, "stage": "dokumen", "value": "3"}
    )
    assert response.status_code == 302
    assert dict(
        StageValue.objects.filter(assessment__cycle=open_cycle).values_list("stage", "value")
    ) == {"mandiri": 2, "dokumen": 3}
    response = c.post(
        url, {"action": "stage", "revision": revision, "stage": "final", "value": "9"}
    )
    assert response.status_code == 400


def test_matrix_cells_stay_table_cells_with_the_badge_inside(open_cycle, users, as_user):
    """A td styled as a badge (inline-block) drifted out of its column: the badge is a span
    inside a plain cell, every row has one cell per indicator, the status stays readable."""
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.cells = [], []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th") and self.rows:
                self.rows[-1].append(attrs.get("class") or "")
            elif tag == "span" and "badge" in (attrs.get("class") or "") and self.rows:
                self.cells.append(attrs["class"])

    fill(open_cycle, 1, users["responden"], submit=True)
    page = as_user(users["koordinator"]).get(_url("cycle_matrix", open_cycle.pk)).content.decode()
    parser = Rows()
    parser.feed(page)
    header, *body = parser.rows
    assert body and all(len(row) == len(header) for row in body)
    assert all("badge" not in cls for row in body for cls in row)
    assert any(cls == "cell" for row in body for cls in row)
    assert "badge st-submitted" in parser.cells
    assert '<span class="visually-hidden"> Diajukan</span>' in page


def _cycle_links(cycle):
    everyone = {
        reverse("evaluations:cycle_matrix", args=[cycle.pk]),
        reverse("reports:dashboard", args=[cycle.pk]),
        reverse("reports:points_lost", args=[cycle.pk]),
        reverse("reports:stages", args=[cycle.pk]),
        reverse("planning:planner", args=[cycle.pk]),
        reverse("planning:plan", args=[cycle.pk]),
    }
    coordinator = {
        reverse("evaluations:cycle_assign", args=[cycle.pk]),
        reverse("official:import", args=[cycle.pk]),
        reverse("official:history", args=[cycle.instansi_id]),
        reverse("audit:event_list", args=[cycle.instansi_id]),
    }
    return everyone, coordinator


def test_cycle_page_links_to_the_cycle_pages_each_user_may_use(open_cycle, users, as_user):
    everyone, coordinator = _cycle_links(open_cycle)
    c = as_user(users["koordinator"])
    page = c.get(_url("cycle_detail", open_cycle.pk)).content.decode()
    for link in everyone | coordinator:
        assert f'href="{link}"' in page, link
        assert c.get(link).status_code == 200, link
    # A respondent limited to their unit does not see instansi-wide figures
    # (docs/permissions.md): those pages are neither linked nor reachable for them.
    whole_instansi = {
        reverse("reports:dashboard", args=[open_cycle.pk]),
        reverse("reports:points_lost", args=[open_cycle.pk]),
        reverse("reports:stages", args=[open_cycle.pk]),
        reverse("planning:planner", args=[open_cycle.pk]),
    }
    for who in ("responden", "asesor", "pimpinan"):
        c = as_user(users[who])
        page = c.get(_url("cycle_detail", open_cycle.pk)).content.decode()
        hidden = whole_instansi if who == "responden" else set()
        for link in everyone - hidden:
            assert f'href="{link}"' in page, (who, link)
            assert c.get(link).status_code == 200, (who, link)
        for link in hidden:
            assert f'href="{link}"' not in page, (who, link)
            assert c.get(link).status_code == 404, (who, link)
        for link in coordinator:
            assert f'href="{link}"' not in page, (who, link)
            assert c.get(link).status_code in (403, 404), (who, link)


@pytest.mark.parametrize(
    "name, legend, choice",
    [
        ("cycle_assign", "Indikator *</legend>", 'name="assessments"'),
        ("cycle_create", "Yang disalin</legend>", 'name="copy_parts"'),
    ],
)
def test_checkbox_groups_are_labelled_before_their_list(
    open_cycle, users, as_user, name, legend, choice
):
    args = [open_cycle.pk] if name == "cycle_assign" else []
    page = as_user(users["koordinator"]).get(_url(name, *args)).content.decode()
    assert legend in page and page.index(legend) < page.index(choice)
