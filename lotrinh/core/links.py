"""Absolute links for what leaves the site (e-mails): the configured site address + a path."""

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(path_or_name: str, *args: Any, **kwargs: Any) -> str:
    """`LOTRINH_SITE_URL` + a path ("/bao-cao/91/") or a route name with its arguments.

    A link that is already absolute is returned as it is.
    """
    if path_or_name.startswith(("http://", "https://")):
        return path_or_name
    path = (
        path_or_name
        if path_or_name.startswith("/")
        else reverse(path_or_name, args=args or None, kwargs=kwargs or None)
    )
    return settings.LOTRINH_SITE_URL.rstrip("/") + path
