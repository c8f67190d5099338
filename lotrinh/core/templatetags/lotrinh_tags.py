import re
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_noop

from lotrinh.core.links import is_web_link
from lotrinh.core.text import clause_anchor, find_folded, nfc

register = template.Library()

# makemessages reads no expression inside an f-string: a text written in one is marked here.
_TEXTS = (gettext_noop("Chưa có thay đổi nào."),)


@register.filter
def web_link(value: Any) -> bool:
    """May this stored link be an href? Only an http(s) URL (`core.links.is_web_link`)."""
    return is_web_link(value)


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
    """Numbers formatted in code as the page's language writes them: the minus sign, and
    the decimal comma in Vietnamese ("-9.58%" → "−9,58%"; `locale.figures_in_text`)."""
    from lotrinh.core.locale import figures_in_text

    return figures_in_text(str(text), "vi" if (get_language() or "vi").startswith("vi") else "en")


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None


@register.filter
def generic_label(code: str) -> str:
    """The label of a generic addressee code in the page's language ("Các bộ, ngành, địa
    phương", "Ministries, agencies and provinces")."""
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


# ---------------------------------------------------------------- page language


# Letters only Vietnamese writes (beyond a–z): a word with one is a Vietnamese word.
_VIETNAMESE_WORD = re.compile(
    r"\w*[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]\w*",
    re.IGNORECASE,
)
# From the first Vietnamese word to the last of a run, across the plain words between.
_VIETNAMESE_RUN = re.compile(
    rf"{_VIETNAMESE_WORD.pattern}(?:[\s,+\-–]+(?:\w+[\s,+\-–]+)*?{_VIETNAMESE_WORD.pattern})*",
    re.IGNORECASE,
)


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _vietnamese_parts(text: str, links: bool = False) -> str:
    """English text with the Vietnamese it quotes ("written as “coi đây là nhiệm vụ thường
    xuyên”", "via Báo Bắc Kạn") marked `lang="vi"`, so that a screen reader reads each
    part in its language (WCAG 3.1.2): a quotation with a Vietnamese word is Vietnamese
    as a whole; elsewhere, a run from the first Vietnamese word to the last."""

    def plain(part: str) -> str:
        return urlize(part, autoescape=True) if links else conditional_escape(part)

    def runs(part: str) -> str:
        out, last = [], 0
        for match in _VIETNAMESE_RUN.finditer(part):
            out.append(plain(part[last : match.start()]))
            out.append(format_html('<span lang="vi">{}</span>', match.group(0)))
            last = match.end()
        out.append(plain(part[last:]))
        return "".join(out)

    out, last = [], 0
    for quote in _QUOTED.finditer(text):
        if _VIETNAMESE_WORD.search(quote.group(0)):
            out.append(runs(text[last : quote.start()]))
            out.append(format_html('<span lang="vi">{}</span>', quote.group(0)))
            last = quote.end()
    out.append(runs(text[last:]))
    return mark_safe("".join(out))


def _marked(text: str, language: str) -> str:
    """`text`, inside an element marked with its language when it is not the page's; on
    an English page, Vietnamese quoted inside English text is marked too."""
    from lotrinh.core.locale import active_language

    if not text:
        return ""
    page = active_language()
    if language == page:
        return _vietnamese_parts(text) if page == "en" else conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', language, text)


@register.filter
def english_note(text: object) -> str:
    """A note written in English (the sources of the reference data), marked `lang="en"`
    on Vietnamese pages; the Vietnamese it quotes marked `lang="vi"` on English pages."""
    from lotrinh.core.locale import active_language

    value = str(text or "")
    if not value:
        return ""
    if active_language() == "en":
        return _vietnamese_parts(value, links=True)
    return format_html('<span lang="en">{}</span>', mark_safe(urlize(value, autoescape=True)))


@register.filter
def own_language(text: object) -> str:
    """A name or citation kept as its publisher wrote it ("Tổng cục Thống kê", "WIPO;
    NEDA Philippines"): Vietnamese when it has a Vietnamese word, else English, and
    marked with that language when it is not the page's."""
    from lotrinh.core.locale import active_language

    value = str(text or "")
    if _VIETNAMESE_WORD.search(value):
        return _marked(value, "vi")
    if not any(c.isalpha() for c in value):
        return _marked(value, active_language())
    return _marked(value, "en")


@register.filter
def typed(text: object) -> str:
    """Text people typed (a result, a comment, a name): written in Vietnamese by the
    officers who use Lộ trình, so on English pages marked `lang="vi"` as a whole when it
    has Vietnamese in it."""
    from lotrinh.core.locale import active_language

    value = str(text or "")
    if active_language() == "en" and _VIETNAMESE_WORD.search(value):
        return format_html('<span lang="vi">{}</span>', value)
    return conditional_escape(value)


@register.filter
def typed_within(text: object, name: object) -> str:
    """A sentence of the interface holding a `name` people typed ("Change history: Bộ Y
    tế", the admin's title): the name marked as `typed` marks it, the rest left as is."""
    value, inner = str(text or ""), str(name or "")
    if not inner or inner not in value:
        return conditional_escape(value)
    before, _, after = value.rpartition(inner)
    return mark_safe(conditional_escape(before) + typed(inner) + conditional_escape(after))


@register.filter
def localized(obj: object, field: str) -> str:
    """`obj.<field>` in the page's language (`<field>_en` on English pages), else marked.

    `{{ indicator|localized:"definition" }}`: an English page shows `definition_en`, or the
    Vietnamese text inside `<span lang="vi">` when there is no English one.
    """
    from lotrinh.core.locale import localized as pick

    if obj is None:
        return ""
    text, language = pick(obj, field)
    return _marked(text, language)


@register.filter
def agency_name(agency: object) -> str:
    """An agency's name: English where it has one on English pages, else marked Vietnamese."""
    from lotrinh.core.locale import agency_name as pick

    if agency is None:
        return ""
    text, language = pick(agency)
    return _marked(text, language)


def _plan_issuer(programme: object) -> tuple[str, str]:
    """The issuer of an agency's plan as a sentence names it (`locale.agency_in_sentence`:
    in the page's language, and that name's language); ("", "") for a national programme."""
    from lotrinh.accounts.permissions import is_agency_plan
    from lotrinh.core.locale import agency_in_sentence as pick

    if programme is None or not is_agency_plan(programme):
        return "", ""
    issuer = getattr(programme, "issuer", None)
    if issuer is not None:
        return pick(issuer)
    return str(getattr(programme, "issuer_text", "") or ""), "vi"


# "144/KH-UBND của Tỉnh Bắc Ninh": an agency's plan named with its issuer.
_PLAN_OF = gettext_noop("%(code)s của %(issuer)s")


@register.filter
def plan_code(programme: object) -> str:
    """A programme's number where a page titles it; an agency's plan's with its issuer
    ("144/KH-UBND của Tỉnh Bắc Ninh", "144/KH-UBND of Bac Ninh Province"), since two
    provinces' plans may share the number and would read alike. The issuer in the page's
    language, marked where it has no English name."""
    from django.utils.translation import gettext

    code = str(getattr(programme, "code", "") or "")
    issuer, language = _plan_issuer(programme)
    if not issuer:
        return conditional_escape(code)
    # The number is a Vietnamese document's: marked so on an English page.
    return mark_safe(
        gettext(_PLAN_OF) % {"code": _marked(code, "vi"), "issuer": _marked(issuer, language)}
    )


@register.filter
def plan_code_text(programme: object) -> str:
    """`plan_code` as plain text, for the browser tab's title (no markup there)."""
    from django.utils.translation import gettext

    code = str(getattr(programme, "code", "") or "")
    issuer, _language = _plan_issuer(programme)
    return gettext(_PLAN_OF) % {"code": code, "issuer": issuer} if issuer else code


@register.filter
def agency_in_sentence(agency: object) -> str:
    """An agency's name inside a sentence of the page ("Reports of the Ministry of
    Health"; `locale.agency_in_sentence`), marked Vietnamese where it has no English name."""
    from lotrinh.core.locale import agency_in_sentence as pick

    if agency is None:
        return ""
    text, language = pick(agency)
    return _marked(text, language)


@register.filter
def source_text(text: object) -> str:
    """Legal source text (Vietnamese only), marked `lang="vi"` on English pages."""
    return _marked(str(text or ""), "vi")


@register.filter
def num(value: Any, digits: Any = 2) -> str:
    """A number in the page's format: "1.234,56" (vi), "1,234.56" (en); at most `digits`."""
    from lotrinh.core.locale import format_number

    if value in (None, ""):
        return "—"
    try:
        return format_number(float(value), int(digits))
    except (TypeError, ValueError):
        return str(value)


@register.filter
def pct(value: Any, digits: Any = 1) -> str:
    """A percentage in the page's format: "24,6%" (vi), "24.6%" (en)."""
    from lotrinh.core.locale import format_percent

    if value in (None, ""):
        return "—"
    try:
        return format_percent(float(value), int(digits))
    except (TypeError, ValueError):
        return str(value)


@register.filter
def ratio_pct(value: Any, digits: Any = 1) -> str:
    """A ratio (0.246) as a percentage in the page's format ("24,6%")."""
    from lotrinh.core.locale import format_percent

    if value in (None, ""):
        return "—"
    try:
        return format_percent(float(value), int(digits), ratio=True)
    except (TypeError, ValueError):
        return str(value)


@register.simple_tag
def share(part: Any, whole: Any, digits: int = 0) -> str:
    """`part` of `whole` as a percentage in the page's format ("—" when `whole` is 0)."""
    from lotrinh.core.locale import format_percent

    try:
        top, bottom = float(part), float(whole)
    except (TypeError, ValueError):
        return "—"
    return format_percent(top / bottom * 100, digits) if bottom else "—"


@register.filter
def clause_label(ref: str) -> str:
    """A clause or goal reference as a reader writes it ("Phần mở đầu, đoạn 1", "II.1.b")."""
    from lotrinh.core.refs import human_ref

    return human_ref(ref)


@register.filter
def history(events: object) -> list:
    """Audit events as sentences in the page's language (see lotrinh.core.history)."""
    from lotrinh.core.history import describe_all

    return describe_all(events or [])


@register.filter
def history_list(events: object) -> str:
    """The `<ol class="history">` of audit events as sentences, written directly: a
    report's page lists fifty of them, and a template loop with two date filters per line
    cost more than the sentences themselves. `tests/core/test_history_list.py` checks
    it against the template loop it replaces."""
    from django.utils import timezone
    from django.utils.translation import gettext

    from lotrinh.core.history import describe_all
    from lotrinh.core.locale import format_datetime

    items = []
    for s in describe_all(events or []):
        moment = (
            timezone.localtime(s.occurred_at) if timezone.is_aware(s.occurred_at) else s.occurred_at
        )
        items.append(
            f'<li><time datetime="{moment.isoformat()}">{format_datetime(moment)}</time>'
            f" · <strong>{typed(s.actor)}</strong>: {conditional_escape(s.html)}</li>"
        )
    if not items:
        items.append(
            f'<li class="muted">{conditional_escape(gettext("Chưa có thay đổi nào."))}</li>'
        )
    return mark_safe(f'<ol class="history small">{"".join(items)}</ol>')  # noqa: S308


@register.filter
def localized_text(obj: object, field: str) -> str:
    """`localized` without markup, for places that take plain text (titles, attributes)."""
    from lotrinh.core.locale import localized as pick

    return pick(obj, field)[0] if obj is not None else ""


@register.filter
def recurrence_label(code: str) -> str:
    """Words for a task's recurrence code ("ongoing" → "Thường xuyên")."""
    from lotrinh.programmes.models import Recurrence

    try:
        return str(Recurrence(code).label)
    except ValueError:
        return ""


@register.filter
def says_only_recurrence(text: str, code: str) -> bool:
    """Whether a deadline as written ("Thường xuyên.") says nothing but its recurrence, so
    one badge says it (the recurrence's, in the reader's language)."""
    from django.utils import translation

    from lotrinh.core.text import fold
    from lotrinh.programmes.models import Recurrence

    try:
        recurrence = Recurrence(code)
    except ValueError:
        return False
    with translation.override("vi"):
        words = str(recurrence.label)
    return fold(str(text or "")).strip(" .,;:") == fold(words)


@register.filter
def file_name(value: str) -> str:
    """The last part of a stored path ("lotrinh/…/50-NQ-CP.json" → "50-NQ-CP.json").

    Only a path to a file is shortened; a text with slashes (a decision "15/NQ-CP") is kept.
    """
    text = str(value or "")
    if re.search(r"\.[A-Za-z0-9]{1,5}$", text):
        return re.split(r"[\\/]", text)[-1]
    return text


@register.filter
def iso_day(value: object) -> str:
    """A date kept as text ("2021-05-04", as in a parsed document) written dd/mm/yyyy."""
    import datetime

    try:
        return datetime.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value or "")


# The site's frame (base.html), written directly: lotrinh/core/frame.py.
@register.simple_tag
def frame_opening() -> str:
    from lotrinh.core.frame import opening_html

    return opening_html()


@register.simple_tag
def frame_head() -> str:
    from lotrinh.core.frame import head_html

    return head_html()


@register.simple_tag(takes_context=True)
def frame_body(context: template.Context) -> str:
    from lotrinh.core.frame import body_html

    return body_html(context)


@register.simple_tag
def frame_end() -> str:
    from lotrinh.core.frame import end_html

    return end_html()


@register.simple_tag
def day_input(name: str, value: Any = None, error: str = "", **attrs: Any) -> str:
    """A date input written by hand in a template, the same as a form's (`core.dates`):
    `{% day_input "cutoff" today id="cutoff" required=True max=today %}`. `value` is a
    date, an ISO string or what was typed; attributes that are False or None are left
    out. `error`, a message about what was typed, follows the input, tied to it."""
    from lotrinh.core.dates import DayInput

    shown = {key.replace("_", "-"): val for key, val in attrs.items() if val not in (None, False)}
    error_html = ""
    if error and shown.get("id"):
        error_id = f"{shown['id']}_error"
        shown["aria-invalid"] = "true"
        shown["autofocus"] = True
        shown["aria-describedby"] = f"{error_id} {shown.get('aria-describedby', '')}".strip()
        error_html = format_html(
            '<span class="errorlist" id="{}" role="alert">{}</span>', error_id, error
        )
    return format_html("{}{}", DayInput().render(name, value, attrs=shown), error_html)


@register.filter
def reads_activity_log(user: object) -> bool:
    """May `user` read the activity log (`permissions.may_read_activity_log`)?"""
    from lotrinh.accounts.permissions import may_read_activity_log

    return may_read_activity_log(user)
