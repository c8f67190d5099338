"""The demonstration publishes its accepted reports of one year, so the portal is not empty."""

from django.utils import timezone

from lotrinh.accounts.models import Role, User
from lotrinh.portal import services
from lotrinh.portal.models import Publication
from lotrinh.reporting.models import ReportingPeriod, ReportStatus
from lotrinh.reporting.notices import period_in


def publish_demo_year(year: int) -> str:
    """Publish the accepted reports of the demo's annual period of `year` (once), as the
    demo's MOST monitor, with today's cut-off."""
    monitor = (
        User.objects.filter(role=Role.MOST_MONITOR, is_active=True).order_by("username").first()
    )
    period = (
        ReportingPeriod.objects.filter(
            year=year, regime__code="annual-report", reports__status=ReportStatus.ACCEPTED
        )
        .distinct()
        .order_by("-regime__programme__version")
        .first()
    )
    if monitor is None or period is None:
        return "không có báo cáo đã tiếp nhận để công bố"
    if Publication.objects.filter(period=period, withdrawn_at__isnull=True).exists():
        return f"kỳ {period_in(period, 'vi')} đã được công bố"
    publication = services.publish_period(
        monitor, period, timezone.localdate(), note="Công bố dữ liệu minh hoạ (DEMO)."
    )
    return (
        f"công bố {publication.published_reports.count()} báo cáo của kỳ {period_in(period, 'vi')}"
    )
