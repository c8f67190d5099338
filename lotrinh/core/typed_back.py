"""What a person typed, given back when the write it was for is refused because its
object changed while she typed: a report returned, a plan withdrawn, a value reviewed by
another monitor. Nothing typed is lost (docs/security.md, "Nothing typed is lost": a
default chosen by the team).

When the object can no longer be read by her, the answer stays a 404, the same for an
address that names nothing: the page says neutrally that the object no longer takes her
text, never in which state it is, and shows the text read-only, to be copied."""

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def typed_texts(request: HttpRequest, fields: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, text) of each of `fields` ((name, label)) the POST holds a text in; a NUL
    dropped (a page cannot show it)."""
    found = []
    for name, label in fields:
        text = request.POST.get(name, "").replace("\x00", "")
        if text.strip():
            found.append((label, text))
    return found


def typed_back_page(
    request: HttpRequest,
    typed: list[tuple[str, str]],
    message: str,
    *,
    status: int = 404,
    back_url: str = "",
    back_label: str = "",
) -> HttpResponse:
    """The site's page saying `message` with `typed` read-only below it (`status` 404 when
    the object is no longer readable, as for one that never was; 409 when it is)."""
    return render(
        request,
        "core/typed_back.html",
        {
            "typed": typed,
            "message": message,
            "back_url": back_url,
            "back_label": back_label or _("Về trang chủ"),
        },
        status=status,
    )
