"""The publication step: MOST decides what the public portal shows, and when.

One function per state change (publish a period's accepted reports, one accepted report,
a consolidated document; withdraw a publication), each in one transaction: lock, check
the rule, save, record the audit event. Cached public pages follow by themselves: their key holds a
fingerprint of the publications (lotrinh/portal/cache.py).
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.core.audit import record_event
from lotrinh.core.locale import localized_text, name_key
from lotrinh.documents.models import DocumentKind, GeneratedDocument, GenerationStatus
from lotrinh.portal.models import Publication, PublicationKind, PublishedReport
from lotrinh.reporting.models import AgencyReport, ReportingPeriod, ReportStatus


class PublicationError(Exception):
    """A publication step the rules do not allow (message for the user)."""


class PublicationConflict(PublicationError):
    """The publication changed since the person looked at it: nothing was done."""


class AlreadyPublished(PublicationError):
    """What is asked is public already, as it is now (a double click, a stale tab, two
    monitors at once): nothing was done."""


def _when(publication: Publication) -> str:
    from lotrinh.core.locale import format_datetime

    return format_datetime(publication.published_at)


def _check(user: Any) -> None:
    if not perms.may_manage_publications(user):
        raise PublicationError(_("Chỉ Bộ Khoa học và Công nghệ quyết định việc công bố."))


def _cutoff(cutoff: datetime.date | None) -> datetime.date:
    today = timezone.localdate()
    if cutoff is None:
        return today
    if cutoff > today:
        raise PublicationError(_("Ngày chốt số liệu không được sau hôm nay."))
    return cutoff


def _accepted_by(cutoff: datetime.date) -> datetime.datetime:
    """The last moment of the cut-off day (reports accepted until then are covered)."""
    return timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.max))


def _record(user: Any, publication: Publication, reports: list[AgencyReport]) -> None:
    record_event(
        user,
        "publication.published",
        publication,
        after={
            "kind": publication.kind,
            "cutoff": publication.cutoff.isoformat(),
            "reports": len(reports),
            "document": publication.document_id,
        },
        note=publication.note,
    )


@transaction.atomic
def publish_period(
    user: Any, period: ReportingPeriod, cutoff: datetime.date | None = None, note: str = ""
) -> Publication:
    """Publish the reports of `period` accepted on or before `cutoff` (default today)."""
    _check(user)
    cutoff = _cutoff(cutoff)
    reports = list(
        AgencyReport.objects.select_for_update()
        .filter(
            period=period,
            unit__isnull=True,
            status=ReportStatus.ACCEPTED,
            accepted_at__lte=_accepted_by(cutoff),
        )
        .order_by("id")
    )
    if not reports:
        raise PublicationError(
            _(
                "Kỳ này chưa có báo cáo nào được tiếp nhận đến ngày chốt số liệu: không có gì để công bố."
            )
        )
    # The reports are locked: a second publish of the same period waits here, then sees
    # the first one's publication.
    wanted = {(r.pk, r.revision) for r in reports}
    for earlier in Publication.objects.filter(
        kind=PublicationKind.PERIOD, period=period, withdrawn_at__isnull=True
    ).prefetch_related("published_reports"):
        if {(p.report_id, p.revision) for p in earlier.published_reports.all()} == wanted:
            raise AlreadyPublished(
                _("Số liệu kỳ này đã được công bố đúng như hiện nay (%(date)s): không công bố lại.")
                % {"date": _when(earlier)}
            )
    publication = Publication.objects.create(
        kind=PublicationKind.PERIOD,
        period=period,
        cutoff=cutoff,
        note=note.strip(),
        published_by=user,
        published_at=timezone.now(),
    )
    PublishedReport.objects.bulk_create(
        PublishedReport(publication=publication, report=r, revision=r.revision) for r in reports
    )
    _record(user, publication, reports)
    return publication


@transaction.atomic
def publish_report(
    user: Any, report: AgencyReport, cutoff: datetime.date | None = None, note: str = ""
) -> Publication:
    """Publish one accepted report (an agency's report to MOST, at its current revision)."""
    _check(user)
    cutoff = _cutoff(cutoff)
    locked = AgencyReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    if locked.unit_id is not None:
        raise PublicationError(_("Báo cáo của đơn vị gửi cơ quan không được công bố."))
    if locked.status != ReportStatus.ACCEPTED:
        raise PublicationError(
            _("Chỉ công bố báo cáo đã được tiếp nhận (báo cáo này đang ở trạng thái “%(status)s”).")
            % {"status": locked.get_status_display()}
        )
    if locked.accepted_at is not None and locked.accepted_at > _accepted_by(cutoff):
        raise PublicationError(_("Báo cáo được tiếp nhận sau ngày chốt số liệu."))
    earlier = (
        Publication.objects.filter(
            kind=PublicationKind.REPORT,
            report=locked,
            withdrawn_at__isnull=True,
            published_reports__revision=locked.revision,
        )
        .order_by("published_at")
        .first()
    )
    if earlier is not None:
        raise AlreadyPublished(
            _(
                "Báo cáo này đã được công bố ở lần điều chỉnh hiện tại (%(date)s): không công bố "
                "lại."
            )
            % {"date": _when(earlier)}
        )
    publication = Publication.objects.create(
        kind=PublicationKind.REPORT,
        period=locked.period,
        report=locked,
        cutoff=cutoff,
        note=note.strip(),
        published_by=user,
        published_at=timezone.now(),
    )
    PublishedReport.objects.create(publication=publication, report=locked, revision=locked.revision)
    _record(user, publication, [locked])
    return publication


def unaccepted_content(document: GeneratedDocument) -> list[str]:
    """The agencies whose report content a consolidated document quoted while it was not
    yet accepted at the document's cut-off: such a document carries data that is not
    public and may not be published. Their names in the page's language, in that order
    (the refusal's). What it quoted is asked of the rule the document itself follows
    (assemble.read_reports): a report returned by the cut-off is named in it, not
    quoted, so it does not hold the publication."""
    from lotrinh.documents.assemble import read_reports
    from lotrinh.documents.services import annual_period

    period = document.period or annual_period(document.programme, document.year)
    unaccepted = sorted(read_reports(period, document.cutoff).unaccepted(), key=name_key)
    return [localized_text(agency, "name") for agency in unaccepted]


@transaction.atomic
def publish_document(user: Any, document: GeneratedDocument, note: str = "") -> Publication:
    """Publish a consolidated report (a finished document made of accepted copies only)."""
    _check(user)
    locked = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if locked.kind != DocumentKind.CONSOLIDATED:
        raise PublicationError(_("Chỉ công bố báo cáo tổng hợp của Bộ Khoa học và Công nghệ."))
    if locked.status != GenerationStatus.DONE or not locked.file:
        raise PublicationError(_("Văn bản chưa được tạo xong."))
    pending = unaccepted_content(locked)
    if pending:
        raise PublicationError(
            _(
                "Văn bản có số liệu của báo cáo chưa được tiếp nhận (%(agencies)s): hãy tạo lại văn bản khi các báo cáo đã được tiếp nhận."
            )
            % {"agencies": ", ".join(pending)}
        )
    if Publication.objects.filter(document=locked, withdrawn_at__isnull=True).exists():
        raise PublicationError(_("Văn bản này đã được công bố."))
    publication = Publication.objects.create(
        kind=PublicationKind.DOCUMENT,
        document=locked,
        cutoff=locked.cutoff,
        note=note.strip(),
        published_by=user,
        published_at=timezone.now(),
    )
    _record(user, publication, [])
    return publication


@transaction.atomic
def withdraw_publication(
    user: Any, publication: Publication, reason: str, expected_version: int | None = None
) -> Publication:
    """Withdraw a publication: what it made public leaves the portal (unless another
    publication still covers it). The record stays, with who, when and why."""
    _check(user)
    reason = reason.strip()
    if not reason:
        raise PublicationError(_("Cần nêu lý do rút lại."))
    locked = Publication.objects.select_for_update().get(pk=publication.pk)
    if locked.withdrawn_at is not None:
        raise PublicationConflict(_("Lần công bố này đã được rút lại: không thực hiện lại."))
    if expected_version is not None and locked.version != expected_version:
        raise PublicationConflict(
            _("Lần công bố đã thay đổi từ lúc bạn xem: chưa thực hiện gì. Hãy xem lại.")
        )
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = user
    locked.withdrawal_reason = reason
    locked.version += 1
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "version"])
    record_event(
        user,
        "publication.withdrawn",
        locked,
        before={"withdrawn": False},
        after={"withdrawn": True},
        note=reason,
    )
    return locked
