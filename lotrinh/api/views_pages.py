"""The screen where an agency's account administrator issues and revokes API tokens."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.api import services
from lotrinh.api.models import ApiToken
from lotrinh.core.concurrency import Write, writes


def _agency(request: HttpRequest) -> Agency:
    """`?agency=<code>` (a system administrator), else the own agency; 404 for an agency
    the user does not run the accounts of."""
    code = (request.GET.get("agency") or request.POST.get("agency") or "").strip()
    user: Any = request.user
    if "\x00" in code:  # no agency's code; PostgreSQL would refuse the query
        raise Http404
    agency = get_object_or_404(Agency, code=code) if code else getattr(user, "agency", None)
    if agency is None or not perms.may_manage_api_tokens(user, agency):
        raise Http404
    return agency


def _page(request: HttpRequest, agency: Agency, **extra: Any) -> HttpResponse:
    roles = [(r, Role(r).label) for r in perms.api_token_roles(request.user)]
    return render(
        request,
        "api/tokens.html",
        {
            "agency": agency,
            "tokens": services.tokens_for(request.user, agency),
            "roles": roles,
            **extra,
        },
    )


@login_required
@require_safe
def tokens(request: HttpRequest) -> HttpResponse:
    return _page(request, _agency(request))


@login_required
@require_POST
@writes(Write.CREATE)
def issue(request: HttpRequest) -> HttpResponse:
    agency = _agency(request)
    try:
        issued = services.issue_token(
            request.user,
            agency,
            name=request.POST.get("name", ""),
            role=request.POST.get("role", ""),
            scopes=request.POST.getlist("scopes"),
        )
    except services.TokenError as exc:
        response = _page(request, agency, error=str(exc), form=request.POST)
        response.status_code = 400
        return response
    # The secret is shown on this answer only (never stored, never in a redirect).
    response = _page(request, agency, issued=issued)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
@writes(Write.EDIT, version="version")
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.select_related("agency"), pk=pk)
    if not perms.may_manage_api_tokens(request.user, token.agency):
        raise Http404
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        # Not the form's (which always sends the version it showed): never skip the check.
        version = -1
    try:
        services.revoke_token(request.user, token, expected_version=version)
    except services.TokenError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Đã thu hồi khoá API: hệ thống dùng khoá này không truy cập được nữa.")
        )
    return redirect(f"{reverse('api_tokens:list')}?agency={token.agency.code}")
