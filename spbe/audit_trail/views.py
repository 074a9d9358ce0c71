"""The coordinator's audit trail page and its CSV export (their instansi only)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from spbe.audit import selectors
from spbe.audit.labels import describe_events
from spbe.audit_trail.exports import event_csv_response
from spbe.audit_trail.forms import EventFilterForm
from spbe.organizations.permissions import ensure
from spbe.organizations.selectors import instansi_get, instansi_managed

PAGE_SIZE = 50


def _filtered(request, pk):
    instansi = instansi_get(user=request.user, pk=pk)
    ensure(request.user, "audit.view", instansi)
    form = EventFilterForm(request.GET or None, actions=selectors.action_codes(instansi=instansi))
    filters = form.filters() if request.GET else {}
    return instansi, form, selectors.event_list(instansi=instansi, **filters)


@login_required
def event_home(request):
    first = instansi_managed(user=request.user).first()
    if first is None:
        raise Http404
    return redirect("audit:event_list", pk=first.pk)


@login_required
def event_list(request, pk):
    instansi, form, events = _filtered(request, pk)
    page = Paginator(events.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("hal"))
    page.object_list = describe_events(page.object_list)
    query = request.GET.copy()
    query.pop("hal", None)
    template = "audit/_events.html" if request.htmx else "audit/event_list.html"
    return render(
        request,
        template,
        {"instansi": instansi, "form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def event_export(request, pk):
    instansi, _form, events = _filtered(request, pk)
    return event_csv_response(instansi=instansi, events=events)
