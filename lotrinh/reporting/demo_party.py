"""Demonstration of the Party's chain (docs/cascade.md): 52-NQ/TW's Party committees report
every six months to the Commission (Ban Kinh tế Trung ương, since 24 January 2025 Ban
Chính sách, chiến lược Trung ương), which follows the whole. The administrator sets the
schedule the resolution does not state; a few committees report for 2024 and 2025; the
Commission's monitor accepts most of them; its consolidated draft is made from those
(`lotrinh report consolidated --programme 52-NQ/TW --regime party-committee-report`).
Made through the services; idempotent."""

import datetime
from unittest import mock

from django.db import transaction
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services
from lotrinh.reporting.demo import demo_full_name
from lotrinh.reporting.models import (
    AgencyReport,
    Frequency,
    ReportingRegime,
    ReportStatus,
    TaskStatus,
)
from lotrinh.reporting.schedules import set_regime_schedule

PASSWORD = "demo-dang-2026"
REGIME = "party-committee-report"
COMMISSION = "ban-kinh-te-trung-uong"
SUCCESSOR = "ban-chinh-sach-chien-luoc-trung-uong"
# (committee, username prefix): provinces before and after the merger, the Government's
# Party board and the committee that replaced it.
BODIES = (
    ("Thành ủy Hà Nội", "tu-hn"),
    ("Tỉnh ủy Bắc Ninh", "tu-bn"),
    ("Tỉnh ủy Bắc Giang", "tu-bg"),
    ("Ban cán sự đảng Chính phủ", "bcsd-cp"),
    ("Đảng ủy Chính phủ", "du-cp"),
)


def demo_person(username: str, agency: Agency, role: str) -> User:
    """A demo account of the Party's chain (created once, with the chain's password)."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"agency": agency, "role": role, "full_name": demo_full_name(role, agency)},
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _schedule(regime: ReportingRegime) -> None:
    """The administrator sets the six-monthly schedule the resolution does not state."""
    if regime.scheduled_frequency:
        return
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    if admin is None:
        admin = demo_person("quantri-dang", Agency.objects.get(code=SUCCESSOR), Role.ADMIN)
    set_regime_schedule(
        admin,
        regime,
        frequency=Frequency.SEMIANNUAL,
        deadline_day=20,
        first_year=2024,
        recipient=Agency.objects.get(code=COMMISSION),
        today=datetime.date(2025, 12, 31),
    )


@transaction.atomic
def generate_party_demo() -> str:
    resolution = current_programme("52-NQ/TW")
    regime = ReportingRegime.objects.get(programme=resolution, code=REGIME)
    _schedule(regime)
    regime.refresh_from_db()
    monitors = {
        code: demo_person(username, Agency.objects.get(code=code), Role.AGENCY_MONITOR)
        for code, username in ((COMMISSION, "bkt-theodoi"), (SUCCESSOR, "bcscl-theodoi"))
    }
    made = 0
    periods = [p for p in services.generate_periods(regime, 2025) if p.year >= 2024]
    for index, period in enumerate(periods):
        expected = set(services.expected_reporters(regime, period).values_list("pk", flat=True))
        for number, (name, prefix) in enumerate(BODIES):
            agency = Agency.objects.get(name_vi=name)
            if agency.pk not in expected:
                continue
            report = services.ensure_report(agency, period, is_demo=True)
            if report.status != ReportStatus.DRAFT:
                continue
            reporter = demo_person(f"{prefix}-baocao", agency, Role.REPORTER)
            leader = demo_person(f"{prefix}-lanhdao", agency, Role.APPROVER)
            # Sent a few days before the deadline; one late in each period.
            late = number == index % len(BODIES)
            day = period.due_date + datetime.timedelta(days=6 if late else -4)
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
            with mock.patch("django.utils.timezone.now", return_value=moment):
                for entry in report.entries.all():
                    finished = period.part == 2 and (number + entry.task.position) % 2 == 0
                    services.save_entry(
                        entry,
                        reporter,
                        {
                            "status": TaskStatus.DONE_ON_TIME
                            if finished
                            else TaskStatus.IN_PROGRESS,
                            "result": f"{name} đã quán triệt và triển khai nhiệm vụ "
                            f"{entry.task.ref} ({period.label.lower()}).",
                            "evidence_number": f"{100 + number}-CTr/{prefix.upper()}"
                            if finished
                            else "",
                            "difficulties": "Thiếu nhân lực chuyên trách về chuyển đổi số."
                            if number % 2
                            else "",
                        },
                        entry.version,
                    )
                # The consolidated draft puts the body's name before its assessment.
                report.general_assessment = (
                    f"Tình hình thực hiện Nghị quyết số 52-NQ/TW {period.label.lower()}: "
                    "các nhiệm vụ được triển khai theo chương trình hành động đã ban hành."
                )
                report.save(update_fields=["general_assessment"])
                report = services.approve_report(report, leader)
                report = services.submit_report(report, reporter)
                # The latest period: one report still waits for the Commission. The
                # Commission's monitor of the day accepts (Ban Kinh tế Trung ương's
                # before 24 January 2025).
                if not (period == periods[-1] and number == 0):
                    receiver = perms.receiving_body(report, day)
                    assert receiver is not None
                    services.accept_report(report, monitors[receiver.code])
            made += 1
    accepted = AgencyReport.objects.filter(
        period__regime=regime, status=ReportStatus.ACCEPTED
    ).count()
    return (
        f"52-NQ/TW: 6 tháng một lần (do quản trị hệ thống quy định), {made} báo cáo của cấp uỷ, "
        f"{accepted} đã tiếp nhận; tài khoản Ban Chính sách, chiến lược Trung ương: "
        f"bcscl-theodoi (Ban Kinh tế Trung ương, đến 23/01/2025: bkt-theodoi); cấp uỷ: tu-hn-baocao, tu-bn-lanhdao, du-cp-baocao, …; "
        f"mật khẩu {PASSWORD}; dự thảo báo cáo tổng hợp: lotrinh report consolidated "
        f"--programme 52-NQ/TW --regime {REGIME} --year 2025 --part 2 -o bao-cao.docx"
    )
