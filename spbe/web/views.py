from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from spbe.evaluations.selectors import my_tasks
from spbe.organizations.permissions import scope_for
from spbe.organizations.selectors import unit_visible


@login_required
def home(request):
    units = unit_visible(user=request.user)[:50]
    scope = scope_for(request.user)
    # Respondents see their to-do list first (their units' indicators, deadlines).
    tasks = list(my_tasks(user=request.user)) if scope.edit_unit_ids else None
    return render(request, "web/home.html", {"units": units, "tasks": tasks})
