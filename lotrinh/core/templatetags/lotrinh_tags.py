import re

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from lotrinh.core.text import clause_anchor, find_folded, nfc

register = template.Library()
_DECIMAL_POINT = re.compile(r"(\d)\.(\d)")


@register.filter
def anchor(ref: str) -> str:
    return clause_anchor(ref)


@register.filter
def excerpt(text: str, query: str = "") -> str:
    """A short excerpt of `text` around the first match of `query`, the match marked."""
    text = nfc(text)
    span = find_folded(text, query) if query else None
    if span is None:
        words = text.split()
        return " ".join(words[:45]) + (" …" if len(words) > 45 else "")
    start, end = span
    left = max(0, text.rfind(" ", 0, max(0, start - 120)) + 1)
    right = text.find(" ", min(len(text), end + 160))
    right = len(text) if right < 0 else right
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "… " if left > 0 else "",
        text[left:start],
        text[start:end],
        text[end:right],
        " …" if right < len(text) else "",
    )


@register.filter
def localnum(text: str) -> str:
    """Decimal comma in Vietnamese ("9.58%" → "9,58%") for numbers formatted in code."""
    if (get_language() or "vi").startswith("vi"):
        return _DECIMAL_POINT.sub(r"\1,\2", str(text))
    return str(text)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None


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
