"""A report's audit events read once for its page.

The report page shows the fifty newest events and asks three questions of the others:
when approval was last asked for (`guidance`), the leader's comment when she last sent it
back (`services.leader_comment`), and the notes of changed tasks (`carry`). Each asked
the database on its own; the newest events, read once, answer all of them when they hold
the answer (the latest event of a kind is the first of that kind among the newest), and
a report with more events than that asks the database as before.
`tests/reporting/test_report_events.py` checks the answers against the queries.
"""

from collections.abc import Collection
from typing import Any

from lotrinh.core.audit import events_for
from lotrinh.core.models import AuditEvent

SHOWN = 50
_ORDER = ("-occurred_at", "-id")


def latest_event(report: Any, actions: Collection[str], events: Any = None) -> AuditEvent | None:
    """The report's newest event of one of `actions`, from `events` (its `ReportEvents`)
    when the page has read them, else from the database."""
    if events is not None:
        found: AuditEvent | None = events.latest(actions)
        return found
    return events_for(report).filter(action__in=actions).order_by(*_ORDER).first()


class ReportEvents:
    def __init__(self, report: Any) -> None:
        self.report = report
        # One more than are shown: then we know whether these are all of them.
        self._newest = list(events_for(report).order_by(*_ORDER)[: SHOWN + 1])
        self.complete = len(self._newest) <= SHOWN

    @property
    def shown(self) -> list[AuditEvent]:
        """The newest events, as the page lists them."""
        return self._newest[:SHOWN]

    def latest(self, actions: Collection[str]) -> AuditEvent | None:
        """The newest event whose action is one of `actions`."""
        for event in self._newest:
            if event.action in actions:
                return event
        if self.complete:
            return None
        return events_for(self.report).filter(action__in=actions).order_by(*_ORDER).first()

    def of(self, action: str) -> list[AuditEvent]:
        """Every event of `action`, newest first."""
        if self.complete:
            return [e for e in self._newest if e.action == action]
        return list(events_for(self.report).filter(action=action).order_by(*_ORDER))
