"""Absolute links for what leaves the site (e-mails): the configured site address + a path;
and which stored links a page may put in an href."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
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


# Links typed by people (evidence, sources) go into pages' hrefs: only http(s) ones.
_WEB_LINK = URLValidator(schemes=["http", "https"])


def is_web_link(value: Any) -> bool:
    """Is `value` an http(s) URL, the only kind of stored link a page puts in an href?

    Anything else (`javascript:`, `data:`, a word) is shown as text: data stored before
    the services refused it must not become a link someone clicks."""
    if not value:
        return False
    try:
        _WEB_LINK(str(value))
    except ValidationError:
        return False
    return True
