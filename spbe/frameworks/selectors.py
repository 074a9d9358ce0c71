"""Reads for frameworks. Any logged-in user may read frameworks, so nothing here is scoped.

`framework_spec_dict` is the contract with the scoring engine: `spbe.scoring` builds its
`FrameworkSpec.from_dict(d)` from exactly this shape (docs/framework-format.md, section
"Bentuk spesifikasi untuk mesin skor").
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from spbe.frameworks.models import Framework, FrameworkGroup, Indicator, IndicatorMapping
from spbe.scoring import FrameworkSpec


def framework_list() -> QuerySet[Framework]:
    """Every loaded framework version, newest version first within a code.

    Annotated with `indicator_count` and `weight_sum` for list pages and `spbe framework list`.
    """
    return Framework.objects.annotate(
        indicator_count=Count("indicators"), weight_sum=Sum("indicators__weight")
    ).order_by("code", "-version")


def framework_get(code: str, version: int | None = None) -> Framework:
    """One framework version by code; the latest loaded version when `version` is None.

    Raises Framework.DoesNotExist when nothing matches.
    """
    frameworks = Framework.objects.filter(code=code)
    if version is not None:
        return frameworks.get(version=version)
    framework = frameworks.order_by("-version").first()
    if framework is None:
        raise Framework.DoesNotExist(f"kerangka '{code}' belum dimuat")
    return framework


def framework_get_or_404(code: str, version: int | None = None) -> Framework:
    try:
        return framework_get(code, version)
    except Framework.DoesNotExist as exc:
        raise Http404(str(exc)) from exc


def framework_groups(framework: Framework) -> QuerySet[FrameworkGroup]:
    """Domains then aspects, each in file order, parents joined."""
    return (
        FrameworkGroup.objects.filter(framework=framework)
        .select_related("parent")
        .order_by("-kind", "order")  # "domain" sorts after "aspect"; domains first
    )


def framework_indicators(framework: Framework) -> QuerySet[Indicator]:
    """Indicators in file order with their aspect and domain loaded in the same query."""
    return (
        Indicator.objects.filter(framework=framework)
        .select_related("aspect", "aspect__parent")
        .order_by("order")
    )


def indicator_get(framework: Framework, code: str) -> Indicator:
    """One indicator by its display code ("12", "4.2"); Http404 when unknown."""
    try:
        return Indicator.objects.select_related("framework", "aspect", "aspect__parent").get(
            framework=framework, code=code
        )
    except Indicator.DoesNotExist as exc:
        raise Http404(f"indikator {code} tidak ada") from exc


def indicator_ladder(indicator: Indicator) -> list[dict]:
    """Each level of the indicator with its ladder name: what the indicator page lists."""
    framework = indicator.framework
    names = framework.ladders.get(indicator.ladder, {}).get("levels", {})
    kinds = framework.evidence_kinds
    return [
        {
            **level,
            "name": names.get(str(level["level"]), {}).get("name", ""),
            "evidence": [
                {**ev, "kind_name": kinds.get(ev["kind"], ev["kind"])} for ev in level["evidence"]
            ],
        }
        for level in indicator.levels
    ]


def indicator_mappings(indicator: Indicator) -> list[dict]:
    """Indicators of other frameworks linked to this one, in either direction."""
    related = ("source__framework", "target__framework")
    outgoing = IndicatorMapping.objects.filter(source=indicator).select_related(*related)
    incoming = IndicatorMapping.objects.filter(target=indicator).select_related(*related)
    return [
        *({"indicator": m.target, "mapping": m, "direction": "out"} for m in outgoing),
        *({"indicator": m.source, "mapping": m, "direction": "in"} for m in incoming),
    ]


def framework_spec_dict(framework: Framework) -> dict:
    """The framework as a plain dict for the scoring engine; decimals stay strings.

    Shape (see docs/framework-format.md):
    {urn, code, version, value_kind, value_min, value_max, predikat_basis,
     predikat_basis_by_year: {year(int): "exact"|"rounded"}, band_boundary,
     bands: [{name, name_en, min, max}], domains: [{code, name, weight}],
     aspects: [{code, name, domain, weight}],
     indicators: [{number, code, aspect, weight, source, external_index}],
     external_indices: {code: {name, agency, scale_min, scale_max, missing_value, conversion}}}
    """
    groups = list(framework_groups(framework))
    return {
        "urn": framework.urn,
        "code": framework.code,
        "version": framework.version,
        "value_kind": framework.value_kind,
        "value_min": _two_places(framework.value_min),
        "value_max": _two_places(framework.value_max),
        "predikat_basis": framework.predikat_basis,
        "predikat_basis_by_year": {
            int(year): basis for year, basis in framework.predikat_basis_by_year.items()
        },
        "band_boundary": framework.band_boundary,
        "bands": [dict(band) for band in framework.bands],
        "domains": _domain_dicts(groups),
        "aspects": _aspect_dicts(groups),
        "indicators": _indicator_dicts(framework_indicators(framework)),
        "external_indices": dict(framework.external_indices),
    }


# Framework versions are immutable once loaded (same URN+version = same content), so a spec
# built once per process per content hash is always right.
_ENGINE_SPECS: dict[tuple[int, str], FrameworkSpec] = {}


def framework_engine_spec(framework: Framework) -> FrameworkSpec:
    """The scoring engine's spec of a loaded framework; indicators keyed by number ("13").

    Every page, report, API response and command that shows an index builds it here.
    """
    key = (framework.pk, framework.content_sha256)
    spec = _ENGINE_SPECS.get(key)
    if spec is None:
        spec = _ENGINE_SPECS[key] = FrameworkSpec.from_dict(framework_spec_dict(framework))
    return spec


def _two_places(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def _domain_dicts(groups: Iterable[FrameworkGroup]) -> list[dict]:
    return [
        {"code": g.code, "name": g.name, "weight": _two_places(g.weight)}
        for g in groups
        if g.kind == FrameworkGroup.Kind.DOMAIN
    ]


def _aspect_dicts(groups: Iterable[FrameworkGroup]) -> list[dict]:
    return [
        {
            "code": g.code,
            "name": g.name,
            "domain": g.parent.code if g.parent else None,
            "weight": _two_places(g.weight),
        }
        for g in groups
        if g.kind == FrameworkGroup.Kind.ASPECT
    ]


def _indicator_dicts(indicators: Iterable[Indicator]) -> list[dict]:
    return [
        {
            "number": i.number,
            "code": i.code,
            "aspect": i.aspect.code,
            "weight": _two_places(i.weight),
            "source": i.source,
            "external_index": i.external_index or None,
        }
        for i in indicators
    ]


def indicator_names(ids) -> dict[int, str]:
    """{indicator id: "code. short name"} for the given ids, in one query (audit trail)."""
    return {
        pk: f"{code}. {short or name}"
        for pk, code, short, name in Indicator.objects.filter(pk__in=ids).values_list(
            "pk", "code", "short_name", "name"
        )
    }
