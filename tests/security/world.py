"""The objects every security test needs: personas and one object in each state.

Built once per test module through the services (tests/security/conftest.py keeps them
in an outer transaction; every test runs in a savepoint rolled back after it).

Personas: anonymous, the reporter and the approver of agency A (Bộ Y tế), the reporter
of agency B (Bộ Tài chính), a MOST monitor, an oversight reader, an administrator, and
an active user with no agency and no role.

Reports of agency A, one per state (each in its own year, since an agency has one
report per period), and a draft of agency B. Every report's entries carry a marker
(`MARKER...`) so a page that leaks a report it should not show is caught by its text;
the first entry of each report has an evidence file carrying the marker too (for an
evidence download route: `policy.entry_of(world, label).evidence_file`).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.documents.models import DocumentKind, GeneratedDocument, GenerationStatus
from lotrinh.importer import review
from lotrinh.importer.models import DraftImport
from lotrinh.importer.service import parse_bytes
from lotrinh.indicators.models import Indicator, Target
from lotrinh.programmes.models import Programme, Task
from lotrinh.programmes.models import Role as TaskRole
from lotrinh.reporting import amendments, plans, services
from lotrinh.reporting.models import AgencyReport, AmendmentProposal, ReportingPeriod
from tests.conftest import AGENCY_A, AGENCY_B, MOST, OVERSIGHT, make_user
from tests.factories import assign
from tests.importer.build_docx import appendix_docx

PERSONAS = (
    "anonymous",
    "reporter_a",
    "approver_a",
    "reporter_b",
    "most",
    "oversight",
    "admin",
    "no_agency",
)

# The REST API is also tried by agency A's systems: a token that reads and writes (a
# reporter's system account) and a read-only one (tests/security/policy_api.py).
API_PERSONAS = (*PERSONAS, "token_a", "token_a_read")
READ_ONLY_TOKENS = frozenset({"token_a_read"})

# report label → (agency, year, state)
REPORTS = {
    "a_accepted": (AGENCY_A, 2020, "accepted"),
    "a_returned": (AGENCY_A, 2021, "returned"),
    "a_submitted": (AGENCY_A, 2022, "submitted"),
    "a_approved": (AGENCY_A, 2023, "approved"),
    "a_draft": (AGENCY_A, 2024, "draft"),
    "b_draft": (AGENCY_B, 2024, "draft"),
    # Accepted and published by MOST: the only report the public reads (docs/portal.md);
    # a_accepted is accepted but not published, so it stays private.
    "b_accepted": (AGENCY_B, 2023, "accepted"),
}
PUBLISHED = ("b_accepted",)

# generated document label → the report it was made from (None: the consolidated report)
DOCUMENTS = {
    "doc_a_draft": "a_draft",
    "doc_a_accepted": "a_accepted",
    "doc_consolidated": None,
}


@dataclass
class World:
    users: dict[str, User | None]
    agencies: dict[str, Agency]
    reports: dict[str, AgencyReport]
    markers: dict[str, str]
    documents: dict[str, GeneratedDocument]
    programme: Programme
    task: Task
    indicator: Indicator
    target: Target
    draft_import: DraftImport
    proposal: AmendmentProposal
    period: ReportingPeriod
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: str) -> User | None:
        return self.users[persona]


def marker(label: str) -> str:
    """A token that appears only in the content of one report (letters and digits only)."""
    return "MARKER" + label.replace("_", "").upper() + "Q7"


def _fill(report: AgencyReport, user: User, label: str) -> None:
    text = marker(label)
    for index, entry in enumerate(report.entries.order_by("pk")):
        data: dict[str, Any] = {"status": "in_progress", "result": f"Kết quả {text}"}
        if index == 0:
            # An evidence file carrying the marker: its download is as private as the report.
            data["evidence_file"] = ContentFile(
                f"%PDF-1.4 {text}".encode(), name=f"minh-chung-{label}.pdf"
            )
        services.save_entry(entry, user, data, expected_version=entry.version)
    for contribution in report.contributions.all():
        services.save_contribution(contribution, user, f"Phối hợp {text}", contribution.version)
    report.refresh_from_db()
    services.save_sections(
        report,
        user,
        general_assessment=f"Đánh giá {text}",
        proposals_to_government="",
        expected_version=report.sections_version,
    )


def _to_state(report: AgencyReport, state: str, reporter: User, approver: User, most: User) -> None:
    if state == "draft":
        return
    report = services.approve_report(report, approver)
    if state == "approved":
        return
    report = services.submit_report(report, approver)
    if state == "submitted":
        return
    if state == "returned":
        services.return_report(report, most, "Bổ sung minh chứng")
    else:
        services.accept_report(report, most)


def set_producer(indicator: Indicator, agency: Agency) -> bool:
    """Link the indicator to its producing agency, whatever the link is called.

    Issue 9 asks for a registry link (not text); this finds a ForeignKey or
    ManyToMany from Indicator to Agency and sets it. Returns False when there is none
    yet (then the matrix still expects agency A's reporter to be the producer).
    """
    for model_field in Indicator._meta.get_fields():
        if getattr(model_field, "related_model", None) is not Agency:
            continue
        if model_field.many_to_one and not model_field.auto_created:
            setattr(indicator, model_field.name, agency)
            indicator.save()
            return True
        if model_field.many_to_many and not model_field.auto_created:
            getattr(indicator, model_field.name).add(agency)
            return True
    return False


def small_programme_docx() -> bytes:
    return appendix_docx(
        [
            "BỘ Y TẾ",
            "Số: 77/KH-BYT",
            "Hà Nội, ngày 05 tháng 3 năm 2021",
            "KẾ HOẠCH",
            "Thực hiện Nghị quyết số 50/NQ-CP của Chính phủ về Cách mạng công nghiệp lần thứ tư",
            "DANH MỤC NHIỆM VỤ",
        ],
        [
            ["1", "Xây dựng hồ sơ sức khoẻ điện tử", "Bộ Y tế", "Bộ Công an", "Đề án", "2022"],
            ["2", "Đào tạo kỹ năng số cho nhân viên y tế", "Bộ Y tế", "", "Báo cáo", "2023"],
        ],
    )


def build_world() -> World:
    users: dict[str, User | None] = {
        "anonymous": None,
        "reporter_a": make_user("sec_reporter_a", AGENCY_A, Role.REPORTER),
        "approver_a": make_user("sec_approver_a", AGENCY_A, Role.APPROVER),
        "reporter_b": make_user("sec_reporter_b", AGENCY_B, Role.REPORTER),
        "most": make_user("sec_most", MOST, Role.MOST_MONITOR),
        "oversight": make_user("sec_oversight", OVERSIGHT, Role.OVERSIGHT),
        "admin": make_user("sec_admin", MOST, Role.ADMIN),
        "no_agency": User.objects.create_user(
            username="sec_no_agency", password="pw-sec_no_agency", full_name="Không Cơ Quan"
        ),
    }
    admin = users["admin"]
    assert admin is not None
    admin.is_staff = admin.is_superuser = True
    admin.save()
    approver_b = make_user("sec_approver_b", AGENCY_B, Role.APPROVER)

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    periods = {p.year: p for p in services.generate_periods(regime, 2024)}
    agencies = {"a": Agency.objects.get(code=AGENCY_A), "b": Agency.objects.get(code=AGENCY_B)}

    # Agency A also coordinates one task that it does not lead, so its reports carry a
    # contribution (in the seed, Bộ Y tế coordinates only tasks it also leads).
    led_by_a = {
        task.pk for task, _via in services.tasks_for_report(agencies["a"], periods[2024])[0]
    }
    led_elsewhere = (
        Task.objects.filter(programme=programme, assignments__role=TaskRole.LEAD)
        .exclude(pk__in=led_by_a)
        .order_by("position")
        .first()
    )
    assert led_elsewhere is not None
    assign(led_elsewhere, agencies["a"], TaskRole.COORDINATING)

    reports: dict[str, AgencyReport] = {}
    for label, (code, year, state) in REPORTS.items():
        agency = Agency.objects.get(code=code)
        report = services.ensure_report(agency, periods[year])
        reporter = users["reporter_a"] if code == AGENCY_A else users["reporter_b"]
        approver = users["approver_a"] if code == AGENCY_A else approver_b
        assert reporter is not None and approver is not None and users["most"] is not None
        _fill(report, reporter, label)
        _to_state(report, state, reporter, approver, users["most"])
        report.refresh_from_db()
        assert report.status == state, (label, report.status)
        assert report.entries.exists(), f"{label}: agency {code} has no task to report on"
        reports[label] = report

    from lotrinh.portal.services import publish_report

    publications = [publish_report(users["most"], reports[label]) for label in PUBLISHED]

    documents: dict[str, GeneratedDocument] = {}
    for label, source in DOCUMENTS.items():
        report = reports[source] if source else None
        document = GeneratedDocument(
            kind=DocumentKind.AGENCY if report else DocumentKind.CONSOLIDATED,
            programme=programme,
            agency=report.agency if report else None,
            year=report.period.year if report else 2022,
            cutoff=datetime.date(2024, 12, 31),
            fmt="docx",
            status=GenerationStatus.DONE,
            progress=100,
            requested_by=users["reporter_a"] if report else users["most"],
            # A document carries the state of the content it was made from; the
            # consolidated report is made from submitted and accepted copies.
            content_status=report.status if report else "submitted",
        )
        content = marker(source) if source else "tong hop"
        document.file.save(f"{label}.docx", ContentFile(content.encode()), save=False)
        document.save()
        documents[label] = document

    task = reports["a_draft"].entries.select_related("task__clause").first().task  # type: ignore[union-attr]
    indicator = Indicator.objects.filter(limit__isnull=False).order_by("position").first()
    assert indicator is not None, "the seed has no bounded indicator"
    producer_linked = set_producer(indicator, agencies["a"])
    target = Target.objects.filter(is_current=True).order_by("pk").first()
    assert target is not None

    # The agencies' implementation plans exist (a page view must not be what creates them):
    # recorded by number and date, as published child programmes.
    agency_plans = {
        key: plans.create_recorded_plan(
            agency, programme, number=f"{n}/KH-SEC", date=datetime.date(2020, 6, 1)
        )
        for n, (key, agency) in enumerate(sorted(agencies.items()), start=1)
    }

    most = users["most"]
    draft_import = review.create_draft(
        parse_bytes(small_programme_docx(), "ke-hoach-77.docx"), "ke-hoach-77.docx", most
    )
    proposal = amendments.propose_amendment(
        users["reporter_a"],
        programme,
        kind="text",
        task_ref=task.ref,
        reason="Nội dung cần cập nhật",
        text="Nội dung mới của nhiệm vụ",
    )
    # Objects of the routes added with the trust work: a pending indicator value (entered
    # by the producing agency), a failed import job, a template earlier uploaded.
    from lotrinh.documents.models import DocumentTemplate
    from lotrinh.importer.models import ImportJob, JobStatus
    from lotrinh.indicators import services as indicator_services

    observation = indicator_services.record_observation(
        indicator,
        year=2022,  # the matrix enters 2023 (one pending value per year)
        value=(indicator.limit or 100) / 2,
        citation="Tổng cục Thống kê, Niên giám 2023",
        user=users["reporter_a"],
    )
    import_job = ImportJob(filename="ke-hoach-79.docx", status=JobStatus.FAILED, created_by=most)
    import_job.error = "Không nhận ra nhiệm vụ nào."
    import_job.file.save("ke-hoach-79.docx", ContentFile(small_programme_docx()), save=False)
    import_job.save()
    # Agency A's plan import that failed for a reason a retry may get past (cascade:import_job).
    plan_import_job = ImportJob(
        kind="plan",
        filename="ke-hoach-a.docx",
        status=JobStatus.FAILED,
        error_code="unexpected",
        error="Lỗi ngoài dự kiến.",
        agency=agencies["a"],
        created_by=users["reporter_a"],
    )
    plan_import_job.file.save("ke-hoach-a.docx", ContentFile(b"x"), save=False)
    plan_import_job.save()
    # A processed XLSX form upload of every report (reporting:upload_page).
    from lotrinh.reporting.models import FormUpload, UploadStatus

    form_uploads = {
        label: FormUpload.objects.create(
            report=report,
            filename="bao-cao.xlsx",
            status=UploadStatus.FAILED,
            message="Tệp Excel có lỗi: chưa ghi nội dung nào.",
        )
        for label, report in reports.items()
    }
    template = DocumentTemplate(uploaded_by=most, note="mau-cu.docx")
    template.file.save("mau-cu.docx", ContentFile(b"PK template"), save=False)
    template.save()
    # The secret calendar address of agency A's reporter (dashboard:calendar_feed).
    from lotrinh.dashboard.services import issue_calendar_token

    calendar_token = issue_calendar_token(users["reporter_a"])
    from lotrinh.reporting.models import Notification

    notification = Notification.objects.filter(user=users["reporter_a"]).order_by(
        "pk"
    ).first() or Notification.objects.create(
        user=users["reporter_a"], message="Thông báo thử", link="/bao-cao/"
    )
    # Agency A's systems (issued by the system administrator, as on the tokens screen), and
    # one task in agency A's plan (the API lists plans' tasks).
    from lotrinh.api.services import issue_token
    from lotrinh.programmes.models import Clause, TaskGroup, TaskLink

    token_secrets = {}
    for persona, scopes in (("token_a", ["read", "write"]), ("token_a_read", ["read"])):
        issued = issue_token(
            admin, agencies["a"], name=f"He thong {persona}", role=Role.REPORTER, scopes=scopes
        )
        users[persona] = issued.token.account
        token_secrets[persona] = issued.secret
    plan_a = agency_plans["a"]
    plan_task = Task.objects.create(
        programme=plan_a,
        group=TaskGroup.objects.create(programme=plan_a, ref="KH", title="Nhiệm vụ"),
        clause=Clause.objects.create(
            programme=plan_a, ref="1", kind="item", text="Nhiệm vụ của kế hoạch", position=1
        ),
        ref="1",
        text="Nhiệm vụ của kế hoạch",
        deadline=datetime.date(2021, 12, 31),
    )
    TaskLink.objects.create(task=plan_task, parent_task=task, method="manual", confirmed=True)
    from lotrinh.indicators.models import DataRequest

    data_request = DataRequest.objects.create(
        indicator=indicator,
        agency=agencies["a"],
        year=2021,
        what="Số liệu năm 2021",
        definition="Theo định nghĩa của chỉ tiêu",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
        requested_by=most,
        requested_on=datetime.date.today(),
    )
    world = World(
        users=users,
        agencies=agencies,
        reports=reports,
        markers={label: marker(label) for label in REPORTS},
        documents=documents,
        programme=programme,
        task=task,
        indicator=indicator,
        target=target,
        draft_import=draft_import,
        proposal=proposal,
        period=periods[2024],
        extra={
            "producer_linked": producer_linked,
            "approver_b": approver_b,
            "observation": observation,
            "import_job": import_job,
            "plan_import_job": plan_import_job,
            "form_uploads": form_uploads,
            "template": template,
            "calendar_token": calendar_token,
            "notification": notification,
            "token_secrets": token_secrets,
            "plan_task": plan_task,
            "signed": _signed_documents(reports, agencies),
            "data_request": data_request,
            "publication": publications[0],
        },
    )
    from tests.security.cascade_world import build_cascade

    world.extra["cascade"] = build_cascade(world)
    return world


# signed PDF label → the report it carries (None: the consolidated report)
SIGNED = {"signed_a_submitted": "a_submitted", "signed_a_draft": "a_draft", "signed_most": None}


def _signed_documents(reports: dict[str, Any], agencies: dict[str, Any]) -> dict[str, Any]:
    """Signed PDFs as stored (the bytes stand in for a signed file)."""
    import datetime

    from django.utils import timezone

    from lotrinh.signing.models import RegisterEntry, SignedDocument

    made = {}
    for number, (label, source) in enumerate(SIGNED.items(), start=1):
        report = reports[source] if source else None
        entry = RegisterEntry.objects.create(
            agency=report.agency if report else agencies["b"],
            year=2025,
            kind="BC",
            number=number,
            symbol="BC-X",
            issued_on=datetime.date(2025, 1, 2),
            title=label,
            signer_name="Người ký",
        )
        document = SignedDocument(
            register=entry, report=report, sha256="0" * 64, signed_at=timezone.now()
        )
        document.file.save(f"{label}.pdf", ContentFile(f"%PDF-1.4 {label}".encode()), save=True)
        made[label] = document
    return made
