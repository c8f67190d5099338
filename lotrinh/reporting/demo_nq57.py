"""Demonstration of a Party body's own plan (docs/cascade.md, "A Party body's plan"):
Resolution 57-NQ/TW imported from the corpus and published with the six-monthly regime
its text states (IV.6: the Central Party Office reports to the Central Steering Committee
and the Politburo), the National Assembly Party Delegation's plan 3260-KH/ĐĐQH15 as its
child programme (links confirmed from the suggester, the Delegation's own office as the
unit the plan names), and one six-monthly period of reports (the first half of 2025):
the Central Party Office's report, received by the Politburo's monitor; the Delegation's
successor, Đảng ủy Quốc hội (since 24 January 2025), follows the plan.
Made through the services; idempotent; skipped without the corpus."""

import datetime
from unittest import mock

from django.db import transaction
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import holder_at
from lotrinh.importer import review
from lotrinh.importer.service import parse_file
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, ProgrammeStatus, TaskLink
from lotrinh.programmes.services import national_versions
from lotrinh.reporting import services
from lotrinh.reporting.demo_cascade import corpus_dir
from lotrinh.reporting.demo_party import PASSWORD, demo_person
from lotrinh.reporting.models import AgencyReport, ReportStatus, TaskStatus

PARENT_FILE = "nq57_tw_2024.txt"
CHILD_FILE = "kh3260_ddqh15_2025_qh_nq57.txt"
PARENT_CODE = "57-NQ/TW"
CHILD_CODE = "3260-KH/ĐĐQH15"
# The resolution's title in English, as the bundled programmes have theirs (50/NQ-CP,
# 52-NQ/TW): the import form names a programme in the page's language where it can.
PARENT_TITLE_EN = (
    "On breakthroughs in the development of science, technology, innovation and national "
    "digital transformation"
)
REGIME = "semiannual-report"
DELEGATION = "Đảng đoàn Quốc hội"
# (username, agency, role): the Delegation's reporter who imported its plan, its
# successor's reporter and monitor, the Central Party Office's reporter and leader (the
# regime's reporter), the Politburo's monitor (the regime's recipient).
ACCOUNTS = (
    ("ddqh-kehoach", DELEGATION, Role.REPORTER),
    ("duqh-baocao", "Đảng ủy Quốc hội", Role.REPORTER),
    ("duqh-theodoi", "Đảng ủy Quốc hội", Role.AGENCY_MONITOR),
    ("vptw-baocao", "Văn phòng Trung ương Đảng", Role.REPORTER),
    ("vptw-lanhdao", "Văn phòng Trung ương Đảng", Role.APPROVER),
    ("bct-theodoi", "Bộ Chính trị", Role.AGENCY_MONITOR),
)


def import_nq57(user: User | None) -> Programme:
    """57-NQ/TW through the importer: parse, correct the header the transcription hides
    (it starts with a press note), publish. Its regimes are the parser's."""
    data = parse_file(corpus_dir() / PARENT_FILE)
    data["programme"]["issuer"] = "Bộ Chính trị"
    data["programme"]["title_en"] = PARENT_TITLE_EN  # kept by the loader on publishing
    draft = review.create_draft(data, PARENT_FILE, user)
    review.set_header(
        draft,
        code=PARENT_CODE,
        title=(
            "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và "
            "chuyển đổi số quốc gia"
        ),
        issue_date="2024-12-22",
        implements="",
        user=user,
    )
    return review.publish(draft, user)


def import_kh3260(parent: Programme, reporter: User) -> Programme:
    """3260-KH/ĐĐQH15 as the Delegation's child programme of 57-NQ/TW, its first
    suggestion confirmed for each task, published with its units' regime."""
    data = parse_file(corpus_dir() / CHILD_FILE)
    agency = Agency.objects.get(name_vi=DELEGATION)
    # The transcription's title lost two words ("khai thực hiện … Bộ Chính trị"): the
    # Delegation's reporter gives it whole, as on review.
    child = cascade.child_from_parse(
        data,
        agency,
        parent,
        reporter,
        code=CHILD_CODE,
        title=(
            "Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ "
            "Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
            "đổi số quốc gia"
        ),
    )
    for task in child.tasks.order_by("position"):
        for index, link in enumerate(TaskLink.objects.filter(task=task).order_by("-score")):
            (cascade.confirm_link if index == 0 else cascade.reject_link)(reporter, link)
    cascade.publish_child(reporter, child, first_year=2025)
    return child


def _half_year_report(parent: Programme, people: dict[str, User]) -> AgencyReport:
    """The Central Party Office's report for the first half of 2025, sent before the
    deadline and accepted by the Politburo's monitor."""
    regime = parent.reporting_regimes.get(code=REGIME)
    period = next(
        p for p in services.generate_periods(regime, 2025) if (p.year, p.part) == (2025, 1)
    )
    agency = people["vptw-baocao"].agency
    assert agency is not None
    report = services.ensure_report(agency, period, is_demo=True)
    if report.status != ReportStatus.DRAFT:
        return report
    day = period.due_date - datetime.timedelta(days=3)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        for entry in report.entries.all():
            services.save_entry(
                entry,
                people["vptw-baocao"],
                {
                    "status": TaskStatus.IN_PROGRESS,
                    "result": (
                        "Đã theo dõi, kiểm tra việc thực hiện Nghị quyết ở các cấp ủy, tổ "
                        "chức đảng; Đảng ủy Quốc hội đã ban hành và triển khai Kế hoạch số "
                        "3260-KH/ĐĐQH15 (45 nhiệm vụ)."
                    ),
                },
                entry.version,
            )
        report.general_assessment = (
            "Tình hình thực hiện Nghị quyết số 57-NQ/TW 6 tháng đầu năm 2025."
        )
        report.save(update_fields=["general_assessment"])
        report = services.approve_report(report, people["vptw-lanhdao"])
        report = services.submit_report(report, people["vptw-baocao"])
        receiver = perms.receiving_body(report, day)
        assert receiver is not None and receiver.pk == people["bct-theodoi"].agency_id
        report = services.accept_report(report, people["bct-theodoi"])
    return report


@transaction.atomic
def generate_nq57_demo() -> str:
    if not all((corpus_dir() / name).exists() for name in (PARENT_FILE, CHILD_FILE)):
        return f"bỏ qua (không có kho văn bản {corpus_dir()}: đặt LOTRINH_CORPUS_DIR)"
    people = {
        username: demo_person(username, Agency.objects.get(name_vi=name), role)
        for username, name, role in ACCOUNTS
    }
    # The national resolution (an agency's plan numbered alike would be another lineage).
    parent = (
        national_versions(PARENT_CODE)
        .filter(status=ProgrammeStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    if parent is None:
        admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
        parent = import_nq57(admin)
    elif not parent.title_en:  # a demo database made before the title was given
        parent.title_en = PARENT_TITLE_EN
        parent.save(update_fields=["title_en"])
    child = Programme.objects.filter(
        code=CHILD_CODE, implements=parent, status=ProgrammeStatus.PUBLISHED
    ).first()
    if child is None:
        child = import_kh3260(parent, people["ddqh-kehoach"])
    report = _half_year_report(parent, people)
    assert child.issuer is not None
    successor = holder_at(child.issuer, datetime.date(2025, 7, 1))
    names = ", ".join(username for username, _n, _r in ACCOUNTS)
    return (
        f"{PARENT_CODE} (6 tháng một lần, theo mục IV.6) và kế hoạch {CHILD_CODE} của "
        f"{child.issuer.name_vi} (nay {successor.name_vi}), {child.tasks.count()} nhiệm vụ; "
        f"báo cáo {report.period.label.lower()} của Văn phòng Trung ương Đảng: "
        f"{report.get_status_display().lower()}; tài khoản: {names}; mật khẩu {PASSWORD}"
    )
