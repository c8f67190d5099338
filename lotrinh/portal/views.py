from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotrinh.programmes.services import published_programmes


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/home.html", {"programmes": published_programmes().order_by("issue_date")}
    )
