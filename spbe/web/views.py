from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from spbe.organizations.selectors import unit_visible


@login_required
def home(request):
    units = unit_visible(user=request.user)[:50]
    return render(request, "web/home.html", {"units": units})
