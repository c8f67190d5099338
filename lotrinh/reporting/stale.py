"""A stale save told as it happened: when the newer version was saved by the same person
(the report open in two tabs or windows), the page says so instead of blaming "someone
else"."""

from typing import Any

from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from lotrinh.core.audit import events_for


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
    ) % {"time": time_format(timezone.localtime(when), "H:i")}


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
