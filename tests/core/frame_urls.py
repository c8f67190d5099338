"""URLs for tests/core/test_frame.py: the site's, and a page rendered both with the
site's frame and with the reference template it replaced."""

from pathlib import Path

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from lotrinh.urls import urlpatterns as site

REFERENCE = (Path(__file__).parent / "frame_reference" / "base.html").read_text(encoding="utf-8")
SEPARATOR = "\n<!-- ======== reference ======== -->\n"


def both(request: HttpRequest) -> HttpResponse:
    """The empty page in the frame, then the same page in the reference template."""
    if request.GET.get("message"):
        messages.success(request, request.GET["message"])
    engine = engines["django"]
    framed = engine.from_string('{% extends "base.html" %}').render({}, request)
    reference = engine.from_string(REFERENCE).render({}, request)
    return HttpResponse(framed + SEPARATOR + reference)


def framed(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        engines["django"].from_string('{% extends "base.html" %}').render({}, request)
    )


urlpatterns = [*site, path("__frame__/", both), path("__framed__/", framed)]
