"""One concurrency model for every write (docs/architecture.md, "The double click, the
stale tab, two people at once").

- A write route declares what it does with `@writes(...)` (read by
  tests/core/test_write_routes_declare_concurrency.py, which walks the URL resolver):
  `EDIT` (changes an existing object: the form carries the version it showed, named by
  `version=`, and the service refuses it under the row's lock when it changed), `CREATE`
  (adds under the parent's lock; the same thing again is `AlreadyDone`-like, no
  duplicate), `STEP` (moves an object's state: a repeat finds the state moved), `OWN`
  (the person's own things only: her password, her notices read), `READ` (a POST that
  stores nothing shared: a file checked, a page that takes POST but writes nothing).
- An object with no version column of its own is versioned by its audit trail: every
  change records an event (`core.audit.record_event`, the admin's `AuditedAdminMixin`),
  so the id of the latest event on the object is its version (`event_version`), and that
  event names who changed it and when (`StaleEdit`).
"""

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from lotrinh.core.audit import events_for
from lotrinh.core.locale import format_datetime
from lotrinh.core.models import AuditEvent

V = TypeVar("V")

# The hidden field of a form versioned by its audit trail.
SEEN_FIELD = "seen_event"


class Write(StrEnum):
    EDIT = "edit"
    CREATE = "create"
    STEP = "step"
    OWN = "own"
    READ = "read"


def writes(*kinds: Write, version: str = "") -> Callable[[V], V]:
    """Declare what a write route does (see the module's docstring). `version`: the
    posted field carrying the version the page showed, required with `Write.EDIT`."""
    if not kinds:
        raise ValueError("a write route declares at least one kind")
    if Write.EDIT in kinds and not version:
        raise ValueError("an edit names the field that carries the version it showed")

    def mark(view: V) -> V:
        # Set on the function (copied outward by functools.wraps) or on the class.
        view.concurrency = {"kinds": frozenset(kinds), "version": version}  # type: ignore[attr-defined]
        return view

    return mark


def declared(view: Any) -> dict[str, Any] | None:
    """What a view declares (`writes`), looking through a class-based view's class."""
    found = getattr(view, "concurrency", None)
    if found is None and hasattr(view, "view_class"):
        found = getattr(view.view_class, "concurrency", None)
    return found


def last_event(obj: models.Model, actions: Sequence[str] = ()) -> AuditEvent | None:
    """The latest event recorded on `obj` (who changed it last, and when); `actions`:
    only those (the changes that move a version column of its own)."""
    events = events_for(obj)
    if actions:
        events = events.filter(action__in=actions)
    return events.order_by("-pk").first()


def event_version(obj: models.Model) -> int:
    """The version of an object versioned by its audit trail: its latest event's id."""
    event = last_event(obj)
    return event.pk if event is not None else 0


def shown_version(value: Any) -> int | None:
    """The version a form sent back; None when it sent none or a broken one."""
    text = str(value if value is not None else "").strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


def changed_since(obj: models.Model, event: AuditEvent | None) -> str:
    """The sentence that says `obj` changed after the page showed it: who changed it and
    when, from its latest event (the moment as `locale.format_datetime` writes it)."""
    if event is None:
        return _("“%(what)s” đã thay đổi sau khi bạn mở trang này.") % {"what": str(obj)}
    who = (event.actor.full_name or event.actor.username) if event.actor else _("hệ thống")
    return _("“%(what)s” đã được %(who)s thay đổi lúc %(when)s, sau khi bạn mở trang này.") % {
        "what": str(obj),
        "who": who,
        "when": format_datetime(event.occurred_at),
    }


class StaleEdit(Exception):
    """The object changed since the page was opened: nothing was written. The message
    names who changed it and when, in the page's language."""

    def __init__(self, obj: models.Model, event: AuditEvent | None, kept: bool = True) -> None:
        self.event = event
        # `kept`: the page gives back what was typed (a form), or shows what is stored now.
        message = (
            changed_since(obj, event)
            + " "
            + (
                _("Chưa lưu gì; nội dung bạn nhập vẫn còn dưới đây: hãy xem lại rồi lưu lại.")
                if kept
                else _("Chưa lưu gì.")
            )
        )
        super().__init__(message)


def check_event_version(locked: models.Model, shown: int | None) -> None:
    """Refuse an edit of `locked` (its row locked by the caller) when its audit trail
    moved since the page showed version `shown`, or when the form said none."""
    event = last_event(locked)
    if shown is None or shown != (event.pk if event is not None else 0):
        raise StaleEdit(locked, event)
