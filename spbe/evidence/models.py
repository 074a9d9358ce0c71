"""Evidence (bukti dukung): documents, their file revisions and extracted text.

A document is one piece of evidence (a Pergub, an SK, a screenshot, a link). Every upload is
a new revision: the file is never overwritten, so what an assessor saw stays available.
One document can support many indicators and levels, across cycles (see
evaluations.EvidenceLink).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def revision_upload_to(instance: "DocumentRevision", filename: str) -> str:
    # A random, meaningless path: the original name lives in the database, never in a URL.
    return f"bukti/{instance.document.instansi_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    class Kind(models.TextChoices):
        PERDA = "perda", _("Peraturan Daerah")
        PERGUB = "pergub", _("Peraturan Gubernur/Bupati/Wali Kota")
        PERATURAN = "peraturan", _("Peraturan Menteri/Kepala Lembaga")
        KEPUTUSAN = "keputusan", _("Keputusan/SK")
        SURAT_EDARAN = "surat_edaran", _("Surat Edaran")
        SOP = "sop", _("SOP")
        LAPORAN = "laporan", _("Laporan")
        NOTULEN = "notulen", _("Notulen/Berita Acara")
        DOKUMEN = "dokumen", _("Dokumen perencanaan/lainnya")
        TANGKAPAN_LAYAR = "tangkapan_layar", _("Tangkapan layar")
        FOTO = "foto", _("Foto kegiatan")
        SERTIFIKAT = "sertifikat", _("Sertifikat")
        TAUTAN = "tautan", _("Tautan")
        LAINNYA = "lainnya", _("Lainnya")

    class Freshness(models.TextChoices):
        # Ties a document to the framework's freshness rules (evidence_rules[].kind).
        NONE = "", _("Tidak ada aturan umur")
        REVIU = "reviu", _("Dokumen reviu/evaluasi")
        AUDIT = "audit", _("Laporan audit")
        # Pemdi 8/2026: another agency's index result (e.g. IKASANDI) is valid 12 months.
        INDEKS_EKSTERNAL = "indeks-eksternal", _("Hasil indeks eksternal")

    instansi = models.ForeignKey(
        "organizations.Instansi", on_delete=models.PROTECT, related_name="documents"
    )
    owner_unit = models.ForeignKey(
        "organizations.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("unit pemilik"),
    )
    kind = models.CharField(_("jenis"), max_length=32, choices=Kind.choices)
    freshness_kind = models.CharField(
        _("kategori umur"), max_length=16, choices=Freshness.choices, blank=True
    )
    title = models.CharField(_("judul"), max_length=500)
    number = models.CharField(_("nomor"), max_length=200, blank=True)
    document_date = models.DateField(_("tanggal dokumen"), null=True, blank=True)
    issuing_unit = models.CharField(_("penerbit"), max_length=300, blank=True)
    url = models.URLField(_("tautan"), max_length=1000, blank=True)
    current_revision = models.ForeignKey(
        "DocumentRevision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_archived = models.BooleanField(default=False)
    # Confirmed by the respondent from the reading's suggestion (or set by hand): a draft does
    # not count where a level needs an enacted regulation.
    is_draft = models.BooleanField(_("masih rancangan/draf"), default=False)
    confirmed_at = models.DateTimeField(_("data dikonfirmasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen bukti")
        verbose_name_plural = _("dokumen bukti")
        indexes = [models.Index(fields=["instansi", "kind"])]

    def __str__(self) -> str:
        return self.title


class DocumentRevision(models.Model):
    class TextStatus(models.TextChoices):
        PENDING = "pending", _("sedang dibaca")
        DONE = "done", _("teks tersedia")
        NO_TEXT = "no_text", _("tidak ada teks (pindaian/gambar)")
        FAILED = "failed", _("gagal diekstrak")
        REFUSED = "refused", _("dihentikan: melebihi batas pembacaan")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=revision_upload_to, max_length=300)
    original_name = models.CharField(max_length=300)
    safe_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    detected_kind = models.CharField(max_length=16)
    mime_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    text_status = models.CharField(
        max_length=16, choices=TextStatus.choices, default=TextStatus.PENDING
    )

    class Meta:
        verbose_name = _("revisi berkas")
        verbose_name_plural = _("revisi berkas")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="evidence_revision_number")
        ]
        ordering = ["document", "-number"]

    def __str__(self) -> str:
        return f"{self.document} (rev. {self.number})"


class DocumentText(models.Model):
    """Text extracted in the background; `search_text` is normalised for searching."""

    revision = models.OneToOneField(
        DocumentRevision, on_delete=models.CASCADE, related_name="extracted"
    )
    text = models.TextField(blank=True)
    search_text = models.TextField(blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    has_text_layer = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True)
    extracted_at = models.DateTimeField(auto_now_add=True)
    # Offsets in `text` where each page read begins (the page a matching sentence is on).
    page_starts = models.JSONField(default=list, blank=True)
    ocr_used = models.BooleanField(default=False)
    # The file needed OCR but the engine was not installed when it was read.
    ocr_missing = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.revision}: {len(self.text)} karakter"


class DocumentReading(models.Model):
    """What the background reader understood from a revision's text: suggestions the
    respondent confirms (spbe.evidence.understanding.facts), never applied silently."""

    revision = models.OneToOneField(
        DocumentRevision, on_delete=models.CASCADE, related_name="reading"
    )
    kind = models.CharField(max_length=32, blank=True)  # the reader's kind: perbup, sop, ...
    document_kind = models.CharField(max_length=32, blank=True)  # its Document.Kind
    number = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    enacted_on = models.DateField(null=True, blank=True)
    signatory = models.CharField(max_length=200, blank=True)
    issuer = models.CharField(max_length=200, blank=True)
    issuer_key = models.CharField(max_length=200, blank=True)
    is_draft = models.BooleanField(default=False)
    draft_reasons = models.JSONField(default=list, blank=True)
    read_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.revision}: {self.kind} {self.number}"
