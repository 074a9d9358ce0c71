"""Writes for frameworks: loading framework versions and cross-framework mappings.

A framework version is immutable once loaded, because assessments of old cycles point at its
indicators and must keep scoring the same way. Reloading the same content is a no-op; loading
different content under the same URN and version is refused; a bumped version adds new rows
beside the old ones. Mappings are guidance only, so a changed mapping file replaces the links
between the two framework versions it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from spbe.audit.services import audit_record
from spbe.frameworks.loader import (
    CheckedFile,
    FrameworkFileError,
    file_check,
    shipped_framework_files,
    shipped_mapping_files,
)
from spbe.frameworks.models import Framework, FrameworkGroup, Indicator, IndicatorMapping


@dataclass(frozen=True)
class LoadResult:
    """What loading one file did: created, unchanged or (mappings only) replaced."""

    path: str
    label: str
    action: str


class FrameworkLoadError(FrameworkFileError):
    """Problems across several files; `errors` keeps each file's own list."""

    def __init__(self, errors: list[FrameworkFileError]):
        self.errors = errors
        super().__init__(", ".join(e.path for e in errors), [p for e in errors for p in e.problems])


def framework_load(*, path: Path | str) -> LoadResult:
    """Load one framework file in its own transaction (see module docstring for the rules)."""
    return files_load(paths=[path])[0]


def mapping_load(*, path: Path | str) -> LoadResult:
    """Load one mapping file; both frameworks it names must already be loaded."""
    return files_load(paths=[path])[0]


def shipped_paths() -> list[Path]:
    """Every framework and mapping file shipped in spbe/frameworks/data/."""
    return [*shipped_framework_files(), *shipped_mapping_files()]


def shipped_load() -> list[LoadResult]:
    """Load every framework and mapping shipped in spbe/frameworks/data/ (idempotent)."""
    return files_load(paths=shipped_paths())


def files_load(*, paths: Iterable[Path | str]) -> list[LoadResult]:
    """Check every file first, then load all of them in one transaction, frameworks first.

    If any file has a problem, every problem of every file is raised together and nothing
    is written, so a failed `spbe framework load` never leaves half a framework behind.
    """
    frameworks, mappings, errors = _check_all(paths)
    if errors:
        raise FrameworkLoadError(errors)
    with transaction.atomic():
        results = [_framework_store(checked) for checked in frameworks]
        results += [_mapping_store(checked) for checked in mappings]
    return results


def _check_all(paths) -> tuple[list[CheckedFile], list[CheckedFile], list[FrameworkFileError]]:
    frameworks, mappings, errors = [], [], []
    for path in paths:
        try:
            checked = file_check(path)
        except FrameworkFileError as exc:
            errors.append(exc)
            continue
        (mappings if checked.is_mapping else frameworks).append(checked)
    return frameworks, mappings, errors


# -- frameworks -------------------------------------------------------------------------


def _framework_store(checked: CheckedFile) -> LoadResult:
    doc = checked.document
    label = f"{doc['code']} v{doc['version']}"
    existing = Framework.objects.filter(urn=doc["urn"], version=doc["version"]).first()
    if existing is not None:
        if existing.content_sha256 == checked.sha256:
            return LoadResult(str(checked.path), label, "unchanged")
        raise FrameworkFileError(
            checked.path,
            [
                f"{doc['urn']} versi {doc['version']} sudah dimuat dengan isi berbeda; "
                "versi kerangka tidak boleh diubah, naikkan 'version' untuk memuat perubahan"
            ],
        )
    _check_identity(checked)
    framework = _framework_create(doc, checked.sha256)
    aspects = _groups_create(framework, doc)
    _indicators_create(framework, doc, aspects)
    audit_record(
        actor=None,
        action="framework.loaded",
        target=framework,
        extra={"file": checked.path.name, "sha256": checked.sha256},
    )
    return LoadResult(str(checked.path), label, "created")


def _check_identity(checked: CheckedFile) -> None:
    """A code belongs to one URN for all its versions, so `framework_get(code)` stays right."""
    doc = checked.document
    other = Framework.objects.filter(code=doc["code"]).exclude(urn=doc["urn"]).first()
    renamed = Framework.objects.filter(urn=doc["urn"]).exclude(code=doc["code"]).first()
    if other is not None:
        raise FrameworkFileError(
            checked.path, [f"kode '{doc['code']}' sudah dipakai kerangka {other.urn}"]
        )
    if renamed is not None:
        raise FrameworkFileError(
            checked.path, [f"{doc['urn']} sudah dimuat dengan kode '{renamed.code}'"]
        )


def _framework_create(doc: dict, sha256: str) -> Framework:
    return Framework.objects.create(
        urn=doc["urn"],
        code=doc["code"],
        version=doc["version"],
        name=doc["name"],
        short_name=doc["short_name"],
        legal_basis=doc["legal_basis"],
        status=doc["status"],
        criteria_status=doc["criteria_status"],
        value_kind=doc["value_kind"],
        value_min=Decimal(doc["value_min"]),
        value_max=Decimal(doc["value_max"]),
        predikat_basis=doc["predikat_basis"],
        predikat_basis_by_year=doc["predikat_basis_by_year"],
        bands=doc["bands"],
        band_boundary=doc["band_boundary"],
        stages=doc["stages"],
        planning_base=doc["planning_base"],
        ladders=doc["ladders"],
        evidence_kinds=doc["evidence_kinds"],
        evidence_rules=doc["evidence_rules"],
        external_indices=doc["external_indices"],
        planner=doc["planner"],
        notes=doc["notes"],
        content_sha256=sha256,
    )


def _groups_create(framework: Framework, doc: dict) -> dict[str, FrameworkGroup]:
    """Create domains then aspects; return aspects by code for the indicators' FK."""
    domains = {
        d["code"]: FrameworkGroup.objects.create(
            framework=framework,
            kind=FrameworkGroup.Kind.DOMAIN,
            code=d["code"],
            name=d["name"],
            weight=Decimal(d["weight"]),
            order=i,
        )
        for i, d in enumerate(doc["domains"])
    }
    return {
        a["code"]: FrameworkGroup.objects.create(
            framework=framework,
            kind=FrameworkGroup.Kind.ASPECT,
            code=a["code"],
            name=a["name"],
            weight=Decimal(a["weight"]),
            parent=domains.get(a["domain"]),
            order=i,
        )
        for i, a in enumerate(doc["aspects"])
    }


def _indicators_create(framework: Framework, doc: dict, aspects: dict) -> None:
    Indicator.objects.bulk_create(
        Indicator(
            framework=framework,
            number=ind["number"],
            code=ind["code"],
            name=ind["name"],
            short_name=ind["short_name"],
            weight=Decimal(ind["weight"]),
            aspect=aspects[ind["aspect"]],
            ladder=ind["ladder"],
            subject_chosen=ind["subject_chosen"],
            source=ind["source"],
            external_index=ind["external_index"],
            levels=ind["levels"],
            order=i,
        )
        for i, ind in enumerate(doc["indicators"])
    )


# -- mappings ---------------------------------------------------------------------------


def _mapping_store(checked: CheckedFile) -> LoadResult:
    doc = checked.document
    problems: list[str] = []
    source = _mapping_framework(doc["source"], doc["source_version"], "sumber", problems)
    target = _mapping_framework(doc["target"], doc["target_version"], "tujuan", problems)
    if source is None or target is None:
        raise FrameworkFileError(checked.path, problems)
    wanted = _mapping_rows(doc, source, target, problems)
    if problems:
        raise FrameworkFileError(checked.path, problems)
    label = f"{source.code} v{source.version} -> {target.code} v{target.version}"
    existing = IndicatorMapping.objects.filter(source__framework=source, target__framework=target)
    current = {(m.source_id, m.target_id, m.status, m.kind, m.note) for m in existing}
    if current == {_row_key(row) for row in wanted}:
        return LoadResult(str(checked.path), label, "unchanged")
    action = "replaced" if current else "created"
    existing.delete()
    IndicatorMapping.objects.bulk_create(wanted)
    audit_record(
        actor=None,
        action=f"mapping.{action}",
        target=source,
        extra={
            "file": checked.path.name,
            "sha256": checked.sha256,
            "source": f"{source.code} v{source.version}",
            "target": f"{target.code} v{target.version}",
            "links_before": len(current),
            "links_after": len(wanted),
        },
    )
    return LoadResult(str(checked.path), label, action)


def _mapping_framework(urn: str, version: int | None, role: str, problems: list[str]):
    """The named version, or the latest loaded one when the file does not pin a version."""
    frameworks = Framework.objects.filter(urn=urn)
    if version is not None:
        frameworks = frameworks.filter(version=version)
    framework = frameworks.order_by("-version").first()
    if framework is None:
        suffix = f" versi {version}" if version else ""
        problems.append(f"kerangka {role} {urn}{suffix} belum dimuat")
    return framework


def _mapping_rows(doc, source, target, problems) -> list[IndicatorMapping]:
    by_number = {
        fw.pk: {i.number: i for i in Indicator.objects.filter(framework=fw)}
        for fw in (source, target)
    }
    rows = []
    for link in doc["links"]:
        src = by_number[source.pk].get(link["from"])
        tgt = by_number[target.pk].get(link["to"])
        if src is None:
            problems.append(f"tautan: indikator {link['from']} tidak ada di {source.code}")
        if tgt is None:
            problems.append(f"tautan: indikator {link['to']} tidak ada di {target.code}")
        if src is None or tgt is None:
            continue
        note = ". ".join(part for part in (link["note"], doc["note"]) if part)
        rows.append(
            IndicatorMapping(
                source=src, target=tgt, status=link["status"], kind=doc["kind"], note=note
            )
        )
    return rows


def _row_key(row: IndicatorMapping) -> tuple:
    return (row.source_id, row.target_id, row.status, row.kind, row.note)
