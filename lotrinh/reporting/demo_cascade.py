"""Demonstration of the cascade (docs/cascade.md): two provinces and one ministry with
their plans as child programmes of 50/NQ-CP, their units, their people, and a cycle of
units' reports (2024 and 2025) accepted by the agencies' monitors, rolled up into the
roll-up page of each agency's report to MOST. Made through the services; idempotent.

Stand-ins, and said so in the data (code, title, source; reports marked DEMO): the two
corpus plans are real plans of other resolutions (308/KH-UBND carries out 214/NQ-CP,
144/KH-UBND 57-NQ/TW) attached to 50/NQ-CP for the demonstration; the Bộ Y tế plan is
invented. Links are what the agency would confirm from the suggester: its first
suggestion; a task it finds nothing for stays unlinked (a plan may have such tasks)."""

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
from lotrinh.programmes.models import Programme, ProgrammeOrigin, TaskLink, UnitAssignment
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import rollup, services
from lotrinh.reporting.demo import DEMO_CODE_MARK, DEMO_SOURCE, demo_full_name
from lotrinh.reporting.models import ReportStatus, TaskStatus

PASSWORD = "demo-phancap-2026"


# An invented plan is dated so: within 50/NQ-CP's cycle (issued 17/4/2020, its plans due
# by 1/6/2020), the same on every run; never the day the demo runs.
INVENTED_PLAN_DAY = datetime.date(2020, 5, 25)


@dataclass(frozen=True)
class DemoPlan:
    agency: str
    code: str
    document: str  # a corpus file, or "" for a plan typed here
    prefix: str  # usernames
    title: str  # what the plan page shows: a stand-in, said so
    title_en: str
    source: str  # after DEMO_SOURCE
    source_en: str


_ATTACHED = "gắn vào 50/NQ-CP chỉ để minh hoạ phân cấp, không phải kế hoạch thực hiện 50/NQ-CP"
_ATTACHED_EN = (
    "attached to 50/NQ-CP only to demonstrate the cascade; not a plan carrying out 50/NQ-CP"
)
PLANS = (
    DemoPlan(
        "thanh-pho-ha-noi",
        "308/KH-UBND" + DEMO_CODE_MARK,
        "kh308_ubnd_hanoi_2025_nq214_du_lieu.txt",
        "hn",
        "Minh hoạ: Kế hoạch 308/KH-UBND ngày 17/11/2025 của UBND thành phố Hà Nội triển khai "
        "Nghị quyết số 214/NQ-CP của Chính phủ về thúc đẩy tạo lập dữ liệu phục vụ chuyển "
        f"đổi số toàn diện; {_ATTACHED}",
        "Demonstration: plan 308/KH-UBND of 17/11/2025 of Hà Nội People's Committee carrying "
        "out Government Resolution 214/NQ-CP on creating data for comprehensive digital "
        f"transformation; {_ATTACHED_EN}",
        "văn bản thật (kho văn bản: kh308_ubnd_hanoi_2025_nq214_du_lieu.txt) thực hiện "
        f"Nghị quyết 214/NQ-CP, {_ATTACHED}.",
        "a real document (corpus: kh308_ubnd_hanoi_2025_nq214_du_lieu.txt) carrying out "
        f"Resolution 214/NQ-CP, {_ATTACHED_EN}.",
    ),
    DemoPlan(
        "tinh-bac-ninh",
        "144/KH-UBND" + DEMO_CODE_MARK,
        "kh144_ubnd_bacninh_2025_kinh_te_so.txt",
        "bn",
        "Minh hoạ: Kế hoạch 144/KH-UBND ngày 24/11/2025 của UBND tỉnh Bắc Ninh phát triển "
        "kinh tế số và xã hội số giai đoạn 2026 - 2030, thực hiện Nghị quyết số 57-NQ/TW; "
        f"{_ATTACHED}",
        "Demonstration: plan 144/KH-UBND of 24/11/2025 of Bắc Ninh People's Committee on the "
        "digital economy and digital society 2026-2030, carrying out Resolution 57-NQ/TW; "
        f"{_ATTACHED_EN}",
        "văn bản thật (kho văn bản: kh144_ubnd_bacninh_2025_kinh_te_so.txt) thực hiện "
        f"Nghị quyết 57-NQ/TW, {_ATTACHED}.",
        "a real document (corpus: kh144_ubnd_bacninh_2025_kinh_te_so.txt) carrying out "
        f"Resolution 57-NQ/TW, {_ATTACHED_EN}.",
    ),
    DemoPlan(
        "bo-y-te",
        "KH-BYT" + DEMO_CODE_MARK,
        "",
        "byt",
        "Minh hoạ: kế hoạch giả định của Bộ Y tế thực hiện 50/NQ-CP (không phải văn bản thật, "
        "không có số, ký hiệu)",
        "Demonstration: an invented plan of the Ministry of Health carrying out 50/NQ-CP "
        "(not a real document, no document number)",
        "kế hoạch giả định, soạn cho bản minh hoạ; không có văn bản thật.",
        "an invented plan, written for the demonstration; there is no such document.",
    ),
)
MINISTRY_PLAN = {
    "programme": {
        "code": PLANS[2].code,
        "title": "Kế hoạch của Bộ Y tế thực hiện 50/NQ-CP",
        "issue_date": INVENTED_PLAN_DAY.isoformat(),
    },
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
        {
            # Carries out no national task: the plan's own follow-up (no link suggested).
            "ref": "4",
            "text": "Theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch này; tổng hợp, "
            "báo cáo kết quả định kỳ hằng năm",
            "lead": ["Văn phòng Bộ"],
            "coordinating": [],
        },
    ],
}


def _person(username: str, agency: Agency, role: str, unit: Unit | None = None) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "agency": agency,
            "role": role,
            "unit": unit,
            "full_name": demo_full_name(role, agency, unit),
        },
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
    # Said after the import: the suggester reads the plan's own title (its subject).
    child.title, child.title_en = spec.title, spec.title_en
    child.source = f"{DEMO_SOURCE}: {spec.source}"
    child.source_en = f"Demonstration data (DEMO): {spec.source_en}"
    child.save(update_fields=["title", "title_en", "source", "source_en"])
    default_unit = propose_unit(
        agency, "Sở Khoa học và Công nghệ" if agency.is_province else "Cục Công nghệ thông tin"
    )
    # Only a confirmed unit takes a task by hand: the demo's administrator confirmed it.
    if default_unit.proposed:
        default_unit.proposed = False
        default_unit.save(update_fields=["proposed"])
    for task in child.tasks.order_by("position"):
        links = list(TaskLink.objects.filter(task=task).order_by("-score"))
        # As the agency would: the first suggestion confirmed; none, no link.
        for index, link in enumerate(links):
            (cascade.confirm_link if index == 0 else cascade.reject_link)(reporter, link)
        if not UnitAssignment.objects.filter(task=task, role="lead").exists():
            cascade.assign_unit(reporter, task, default_unit, "lead")
    return cascade.publish_child(reporter, child, first_year=2024)


def _national_period(national: Programme, year: int):  # type: ignore[no-untyped-def]
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
        report.is_demo = True  # the report page's DEMO banner
        report.save(update_fields=["is_demo"])
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


# The demo agencies' units in English, in the style of the agencies' English names
# ("Bộ Khoa học và Công nghệ" → "Ministry of Science and Technology"): the importer makes
# a unit from a plan's Vietnamese text only, and English pages showed these in Vietnamese.
UNIT_NAMES_EN = {
    # Hà Nội and Bắc Ninh (308/KH-UBND, 144/KH-UBND).
    "Sở Khoa học và Công nghệ": "Department of Science and Technology",
    "Sở Tài chính": "Department of Finance",
    "Sở Công Thương": "Department of Industry and Trade",
    "Sở Giáo dục và Đào tạo": "Department of Education and Training",
    "Sở Nông nghiệp và Môi trường": "Department of Agriculture and Environment",
    "Sở Nội vụ": "Department of Home Affairs",
    "Sở Văn hoá, Thể thao và Du lịch": "Department of Culture, Sports and Tourism",
    "Sở Xây dựng": "Department of Construction",
    "Sở Y tế": "Department of Health",
    "Công an Thành phố": "City Police",
    "Công an tỉnh": "Provincial Police",
    "Văn phòng UBND tỉnh": "Office of the Provincial People's Committee",
    "Báo và Phát thanh, Truyền hình tỉnh": "Provincial Newspaper, Radio and Television",
    "Chi cục Hải quan khu vực V": "Customs Sub-department of Region V",
    # Bộ Y tế (the invented plan).
    "Cục Công nghệ thông tin": "Department of Information Technology",
    "Cục Khoa học công nghệ và Đào tạo": "Administration of Science, Technology and Training",
    "Văn phòng Bộ": "Ministry Office",
    "Vụ Kế hoạch - Tài chính": "Department of Planning and Finance",
    "Vụ Tổ chức cán bộ": "Department of Organisation and Personnel",
}


def name_units_in_english() -> int:
    """Give the demo agencies' units their English names (those without one); how many."""
    named = 0
    units = Unit.objects.filter(agency__code__in=[spec.agency for spec in PLANS], name_en="")
    for unit in units:
        english = UNIT_NAMES_EN.get(unit.name_vi)
        if english:
            unit.name_en = english
            unit.save(update_fields=["name_en"])
            named += 1
    return named


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
        elif not spec.document and child.issue_date != INVENTED_PLAN_DAY:
            # A database made before: the invented plan was dated the day the demo ran.
            child.issue_date = INVENTED_PLAN_DAY
            child.save(update_fields=["issue_date"])
        # A database made before: the demo cycle had invented this agency a plan number
        # (no text, no task), which the dashboard showed over this plan's tasks.
        Programme.objects.filter(
            issuer__code=spec.agency,
            implements__code=national.code,
            origin=ProgrammeOrigin.RECORD,
            source=DEMO_SOURCE,
            tasks__isnull=True,
        ).delete()
        for year in (2024, 2025):
            moment = timezone.make_aware(datetime.datetime(year, 11, 10, 9))
            with mock.patch("django.utils.timezone.now", return_value=moment):
                made += _cycle(child, spec, year)
                # The agency's report to MOST, whose roll-up page shows the units' work
                # (Bắc Ninh is not among the agencies of the demo cycle).
                assert child.issuer is not None
                services.ensure_report(child.issuer, _national_period(national, year), is_demo=True)
    name_units_in_english()
    monitors = ", ".join(f"{spec.prefix}-theodoi" for spec in PLANS)
    units = ", ".join(f"{spec.prefix}-dv1-baocao" for spec in PLANS)
    return (
        f"{len(PLANS)} kế hoạch cấp dưới, {made} báo cáo đơn vị; tài khoản theo dõi kế hoạch: "
        f"{monitors}; đơn vị: {units}, … (-dvN-baocao, -dvN-lanhdao); mật khẩu {PASSWORD}"
    )
