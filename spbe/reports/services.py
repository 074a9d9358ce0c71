"""Writes of the reports app: asking for a generated file, building it in the background,
and the instansi's document settings. Each change writes an audit event in its transaction."""

from __future__ import annotations

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from spbe.audit.selectors import instansi_data_version
from spbe.audit.services import audit_record
from spbe.evaluations.models import Cycle, Stage
from spbe.organizations.models import Instansi, Unit
from spbe.organizations.permissions import can
from spbe.reports.documents import registry
from spbe.reports.documents.common import DocumentError
from spbe.reports.models import GeneratedFile
from spbe.reports.selectors.documents import document_allowed
from spbe.reports.selectors.province import province_years

logger = logging.getLogger(__name__)
Kind = GeneratedFile.Kind


def _check_parameters(*, kind: str, file_format: str, cycle, stage: str, unit, province) -> None:
    if kind not in registry.FORMATS:
        raise ValidationError(f"Jenis dokumen tidak dikenal: {kind}.", code="kind")
    if file_format not in registry.FORMATS[kind]:
        allowed = ", ".join(registry.FORMATS[kind])
        raise ValidationError(
            f"Format {file_format or '(kosong)'} tidak tersedia untuk dokumen ini; pilih: "
            f"{allowed}.",
            code="format",
        )
    if stage and stage not in Stage.values:
        raise ValidationError(
            f"Tahap tidak dikenal: {stage}. Tahap yang ada: {', '.join(Stage.values)}.",
            code="stage",
        )
    if kind == Kind.PROVINCE:
        if province is None:
            raise ValidationError("Pilih provinsi untuk laporan ini.", code="province")
    elif cycle is None:
        raise ValidationError("Pilih siklus evaluasi untuk dokumen ini.", code="cycle")
    if kind == Kind.SCORECARD and unit is None:
        raise ValidationError("Pilih unit (SKPD) untuk kartu skor.", code="unit")


def generated_file_request(
    *,
    user,
    kind: str,
    cycle: Cycle | None = None,
    stage: str = "",
    unit: Unit | None = None,
    province: Instansi | None = None,
    year: int | None = None,
    file_format: str = "",
    request=None,
) -> GeneratedFile:
    """Queue the generation of one document and return its row (status "menunggu").

    The parameters are checked and the user must be allowed to see the document's data
    (404 when they cannot see it at all, 403 when they see it but may not make it). The build
    runs as a background task once this transaction commits, so a long document never blocks
    the request; the demo and test backend run it at once.
    """
    file_format = file_format or registry.FORMATS.get(kind, ("",))[0]
    _check_parameters(
        kind=kind, file_format=file_format, cycle=cycle, stage=stage, unit=unit, province=province
    )
    instansi = province if kind == Kind.PROVINCE else cycle.instansi
    if not document_allowed(user, kind=kind, cycle=cycle, unit=unit, province=province):
        if can(user, "instansi.view", instansi):
            raise PermissionDenied
        raise Http404
    if kind == Kind.PROVINCE:
        year = province_report_year(user=user, province=province, year=year)
    with transaction.atomic():
        generated = GeneratedFile.objects.create(
            kind=kind,
            file_format=file_format,
            instansi=instansi,
            cycle=cycle,
            stage=stage,
            unit=unit,
            year=year,
            requested_by=user,
            language=translation.get_language() or "id",
        )
        audit_record(
            actor=user,
            action="report.requested",
            target=generated,
            instansi=instansi,
            extra={"kind": kind, "format": file_format, "stage": stage, "unit": unit and unit.pk},
            request=request,
        )
        transaction.on_commit(lambda: _enqueue(generated.pk))
    return generated


def province_report_year(*, user, province: Instansi, year: int | None) -> int | None:
    """The year a province report shows: `year` when what `user` sees of the province has a
    result that year (else refused, naming the years there are); without one, the year the
    province page opens on. None only before any result (the build then says so)."""
    years, default = province_years(user=user, province=province)
    if year is None:
        return default
    if year not in years:
        message = _(
            "Tahun %(year)s tidak ada hasilnya untuk %(province)s; tahun yang ada: %(years)s."
        ) % {
            "year": year,
            "province": province,
            "years": ", ".join(map(str, years)) or _("belum ada"),
        }
        raise ValidationError({"year": ValidationError(message, code="year")})
    return year


def _enqueue(generated_id: int) -> None:
    from spbe.reports.tasks import generate_file

    generate_file.enqueue(generated_id)


def _set_progress(generated_id: int, percent: int) -> None:
    GeneratedFile.objects.filter(pk=generated_id).update(progress=max(0, min(percent, 99)))


def generated_file_build(*, generated_id: int) -> GeneratedFile | None:
    """Build a queued document, store it in private storage with its hash and data version,
    and mark it done; on any failure mark it failed with a message in Bahasa Indonesia.
    Never raises for a document that cannot be made (the page shows why)."""
    generated = (
        GeneratedFile.objects.select_related("cycle__framework", "cycle__instansi", "unit")
        .select_related("instansi", "requested_by")
        .filter(pk=generated_id)
        .first()
    )
    if generated is None or generated.status != GeneratedFile.Status.QUEUED:
        return generated
    GeneratedFile.objects.filter(pk=generated.pk).update(
        status=GeneratedFile.Status.RUNNING, progress=1
    )
    version, changed_at = instansi_data_version(generated.instansi_id)
    try:
        with translation.override(generated.language or "id"):
            content = registry.build(generated, lambda p: _set_progress(generated.pk, p))
    except DocumentError as exc:
        return _fail(generated, str(exc))
    except Exception:  # a bug must not leave the row "running" forever
        logger.exception("Pembuatan dokumen %s gagal", generated.pk)
        return _fail(generated, "Dokumen gagal dibuat karena kesalahan sistem; coba lagi.")
    return _store(generated, content, version, changed_at)


def _store(generated: GeneratedFile, content: bytes, version: str, changed_at) -> GeneratedFile:
    generated.filename = registry.file_name(generated)
    generated.file.save(generated.filename, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            generated.status = GeneratedFile.Status.DONE
            generated.progress = 100
            generated.sha256 = hashlib.sha256(content).hexdigest()
            generated.size = len(content)
            generated.data_version = version
            generated.data_changed_at = changed_at
            generated.finished_at = timezone.now()
            generated.error = ""
            generated.save()
            audit_record(
                actor=generated.requested_by,
                action="report.generated",
                target=generated,
                instansi=generated.instansi,
                extra={"sha256": generated.sha256, "data_version": version},
            )
    except Exception:
        generated.file.delete(save=False)  # no orphan file when the row could not be saved
        raise
    return generated


def _fail(generated: GeneratedFile, message: str) -> GeneratedFile:
    with transaction.atomic():
        GeneratedFile.objects.filter(pk=generated.pk).update(
            status=GeneratedFile.Status.FAILED, error=message, finished_at=timezone.now()
        )
        audit_record(
            actor=generated.requested_by,
            action="report.failed",
            target=generated,
            instansi=generated.instansi,
            extra={"error": message},
        )
    generated.refresh_from_db()
    return generated


SETTINGS_TEXT_FIELDS = (
    "ketua_tim_asesor_name",
    "ketua_tim_asesor_nip",
    "koordinator_name",
    "koordinator_nip",
    "sekda_name",
    "sekda_nip",
)
LOGO_MAX_BYTES = 2 * 1024 * 1024


def _checked_logo(upload) -> None:
    from django.conf import settings

    from spbe.evidence.files import EvidenceFileError, inspect_upload

    try:
        inspected = inspect_upload(
            upload,
            filename=upload.name,
            max_bytes=LOGO_MAX_BYTES,
            max_expanded_bytes=settings.EVIDENCE_MAX_EXPANDED_BYTES,
        )
    except EvidenceFileError as exc:
        raise ValidationError({"logo": exc.text}) from None
    if inspected.detected_kind not in ("png", "jpg"):
        raise ValidationError({"logo": "Logo harus gambar PNG atau JPG."})


def _checked_template(upload) -> bytes:
    from spbe.documents.docx import validate_docx_template
    from spbe.reports.documents.berita_acara import OPTIONAL_FIELDS, REQUIRED_FIELDS

    data = upload.read()
    problems = validate_docx_template(data, required=set(REQUIRED_FIELDS), allowed=OPTIONAL_FIELDS)
    if problems:
        raise ValidationError({"berita_acara_template": problems})
    return data


def report_settings_update(
    *, user, instansi: Instansi, data: dict, logo=None, template=None, request=None
):
    """Save the instansi's document settings (coordinator only). A logo must be a PNG/JPG
    and a Berita Acara template a DOCX that passes `validate_docx_template`; anything bad is
    refused whole with the reason, and the files already kept stay as they were."""
    from spbe.audit.services import diff_fields
    from spbe.organizations.permissions import ensure
    from spbe.reports.models import ReportSettings

    ensure(user, "instansi.manage", instansi)
    if logo is not None:
        _checked_logo(logo)
    template_bytes = _checked_template(template) if template is not None else None
    config = ReportSettings.objects.filter(instansi=instansi).first() or ReportSettings(
        instansi=instansi
    )
    before = {name: getattr(config, name) for name in SETTINGS_TEXT_FIELDS}
    after = {name: (data.get(name) or "").strip() for name in SETTINGS_TEXT_FIELDS}
    old_files = []
    stored = []
    try:
        if logo is not None:
            old_files.append(config.logo.name if config.logo else "")
            logo.seek(0)
            config.logo.save("logo", logo, save=False)
            stored.append(config.logo.name)
        if template_bytes is not None:
            old_files.append(
                config.berita_acara_template.name if config.berita_acara_template else ""
            )
            config.berita_acara_template.save(
                "berita-acara.docx", ContentFile(template_bytes), save=False
            )
            stored.append(config.berita_acara_template.name)
        with transaction.atomic():
            for name, value in after.items():
                setattr(config, name, value)
            config.save()
            changes = diff_fields(before, after)
            if logo is not None:
                changes["logo"] = ["", "diganti"]
            if template_bytes is not None:
                changes["berita_acara_template"] = ["", "diganti"]
            audit_record(
                actor=user,
                action="report_settings.updated",
                target=config,
                instansi=instansi,
                changes=changes,
                request=request,
            )
    except Exception:
        for name in stored:  # no orphan upload when the row could not be saved
            config.logo.storage.delete(name)
        raise
    for name in old_files:
        if name:
            config.logo.storage.delete(name)
    return config
