"""The reading of a document's file on its pages: "sedang dibaca" (polled with HTMX), then
what was read as pre-filled fields the respondent confirms (or corrects)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from spbe.core.forms import apply_errors
from spbe.evidence import access, selectors, services
from spbe.evidence.forms import ReadingConfirmForm

POLL_SECONDS = 3
# The form sits beside the upload form in the indicator's evidence panel: distinct field ids.
PREFIX = "bacaan"


def reading_context(request, document, form=None) -> dict:
    """Context of "evidence/_reading.html" for one document."""
    state = selectors.document_reading_state(document)
    may_edit = access.can_edit_document(request.user, document)
    if form is None and may_edit and state.reading is not None:
        form = ReadingConfirmForm(
            initial=selectors.reading_initial(document, state.reading), prefix=PREFIX
        )
    return {
        "document": document,
        "state": state,
        "may_edit": may_edit,
        "confirm_form": form,
        "poll_seconds": POLL_SECONDS,
    }


@login_required
@require_GET
def document_reading(request, pk):
    """The reading fragment (HTMX polls it while the file is being read)."""
    document = selectors.document_get(user=request.user, pk=pk)
    return render(request, "evidence/_reading.html", reading_context(request, document))


@login_required
@require_POST
def document_confirm(request, pk):
    """Save the values the respondent confirmed from the reading."""
    document = selectors.document_get(user=request.user, pk=pk)
    form = ReadingConfirmForm(request.POST, prefix=PREFIX)
    if form.is_valid():
        try:
            services.document_confirm_reading(
                actor=request.user, document=document, request=request, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if request.htmx:
                document.refresh_from_db()
                context = reading_context(request, document)
                context["confirmed"] = True
                return render(request, "evidence/_reading.html", context)
            messages.success(request, _("Data dokumen dikonfirmasi."))
            return redirect("evidence:document_detail", pk=document.pk)
    return render(
        request, "evidence/_reading.html", reading_context(request, document, form), status=400
    )
