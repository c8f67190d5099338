from typing import Any

from django.http import HttpRequest

from lotrinh.accounts.permissions import capabilities_of


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"user_capabilities": capabilities_of(user) if user is not None else frozenset()}
