"""Writes for official results: preview → confirm of an import, and index-only history.

An import happens in two steps. `official_import_preview` reads the file (nothing of the
cycle changes), keeps what it read server-side in an audit event ``import.official_preview``
(who uploaded which file, with its SHA-256 and the parsed values) and returns a signed token
carrying that event's id and the hash of the parsed data. `official_import_confirm` applies
exactly that data in one transaction, or nothing: the token must be intact, unexpired, the
same user's, for the same cycle, and not used before.

The caller resolves the cycle with `spbe.evaluations.selectors.cycle_get(coordinated=True)`
(404/403); the services check the permission again, so the API and the pages cannot differ.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, BinaryIO

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spbe.audit.models import AuditEvent
from spbe.audit.services import audit_record, diff_fields
from spbe.core.numbers import NumberParseError, parse_decimal
from spbe.evaluations.models import Cycle, Notification
from spbe.evaluations.selectors import instansi_people
from spbe.evaluations.selectors.cycles import OFFICIAL_RESULT_ACTION
from spbe.evaluations.services.notifications import notify
from spbe.evaluations.services.stage_values import StageValuesWritten, stage_values_write
from spbe.frameworks.official_reports import published_framework_labels
from spbe.frameworks.selectors import framework_indicators
from spbe.frameworks.stages import final_stage
from spbe.official.links import official_reverse
from spbe.official.models import PublishedResult
from spbe.official.parsed import COLUMN_AUTO, ParsedImport, import_stages
from spbe.official.parsing import read_upload
from spbe.official.selectors import official_comparison
from spbe.organizations.models import Instansi, Role
from spbe.organizations.permissions import ensure

PREVIEW_ACTION = "import.official_preview"
RESULT_ACTION = OFFICIAL_RESULT_ACTION  # read back by evaluations' cycle figures
PREVIEW_MAX_AGE = 2 * 3600  # seconds a preview can be confirmed
TOKEN_SALT = "spbe.official.preview"

INDEX_MAX = Decimal("5.00")


@dataclass
class OfficialPreview:
    """A file read for a cycle: the token to confirm it with and what the page shows."""

    token: str
    parsed: ParsedImport
    stages: list[str]
    comparison: dict[str, Any]
    event_id: int


@dataclass
class ImportOutcome(StageValuesWritten):
    """What a confirmed import wrote (per stage: created, changed and unchanged values; the
    notes) and the id of its ``import.official_result`` event."""

    event_id: int | None = None


def _refuse_locked(cycle: Cycle) -> None:
    if cycle.is_locked:
        raise ValidationError(
            _("Siklus %(name)s sudah final dan terkunci; hasil resmi tidak dapat diimpor.")
            % {"name": cycle.name},
            code="terkunci",
        )


def _stages_for(cycle: Cycle, parsed: ParsedImport, stages: list[str] | None) -> list[str]:
    """The stages to write, in evaluation order; a PDF's levels go to each chosen stage."""
    framework = cycle.framework
    importable = import_stages(framework)
    chosen = list(stages or [])
    unknown = [s for s in chosen if s not in importable]
    if unknown:
        raise ValidationError(
            _("Tahap tidak dikenal: %(s)s. Pilihan: %(c)s.")
            % {"s": ", ".join(unknown), "c": ", ".join(importable)},
            code="tahap_tidak_dikenal",
        )
    if parsed.source == "pdf":
        return [s for s in importable if s in (chosen or [final_stage(framework).code])]
    filled = parsed.stages_in(framework)
    if not chosen:
        return filled
    empty = [s for s in chosen if s not in filled]
    if empty:
        raise ValidationError(
            _("Kolom %(s)s di berkas kosong; pilih tahap yang diisi (%(c)s).")
            % {"s": ", ".join(empty), "c": ", ".join(filled)},
            code="tahap_kosong",
        )
    return [s for s in importable if s in chosen]


def _values_for(
    cycle: Cycle, parsed: ParsedImport, stages: list[str]
) -> dict[int, dict[str, Decimal]]:
    """Values restricted to `stages` (a PDF's one set of levels, read as final, copied to each)."""
    if parsed.source == "pdf":
        final = final_stage(cycle.framework).code
        return {n: dict.fromkeys(stages, row[final]) for n, row in parsed.values.items()}
    values = {n: {s: v for s, v in row.items() if s in stages} for n, row in parsed.values.items()}
    return {n: row for n, row in values.items() if row}


def _file_facts(parsed: ParsedImport, stages: list[str]) -> dict[str, Any]:
    """What every import event says about the file (its SHA-256 identifies it)."""
    return {
        "filename": parsed.filename,
        "sha256": parsed.sha256,
        "source": parsed.source,
        "stages": stages,
    }


def _digest(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def official_import_preview(
    *,
    actor,
    cycle: Cycle,
    fileobj: BinaryIO,
    filename: str,
    stages: list[str] | None = None,
    column: str = COLUMN_AUTO,
    request=None,
) -> OfficialPreview:
    """Read an official result file for `cycle` and prepare its confirmation.

    Raises ValidationError (OfficialImportError for file problems, with every bad row) and
    changes nothing of the cycle. Records the upload as an ``import.official_preview`` audit
    event that keeps the parsed data until it is confirmed.
    """
    ensure(actor, "instansi.manage", cycle.instansi)
    _refuse_locked(cycle)
    indicators = list(framework_indicators(cycle.framework))
    parsed = read_upload(
        fileobj, filename=filename, cycle=cycle, indicators=indicators, column=column
    )
    stages = _stages_for(cycle, parsed, stages)
    payload = {"cycle": cycle.pk, "stages": stages, "parsed": parsed.as_payload()}
    digest = _digest(payload)
    with transaction.atomic():
        event = audit_record(
            actor=actor,
            action=PREVIEW_ACTION,
            target=cycle,
            request=request,
            extra={
                **_file_facts(parsed, stages),
                "hash": digest,
                "payload": payload,
            },
        )
    token = signing.dumps({"e": event.pk, "h": digest}, salt=TOKEN_SALT, compress=True)
    values = _values_for(cycle, parsed, stages)
    comparison = official_comparison(
        cycle=cycle, values=values, stages=stages, report=parsed.report
    )
    return OfficialPreview(
        token=token, parsed=parsed, stages=stages, comparison=comparison, event_id=event.pk
    )


def _preview_event(*, actor, cycle: Cycle, token: str) -> AuditEvent:
    refused = ValidationError(
        _("Token pratinjau tidak sah atau sudah diubah; unggah berkasnya lagi."),
        code="token_tidak_sah",
    )
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("Pratinjau sudah kedaluwarsa; unggah berkasnya lagi."), code="token_kedaluwarsa"
        ) from exc
    except signing.BadSignature as exc:
        raise refused from exc
    if not isinstance(data, dict):
        raise refused
    event = AuditEvent.objects.filter(
        pk=data.get("e"),
        action=PREVIEW_ACTION,
        object_type=Cycle._meta.label_lower,
        object_id=str(cycle.pk),
    ).first()
    if event is None or event.extra.get("hash") != data.get("h"):
        raise refused
    if _digest(event.extra.get("payload", {})) != data.get("h"):
        raise refused
    if event.actor_id != actor.pk:
        raise ValidationError(
            _("Pratinjau ini dibuat oleh pengguna lain; unggah berkasnya sendiri."),
            code="token_pengguna_lain",
        )
    if AuditEvent.objects.filter(action=RESULT_ACTION, extra__preview=event.pk).exists():
        raise ValidationError(_("Pratinjau ini sudah diterapkan."), code="token_sudah_dipakai")
    return event


@transaction.atomic
def official_import_confirm(*, actor, cycle: Cycle, token: str, request=None) -> ImportOutcome:
    """Apply exactly what a preview showed: all values of the chosen stages, or nothing.

    Writes the StageValues through the evaluations' one writer `stage_values_write` (set_by/
    set_at, the assessors' notes on the last chosen stage, a new revision for every changed
    assessment so open forms on it are refused as stale), records one
    ``import.official_result`` audit event with the value changes, the counts and the file's
    SHA-256, and notifies the instansi's other coordinators.
    """
    ensure(actor, "instansi.manage", cycle.instansi)
    cycle = (
        Cycle.objects.select_for_update().select_related("instansi", "framework").get(pk=cycle.pk)
    )
    _refuse_locked(cycle)
    event = _preview_event(actor=actor, cycle=cycle, token=token)
    payload = event.extra["payload"]
    parsed = ParsedImport.from_payload(payload["parsed"])
    stages = payload["stages"]
    written = stage_values_write(
        actor=actor,
        cycle=cycle,
        values=_values_for(cycle, parsed, stages),
        notes=parsed.notes,
        notes_stage=stages[-1],
        allow_zero=True,
    )
    outcome = ImportOutcome(
        per_stage=written.per_stage, notes=written.notes, changes=written.changes
    )
    report = parsed.report or {}
    # One event for the import: the file's facts and every value change (the shared writer
    # records none of its own, so nothing is counted twice in the audit trail).
    result_event = audit_record(
        actor=actor,
        action=RESULT_ACTION,
        target=cycle,
        request=request,
        changes={f"{n}/{stage}": change for (n, stage), change in written.changes.items()},
        extra={
            **_file_facts(parsed, stages),
            "preview": event.pk,
            "counts": outcome.per_stage,
            "notes": outcome.notes,
            "report": {
                k: report[k]
                for k in ("year", "column_year", "instansi", "index", "domains", "predikat")
                if k in report
            },
            "assessor_notes": report.get("notes", {}),
            "recommendation": report.get("recommendation", ""),
        },
    )
    outcome.event_id = result_event.pk
    _notify_coordinators(actor=actor, cycle=cycle, outcome=outcome)
    return outcome


def _notify_coordinators(*, actor, cycle: Cycle, outcome: ImportOutcome) -> None:
    """Tell the instansi's other coordinators (in-app and e-mail, through the one `notify`)."""
    recipients = instansi_people(cycle.instansi_id, [Role.KOORDINATOR])
    message = _("Hasil resmi %(cycle)s diimpor oleh %(who)s: %(n)d nilai ditulis.") % {
        "cycle": cycle.name,
        "who": actor.get_full_name() or actor.get_username(),
        "n": outcome.written,
    }
    notify(
        recipients=recipients,
        kind=Notification.Kind.OFFICIAL_IMPORT,
        message=message,
        url=official_reverse("import", cycle.pk),
        dedupe_key=f"official_import:{outcome.event_id}",
        exclude=actor,
    )


# --- index-only history ------------------------------------------------------------------------


def _decimal(raw: Any, what: str) -> Decimal:
    try:
        value = parse_decimal(str(raw))
    except NumberParseError as exc:
        raise ValidationError({what: _("Harus berupa angka, misalnya 3,25.")}) from exc
    if not value.is_finite() or value < 0 or value > INDEX_MAX:
        raise ValidationError({what: _("Harus di antara 0 dan 5.")})
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({what: _("Paling banyak 2 angka desimal, seperti tercetak.")})
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def published_result_record(
    *,
    actor,
    instansi: Instansi,
    year: int,
    framework_code: str,
    index: Decimal | str | None,
    source: str,
    domains: dict[str, Any] | None = None,
    predikat: str = "",
    note: str = "",
    verified: bool = True,
    replace: bool = False,
    request=None,
) -> PublishedResult:
    """Record a published index (no per-indicator data) for an instansi and year.

    Values are kept as printed (2 decimals). When (instansi, year) already has a record, it is
    replaced only with ``replace=True`` (the user confirmed it); otherwise ValidationError with
    code ``sudah_ada`` shows what is there. Audited as published_result.created/.replaced.
    """
    ensure(actor, "instansi.manage", instansi)
    errors: dict[str, list[str]] = {}
    if not 2000 <= int(year) <= timezone.now().year + 1:
        errors["year"] = [_("Tahun tidak masuk akal.")]
    labels = published_framework_labels()
    if framework_code not in labels:
        errors["framework_code"] = [
            _("Kerangka tidak dikenal; pilihan: %(c)s.") % {"c": ", ".join(labels)}
        ]
    if not (source or "").strip():
        errors["source"] = [_("Sebutkan sumbernya (laporan, berita, tabel nasional).")]
    if errors:
        raise ValidationError(errors)
    clean_index = None if index in (None, "") else _decimal(index, "index")
    clean_domains = {}
    for code, raw in (domains or {}).items():
        if raw in (None, ""):
            continue
        clean_domains[str(code).strip().upper()] = str(_decimal(raw, "domains"))
    if clean_index is None and not clean_domains:
        raise ValidationError({"index": [_("Isi indeks (atau nilai domain) yang dipublikasikan.")]})

    fields = {
        "framework_code": framework_code,
        "index": clean_index,
        "domains": clean_domains,
        "predikat": (predikat or "").strip(),
        "source": source.strip(),
        "note": (note or "").strip(),
        "verified": bool(verified),
    }
    existing = PublishedResult.objects.select_for_update().filter(instansi=instansi, year=year)
    record = existing.first()
    if record is not None and not replace:
        raise ValidationError(
            _(
                "Hasil tahun %(year)s untuk %(instansi)s sudah tercatat (indeks %(index)s, "
                "sumber: %(source)s). Konfirmasi penggantian untuk menimpanya."
            )
            % {
                "year": year,
                "instansi": instansi.name,
                "index": str(record.index).replace(".", ",") if record.index is not None else "–",
                "source": record.source,
            },
            code="sudah_ada",
        )
    if record is None:
        record = PublishedResult.objects.create(instansi=instansi, year=year, **fields)
        audit_record(
            actor=actor,
            action="published_result.created",
            target=record,
            instansi=instansi,
            request=request,
            changes=diff_fields({}, {**fields, "year": year}),
        )
        return record
    before = {name: getattr(record, name) for name in fields}
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()
    audit_record(
        actor=actor,
        action="published_result.replaced",
        target=record,
        instansi=instansi,
        request=request,
        changes=diff_fields(before, fields),
    )
    return record
