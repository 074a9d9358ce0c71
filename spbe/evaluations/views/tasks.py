"""The user's own pages: the to-do list and the notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from spbe.evaluations import selectors, services


@login_required
def my_tasks(request):
    return render(
        request, "evaluations/my_tasks.html", {"tasks": list(selectors.my_tasks(user=request.user))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    if request.method == "POST":
        ids = request.POST.getlist("id")
        services.notification_mark_read(
            user=request.user, ids=[int(i) for i in ids if i.isdigit()] or None
        )
        return redirect("evaluations:notifications")
    items = list(selectors.notification_list(user=request.user)[:200])
    return render(request, "evaluations/notifications.html", {"items": items})
