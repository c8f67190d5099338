"""Demonstration of the cascade (docs/cascade.md): two provinces and one ministry with
their plans as child programmes of 50/NQ-CP, their units, their people, and a cycle of
units' reports (2024 and 2025) accepted by the agencies' monitors, rolled up into the
roll-up page of each agency's report to MOST. Made through the services; idempotent."""

import datetime
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency, Unit
from lotrinh.agencies.units import propose_unit
from lotrinh.importer.service import parse_file
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, TaskLink, UnitAssignment
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import ReportStatus, TaskStatus

PASSWORD = "demo-phancap-2026"


@dataclass(frozen=True)
class DemoPlan:
    agency: str
    code: str
    document: str  # a corpus file, or "" for a plan typed here
    prefix: str  # usernames


PLANS = (
    DemoPlan("thanh-pho-ha-noi", "308/KH-UBND", "kh308_ubnd_hanoi_2025_nq214_du_lieu.txt", "hn"),
    DemoPlan("tinh-bac-ninh", "144/KH-UBND", "kh144_ubnd_bacninh_2025_kinh_te_so.txt", "bn"),
    DemoPlan("bo-y-te", "1250/KH-BYT", "", "byt"),
)
MINISTRY_PLAN = {
    "programme": {"code": "1250/KH-BYT", "title": "Kế hoạch của Bộ Y tế thực hiện 50/NQ-CP"},
    "clauses": [],
    "tasks": [
        {
            "ref": "1",
            "text": "Xây dựng hồ sơ sức khoẻ điện tử và nền tảng dữ liệu y tế dùng chung",
            "lead": ["Cục Công nghệ thông tin"],
            "coordinating": ["Vụ Kế hoạch - Tài chính"],
        },
        {
            "ref": "2",
            "text": "Nghiên cứu, phát triển công nghệ sản xuất vắc xin",
            "lead": ["Cục Khoa học công nghệ và Đào tạo"],
            "coordinating": [],
        },
        {
            "ref": "3",
            "text": "Đào tạo kỹ năng số cho nhân viên y tế",
            "lead": ["Vụ Tổ chức cán bộ"],
            "coordinating": ["Cục Công nghệ thông tin"],
        },
    ],
}


def _person(username: str, agency: Agency, role: str, unit: Unit | None = None) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"agency": agency, "role": role, "unit": unit, "full_name": f"{username} (demo)"},
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _plan(spec: DemoPlan, national: Programme) -> Programme:
    agency = Agency.objects.get(code=spec.agency)
    reporter = _person(f"{spec.prefix}-kehoach", agency, Role.REPORTER)
    data = parse_file(corpus_dir() / spec.document) if spec.document else MINISTRY_PLAN
    child = cascade.child_from_parse(data, agency, national, reporter, code=spec.code)
    lead = {t.pk for t, _via in services.tasks_for_report(agency, _period(national, 2025))[0]}
    fallback = national.tasks.filter(pk__in=lead).order_by("position").first()
    default_unit = propose_unit(
        agency, "Sở Khoa học và Công nghệ" if agency.is_province else "Cục Công nghệ thông tin"
    )
    for task in child.tasks.order_by("position"):
        links = list(TaskLink.objects.filter(task=task).order_by("-score"))
        for index, link in enumerate(links):
            (cascade.confirm_link if index == 0 else cascade.reject_link)(reporter, link)
        if not links and fallback is not None:
            cascade.add_link(reporter, task, fallback)
        if not UnitAssignment.objects.filter(task=task, role="lead").exists():
            cascade.assign_unit(reporter, task, default_unit, "lead")
    cascade.publish_child(reporter, child, first_year=2024)
    return child


def _period(national: Programme, year: int):  # type: ignore[no-untyped-def]
    regime = national.reporting_regimes.get(code="annual-report")
    return next(p for p in services.generate_periods(regime, year) if p.year == year)


def _cycle(child: Programme, spec: DemoPlan, year: int) -> int:
    agency = child.issuer
    assert agency is not None
    monitor = _person(f"{spec.prefix}-theodoi", agency, Role.AGENCY_MONITOR)
    done = 0
    units = Unit.objects.filter(
        assignments__task__programme=child, assignments__role="lead"
    ).distinct()
    for number, unit in enumerate(units.order_by("name_sort", "pk")):
        reporter = _person(f"{spec.prefix}-dv{number + 1}-baocao", agency, Role.REPORTER, unit)
        leader = _person(f"{spec.prefix}-dv{number + 1}-lanhdao", agency, Role.APPROVER, unit)
        report = rollup.ensure_unit_report(unit, child, year)
        if report.status != ReportStatus.DRAFT:
            continue
        finished = year < 2025 or number % 2 == 0
        for entry in report.entries.all():
            services.save_entry(
                entry,
                reporter,
                {
                    "status": TaskStatus.DONE_ON_TIME if finished else TaskStatus.IN_PROGRESS,
                    "result": f"{unit.name_vi} đã triển khai nhiệm vụ {entry.task.ref} theo kế hoạch năm {year}.",
                    "evidence_number": f"{40 + number}/QĐ-{year}" if finished else "",
                },
                entry.version,
            )
        report = services.approve_report(report, leader)
        report = services.submit_report(report, reporter)
        if year < 2025 or number % 3 != 2:  # a few 2025 reports still wait for the agency
            services.accept_report(report, monitor)
        done += 1
    return done


def corpus_dir() -> Path:
    """The shared corpus of real documents (setting LOTRINH_CORPUS_DIR)."""
    return Path(settings.LOTRINH_CORPUS_DIR)


@transaction.atomic
def generate_cascade_demo() -> str:
    if not all((corpus_dir() / p.document).exists() for p in PLANS if p.document):
        return f"bỏ qua (không có kho văn bản {corpus_dir()}: đặt LOTRINH_CORPUS_DIR)"
    national = current_programme("50/NQ-CP")
    made = 0
    for spec in PLANS:
        child = Programme.objects.filter(
            code=spec.code, issuer__code=spec.agency, status="published"
        ).first()
        if child is None:
            child = _plan(spec, national)
        for year in (2024, 2025):
            moment = timezone.make_aware(datetime.datetime(year, 11, 10, 9))
            with mock.patch("django.utils.timezone.now", return_value=moment):
                made += _cycle(child, spec, year)
    monitors = ", ".join(f"{spec.prefix}-theodoi" for spec in PLANS)
    units = ", ".join(f"{spec.prefix}-dv1-baocao" for spec in PLANS)
    return (
        f"{len(PLANS)} kế hoạch cấp dưới, {made} báo cáo đơn vị; tài khoản theo dõi kế hoạch: "
        f"{monitors}; đơn vị: {units}, … (-dvN-baocao, -dvN-lanhdao); mật khẩu {PASSWORD}"
    )
