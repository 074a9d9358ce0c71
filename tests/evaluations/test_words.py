"""Words and widgets that read right: people by their full names, a long list of units as a
searchable checklist (server-rendered checkboxes; app.js adds the search box)."""

import re

from django.urls import reverse

from tests.factories import make_unit


def _assign_form(client, cycle, user):
    client.force_login(user)
    url = reverse("evaluations:assessment_detail", kwargs={"pk": cycle.pk, "number": 1})
    return client.get(url).content.decode()


def test_the_reviewer_dropdown_shows_full_names(open_cycle, users, world, client):
    users["asesor"].first_name, users["asesor"].last_name = "Siti", "Aminah"
    users["asesor"].save()
    html = _assign_form(client, open_cycle, users["koordinator"])
    select = re.search(r'<select name="reviewer".*?</select>', html, re.S).group(0)
    assert ">Siti Aminah (asesor)</option>" in select
    assert ">Rahmat (koord)</option>" in select


def test_many_contributing_units_are_a_searchable_checklist(open_cycle, users, world, client):
    for n in range(12):
        make_unit(instansi=world.province, name=f"Dinas Uji {n:02d}")
    html = _assign_form(client, open_cycle, users["koordinator"])
    assert 'name="contributing_units" multiple' not in html  # no Ctrl-click multi-select
    assert html.count('type="checkbox" name="contributing_units"') >= 16
    assert "data-filter-list" in html and "Ketik untuk mencari" in html
