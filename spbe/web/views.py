from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from spbe.web.home import home_page


@login_required
def home(request):
    """The page each role opens every morning: one section per role the user holds
    (see `spbe.web.home`), each a small include under web/home/."""
    return render(request, "web/home.html", {"page": home_page(user=request.user)})
