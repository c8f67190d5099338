from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from lotrinh.reporting import rules
from lotrinh.reporting.rules import revising_after_acceptance


class Frequency(models.TextChoices):
    ONCE = "once", _("Một lần")
    ANNUAL = "annual", _("Hằng năm")
    SEMIANNUAL = "semiannual", _("6 tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    MONTHLY = "monthly", _("Hằng tháng")
    PERIODIC = "periodic", _("Định kỳ (văn bản không nêu kỳ)")
    ON_DEMAND = "on_demand", _("Khi có đề xuất")


class ReportingRegime(models.Model):
    """A reporting rule of a programme, stored as data (Decree 09/2019/NĐ-CP elements)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="reporting_regimes"
    )
    code = models.SlugField(_("mã"), max_length=60)
    name = models.CharField(_("tên chế độ báo cáo"), max_length=255)
    name_en = models.CharField(_("tên chế độ báo cáo (tiếng Anh)"), max_length=255, blank=True)
    clause_ref = models.CharField(_("điều khoản"), max_length=60, blank=True)
    reporters_generic = models.CharField(_("đối tượng báo cáo (chung)"), max_length=40, blank=True)
    reporters = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("cơ quan báo cáo"), blank=True, related_name="+"
    )
    recipient = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan nhận báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_text = models.CharField(_("nơi nhận (như văn bản)"), max_length=255, blank=True)
    frequency = models.CharField(_("tần suất"), max_length=20, choices=Frequency.choices)
    deadline_date = models.DateField(_("hạn (một lần)"), null=True, blank=True)
    deadline_month = models.PositiveSmallIntegerField(_("tháng hạn"), null=True, blank=True)
    deadline_day = models.PositiveSmallIntegerField(_("ngày hạn"), null=True, blank=True)
    deadline_before = models.BooleanField(_("trước ngày"), default=False)
    cutoff_start = models.CharField(_("bắt đầu kỳ số liệu (MM-DD)"), max_length=5, blank=True)
    cutoff_end = models.CharField(_("kết thúc kỳ số liệu (MM-DD)"), max_length=5, blank=True)
    first_year = models.PositiveSmallIntegerField(_("năm đầu tiên"), null=True, blank=True)
    outline = models.TextField(_("đề cương"), blank=True)
    # Where the document says "định kỳ" and states no period, the receiving body sets
    # the schedule (services.set_regime_schedule); `frequency` keeps what the document says.
    scheduled_frequency = models.CharField(
        _("tần suất do cơ quan nhận báo cáo quy định"),
        max_length=20,
        choices=Frequency.choices,
        blank=True,
    )
    scheduled_at = models.DateTimeField(_("quy định kỳ báo cáo lúc"), null=True, blank=True)
    # Moves with each saved schedule: a form carries the one it was shown with, so of two
    # monitors saving different schedules at once the second is told (docs/cascade.md).
    schedule_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        ordering = ["programme", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="regime_code_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def period_frequency(self) -> str:
        """The frequency periods are generated from: the document's, or the schedule the
        receiving body set for a document that states no period."""
        return self.scheduled_frequency or self.frequency

    @property
    def states_no_period(self) -> bool:
        """The document says "định kỳ" and nobody has set the schedule yet."""
        return self.period_frequency == Frequency.PERIODIC


# The parts of a year a period can be (`ReportingPeriod.part`): 0 is the whole year.
PARTS_PER_YEAR = {
    Frequency.ANNUAL: 1,
    Frequency.SEMIANNUAL: 2,
    Frequency.QUARTERLY: 4,
    Frequency.MONTHLY: 12,
}
SUB_YEAR_FREQUENCIES = (Frequency.SEMIANNUAL, Frequency.QUARTERLY, Frequency.MONTHLY)
ROMAN = ("I", "II", "III", "IV")
# Marked for the catalogues; translated when a title is shown (`part_title`).
HALF_TEXTS = (gettext_noop("6 tháng đầu năm %(year)s"), gettext_noop("6 tháng cuối năm %(year)s"))
QUARTER_TEXT = gettext_noop("Quý %(quarter)s năm %(year)s")
MONTH_TEXT = gettext_noop("Tháng %(month)s năm %(year)s")
YEAR_TEXT = gettext_noop("Năm %(year)s")
ONE_OFF_TEXT = gettext_noop("Một lần (hạn %(date)s)")
LABEL_PREFIXES = (
    (Frequency.SEMIANNUAL, "6 tháng"),
    (Frequency.QUARTERLY, "Quý "),
    (Frequency.MONTHLY, "Tháng "),
)


def choice_title(title: str, regime: ReportingRegime) -> str:
    """A period where a person picks one (a select's option, a list of periods to start):
    its title and its regime's name in the reader's language ("Năm 2026 — Báo cáo kết quả
    thực hiện hằng năm"), as a programme may have several regimes' "Năm 2026" and an
    option, once chosen, no longer shows its group's label. One function for every such
    choice (polish43 wrote it for MOST's consolidated form; late44 made it this one)."""
    from lotrinh.core.locale import localized_text

    return f"{title} — {localized_text(regime, 'name')}"


class ReportingPeriod(models.Model):
    """One period of a regime, generated from it (never typed by hand)."""

    regime = models.ForeignKey(ReportingRegime, on_delete=models.CASCADE, related_name="periods")
    year = models.PositiveSmallIntegerField(_("năm"))
    # 0: the whole year (annual and one-off regimes); otherwise the half (1–2), quarter
    # (1–4) or month (1–12) of the year, after the regime's frequency.
    part = models.PositiveSmallIntegerField(_("kỳ trong năm"), default=0)
    label = models.CharField(_("kỳ báo cáo"), max_length=60)
    start = models.DateField(_("số liệu từ ngày"))
    end = models.DateField(_("số liệu đến ngày"))
    due_date = models.DateField(_("hạn nộp"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["regime", "year", "part"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "year", "part"], name="period_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def title(self) -> str:
        """The period's name in the reader's language ("Năm 2026" / "Year 2026").

        `label` keeps the words stored when the period was generated (Vietnamese); the
        title is written again from the regime's kind of period.
        """
        from django.utils.translation import gettext

        if self.label == f"Năm {self.year}":
            return gettext("Năm %(year)s") % {"year": self.year}
        if self.part:
            # The kind of part from the stored label: no query for the regime.
            frequency = next(
                (f for f, prefix in LABEL_PREFIXES if self.label.startswith(prefix)), ""
            )
            return part_title(frequency, self.year, self.part, gettext) if frequency else self.label
        if self.label.startswith("Một lần"):
            return gettext(ONE_OFF_TEXT) % {"date": self.due_date.strftime("%d/%m/%Y")}
        return self.label

    @property
    def choice_title(self) -> str:
        """The period as a choice offers it (`choice_title`): "Năm 2026 — Báo cáo kết quả
        thực hiện hằng năm". Reads `regime` (select it with the periods)."""
        return choice_title(self.title, self.regime)

    @property
    def title_in_sentence(self) -> str:
        """The period as a sentence names it after a word ("Số liệu kỳ báo cáo năm 2024",
        "Figures for the year 2024"): `title` is a heading's form and keeps its capital."""
        from django.utils.translation import pgettext

        # The context is written out at each call: makemessages reads only a literal one.
        if self.label == f"Năm {self.year}":
            return pgettext("period in a sentence", "năm %(year)s") % {"year": self.year}
        frequency = next((f for f, prefix in LABEL_PREFIXES if self.label.startswith(prefix)), "")
        if self.part and frequency == Frequency.SEMIANNUAL:
            if self.part == 1:
                return pgettext("period in a sentence", "6 tháng đầu năm %(year)s") % {
                    "year": self.year
                }
            return pgettext("period in a sentence", "6 tháng cuối năm %(year)s") % {
                "year": self.year
            }
        if self.part and frequency == Frequency.QUARTERLY:
            return pgettext("period in a sentence", "quý %(quarter)s năm %(year)s") % {
                "quarter": ROMAN[self.part - 1],
                "year": self.year,
            }
        if self.part and frequency == Frequency.MONTHLY:
            return pgettext("period in a sentence", "tháng %(month)s năm %(year)s") % {
                "month": self.part,
                "year": self.year,
            }
        if self.label.startswith("Một lần"):
            return pgettext("period in a sentence", "một lần (hạn %(date)s)") % {
                "date": self.due_date.strftime("%d/%m/%Y")
            }
        return self.label[:1].lower() + self.label[1:]

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.year, self.part)


def part_label(frequency: str, year: int, part: int) -> str:
    """The stored Vietnamese label of a part of a year ("6 tháng đầu năm 2025")."""
    return part_title(frequency, year, part, lambda text: text)


def part_title(frequency: str, year: int, part: int, translate: Any) -> str:
    """A part of a year in the reader's language (`translate` is gettext, or identity
    for the stored label)."""
    if frequency == Frequency.SEMIANNUAL:
        text = HALF_TEXTS[0] if part == 1 else HALF_TEXTS[1]
        return str(translate(text) % {"year": year})
    if frequency == Frequency.QUARTERLY:
        return str(translate(QUARTER_TEXT) % {"quarter": ROMAN[part - 1], "year": year})
    if frequency == Frequency.MONTHLY:
        return str(translate(MONTH_TEXT) % {"month": part, "year": year})
    return str(translate(YEAR_TEXT) % {"year": year})


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    APPROVED = "approved", _("Lãnh đạo đã duyệt")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def received_rule(prefix: str = "") -> models.Q:
    """`rules.received` in a query, on the reports (`prefix`: the path to a report, as
    "reports__"): submitted or accepted, or reopened for a revision after acceptance."""
    return models.Q(**{f"{prefix}status__in": rules.RECEIVED_STATUSES}) | models.Q(
        **{
            f"{prefix}status__in": rules.REVISING_STATUSES,
            f"{prefix}accepted_at__isnull": False,
        }
    )


class AgencyReport(models.Model):
    """An agency's report for a period: per-task entries and free-text sections."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="reports")
    # A unit's report to its agency under the agency's own plan (docs/cascade.md); empty
    # for an agency's report to MOST.
    unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    revision = models.PositiveSmallIntegerField(_("lần điều chỉnh"), default=1)
    # `version` moves with workflow steps; `sections_version` only when the free-text
    # sections are saved, so saving a task never makes the sections form stale.
    version = models.PositiveIntegerField(default=1, editable=False)
    sections_version = models.PositiveIntegerField(default=1, editable=False)
    general_assessment = models.TextField(_("đánh giá chung"), blank=True)
    proposals_to_government = models.TextField(_("kiến nghị với Chính phủ"), blank=True)
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    is_demo = models.BooleanField(_("dữ liệu minh hoạ"), default=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("báo cáo của cơ quan")
        verbose_name_plural = _("báo cáo của cơ quan")
        ordering = ["period", "agency__name_sort", "agency_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "period"],
                condition=models.Q(unit__isnull=True),
                name="report_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "period"],
                condition=models.Q(unit__isnull=False),
                name="unit_report_unique",
            ),
        ]

    def __str__(self) -> str:
        if self.unit_id is not None:
            return f"{self.unit} — {self.period}"
        return f"{self.agency} — {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_revising_accepted(self) -> bool:
        """Reopened for a revision after acceptance, not sent again yet (rules.py)."""
        return revising_after_acceptance(status=self.status, accepted=self.accepted_at is not None)

    @property
    def received(self) -> bool:
        """In its recipient's hands (`rules.received`)."""
        return rules.received(status=self.status, accepted=self.accepted_at is not None)

    def overdue_on(self, today: Any) -> bool:
        """Late on `today` (`rules.overdue`): past the period's deadline and not in its
        recipient's hands. Reads `period`."""
        return rules.overdue(
            due=self.period.due_date,
            today=today,
            status=self.status,
            accepted=self.accepted_at is not None,
        )

    # Set by lists that ask (`guidance.mark_approval_requested`): a draft whose drafter
    # has asked the leader for approval, nothing moved since.
    approval_requested = False

    @property
    def status_label(self) -> str:
        """The state as lists show it: a revision after acceptance says so, not "Đang soạn";
        so does a draft waiting for the leader's approval, where the list has asked."""
        if self.status == ReportStatus.DRAFT and self.approval_requested:
            return str(_("Chờ lãnh đạo duyệt"))
        if self.is_revising_accepted:
            return str(_("Đang điều chỉnh sau khi tiếp nhận"))
        return str(self.get_status_display())


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    IN_PROGRESS = "in_progress", _("Đang thực hiện, trong hạn")
    OVERDUE = "overdue", _("Quá hạn, chưa hoàn thành")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")


DONE_STATUSES = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


class ReportEntry(models.Model):
    """The agency's account of one task it leads (or that is addressed to all)."""

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="entries")
    task = models.ForeignKey(
        "programmes.Task", on_delete=models.PROTECT, related_name="report_entries"
    )
    via = models.CharField(_("căn cứ"), max_length=20, default="direct")
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    result = models.TextField(_("kết quả"), blank=True)
    evidence_number = models.CharField(_("số, ký hiệu văn bản"), max_length=120, blank=True)
    evidence_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    evidence_link = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    evidence_file = models.FileField(_("tệp đính kèm"), upload_to="evidence/%Y/", blank=True)
    # The file is stored under a generated name; the officer's name is kept for display.
    evidence_name = models.CharField(_("tên tệp đính kèm"), max_length=255, blank=True)
    evidence_size = models.PositiveIntegerField(_("dung lượng tệp (byte)"), default=0)
    evidence_type = models.CharField(_("loại tệp"), max_length=10, blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("kiến nghị"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("nội dung báo cáo theo nhiệm vụ")
        verbose_name_plural = _("nội dung báo cáo theo nhiệm vụ")
        ordering = ["report", "task__position"]
        constraints = [models.UniqueConstraint(fields=["report", "task"], name="entry_unique")]

    def __str__(self) -> str:
        return f"{self.report} {self.task.ref}"


class ContributionEntry(models.Model):
    """What the agency contributed to a task it coordinates; the lead agency sees it."""

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="contributions")
    task = models.ForeignKey(
        "programmes.Task", on_delete=models.PROTECT, related_name="contributions"
    )
    contribution = models.TextField(_("nội dung phối hợp"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("nội dung phối hợp")
        verbose_name_plural = _("nội dung phối hợp")
        ordering = ["report", "task__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "task"], name="contribution_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.task.ref}"


class ReportSnapshot(models.Model):
    """A frozen copy of a report as submitted or accepted; corrections add revisions."""

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="snapshots")
    revision = models.PositiveSmallIntegerField(_("lần điều chỉnh"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=ReportStatus.choices)
    data = models.JSONField(_("nội dung"))
    reason = models.TextField(_("lý do"), blank=True)
    created_at = models.DateTimeField(_("lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bản lưu báo cáo")
        verbose_name_plural = _("bản lưu báo cáo")
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report} r{self.revision} {self.status}"


class Notification(models.Model):
    """An in-app notice, written in both languages when it is created (`reporting.notices`);
    notices written before the English existed have an empty `message_en`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    message = models.TextField(_("nội dung"))
    message_en = models.TextField(_("nội dung (tiếng Anh)"), blank=True)
    link = models.CharField(_("liên kết"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.message[:60]

    @property
    def shown_html(self) -> Any:
        """`shown` inside `<span lang="…">`, Vietnamese words kept in an English notice
        marked `lang="vi"` (`reporting.notices.shown_html`)."""
        from lotrinh.reporting.notices import shown_html

        return shown_html(self)


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Nhắc trước hạn")
    DUE_TODAY = "due_today", _("Nhắc đúng hạn")
    OVERDUE = "overdue", _("Đôn đốc quá hạn")
    MANUAL = "manual", _("Nhắc thủ công")


class ReminderSent(models.Model):
    """Each reminder sent, so a compliance report can cite the dates."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="reminders"
    )
    # A unit's reminder (its report to its agency under the agency's plan); empty for an
    # agency's reminder of its report to MOST.
    unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    # A reminder sent is a record of the cycle (who was told of which deadline, when): a
    # period reporters were reminded of is never removed by a schedule change
    # (schedules.plan_schedule_change keeps it), and nothing else may delete it with them.
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(_("loại"), max_length=12, choices=ReminderKind.choices)
    days = models.IntegerField(_("số ngày so với hạn"), default=0)
    sent_on = models.DateField(_("ngày gửi"))
    recipients = models.TextField(_("người nhận"))
    escalated = models.BooleanField(_("đã báo lãnh đạo"), default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhắc báo cáo")
        verbose_name_plural = _("các lần nhắc báo cáo")
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "period", "kind", "sent_on"],
                condition=~models.Q(kind="manual") & models.Q(unit__isnull=True),
                name="one_scheduled_reminder_a_day",
            ),
            models.UniqueConstraint(
                fields=["unit", "period", "kind", "sent_on"],
                condition=~models.Q(kind="manual") & models.Q(unit__isnull=False),
                name="one_scheduled_unit_reminder_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.period} {self.kind} {self.sent_on}"


class Comment(models.Model):
    """Oversight readers, MOST and agencies comment on a report or on a task.

    Comments are for the people of the cycle (agencies, MOST, oversight), never public.
    """

    report = models.ForeignKey(
        AgencyReport, on_delete=models.CASCADE, related_name="comments", null=True, blank=True
    )
    task = models.ForeignKey(
        "programmes.Task", on_delete=models.CASCADE, related_name="comments", null=True, blank=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("ý kiến"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class JobRun(models.Model):
    """The last runs of scheduled jobs (shown on the compliance page)."""

    name = models.CharField(max_length=60)
    run_for = models.DateField()
    started_at = models.DateTimeField(auto_now_add=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["name", "run_for"], name="job_once_a_day")]

    def __str__(self) -> str:
        return f"{self.name} {self.run_for}"


class AmendmentKind(models.TextChoices):
    TEXT = "text", _("Sửa nội dung nhiệm vụ")
    DEADLINE = "deadline", _("Sửa thời hạn")
    ROLES = "roles", _("Sửa cơ quan chủ trì, phối hợp")
    NEW_TASK = "new_task", _("Bổ sung nhiệm vụ mới")


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đã đề xuất")
    CONSOLIDATED = "consolidated", _("Bộ KH&CN đã tổng hợp, trình Chính phủ")
    ACCEPTED = "accepted", _("Chính phủ đồng ý")
    REJECTED = "rejected", _("Chính phủ không đồng ý")


class AmendmentProposal(models.Model):
    """Section III.4: an agency proposes a change; MOST consolidates; the Government decides."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="amendments"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="amendments"
    )
    task = models.ForeignKey(
        "programmes.Task",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amendments",
    )
    task_ref = models.CharField(_("nhiệm vụ"), max_length=60, blank=True)
    kind = models.CharField(_("loại đề xuất"), max_length=12, choices=AmendmentKind.choices)
    proposed_text = models.TextField(_("nội dung đề xuất"), blank=True)
    proposed_deadline = models.DateField(_("thời hạn đề xuất"), null=True, blank=True)
    proposed_lead = models.TextField(
        _("cơ quan chủ trì đề xuất (mỗi dòng một cơ quan)"), blank=True
    )
    proposed_coordinating = models.TextField(
        _("cơ quan phối hợp đề xuất (mỗi dòng một cơ quan)"), blank=True
    )
    reason = models.TextField(_("lý do"))
    status = models.CharField(
        _("trạng thái"),
        max_length=14,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.PROPOSED,
    )
    decision = models.CharField(_("văn bản quyết định của Chính phủ"), max_length=255, blank=True)
    resulting_version = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("đề xuất lúc"), auto_now_add=True)
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đề xuất sửa đổi")
        verbose_name_plural = _("đề xuất sửa đổi")
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.agency} — {self.get_kind_display()} {self.task_ref}"


class UploadStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang xử lý")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class FormUpload(models.Model):
    """A filled-in XLSX report form waiting for, or having had, its processing on the worker.

    The web request checks only what costs no parsing (size, type, the zip directory,
    rows and columns) and keeps the file's bytes in this row; the worker reads the form,
    validates every row and saves the changed entries, all or nothing, exactly once.
    The bytes are dropped once the form is processed.
    """

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="uploads")
    filename = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("kích thước (byte)"), default=0)
    data = models.BinaryField(_("nội dung tệp"), blank=True, default=b"")
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    saved = models.PositiveIntegerField(_("số nhiệm vụ đã lưu"), default=0)
    message = models.TextField(_("thông báo"), blank=True)
    message_en = models.TextField(_("thông báo (tiếng Anh)"), blank=True)
    problems = models.JSONField(_("các lỗi"), default=list, blank=True)
    problems_en = models.JSONField(_("các lỗi (tiếng Anh)"), default=list, blank=True)
    conflicts = models.JSONField(_("các xung đột"), default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt tải lên biểu mẫu Excel")
        verbose_name_plural = _("lượt tải lên biểu mẫu Excel")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    def _english(self) -> bool:
        from django.utils.translation import get_language

        return (get_language() or "").startswith("en")

    @property
    def reason(self) -> str:
        """What the worker said, in the reader's language (it stores both; an upload
        processed before the English was kept has only the Vietnamese)."""
        return self.message_en if self._english() and self.message_en else self.message

    @property
    def reader_problems(self) -> list[str]:
        if self._english() and self.problems_en:
            return list(self.problems_en)
        return list(self.problems)
