"""Generated documents: who may ask for which and which ones a user sees (the data version a
document is built from: `spbe.audit.selectors.instansi_data_version`)."""

from __future__ import annotations

from django.http import Http404

from spbe.evaluations.access import sees_whole_instansi
from spbe.evaluations.models import Cycle
from spbe.organizations.models import Instansi, Unit
from spbe.organizations.permissions import can, scope_for
from spbe.reports.models import GeneratedFile

Kind = GeneratedFile.Kind
#: Documents only the instansi's coordinator makes: the Berita Acara they sign and the package
#: that holds every evidence file.
COORDINATOR_KINDS = frozenset({Kind.BERITA_ACARA, Kind.PACKAGE})


def document_allowed(
    user,
    *,
    kind: str,
    cycle: Cycle | None = None,
    unit: Unit | None = None,
    province: Instansi | None = None,
) -> bool:
    """Whether `user` may make (and so download) the document `kind` with these parameters:
    the same rule as the page showing its data."""
    if kind in COORDINATOR_KINDS:
        return cycle is not None and can(user, "instansi.manage", cycle.instansi)
    if kind == Kind.LHE:
        return cycle is not None and sees_whole_instansi(user, cycle)
    if kind == Kind.SCORECARD:
        return (
            cycle is not None
            and unit is not None
            and unit.instansi_id == cycle.instansi_id
            and scope_for(user).sees_unit(unit)
        )
    if kind == Kind.PROVINCE:
        return province is not None and scope_for(user).sees_whole_instansi(province.pk)
    return False


def generated_file_allowed(user, generated: GeneratedFile) -> bool:
    """Whether `user` may see and download a generated file (checked again at every
    download: a role taken away takes the file away). A province report shows the kab/kota
    its requester sees, which another reader of the province may not: only the requester
    downloads it."""
    if generated.kind == Kind.PROVINCE and generated.requested_by_id != getattr(user, "pk", None):
        return False
    return document_allowed(
        user,
        kind=generated.kind,
        cycle=generated.cycle,
        unit=generated.unit,
        province=generated.instansi if generated.kind == Kind.PROVINCE else None,
    )


def generated_file_get(*, user, pk) -> GeneratedFile:
    """A generated file the user may see, else 404 (outsiders learn nothing)."""
    generated = (
        GeneratedFile.objects.select_related("cycle__instansi", "unit", "instansi", "requested_by")
        .filter(pk=pk)
        .first()
    )
    if generated is None or not generated_file_allowed(user, generated):
        raise Http404
    return generated


def generated_files_of_cycle(*, user, cycle: Cycle, limit: int = 20) -> list[GeneratedFile]:
    """The latest files generated for a cycle that the user may download (2 queries)."""
    files = (
        GeneratedFile.objects.filter(cycle=cycle)
        .select_related("cycle__instansi", "unit", "instansi", "requested_by")
        .order_by("-requested_at", "-id")[: limit * 3]
    )
    allowed: dict[tuple, bool] = {}
    visible = []
    for generated in files:
        key = (generated.kind, generated.unit_id)
        if key not in allowed:
            allowed[key] = generated_file_allowed(user, generated)
        if allowed[key]:
            visible.append(generated)
    return visible[:limit]


def generated_files_of_province(*, user, province: Instansi, limit: int = 10):
    """The user's own latest province reports of `province` (1 query)."""
    return list(
        GeneratedFile.objects.filter(
            kind=Kind.PROVINCE, instansi=province, requested_by_id=getattr(user, "pk", None)
        )
        .select_related("requested_by", "instansi", "unit", "cycle")
        .order_by("-requested_at", "-id")[:limit]
    )
