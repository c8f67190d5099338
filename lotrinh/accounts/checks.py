"""`check --deploy`: e-mailed links must lead to the site people open."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    parts = urlsplit(settings.LOTRINH_SITE_URL)
    problems = []
    if parts.hostname in LOCAL_HOSTS:
        problems.append(
            Warning(
                "LOTRINH_SITE_URL is a local address: links in invitations, password resets "
                "and reminders would lead nowhere.",
                hint="Set LOTRINH_SITE_URL to the address people open, "
                "e.g. https://lotrinh.example.gov.vn",
                id="lotrinh.W001",
            )
        )
    elif settings.HTTPS and parts.scheme != "https":
        problems.append(
            Warning(
                "LOTRINH_SITE_URL starts with http:// on a site served over HTTPS.",
                hint="Use https:// in LOTRINH_SITE_URL.",
                id="lotrinh.W002",
            )
        )
    return problems
