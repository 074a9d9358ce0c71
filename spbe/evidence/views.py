"""Pages of evidence: library per instansi, document detail, upload, search, downloads.

Thin: access through `spbe.evidence.access` and the scoped selectors (outsiders get 404),
writes through the services. The assessment panel (HTMX) is evaluations'
(`spbe.evaluations.views_evidence`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST

from spbe.core.forms import apply_errors
from spbe.evidence import access, selectors, services
from spbe.evidence.files import PREVIEWABLE_MIME_TYPES, content_disposition, safe_filename
from spbe.evidence.forms import DocumentCreateForm, DocumentMetadataForm, RevisionForm
from spbe.evidence.models import Document, DocumentRevision
from spbe.evidence.registry import link_provider
from spbe.evidence.views_reading import reading_context
from spbe.organizations.selectors import instansi_get, instansi_visible, unit_visible

PAGE_SIZE = 50


def library_framework(instansi):
    """The framework whose evidence rules judge the library (that of the instansi's latest
    cycle, asked of the app that owns cycles); None: nothing is reported stale."""
    return link_provider().library_framework(instansi)


@login_required
def index(request):
    items = list(instansi_visible(user=request.user))
    if len(items) == 1:
        return redirect("evidence:library", pk=items[0].pk)
    return render(request, "evidence/index.html", {"items": items})


@login_required
def library(request, pk):
    instansi = instansi_get(user=request.user, pk=pk)
    documents = selectors.document_visible(
        user=request.user, instansi=instansi, include_archived=request.GET.get("arsip") == "1"
    )
    kind = request.GET.get("jenis") or ""
    if kind in Document.Kind.values:
        documents = documents.filter(kind=kind)
    units = list(unit_visible(user=request.user, instansi=instansi))
    unit = request.GET.get("unit") or ""
    if unit.isdigit():
        documents = documents.filter(owner_unit_id=int(unit))
    framework = library_framework(instansi)
    documents = list(documents)
    freshness = {}
    if framework is not None:
        freshness = {d.pk: selectors.document_freshness(d, framework) for d in documents}
    stale_only = request.GET.get("kedaluwarsa") == "1"
    if stale_only:
        documents = [d for d in documents if freshness.get(d.pk) and freshness[d.pk].is_stale]
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("halaman"))
    rows = [(d, freshness.get(d.pk)) for d in page.object_list]
    return render(
        request,
        "evidence/library.html",
        {
            "instansi": instansi,
            "rows": rows,
            "page": page,
            "kinds": Document.Kind.choices,
            "units": units,
            "filters": {"jenis": kind, "unit": unit, "kedaluwarsa": stale_only},
            "framework": framework,
            "may_upload": access.can_upload_anywhere(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request, pk):
    instansi = instansi_get(user=request.user, pk=pk)
    if not access.can_upload_anywhere(request.user):
        raise PermissionDenied
    form = DocumentCreateForm(
        request.POST or None, request.FILES or None, user=request.user, instansi=instansi
    )
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        files = values.pop("upload") or []
        try:
            if len(files) > 1:
                return _create_many(request, instansi, values, files)
            document = services.document_create(
                actor=request.user,
                instansi=instansi,
                request=request,
                upload=files[0] if files else None,
                **values,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Dokumen %(t)s disimpan.") % {"t": document.title})
            _warn_duplicates(request, document.current_revision)
            return redirect("evidence:document_detail", pk=document.pk)
    return render(request, "evidence/document_form.html", {"instansi": instansi, "form": form})


def _create_many(request, instansi, values, files):
    """Several files at once: one document each (all or nothing), back to the library."""
    values.pop("url", None)
    documents = services.documents_create_many(
        actor=request.user, instansi=instansi, uploads=files, request=request, **values
    )
    messages.success(
        request,
        _("%(n)d dokumen disimpan: %(titles)s.")
        % {"n": len(documents), "titles": ", ".join(d.title for d in documents)},
    )
    for document in documents:
        _warn_duplicates(request, document.current_revision)
    return redirect("evidence:library", pk=instansi.pk)


def _warn_duplicates(request, revision) -> None:
    if revision is None:
        return
    for other in selectors.document_duplicates(revision=revision):
        messages.warning(
            request,
            _(
                "Berkas yang sama sudah ada sebagai dokumen “%(title)s”. Pertimbangkan "
                "menautkan dokumen itu saja dan mengarsipkan yang baru."
            )
            % {"title": other.title},
        )


def _detail_context(request, document: Document, **extra) -> dict:
    framework = library_framework(document.instansi)
    may_edit = access.can_edit_document(request.user, document)
    current = document.current_revision
    file_lock = selectors.document_file_lock(document) if may_edit and current else None
    return {
        "document": document,
        "revisions": selectors.document_revisions(document),
        "links": selectors.document_links(user=request.user, document=document),
        "freshness": selectors.document_freshness(document, framework) if framework else None,
        "duplicates": selectors.document_duplicates(revision=current) if current else [],
        "suggestions": selectors.document_suggestions(document) if may_edit else {},
        "may_edit": may_edit,
        "file_lock": file_lock,
        "revision_form": RevisionForm() if may_edit and current and not file_lock else None,
        **reading_context(request, document),
        **extra,
    }


@login_required
def document_detail(request, pk):
    document = selectors.document_get(user=request.user, pk=pk)
    return render(request, "evidence/document_detail.html", _detail_context(request, document))


def _editable(request, pk) -> Document:
    document = selectors.document_get(user=request.user, pk=pk)
    if not access.can_edit_document(request.user, document):
        raise PermissionDenied
    return document


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    document = _editable(request, pk)
    initial = {name: getattr(document, name) for name in services.METADATA_FIELDS}
    form = DocumentMetadataForm(
        request.POST or None, user=request.user, instansi=document.instansi, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(
                actor=request.user, document=document, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan dokumen disimpan."))
            return redirect("evidence:document_detail", pk=document.pk)
    return render(
        request,
        "evidence/document_form.html",
        {"instansi": document.instansi, "form": form, "document": document},
    )


@login_required
@require_POST
def document_apply_suggestion(request, pk):
    """Apply the number/date the user confirmed from the text's suggestions."""
    document = _editable(request, pk)
    suggestions = selectors.document_suggestions(document)
    chosen = {k: v for k, v in suggestions.items() if request.POST.get(k) == "1"}
    if chosen:
        try:
            services.document_update(
                actor=request.user, document=document, request=request, **chosen
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saran dari isi dokumen dipakai."))
    return redirect("evidence:document_detail", pk=document.pk)


@login_required
@require_POST
def document_archive(request, pk):
    document = _editable(request, pk)
    archived = request.POST.get("arsip", "1") == "1"
    services.document_set_archived(
        actor=request.user, document=document, archived=archived, request=request
    )
    messages.success(
        request, _("Dokumen diarsipkan.") if archived else _("Dokumen dipulihkan dari arsip.")
    )
    return redirect("evidence:document_detail", pk=document.pk)


@login_required
@require_POST
def revision_upload(request, pk):
    document = _editable(request, pk)
    form = RevisionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            revision = services.revision_upload(
                actor=request.user,
                document=document,
                upload=form.cleaned_data["upload"],
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Revisi %(n)s diunggah.") % {"n": revision.number})
            _warn_duplicates(request, revision)
            return redirect("evidence:document_detail", pk=document.pk)
    return render(
        request,
        "evidence/document_detail.html",
        _detail_context(request, document, revision_form=form),
        status=400,
    )


# -- downloads ---------------------------------------------------------------------------------
def download_name(revision: DocumentRevision) -> str:
    """The user's own file name when its extension agreed with the content, else the safe
    name with the corrected extension."""
    if safe_filename(revision.original_name) == revision.safe_name:
        return revision.original_name
    return revision.safe_name


def file_response(revision: DocumentRevision) -> FileResponse:
    """Stream a stored revision as an attachment with its detected type: never rendered
    inside our origin, never sniffed into something else, never cached by shared caches."""
    try:
        handle = revision.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=revision.mime_type)
    response["Content-Disposition"] = content_disposition(download_name(revision))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def download(request, pk):
    document = selectors.document_get(user=request.user, pk=pk)
    if document.current_revision is None:
        raise Http404
    return file_response(document.current_revision)


@login_required
def revision_download(request, pk):
    return file_response(selectors.revision_get(user=request.user, pk=pk))


@login_required
@xframe_options_sameorigin
def preview(request, pk):
    """The current file shown inside the page (an iframe with `sandbox`), for the types a
    browser displays without running anything of the file: PDF and raster images, by their
    detected content. Never HTML or SVG (they could carry script); those are downloads."""
    document = selectors.document_get(user=request.user, pk=pk)
    revision = document.current_revision
    if revision is None or revision.mime_type not in PREVIEWABLE_MIME_TYPES:
        raise Http404
    response = file_response(revision)
    response["Content-Disposition"] = content_disposition(download_name(revision), inline=True)
    # Only our own pages may frame it; the sandbox (no script, unique origin) stays.
    response["Content-Security-Policy"] += "; frame-ancestors 'self'"
    return response


# -- search ------------------------------------------------------------------------------------
@login_required
def search(request):
    query = (request.GET.get("q") or "").strip()
    instansi = None
    if (request.GET.get("instansi") or "").isdigit():
        instansi = instansi_get(user=request.user, pk=request.GET["instansi"])
    result = selectors.document_search(user=request.user, query=query, instansi=instansi)
    template = "evidence/_search_results.html" if request.htmx else "evidence/search.html"
    return render(
        request,
        template,
        {
            "query": query,
            "result": result,
            "instansi": instansi,
            "instansi_choices": list(instansi_visible(user=request.user)),
            "needle": query,
        },
    )
