"""A stale save told as it happened: when the newer version was saved by the same person
(the report open in two tabs or windows), the page says so instead of blaming "someone
else"; the comparison's dates are written as the page writes dates; and a form whose
hidden version was forged or mangled is told apart from a form with a wrong value."""

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotrinh.core.audit import events_for
from lotrinh.core.locale import format_date, format_datetime
from lotrinh.reporting.models import ReportEntry

# A form's hidden fields (the version it was read at, the fingerprint of its values) come
# back as the page wrote them unless the page is broken or the request was forged: no
# field can say what is wrong, so the form says it at its top and nothing is saved.
HIDDEN_FIELDS = ("version", "fingerprint")
FORGED_MESSAGE = gettext_lazy(
    "Trang đã cũ hoặc dữ liệu gửi lên không hợp lệ: hãy tải lại trang. Chưa lưu nội dung nào."
)


def forged(form: Any) -> bool:
    """Did a hidden field of this bound form come back unreadable?"""
    return form.is_bound and any(name in form.errors for name in HIDDEN_FIELDS)


def mark_own(conflicts: list[Any], report: Any, user: Any, action: str, by_label: bool) -> bool:
    """Mark each conflict whose last audited save (`action`, noted with the conflict's
    label when `by_label`: a task's reference) was `user`'s own (`by_self`); True when
    every one was."""
    if not conflicts:
        return False
    for conflict in conflicts:
        events = events_for(report).filter(action=action)
        if by_label:
            events = events.filter(note=conflict.label)
        actor = events.order_by("-occurred_at", "-id").values_list("actor_id", flat=True).first()
        conflict.by_self = actor is not None and actor == user.pk
    return all(c.by_self for c in conflicts)


def own_message(conflicts: list[Any]) -> str:
    """The message above a stale form that the person herself saved elsewhere."""
    when = max((c.changed_at for c in conflicts if c.changed_at), default=None)
    if when is None:
        return _(
            "Bạn đã cập nhật nội dung này ở một thẻ hoặc cửa sổ khác; thay đổi ở trang này chưa "
            "được lưu. Hãy so sánh với giá trị hiện tại rồi lưu lại."
        )
    return _(
        "Bạn đã cập nhật nội dung này ở một thẻ hoặc cửa sổ khác lúc %(time)s; thay đổi ở trang "
        "này chưa được lưu. Hãy so sánh với giá trị hiện tại rồi lưu lại."
    ) % {"time": format_datetime(when)}


def _is_date_field(name: str) -> bool:
    try:
        return isinstance(ReportEntry._meta.get_field(name), models.DateField)
    except Exception:  # noqa: BLE001 - not a field of an entry (a contribution, a section)
        return False


def _shown_date(value: Any) -> Any:
    if isinstance(value, str) and value:
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return format_date(value) if isinstance(value, datetime.date) else value


def comparison_rows(conflict: Any) -> list[dict[str, Any]]:
    """The conflict's rows (`Conflict.merge_rows`) with dates shown in the page's format
    ("01/10/2026", "1 Oct 2026"); the raw values the merge fills in stay ISO (a date input's)."""
    rows = conflict.merge_rows
    for name, row in zip(conflict.fields, rows, strict=True):
        if _is_date_field(name):
            row["yours"], row["current"] = _shown_date(row["yours"]), _shown_date(row["current"])
    return rows


# The audited save behind each unit of a report page, by its form key ("e…" an entry and
# "c…" a contribution, noted with the task's reference; "" the sections).
SAVED_ACTIONS = {
    "e": ("report.entry_saved", True),
    "c": ("report.contribution_saved", True),
    "": ("report.sections_saved", False),
}


def mark_own_by_key(conflicts: list[Any], key: str, report: Any, user: Any) -> bool:
    """`mark_own` for the unit of a page whose form key is `key` ("save all")."""
    action, by_label = SAVED_ACTIONS[key[:1]]
    return mark_own(conflicts, report, user, action, by_label)


def summary_line(conflict: Any) -> str:
    """A conflict's line in the "save all" summary, after its label: the same person's
    says she saved it elsewhere, as a single save does (`own_message`)."""
    if getattr(conflict, "by_self", False):
        return own_message([conflict])
    return _("chưa lưu — người khác vừa sửa cùng nội dung; hãy hợp nhất rồi lưu lại.")
