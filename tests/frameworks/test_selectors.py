"""Reads: latest version by default, ordered indicators in one query, the engine's dict."""

import json

import pytest

from spbe.frameworks.models import Framework
from spbe.frameworks.selectors import framework_get, framework_indicators, framework_spec_dict
from spbe.frameworks.services import framework_load

pytestmark = pytest.mark.django_db


def test_framework_get_returns_latest_version_by_default(shipped, spbe_data, write_yaml):
    spbe_data["version"] = 2
    framework_load(path=write_yaml(spbe_data))
    assert framework_get("spbe-59-2020").version == 2
    assert framework_get("spbe-59-2020", version=1).version == 1
    with pytest.raises(Framework.DoesNotExist):
        framework_get("tidak-ada")


def test_framework_indicators_ordered_with_aspect_and_domain_in_one_query(
    shipped, django_assert_num_queries
):
    spbe = framework_get("spbe-59-2020")
    with django_assert_num_queries(1):
        rows = [(i.number, i.aspect.code, i.aspect.parent.code) for i in framework_indicators(spbe)]
    assert [r[0] for r in rows] == list(range(1, 48))
    assert rows[10] == (11, "A2", "D2")


def test_spec_dict_shape_for_the_scoring_engine(shipped):
    spec = framework_spec_dict(framework_get("spbe-59-2020"))
    assert set(spec) == {
        "urn",
        "code",
        "version",
        "value_kind",
        "value_min",
        "value_max",
        "predikat_basis",
        "predikat_basis_by_year",
        "band_boundary",
        "bands",
        "domains",
        "aspects",
        "indicators",
        "external_indices",
    }
    assert spec["predikat_basis_by_year"] == {2023: "rounded"}
    assert spec["value_min"] == "1.00"
    assert spec["bands"][0] == {"name": "Kurang", "name_en": "Poor", "min": "1.00", "max": "1.80"}
    assert spec["domains"][2] == {"code": "D3", "name": "Manajemen SPBE", "weight": "16.50"}
    assert spec["aspects"][0]["domain"] == "D1"
    assert spec["indicators"][31] == {
        "number": 32,
        "code": "32",
        "aspect": "A7",
        "weight": "2.75",
        "source": "evidence",
        "external_index": None,
    }
    json.dumps(spec)  # plain data only: no Decimal, no model instance


def test_spec_dict_for_pemdi_has_no_domains(shipped):
    spec = framework_spec_dict(framework_get("pemdi-8-2026"))
    assert spec["domains"] == []
    assert spec["aspects"][0] == {
        "code": "1",
        "name": "Tata Kelola dan Manajemen",
        "domain": None,
        "weight": "10.00",
    }
    assert spec["indicators"][4]["external_index"] == "sdi"


def test_engine_spec_is_built_once_and_scores_the_shipped_framework(
    shipped, django_assert_num_queries
):
    from decimal import Decimal

    from spbe.frameworks.selectors import framework_engine_spec
    from spbe.scoring import score

    framework = framework_get("spbe-59-2020")
    spec = framework_engine_spec(framework)
    with django_assert_num_queries(0):
        assert framework_engine_spec(framework) is spec
    result = score(spec, {str(n): 3 for n in range(1, 48)})
    assert result.index == Decimal("3.00")
    assert result.complete
