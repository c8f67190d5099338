"""The entry form of the report page, written directly as HTML.

The editable report page shows one form per task (42 for the largest ministry) and is the
page every reporter opens on deadline day. Rendering each through Django's form machinery
(a template per widget, per label, per error list) cost about 7 ms per entry; this writes
the same markup in a few string operations.

Only a form as first shown (unbound: the stored values, optionally "saved at hh:mm") is
written here. A form that comes back with the user's values, errors or a conflict is rendered
by `reporting/_entry_form.html` through `EntryForm`, as before. `tests/reporting/
test_entry_html.py` checks that both give the same HTML for the same entry: change the two
together (the form's fields, widgets, labels or that template).
"""

from typing import Any
from urllib.parse import quote

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import time_format
from django.utils.html import escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotrinh.core.dates import reading_words, show_day
from lotrinh.core.links import is_web_link
from lotrinh.core.uploads import size_text
from lotrinh.reporting import evidence
from lotrinh.reporting.forms import ENTRY_VALUES, EntryForm, fingerprint
from lotrinh.reporting.models import ContributionEntry, ReportEntry

MAX_120, MAX_500 = ' maxlength="120"', ' maxlength="500"'
ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png"

# Per language: the labels and the status options (the same for every entry).
_CHROME: dict[str, dict[str, Any]] = {}


def _chrome() -> dict[str, Any]:
    language = get_language() or ""
    found = _CHROME.get(language)
    if found is None:
        fields = EntryForm.base_fields
        found = {
            "labels": {name: str(escape(str(fields[name].label))) for name in fields},
            "choices": [
                (str(escape(v)), str(escape(str(label))))
                for v, label in fields["status"].choices  # type: ignore[attr-defined]
            ],
            "legend": _("Kết quả nhiệm vụ %(ref)s"),
            "picker": escape(_("Chọn ngày trên lịch")),
            # The day as read, beside the input (site.js), as DayInput writes it.
            "reading": "".join(
                f' data-{key.replace("_", "-")}="{escape(words)}"'
                for key, words in reading_words().items()
            ),
            "day_placeholder": escape(_("dd/mm/yyyy")),
            "day_hint": escape(_("Ngày/tháng/năm, ví dụ 30/11/2026")),
            "save": escape(_("Lưu nhiệm vụ này")),
            "remove": escape(_("Gỡ tệp này")),
            "replace": escape(_("hoặc chọn tệp khác để thay:")),
            "file": escape(_("tệp đính kèm")),
            "limit": _("tối đa %(limit)s"),
            "saved": _("Đã lưu lúc %(time)s"),
            "generic": escape(_("giao chung")),
            "inherited": escape(_("kế thừa")),
            "received": escape(_("Cơ quan phối hợp đã báo cáo")),
        }
        _CHROME[language] = found
    return found


class UrlPattern:
    """A URL reversed once with placeholder numbers, then filled in per entry (reversing
    a URL per entry of a long report costs more than the rest of its form)."""

    MARK = 987654321

    def __init__(self, name: str, report_pk: int) -> None:
        self.text = reverse(name, args=[report_pk, self.MARK])
        self.report_pk = report_pk

    def __call__(self, pk: int) -> str:
        return self.text.replace(str(self.MARK), str(pk))


class TaskUrls:
    """Each task's page (`programmes:task`), reversed once per programme and filled in
    with the task's anchor, quoted as `reverse` quotes it."""

    MARK = "ANCHOR987654321"

    def __init__(self) -> None:
        self.patterns: dict[str, str] = {}

    def __call__(self, slug: str, anchor: str) -> str:
        pattern = self.patterns.get(slug)
        if pattern is None:
            pattern = self.patterns[slug] = reverse("programmes:task", args=[slug, self.MARK])
        return pattern.replace(self.MARK, quote(anchor, safe=RFC3986_SUBDELIMS + "/~:@"))


def _input(kind: str, name: str, value: str, extra: str = "") -> str:
    shown = f' value="{escape(value)}"' if value else ""
    return f'<input type="{kind}" name="{name}"{shown}{extra} id="id_{name}">'


def _day_input(chrome: dict[str, Any], name: str, value: str) -> str:
    """`core.dates.DayInput` as it renders an unbound field (dd/mm/yyyy, its hint)."""
    shown = f' value="{escape(value)}"' if value else ""
    return (
        f'<span class="day-field" data-picker-label="{chrome["picker"]}"{chrome["reading"]}>'
        f'<input type="text" '
        f'name="{name}"{shown} inputmode="numeric" autocomplete="off" size="11" '
        f'maxlength="40" id="id_{name}" placeholder="{chrome["day_placeholder"]}" '
        f'aria-describedby="id_{name}_format"></span><span class="visually-hidden" '
        f'id="id_{name}_format">{chrome["day_hint"]}</span>'
    )


def _textarea(name: str, value: str, rows: int) -> str:
    return (
        f'<textarea name="{name}" cols="40" rows="{rows}" lang="vi" id="id_{name}">\n'
        f"{escape(value)}</textarea>"
    )


def _label(chrome: dict[str, Any], prefix: str, field: str) -> str:
    return f'<label for="id_{prefix}-{field}">{chrome["labels"][field]}:</label>'


def entry_form_html(
    entry: ReportEntry,
    save_url: str,
    evidence_url: str = "",
    saved_at: Any = None,
) -> SafeString:
    """The fieldset of `reporting/_entry_form.html` for an unbound `EntryForm` of `entry`
    (its stored values and version); `saved_at` adds "saved at hh:mm"."""
    c = _chrome()
    p = f"e{entry.pk}"
    status = entry.status
    options = "\n".join(
        f'  <option value="{v}"{" selected" if v == status else ""}>{label}</option>\n'
        for v, label in c["choices"]
    )
    date = show_day(entry.evidence_date)
    values = {f: getattr(entry, f) for f in ENTRY_VALUES}
    out = [
        f'<fieldset class="entry-form" id="entry-{entry.pk}" data-key="{p}">\n'
        f'<legend class="visually-hidden">{c["legend"] % {"ref": escape(entry.task.ref)}}'
        "</legend>\n\n\n"
    ]
    if saved_at is not None:
        time = c["saved"] % {"time": escape(time_format(saved_at, "H:i"))}
        out.append(f'<div class="msg msg-success saved" role="status">{time}</div>')
    out.append(
        '\n<div class="grid-2">\n'
        f"<div>{_label(c, p, 'status')} "
        f'<select name="{p}-status" id="id_{p}-status">\n{options}\n</select> </div>\n'
        f"<div>{_label(c, p, 'evidence_number')} "
        f"{_input('text', f'{p}-evidence_number', entry.evidence_number, MAX_120)}"
        " </div>\n"
        f"<div>{_label(c, p, 'evidence_date')} {_day_input(c, f'{p}-evidence_date', date)} "
        "</div>\n"
        f"<div>{_label(c, p, 'evidence_link')} "
        f"{_input('url', f'{p}-evidence_link', entry.evidence_link, MAX_500)} "
        "</div>\n"
        f"<div>{_label(c, p, 'evidence_file')} "
    )
    if entry.evidence_file:
        kind = f"{escape(entry.evidence_type.upper())}, " if entry.evidence_type else ""
        out.append(
            f'<span class="evidence-current"><a class="evidence-file" href="{evidence_url}" '
            f'download>{escape(entry.evidence_name) or c["file"]}</a> <span class="muted small">'
            f"({kind}{filesizeformat(entry.evidence_size)})</span>\n</span> "
            f'<label class="inline-check"><input type="checkbox" name="{p}-evidence_remove" '
            f'id="id_{p}-evidence_remove"> {c["remove"]}</label> '
            f'<span class="small muted">{c["replace"]}</span> '
        )
    limit = evidence.max_bytes()
    out.append(
        f'<input type="file" name="{p}-evidence_file" id="id_{p}-evidence_file" '
        f'accept="{ACCEPT}" data-max-bytes="{limit}"> <span class="small muted">'
        f"({escape(c['limit'] % {'limit': size_text(limit)})})</span> </div>\n</div>\n"
        f"<div>{_label(c, p, 'result')} {_textarea(f'{p}-result', entry.result, 3)} </div>\n"
        f'<div class="grid-2"><div>{_label(c, p, "difficulties")} '
        f"{_textarea(f'{p}-difficulties', entry.difficulties, 2)} </div>"
        f"<div>{_label(c, p, 'proposals')} {_textarea(f'{p}-proposals', entry.proposals, 2)} "
        "</div></div>\n"
        f'<input type="hidden" name="{p}-version" value="{entry.version}" id="id_{p}-version">'
        f'<input type="hidden" name="{p}-fingerprint" value="{fingerprint(values)}" '
        f'id="id_{p}-fingerprint">\n'
        f'<button class="btn btn-primary entry-save" name="only" value="{p}" hx-post="{save_url}" '
        'hx-encoding="multipart/form-data" hx-target="closest fieldset" hx-swap="outerHTML">'
        f"{c['save']}</button>\n</fieldset>\n"
    )
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped)


def contribution_fields_html(contribution: ContributionEntry) -> SafeString:
    """The fields of an unbound `ContributionForm` of `contribution` (its text, version and
    fingerprint), as the report page's template renders them through the form."""
    p = f"c{contribution.pk}"
    text = contribution.contribution
    return mark_safe(  # noqa: S308 (the text is escaped)
        f"{_textarea(f'{p}-contribution', text, 2)}"
        f'<input type="hidden" name="{p}-version" value="{contribution.version}" id="id_{p}-version">'
        f'<input type="hidden" name="{p}-fingerprint" value="{fingerprint({"contribution": text})}" '
        f'id="id_{p}-fingerprint">'
    )


def entry_card_html(
    entry: ReportEntry, task_url: str, received: list[ContributionEntry], form_html: str
) -> SafeString:
    """The report page's `<section>` of one task: its reference, badge, text, what the
    coordinating agencies reported, and the entry form (`form_html`), as the page's
    template writes it for a form sent back (`tests/reporting/test_entry_html.py`)."""
    from django.utils.text import Truncator

    from lotrinh.core.templatetags.lotrinh_tags import agency_name, source_text, typed

    c = _chrome()
    ref = escape(entry.task.ref)
    badge = ""
    if entry.via == "generic":
        badge = f'<span class="badge badge-generic">{c["generic"]}</span>'
    elif entry.via == "inherited":
        badge = f'<span class="badge badge-inherited">{c["inherited"]}</span>'
    text = source_text(Truncator(entry.task.text).words(50, truncate=" …"))
    others = ""
    if received:
        items = "".join(
            f"<li>{agency_name(o.report.agency)}: {typed(o.contribution)}</li>" for o in received
        )
        others = f'<div class="msg small"><strong>{c["received"]}:</strong><ul>{items}</ul></div>'
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<section class="card" id="task-{ref}">\n'
        f'<h3 class="flush"><a class="ref" href="{escape(task_url)}">{ref}</a> {badge}</h3>\n'
        f'<p class="small">{text}</p>\n{others}\n{form_html}\n</section>'
    )


def entry_rows_html(entries: Any, report_pk: int) -> SafeString:
    """The rows of a report's read-only entries table (`reporting/_entry_rows.html`, the
    template loop this replaced, with `_evidence_link.html`): the task's link, status,
    result, evidence and difficulties of each entry (their line breaks kept: a result is
    often a list, or a table pasted from Word), the task URL reversed once per page.
    `tests/reporting/test_entry_rows_html.py` compares the two."""
    from django.template.defaultfilters import date as date_filter
    from django.template.defaultfilters import linebreaksbr
    from django.utils.html import conditional_escape

    from lotrinh.core.templatetags.lotrinh_tags import typed

    task_url = TaskUrls()
    evidence_url = UrlPattern("reporting:evidence", report_pk)
    link_word, file_word = _("liên kết"), _("tệp đính kèm")
    rows = []
    for e in entries:
        task = e.task
        day = escape(date_filter(e.evidence_date, "d/m/Y"))
        evidence = f'{escape(e.evidence_number)} <span class="nowrap">{day}</span> '
        if is_web_link(e.evidence_link):
            evidence += f'<a href="{escape(e.evidence_link)}" rel="noreferrer">{link_word}</a>'
        elif e.evidence_link:  # stored before the services refused it: text, never an href
            evidence += f'<span class="link-text break">{escape(e.evidence_link)}</span>'
        if e.evidence_file:
            kind = f"{escape(e.evidence_type.upper())}, " if e.evidence_type else ""
            name = escape(e.evidence_name) if e.evidence_name else file_word
            evidence += (
                f' <a class="evidence-file" href="{escape(evidence_url(e.pk))}" download>{name}</a>'
                f' <span class="muted small">({kind}'
                f"{conditional_escape(filesizeformat(e.evidence_size))})</span>\n"
            )
        rows.append(
            f'<tr><td class="ref"><a href="{escape(task_url(task.programme.slug, task.clause.anchor))}">'
            f"{escape(task.ref)}</a></td><td>{escape(e.get_status_display())}</td>"
            f"<td>{linebreaksbr(typed(e.result))}</td>"
            f'<td class="small">{evidence}</td>'
            f'<td class="small">{linebreaksbr(typed(e.difficulties))} '
            f"{linebreaksbr(typed(e.proposals))}</td></tr>"
        )
    return mark_safe("".join(rows))
