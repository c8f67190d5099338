"""The answer to a locked-out login: the login page again, with a message that says why."""

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out_response(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """Called by django-axes (AXES_LOCKOUT_CALLABLE) instead of its bare 403 page."""
    username = ""
    if isinstance(credentials, dict):
        username = str(credentials.get("username") or "")
    elif request.method == "POST":
        username = request.POST.get("username", "")
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cooloff.total_seconds() // 60))
    form = AuthenticationForm(request, initial={"username": username[:150]})
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "locked_out": True,
            "cooloff_minutes": minutes,
            "next": request.POST.get("next", "") or request.GET.get("next", ""),
        },
        status=429,
    )
