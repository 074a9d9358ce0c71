"""Reads on the inventory, always scoped by the one rule: a respondent sees the items of
their own units, whoever sees the whole instansi sees all of them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from spbe.inventory import matching
from spbe.inventory.domains import DOMAINS, Domain
from spbe.inventory.models import Application, DuplicateDecision, Infrastructure
from spbe.organizations.models import Instansi, Unit
from spbe.organizations.permissions import scope_for

PAIRS_CACHE_SECONDS = 3600
AUDIT_MAX_AGE_YEARS = 2  # "audit keamanan dalam dua tahun terakhir" (the framework's rule)


def _scoped(user, domain: Domain, instansi: Instansi) -> QuerySet:
    scope = scope_for(user)
    if not scope.sees_instansi(instansi.pk):
        raise Http404
    qs = domain.model.objects.filter(instansi=instansi)
    if not scope.sees_whole_instansi(instansi.pk):
        qs = qs.filter(owner_unit_id__in=scope.unit_ids)
    return qs


def item_list(
    *, user, domain: Domain, instansi: Instansi, unit: Unit | None = None, query: str = ""
) -> QuerySet:
    """The items of one domain the user sees, optionally of one owner unit or matching a name."""
    qs = _scoped(user, domain, instansi).select_related("owner_unit")
    if unit is not None:
        qs = qs.filter(owner_unit=unit)
    if query:
        qs = qs.filter(name__icontains=query)
    return qs.order_by("name", "pk")


def item_get(*, user, domain: Domain, instansi: Instansi, pk: int):
    """One item the user sees, else 404."""
    qs = _scoped(user, domain, instansi).select_related("owner_unit", "updated_by")
    m2m = [f.name for f in domain.model._meta.many_to_many]
    item = qs.prefetch_related(*m2m).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def applications_for_matching(instansi: Instansi) -> list[Application]:
    """Every application of the instansi (matching looks across units, whoever asks)."""
    return list(
        Application.objects.filter(instansi=instansi).select_related("owner_unit").order_by("pk")
    )


def app_record(app: Application) -> matching.AppRecord:
    return matching.AppRecord(
        key=app.pk,
        name=app.name,
        function=app.function,
        media=app.get_media_display(),
        unit=str(app.owner_unit) if app.owner_unit_id else "",
    )


def instansi_place_words(instansi: Instansi) -> frozenset[str]:
    return matching.place_words(instansi.name, instansi.short_name)


@dataclass
class DuplicatePair:
    a: Application
    b: Application
    score: int
    reasons: str
    decision: DuplicateDecision | None = None


def _scored_pairs(instansi: Instansi, apps: list[Application], min_score: int) -> list[tuple]:
    """(a pk, b pk, score, reasons) of the candidate pairs, cached until an application of the
    instansi is added, changed or removed (the fingerprint: count and latest change), since
    matching a few hundred applications takes a second."""
    latest = max((a.updated_at for a in apps), default=None)
    key = f"inventory-pairs:{instansi.pk}:{len(apps)}:{latest and latest.isoformat()}:{min_score}"
    cached = cache.get(key)
    if cached is None:
        found = matching.candidates(
            [app_record(a) for a in apps], min_score=min_score, place=instansi_place_words(instansi)
        )
        cached = [(c.a.key, c.b.key, c.score, c.reasons) for c in found]
        cache.set(key, cached, PAIRS_CACHE_SECONDS)
    return cached


def duplicate_pairs(
    *, instansi: Instansi, min_score: int = matching.MIN_SCORE, include_decided: bool = True
) -> list[DuplicatePair]:
    """Candidate pairs of the instansi's applications, best first, with their decision.
    Two queries (applications, decisions) whatever the number of pairs."""
    apps = applications_for_matching(instansi)
    by_pk = {a.pk: a for a in apps}
    decisions = {
        (d.first_id, d.second_id): d
        for d in DuplicateDecision.objects.filter(instansi=instansi).select_related("keep")
    }
    pairs = []
    for a_pk, b_pk, score, reasons in _scored_pairs(instansi, apps, min_score):
        decision = decisions.get((min(a_pk, b_pk), max(a_pk, b_pk)))
        pairs.append(DuplicatePair(by_pk[a_pk], by_pk[b_pk], score, reasons, decision))
    if not include_decided:
        pairs = [p for p in pairs if p.decision is None]
    return pairs


@dataclass
class AppFlags:
    no_integration: list[Application] = field(default_factory=list)
    no_owner: list[Application] = field(default_factory=list)
    on_premise_with_dc: list[Application] = field(default_factory=list)
    audit_stale: list[Application] = field(default_factory=list)


def application_flags(*, user, instansi: Instansi, today: datetime.date | None = None) -> AppFlags:
    """Applications that need attention (operational or in development ones only): without
    integration, without an owner, on-premise at a unit although the instansi has a data
    centre, without a security audit in the last two years. Two queries."""
    today = today or timezone.localdate()
    limit = today.replace(year=today.year - AUDIT_MAX_AGE_YEARS)
    has_dc = Infrastructure.objects.filter(
        instansi=instansi, kind=Infrastructure.Kind.PUSAT_DATA
    ).exists()
    live = (Application.Status.OPERASIONAL, Application.Status.PENGEMBANGAN)
    flags = AppFlags()
    qs = _scoped(user, DOMAINS["aplikasi"], instansi).filter(status__in=live)
    for app in qs.select_related("owner_unit").order_by("name"):
        if app.integration in ("", Application.Integration.NONE):
            flags.no_integration.append(app)
        if app.owner_unit_id is None:
            flags.no_owner.append(app)
        if has_dc and app.hosting == Application.Hosting.ON_PREMISE:
            flags.on_premise_with_dc.append(app)
        if app.last_security_audit is None or app.last_security_audit < limit:
            flags.audit_stale.append(app)
    return flags


@dataclass
class Summary:
    counts: dict[str, int]  # domain slug -> items
    labels: dict[str, str]
    duplicates_found: int
    duplicates_open: int
    consolidated: int
    not_duplicates: int
    per_unit: list[tuple[Unit | None, int]]


def inventory_summary(*, user, instansi: Instansi) -> Summary:
    """The Sekda's view: counts per domain, duplicate pairs found, decided and consolidated,
    applications per unit. A fixed number of queries."""
    counts = {slug: _scoped(user, d, instansi).count() for slug, d in DOMAINS.items()}
    pairs = (
        duplicate_pairs(instansi=instansi)
        if scope_for(user).sees_whole_instansi(instansi.pk)
        else []
    )
    per_unit_rows = (
        _scoped(user, DOMAINS["aplikasi"], instansi)
        .values("owner_unit")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    units = Unit.objects.in_bulk([r["owner_unit"] for r in per_unit_rows if r["owner_unit"]])
    decided = DuplicateDecision.objects.filter(instansi=instansi)
    return Summary(
        counts=counts,
        labels={slug: d.label for slug, d in DOMAINS.items()},
        duplicates_found=len(pairs),
        duplicates_open=sum(1 for p in pairs if p.decision is None),
        consolidated=decided.filter(verdict=DuplicateDecision.Verdict.DUPLIKAT).count(),
        not_duplicates=decided.filter(~Q(verdict=DuplicateDecision.Verdict.DUPLIKAT)).count(),
        per_unit=[(units.get(r["owner_unit"]), r["n"]) for r in per_unit_rows],
    )


def instansi_by_key(key: str) -> Instansi:
    """The instansi of a CLI/API key (``provinsi-kalimantan-timur``); DoesNotExist if none."""
    return Instansi.objects.get(instansi_key=key)
