"""Demonstration data: a believable reporting cycle 2020–2025 for a sample of agencies.

Deterministic for a seed, made through the reporting services (so the audit trail is
real), and marked as demonstration data (`is_demo`, shown as a banner). Idempotent:
agencies that already have demo reports are left alone.
"""

import datetime
import random
from unittest import mock

from django.db import transaction
from django.utils import timezone

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.loader import agency_code
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, ReminderSent, TaskStatus
from lotrinh.reporting.plans import child_plans, create_recorded_plan

# The `source` of the demonstration's plans (child programmes have no `is_demo`).
DEMO_SOURCE = "Dữ liệu minh hoạ (DEMO)"
# Every demo plan's code ends so: no real-looking document number for an invented plan,
# and a real plan attached to the wrong resolution does not pass for the real one.
DEMO_CODE_MARK = " (minh hoạ)"

SAMPLE = [
    "Bộ Y tế",
    "Bộ Tài chính",
    "Bộ Công an",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Xây dựng",
    "Bộ Tư pháp",
    "Bộ Nội vụ",
    "Bộ Ngoại giao",
    "Bộ Công Thương",
    "Ngân hàng Nhà nước Việt Nam",
    "Thành phố Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Thành phố Đà Nẵng",
    "Tỉnh Quảng Ninh",
    "Tỉnh Cao Bằng",
]
RESULTS = [
    "Đã ban hành văn bản hướng dẫn và tổ chức triển khai tại các đơn vị trực thuộc.",
    "Đang xây dựng dự thảo, đã lấy ý kiến các cơ quan liên quan.",
    "Đã tổ chức hội nghị quán triệt, tuyên truyền trên cổng thông tin điện tử.",
    "Chưa bố trí được kinh phí để triển khai trong năm.",
]
DIFFICULTIES = [
    "Thiếu nhân lực chuyên trách về chuyển đổi số.",
    "Kinh phí bố trí chưa kịp thời.",
    "",
]


# What a reader calls each person of the demo, in the header and a report's history
# ("Lanh-Dao Tỉnh Cao Bằng (demo)", "tu-hn-baocao (demo)" read like login names).
ROLE_TITLES: dict[str, str] = {
    Role.REPORTER: "Cán bộ báo cáo",
    Role.APPROVER: "Lãnh đạo",
    Role.MOST_MONITOR: "Cán bộ theo dõi",
    Role.AGENCY_MONITOR: "Cán bộ theo dõi",
    Role.ADMIN: "Quản trị",
}


def demo_full_name(role: str, agency: Agency, unit: object = None) -> str:
    where = getattr(unit, "name_vi", "") or agency.name_vi
    return f"{ROLE_TITLES.get(role, 'Cán bộ')} {where} (demo)"


def _actor(agency: Agency, role: str, suffix: str) -> User:
    # Actors of the story only: active (the rules check capabilities) but unable to log in.
    user, created = User.objects.get_or_create(
        username=f"demo-{agency.code[:40]}-{suffix}",
        defaults={
            "agency": agency,
            "role": role,
            "full_name": demo_full_name(role, agency),
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def mark_invented_numbers() -> int:
    """A database made before: the recorded plans' invented numbers ("395/KH-BTC") had
    no mark and read as real documents; they get it, as new ones do. Returns how many."""
    from lotrinh.programmes.models import Programme, ProgrammeOrigin
    from lotrinh.reporting.plans import _free_version, _slug

    fixed = 0
    unmarked = Programme.objects.filter(origin=ProgrammeOrigin.RECORD, source=DEMO_SOURCE).exclude(
        code__endswith=DEMO_CODE_MARK
    )
    for plan in unmarked.select_related("issuer").order_by("pk"):
        plan.code = f"{plan.code}{DEMO_CODE_MARK}"
        plan.slug = _slug(plan.code, plan.issuer, exclude=plan.pk)
        plan.version = _free_version(plan.code, plan.issuer, exclude=plan.pk)
        plan.save(update_fields=["code", "slug", "version"])
        fixed += 1
    return fixed


@transaction.atomic
def generate_demo_cycle(seed: int = 2020, today: datetime.date | None = None) -> str:
    rng = random.Random(seed)
    today = today or timezone.localdate()
    programme = current_programme("50/NQ-CP")
    regime = programme.reporting_regimes.get(code="annual-report")
    most = Agency.objects.get(code=agency_code("Bộ Khoa học và Công nghệ"))
    reviewer = _actor(most, Role.MOST_MONITOR, "theo-doi")
    made = 0
    from lotrinh.reporting.demo_cascade import PLANS  # it imports this module

    imported = {plan.agency for plan in PLANS}
    mark_invented_numbers()
    for name in SAMPLE:
        agency = Agency.objects.get(code=agency_code(name))
        if AgencyReport.objects.filter(agency=agency, unit=None, is_demo=True).exists():
            continue
        reporter = _actor(agency, Role.REPORTER, "bao-cao")
        approver = _actor(agency, Role.APPROVER, "lanh-dao")
        late_plan = rng.random() < 0.3
        if rng.random() < 0.85:
            number = f"{rng.randint(100, 999)}/KH-{agency.abbreviation or 'UBND'}{DEMO_CODE_MARK}"
            day = datetime.date(2020, 7 if late_plan else 5, rng.randint(1, 28))
            # An agency whose plan the cascade demo imports (demo_cascade.PLANS) gets no
            # invented number: its dashboard put this number over that plan's tasks.
            if (
                agency.code not in imported
                and not child_plans(programme=programme, agency=agency).exists()
            ):
                # Known by its number and date only (docs/cascade.md).
                create_recorded_plan(agency, programme, number=number, date=day, source=DEMO_SOURCE)
        for period in services.generate_periods(regime, today.year):
            if period.due_date > today or agency not in services.expected_reporters(regime, period):
                continue
            report = services.ensure_report(agency, period, is_demo=True)
            for entry in report.entries.all():
                status = rng.choice(
                    [
                        TaskStatus.IN_PROGRESS,
                        TaskStatus.IN_PROGRESS,
                        TaskStatus.DONE_ON_TIME,
                        TaskStatus.OVERDUE,
                        TaskStatus.NOT_STARTED,
                    ]
                )
                data: dict[str, object] = {
                    "status": status,
                    "result": rng.choice(RESULTS),
                    "difficulties": rng.choice(DIFFICULTIES),
                }
                if status == TaskStatus.DONE_ON_TIME:
                    data.update(
                        evidence_number=f"{rng.randint(10, 99)}/QĐ-{agency.abbreviation or 'UBND'}",
                        evidence_date=period.end - datetime.timedelta(days=rng.randint(10, 200)),
                    )
                # Written a fortnight before the deadline, before any sending (ten days
                # early at the soonest): dated now, the edits read as made to a report
                # already accepted.
                written = min(_at(period.due_date - datetime.timedelta(days=14)), timezone.now())
                with (
                    mock.patch("django.utils.timezone.localdate", return_value=period.due_date),
                    mock.patch("django.utils.timezone.now", return_value=written),
                ):
                    services.save_entry(entry, reporter, data, expected_version=entry.version)
            fate = rng.random()
            if fate < 0.12 and period.year == today.year - 1:
                continue  # this agency has not reported the last period
            submitted_on = period.due_date + datetime.timedelta(
                days=rng.choice([-10, -3, -1, 5, 20])
            )
            if submitted_on > today or _at(submitted_on) > timezone.now():
                continue  # to be sent late: today, still a draft past its deadline
            with mock.patch("django.utils.timezone.now", return_value=_at(submitted_on)):
                report = services.approve_report(report, approver)
                report = services.submit_report(report, approver)
                if fate < 0.3:
                    report = services.return_report(
                        report,
                        reviewer,
                        "Đề nghị bổ sung minh chứng cho các nhiệm vụ đã hoàn thành.",
                    )
                    if period.year < today.year - 1:
                        report = services.approve_report(report, approver)
                        report = services.submit_report(report, approver)
                        report = services.accept_report(report, reviewer)
                else:
                    report = services.accept_report(report, reviewer)
            reminded_on = period.due_date + datetime.timedelta(days=7)
            if submitted_on > period.due_date and reminded_on <= today:
                ReminderSent.objects.get_or_create(
                    agency=agency,
                    period=period,
                    kind="overdue",
                    sent_on=reminded_on,
                    defaults={"days": -7, "recipients": reporter.username, "escalated": True},
                )
            made += 1
    return f"{made} báo cáo minh hoạ của {len(SAMPLE)} cơ quan mẫu"
