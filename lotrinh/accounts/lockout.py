"""Login lock-out (django-axes): the address a login comes from, and the answer to a
locked-out login (the login page again, with a message that says why)."""

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


def client_address(request: HttpRequest) -> str | None:
    """The address a login is counted against (AXES_CLIENT_IP_CALLABLE).

    Served directly, the connection's address. Behind the HTTPS proxy of the deployment
    guide (LOTRINH_BEHIND_HTTPS_PROXY) every connection is the proxy's, so counting it
    would let anyone lock anyone out for everybody: the client is then the last entry of
    X-Forwarded-For, the one the proxy appended; entries a client wrote before it are
    ignored, so they cannot be used to escape the count either."""
    remote = request.META.get("REMOTE_ADDR")
    if not getattr(settings, "LOTRINH_BEHIND_HTTPS_PROXY", False):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last[:64] or remote
