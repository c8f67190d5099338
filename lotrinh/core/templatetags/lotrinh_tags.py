from django import template
from django.utils.html import format_html

from lotrinh.core.text import clause_anchor

register = template.Library()


@register.filter
def anchor(ref: str) -> str:
    return clause_anchor(ref)


@register.filter
def generic_label(code: str) -> str:
    """Vietnamese label of a generic addressee code ("các bộ, ngành, địa phương")."""
    from lotrinh.programmes.models import GenericAddressee

    try:
        return str(GenericAddressee(code).label)
    except ValueError:
        return code


@register.simple_tag(takes_context=True)
def can(context: template.Context, capability: str) -> bool:
    return capability in (context.get("user_capabilities") or frozenset())


@register.simple_tag
def role_badge(role: str, label: str) -> str:
    return format_html('<span class="badge badge-{}">{}</span>', role, label)


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **kwargs: object) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    return params.urlencode()
