"""Data requests: MOST asks the producing agency for a missing figure.

One service function per state change (send, answer, and the review outcome carried from
the observation's approval or rejection). A request follows the reporting cycle's rules:
the same reminder days (`reporting.rules.reminders_due`) and the same on-time/late/missing
classification (`reporting.rules.classify_report`) as a report, on its deadline; the figure
it receives is an Observation that waits for a MOST monitor's approval like any other.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotrinh.accounts import permissions as perms
from lotrinh.core.audit import record_event
from lotrinh.core.locale import localized_text
from lotrinh.indicators.models import (
    DataRequest,
    DataRequestReminder,
    DataRequestStatus,
    Indicator,
    Observation,
)
from lotrinh.indicators.validation import ObservationError
from lotrinh.reporting import rules
from lotrinh.reporting.notices import Notice, notice, post

ANSWERED_STATES = (DataRequestStatus.ANSWERED, DataRequestStatus.ACCEPTED)


def today() -> datetime.date:
    from lotrinh.indicators.services import today as _today

    return _today()


def producing_agency(indicator: Indicator) -> Any:
    """The registry agency that produces the indicator today (its successor after a merger)."""
    from lotrinh.agencies.services import SuccessionGraph

    if indicator.producer_agency is None:
        return None
    return SuccessionGraph.load().holder_at(indicator.producer_agency, today())


def no_producer_reason() -> str:
    return _(
        "Chỉ tiêu này không có cơ quan sản xuất số liệu trong nước: không gửi được yêu cầu số liệu."
    )


def _recipients(agency: Any) -> list[Any]:
    from lotrinh.accounts.models import Role, User

    return list(User.objects.people().filter(agency=agency, role=Role.REPORTER).order_by("id"))


def _notify(agency: Any, message: Notice, link: str) -> list[Any]:
    """The agency's reporters are told in the application (both languages) and by e-mail
    (Vietnamese)."""
    from lotrinh.core.links import absolute_url

    people = post(_recipients(agency), message, link)
    emails = [u.email for u in people if u.email]
    if emails:
        transaction.on_commit(
            lambda: send_mail(
                "[Lộ trình] Yêu cầu số liệu",
                f"{message.vi}\n\n{absolute_url(link)}",
                None,
                emails,
                fail_silently=True,
            )
        )
    return people


def _snapshot(r: DataRequest) -> dict[str, Any]:
    return {
        "indicator": r.indicator.code,
        "agency": r.agency.code,
        "year": r.year,
        "deadline": r.deadline.isoformat(),
        "status": r.status,
        "observation": r.observation_id,
    }


class RequestMoved(ObservationError):
    """An answer sent from a page read at `version` while the request has moved on (a
    colleague answered, MOST sent the figure back): nothing was written. `changes` are the
    audit events since, oldest first, so the page can say who did what and when; the form
    is shown again filled with what was typed and carrying `current` as its version."""

    def __init__(self, problems: list[str], current: int, changes: list[Any]) -> None:
        super().__init__(problems)
        self.current = current
        self.changes = changes


# Every change of a request's version is one of these events (sent is version 1).
_VERSION_EVENTS = ("data_request.answered", "data_request.accepted", "data_request.reopened")


def changes_since(request: DataRequest, version: int) -> list[Any]:
    """The audit events that moved `request` on from `version`, oldest first."""
    from lotrinh.core.audit import events_for

    moves = max(request.version - version, 0)
    if not moves:
        return []
    events = events_for(request).filter(action__in=_VERSION_EVENTS).order_by("-occurred_at", "-id")
    return list(reversed(events[:moves]))


def sent_back(changes: list[Any]) -> Observation | None:
    """The figure MOST sent back among `changes` (the last one), with its reason."""
    for event in reversed(changes):
        if event.action == "data_request.reopened":
            pk = (event.before or {}).get("observation")
            if pk:
                return (
                    Observation.objects.select_related("recorded_by", "reviewed_by")
                    .filter(pk=pk)
                    .first()
                )
    return None


@transaction.atomic
def send_request(
    indicator: Indicator,
    *,
    agency: Any,
    year: int,
    what: str,
    definition: str,
    deadline: datetime.date,
    user: Any,
) -> DataRequest:
    """MOST asks `agency` for the figure of `indicator` for `year`, by `deadline`."""
    if not perms.may_send_data_request(user):
        raise PermissionDenied
    problems = []
    # Only the producing agency's reporters may enter the figure (`may_enter_observation`):
    # a request to another agency could never be answered, yet was reminded and counted late.
    producer = producing_agency(indicator)
    if producer is None:
        problems.append(no_producer_reason())
    elif agency is None:
        problems.append(_("Cần chọn cơ quan được yêu cầu."))
    elif agency.pk != producer.pk:
        problems.append(
            _(
                "Số liệu của chỉ tiêu này do %(producer)s cung cấp: yêu cầu số liệu chỉ gửi "
                "được tới cơ quan đó."
            )
            % {"producer": localized_text(producer, "name")}
        )
    if not what.strip():
        problems.append(_("Cần nêu số liệu cần cung cấp."))
    if not definition.strip():
        problems.append(_("Cần nêu định nghĩa của số liệu."))
    if deadline <= today():
        problems.append(_("Hạn trả lời phải sau hôm nay."))
    if not 1900 <= year <= today().year:
        problems.append(_("Năm số liệu phải từ 1900 đến năm nay."))
    if problems:
        raise ObservationError(problems)
    # One request sent at a time for an indicator: the same request sent again (a double
    # click, the form sent again on Back) waits here and finds the first, still open.
    Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
    asked = {
        "indicator": indicator,
        "agency": agency,
        "year": year,
        "what": what.strip(),
        "definition": definition.strip(),
        "deadline": deadline,
    }
    same = DataRequest.objects.filter(
        **asked, requested_by_id=getattr(user, "pk", None), status=DataRequestStatus.OPEN
    ).first()
    if same is not None:
        return same
    request = DataRequest.objects.create(**asked, requested_by=user, requested_on=today())
    record_event(user, "data_request.sent", request, after=_snapshot(request))
    link = reverse("indicators:request", args=[request.pk])
    message = notice(
        lambda lang: (
            _(
                "Bộ Khoa học và Công nghệ đề nghị cung cấp số liệu “%(name)s” năm %(year)s (hạn %(due)s)."
            )
            % {
                "name": localized_text(indicator, "name", lang),
                "year": year,
                "due": deadline.strftime("%d/%m/%Y"),
            }
        )
    )
    _notify(agency, message, link)
    return request


@transaction.atomic
def answer_request(
    request: DataRequest,
    *,
    value: float | None,
    citation: str,
    user: Any,
    source_url: str = "",
    published_on: datetime.date | None = None,
    note: str = "",
    version: int | None = None,
) -> Observation:
    """The agency's reporter answers with a figure and its source; the figure waits for
    MOST's review like any other value."""
    from lotrinh.indicators.services import record_observation

    request = (
        DataRequest.objects.select_for_update(of=("self",))
        .select_related("indicator", "observation")
        .get(pk=request.pk)
    )
    if not perms.may_answer_data_request(user, request):
        raise PermissionDenied
    if request.status not in (DataRequestStatus.OPEN,):
        sent = request.observation
        if (
            request.status in ANSWERED_STATES
            and sent is not None
            and sent.recorded_by_id == getattr(user, "pk", None)
            and (sent.value, sent.citation.strip(), sent.source_url)
            == (value, citation.strip(), source_url)
            and (sent.published_on, sent.note) == (published_on, note)
        ):
            # Her own answer sent again (a double click, the form sent again on Back): what
            # is submitted is what is stored, nothing to refuse or record.
            return sent
        raise ObservationError([_("Yêu cầu này đã được trả lời hoặc đã được rút.")])
    if version is not None and version != request.version:
        # Open again (its answer was sent back) since the page was read: the answer may
        # still be right, but the person sees what happened before sending it.
        raise RequestMoved(
            [
                _(
                    "Yêu cầu đã thay đổi từ khi bạn mở trang; số liệu của bạn chưa được gửi. "
                    "Những gì bạn nhập vẫn ở trong mẫu dưới đây: hãy xem thay đổi rồi gửi lại."
                )
            ],
            request.version,
            changes_since(request, version),
        )
    if value is None:
        raise ObservationError([_("Cần nhập giá trị số liệu.")])
    observation = record_observation(
        request.indicator,
        year=request.year,
        value=value,
        citation=citation,
        user=user,
        source_url=source_url,
        published_on=published_on,
        note=note,
    )
    request.status = DataRequestStatus.ANSWERED
    request.answered_on = today()
    request.observation = observation
    request.version += 1
    request.save(update_fields=["status", "answered_on", "observation", "version"])
    record_event(user, "data_request.answered", request, after=_snapshot(request))
    return observation


def on_review(observation: Observation, user: Any, approved: bool) -> None:
    """Carry a MOST review of an answering figure to its request (inside that transaction):
    approved → accepted; rejected → open again, to be answered anew."""
    for request in DataRequest.objects.select_for_update().filter(
        observation=observation, status=DataRequestStatus.ANSWERED
    ):
        before = _snapshot(request)
        if approved:
            request.status = DataRequestStatus.ACCEPTED
        else:
            request.status = DataRequestStatus.OPEN
            request.answered_on = None
            request.observation = None
        request.version += 1
        request.save(update_fields=["status", "answered_on", "observation", "version"])
        record_event(
            user,
            "data_request.accepted" if approved else "data_request.reopened",
            request,
            before=before,
            after=_snapshot(request),
        )


# ---------------------------------------------------------------- compliance


@dataclass(frozen=True)
class RequestRow:
    request: DataRequest
    state: str  # reporting.rules: on_time, late, missing, not_due
    reminders: int

    @property
    def label(self) -> str:
        return str(STATE_LABELS.get(self.state, self.state))


def _labels() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy

    return {
        rules.ON_TIME: gettext_lazy("Trả lời đúng hạn"),
        rules.LATE: gettext_lazy("Trả lời muộn"),
        rules.MISSING: gettext_lazy("Quá hạn, chưa trả lời"),
        rules.NOT_DUE: gettext_lazy("Chưa đến hạn"),
    }


STATE_LABELS = _labels()


def state_of(request: DataRequest, day: datetime.date) -> str:
    """The report classification applied to a request: answered by the deadline or not."""
    answered = request.status in ANSWERED_STATES
    return rules.classify_report(
        due=request.deadline,
        first_submitted=request.answered_on if answered else None,
        status="submitted" if answered else None,
        today=day,
    )


def rows(queryset: Any, day: datetime.date) -> list[RequestRow]:
    counts: dict[int, int] = {}
    items = list(
        queryset.exclude(status=DataRequestStatus.WITHDRAWN).select_related("indicator", "agency")
    )
    for reminder in DataRequestReminder.objects.filter(request__in=[r.pk for r in items]):
        counts[reminder.request_id] = counts.get(reminder.request_id, 0) + 1
    return [RequestRow(r, state_of(r, day), counts.get(r.pk, 0)) for r in items]


def compliance_rows(day: datetime.date) -> list[RequestRow]:
    return rows(DataRequest.objects.all(), day)


def agency_rows(agency: Any, day: datetime.date) -> list[RequestRow]:
    return rows(DataRequest.objects.filter(agency=agency), day)


# ---------------------------------------------------------------- reminders


def _reminder(request: DataRequest, kind: str, days: int) -> Notice:
    """A request's reminder (the reports' rules), in both languages."""
    return notice(
        lambda lang: (
            _reminder_text(kind, days)
            % {
                "days": days,
                "name": localized_text(request.indicator, "name", lang),
                "year": request.year,
                "due": request.deadline.strftime("%d/%m/%Y"),
            }
        )
    )


def _reminder_text(kind: str, days: int) -> str:
    if kind == "before":
        return ngettext(
            "Còn %(days)s ngày đến hạn cung cấp số liệu “%(name)s” năm %(year)s (%(due)s) cho Bộ Khoa học và Công nghệ.",
            "Còn %(days)s ngày đến hạn cung cấp số liệu “%(name)s” năm %(year)s (%(due)s) cho Bộ Khoa học và Công nghệ.",
            days,
        )
    if kind == "due_today":
        return _(
            "Hôm nay (%(due)s) là hạn cung cấp số liệu “%(name)s” năm %(year)s cho Bộ Khoa học và Công nghệ."
        )
    if kind == "overdue":
        return ngettext(
            "Yêu cầu số liệu “%(name)s” năm %(year)s đã quá hạn %(days)s ngày (hạn %(due)s). Đề nghị khẩn trương trả lời Bộ Khoa học và Công nghệ.",
            "Yêu cầu số liệu “%(name)s” năm %(year)s đã quá hạn %(days)s ngày (hạn %(due)s). Đề nghị khẩn trương trả lời Bộ Khoa học và Công nghệ.",
            days,
        )
    raise KeyError(kind)


def run_request_reminders(day: datetime.date, dry_run: bool = False) -> int:
    """The reminders due on `day` for open requests (the reports' rules), each once."""
    offsets = tuple(settings.LOTRINH_REMINDER_OFFSETS)
    sent = 0
    for request in _open_requests():
        for due in rules.reminders_due(request.deadline, day, submitted=False, offsets=offsets):
            if DataRequestReminder.objects.filter(
                request=request, kind=due.kind, sent_on=day
            ).exists():
                continue
            if dry_run or _send_reminder(request, due.kind, due.days, day):
                sent += 1
    return sent


def catch_up_request_reminders(
    day: datetime.date, missed: list[datetime.date], dry_run: bool = False
) -> int:
    """The reminders that fell due on `missed` days (the daily job did not run) and were
    never sent, sent on `day` as the reports' are (`reminders.catch_up_reminders`): only
    the latest for a request, none if one was sent since, saying the days left on `day`."""
    from lotrinh.reporting.reminders import kind_on

    if not missed:
        return 0
    offsets = tuple(settings.LOTRINH_REMINDER_OFFSETS)
    sent = 0
    for request in _open_requests():
        due_on = [
            d
            for d in sorted(missed)
            if rules.reminders_due(request.deadline, d, submitted=False, offsets=offsets)
        ]
        if not due_on:
            continue
        if DataRequestReminder.objects.filter(request=request, sent_on__gte=due_on[-1]).exists():
            continue
        days = (request.deadline - day).days
        if dry_run or _send_reminder(request, kind_on(days), days, day):
            sent += 1
    return sent


def _open_requests() -> Any:
    return DataRequest.objects.filter(status=DataRequestStatus.OPEN).select_related(
        "indicator", "agency"
    )


def _send_reminder(request: DataRequest, kind: str, days: int, day: datetime.date) -> bool:
    """Notify the agency and record it (once a kind a day: False if already sent)."""
    message = _reminder(request, kind, abs(days))
    try:
        with transaction.atomic():
            people = _notify(
                request.agency, message, reverse("indicators:request", args=[request.pk])
            )
            DataRequestReminder.objects.create(
                request=request,
                kind=kind,
                days=days,
                sent_on=day,
                recipients=", ".join(u.email or u.username for u in people),
            )
    except IntegrityError:
        return False
    return True
