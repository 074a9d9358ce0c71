"""Framework pages: read-only, for any logged-in user. Logic lives in selectors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from spbe.frameworks import selectors


@login_required
def framework_list(request):
    return render(request, "frameworks/list.html", {"frameworks": selectors.framework_list()})


@login_required
def framework_detail(request, code: str, version: int):
    framework = selectors.framework_get_or_404(code, version)
    indicators = list(selectors.framework_indicators(framework))
    groups = list(selectors.framework_groups(framework))
    context = {
        "framework": framework,
        "domains": [g for g in groups if g.kind == g.Kind.DOMAIN],
        "aspects": [g for g in groups if g.kind == g.Kind.ASPECT],
        "indicators": indicators,
    }
    return render(request, "frameworks/detail.html", context)


@login_required
def indicator_detail(request, code: str, version: int, indicator: str):
    framework = selectors.framework_get_or_404(code, version)
    item = selectors.indicator_get(framework, indicator)
    context = {
        "framework": framework,
        "indicator": item,
        "ladder_name": framework.ladders.get(item.ladder, {}).get("name", item.ladder),
        "levels": selectors.indicator_ladder(item),
        "evidence_kinds": framework.evidence_kinds,
        "mappings": selectors.indicator_mappings(item),
    }
    return render(request, "frameworks/indicator.html", context)
