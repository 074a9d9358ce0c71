"""The shipped frameworks hold what the regulation (and the Pemdi sources) say."""

from decimal import Decimal

import pytest

from spbe.frameworks.models import Framework, FrameworkGroup, Indicator, IndicatorMapping

pytestmark = pytest.mark.django_db


def weights(queryset) -> Decimal:
    return sum((row.weight for row in queryset), Decimal(0))


def test_spbe_structure_and_weights(shipped):
    spbe = Framework.objects.get(code="spbe-59-2020")
    indicators = Indicator.objects.filter(framework=spbe)
    assert indicators.count() == 47
    assert weights(indicators) == Decimal("100.00")
    aspects = FrameworkGroup.objects.filter(framework=spbe, kind="aspect")
    domains = FrameworkGroup.objects.filter(framework=spbe, kind="domain")
    assert aspects.count() == 8
    assert domains.count() == 4
    assert {d.code: d.weight for d in domains} == {
        "D1": Decimal("13.00"),
        "D2": Decimal("25.00"),
        "D3": Decimal("16.50"),
        "D4": Decimal("45.50"),
    }
    assert indicators.get(number=32).weight == Decimal("2.75")
    assert indicators.get(number=47).weight == Decimal("3.00")
    for aspect in aspects:
        assert weights(aspect.indicators.all()) == aspect.weight


def test_spbe_every_indicator_has_five_levels_with_criteria_and_evidence(shipped):
    for ind in Indicator.objects.filter(framework__code="spbe-59-2020"):
        assert [lv["level"] for lv in ind.levels] == [1, 2, 3, 4, 5], ind.number
        for level in ind.levels:
            assert level["criteria"].strip(), (ind.number, level["level"])
            assert level["evidence"], (ind.number, level["level"])
            assert all(ev["text"].strip() and ev["kind"] for ev in level["evidence"])


def test_spbe_ladders_subject_chosen_and_rules(shipped):
    spbe = Framework.objects.get(code="spbe-59-2020")
    ladders = dict(Indicator.objects.filter(framework=spbe).values_list("number", "ladder"))
    assert {ladders[n] for n in range(1, 32)} == {"proses"}
    assert {ladders[n] for n in range(32, 48)} == {"layanan"}
    chosen = Indicator.objects.filter(framework=spbe, subject_chosen=True)
    assert sorted(chosen.values_list("number", flat=True)) == [45, 46, 47]
    assert spbe.ladders["proses"]["levels"]["4"]["name"] == "Terpadu dan Terukur"
    assert spbe.predikat_basis == "exact"
    assert spbe.predikat_basis_by_year == {"2023": "rounded"}
    assert [b["min"] for b in spbe.bands] == ["1.00", "1.80", "2.60", "3.50", "4.20"]
    assert {r["kind"]: r["max_age_months"] for r in spbe.evidence_rules} == {
        "reviu": 24,
        "audit": 24,
    }
    kinds = {
        ev["kind"]
        for i in Indicator.objects.filter(framework=spbe)
        for lv in i.levels
        for ev in lv["evidence"]
    }
    assert {"reviu", "audit"} <= kinds
    assert (spbe.status, spbe.criteria_status, spbe.value_kind) == (
        "official",
        "verified",
        "integer",
    )


def test_pemdi_structure(shipped):
    pemdi = Framework.objects.get(code="pemdi-8-2026")
    indicators = Indicator.objects.filter(framework=pemdi)
    assert indicators.count() == 20
    assert weights(indicators) == Decimal("100.00")
    assert FrameworkGroup.objects.filter(framework=pemdi, kind="aspect").count() == 7
    assert not FrameworkGroup.objects.filter(framework=pemdi, kind="domain").exists()
    assert (pemdi.status, pemdi.criteria_status, pemdi.value_kind) == (
        "provisional",
        "unverified",
        "decimal",
    )
    external = indicators.filter(source="external").values_list("number", flat=True)
    assert sorted(external) == [5, 6, 7, 18]
    assert indicators.get(number=11).code == "4.3"
    assert indicators.get(number=20).weight == Decimal("15.00")
    assert [lv["name"] for lv in pemdi.ladders["pemdi"]["levels"].values()] == [
        "Merintis",
        "Membangun",
        "Berkembang",
        "Melembaga",
        "Unggul",
    ]
    assert pemdi.external_indices["sdi"]["missing_value"] == "1.00"


def test_mapping_is_practitioner_and_low_confidence(shipped):
    links = IndicatorMapping.objects.select_related("source", "target")
    assert {m.kind for m in links} == {"practitioner"}
    assert all("keyakinan rendah" in m.note for m in links)
    pairs = {(m.source.number, m.target.code) for m in links}
    assert (11, "1.1") in pairs
    assert (42, "7.2") in pairs
