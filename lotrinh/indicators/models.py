from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    LEVEL = "level", _("Mức")
    SHARE = "share", _("Tỷ trọng")
    AVERAGE_GROWTH = "average_growth", _("Tốc độ tăng bình quân giai đoạn")
    WORLD_RANK = "world_rank", _("Thứ hạng thế giới")
    GROUP_RANK = "group_rank", _("Thứ hạng trong nhóm nước")
    COUNT = "count", _("Số lượng")
    COVERAGE = "coverage", _("Độ phủ (tối đa 100%)")
    MILESTONE = "milestone", _("Mốc đạt hay chưa")
    # Qualitative targets made checkable (docs/progress-method.md): the share of the
    # linked tasks reported done, or a vision item not measurable yet (stated why).
    TASKS = "tasks", _("Tỷ lệ nhiệm vụ liên kết đã hoàn thành")
    VISION = "vision", _("Tầm nhìn chưa lượng hoá")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Càng cao càng tốt")
    LOWER = "lower", _("Càng thấp càng tốt")


class Indicator(models.Model):
    code = models.CharField(_("mã"), max_length=60, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)
    unit_en = models.CharField(_("đơn vị tiếng Anh"), max_length=60, blank=True)
    kind = models.CharField(
        _("loại chỉ tiêu"),
        max_length=20,
        choices=IndicatorKind.choices,
        default=IndicatorKind.LEVEL,
    )
    direction = models.CharField(
        _("chiều tốt"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    group = models.CharField(_("nhóm so sánh"), max_length=20, blank=True)
    limit = models.FloatField(_("giới hạn tự nhiên"), null=True, blank=True)
    producer = models.CharField(_("cơ quan sản xuất số liệu"), max_length=255, blank=True)
    producer_en = models.CharField(
        _("cơ quan sản xuất số liệu (tiếng Anh)"), max_length=255, blank=True
    )
    # The registry agency whose reporters may enter values (its successor after a merger);
    # empty for producers outside Viet Nam's administration (WIPO, UN…): MOST only.
    producer_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan sản xuất số liệu (trong danh mục)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="produced_indicators",
    )
    min_value = models.FloatField(_("giá trị nhỏ nhất hợp lệ"), null=True, blank=True)
    max_value = models.FloatField(_("giá trị lớn nhất hợp lệ"), null=True, blank=True)
    frequency = models.CharField(_("tần suất"), max_length=30, blank=True)
    definition = models.TextField(_("định nghĩa"), blank=True)
    definition_en = models.TextField(_("định nghĩa tiếng Anh"), blank=True)
    source_note = models.TextField(_("ghi chú nguồn"), blank=True)
    source_note_en = models.TextField(_("ghi chú nguồn tiếng Anh"), blank=True)
    proxy_for = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu thay thế cho"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proxies",
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Open SDG metadata beyond definition and source (both languages).
    method = models.TextField(_("phương pháp tính"), blank=True)
    method_en = models.TextField(_("phương pháp tính (tiếng Anh)"), blank=True)
    limitations = models.TextField(_("hạn chế của số liệu"), blank=True)
    limitations_en = models.TextField(_("hạn chế của số liệu (tiếng Anh)"), blank=True)
    # A position within a group ("top N of ASEAN") computed from the members' values of
    # this world-rank indicator; the position's own observations are only a cross-check.
    computed_from = models.ForeignKey(
        "self",
        verbose_name=_("tính từ thứ hạng thành viên của"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_positions",
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name_vi

    def frequency_label(self) -> str:
        """The data's frequency in words of the page's language ("annual" → "Hằng năm")."""
        labels = {
            "annual": _("Hằng năm"),
            "biennial": _("Hai năm một lần"),
            "event": _("Khi có sự kiện"),
            "ongoing": _("Thường xuyên"),
            "quarterly": _("Hằng quý"),
            "monthly": _("Hằng tháng"),
        }
        return str(labels.get(self.frequency, self.frequency))

    @property
    def takes_values(self) -> bool:
        """May a value be entered (form, CSV, SDMX, data request)? Not for an indicator
        computed from its linked tasks' reports, nor for an aim not quantified yet: a typed
        figure would be published beside a status that never uses it."""
        return self.kind not in COMPUTED_OR_UNMEASURED_KINDS

    def bounds(self) -> tuple[float | None, float | None]:
        """The valid range of a value: the indicator's own, else what its kind implies."""
        low, high = KIND_BOUNDS.get(self.kind, (None, None))
        if self.kind in ("share", "coverage"):
            high = self.limit if self.limit is not None else high
        return (
            self.min_value if self.min_value is not None else low,
            self.max_value if self.max_value is not None else high,
        )


# Kinds whose status never reads an entered value (`Indicator.takes_values`).
COMPUTED_OR_UNMEASURED_KINDS = frozenset({IndicatorKind.TASKS, IndicatorKind.VISION})

# Kinds without figures to draw (a milestone is met or not, 0/1; a vision is not
# measured): no sparkline on the scoreboard, no chart in the printed report.
NOT_CHARTED_KINDS = frozenset({IndicatorKind.MILESTONE, IndicatorKind.VISION})

# Ranges every indicator of a kind respects (ranks start at 1, counts cannot be negative).
KIND_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    IndicatorKind.SHARE: (0.0, 100.0),
    IndicatorKind.COVERAGE: (0.0, 100.0),
    IndicatorKind.WORLD_RANK: (1.0, None),
    IndicatorKind.GROUP_RANK: (1.0, None),
    IndicatorKind.COUNT: (0.0, None),
    IndicatorKind.MILESTONE: (0.0, 1.0),
    IndicatorKind.AVERAGE_GROWTH: (-100.0, None),
}


class Backing(models.TextChoices):
    """How strongly a figure is backed, from the tag of its source row (strongest first)."""

    CONFIRMED_PRIMARY = "confirmed_primary", _("Đã xác nhận từ nguồn gốc")
    CONFIRMED_OFFICIAL = "confirmed_official", _("Đã xác nhận từ nguồn chính thức")
    OFFICIAL_DRAFT = "official_draft", _("Dự thảo chính thức")
    PRESS_ONLY = "press_only", _("Chỉ có trên báo chí")


# Weaker backings: a status computed from them says so.
WEAK_BACKINGS = (Backing.OFFICIAL_DRAFT, Backing.PRESS_ONLY)
BACKING_STRENGTH = {
    Backing.CONFIRMED_PRIMARY: 4,
    Backing.CONFIRMED_OFFICIAL: 3,
    Backing.OFFICIAL_DRAFT: 2,
    Backing.PRESS_ONLY: 1,
    "": 0,
}


class ObservationStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Sơ bộ")
    FINAL = "final", _("Chính thức")


class Approval(models.TextChoices):
    PENDING = "pending", _("Chờ Bộ KH&CN duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Bị từ chối")


class Observation(models.Model):
    """A value for a year (and a country). Corrections are new rows: the old stays, not current.

    A value entered on the web or by CSV is pending until a MOST monitor approves it; only
    approved values are public or used in statuses, projections, exports and documents.
    `known_on` is the day the value became known (the source's publication date for the
    bundled data, the approval date for entered values): a page or document "as of" a day
    uses only values known by then.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    year = models.PositiveSmallIntegerField(_("năm"))
    country = models.CharField(_("quốc gia"), max_length=3, default="VNM")
    value = models.FloatField(_("giá trị"), null=True, blank=True)
    text_value = models.TextField(_("bằng chứng"), blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=12,
        choices=ObservationStatus.choices,
        default=ObservationStatus.FINAL,
    )
    published_on = models.DateField(_("ngày công bố"), null=True, blank=True)
    release = models.CharField(_("lần công bố"), max_length=120, blank=True)
    release_en = models.CharField(_("lần công bố (tiếng Anh)"), max_length=120, blank=True)
    source_url = models.URLField(_("đường dẫn nguồn"), max_length=500, blank=True)
    citation = models.TextField(_("trích dẫn"))
    citation_en = models.TextField(_("trích dẫn tiếng Anh"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú tiếng Anh"), blank=True)
    method = models.CharField(_("cách có số liệu"), max_length=10, default="recorded")
    is_current = models.BooleanField(_("đang dùng"), default=True)
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("sửa đổi số liệu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approval = models.CharField(
        _("duyệt"), max_length=10, choices=Approval.choices, default=Approval.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)
    known_on = models.DateField(_("biết từ ngày"), null=True, blank=True)
    publisher = models.CharField(_("nơi công bố"), max_length=255, blank=True)
    # The publication date as precise as the source gives it ("2019-07" or "2020-09-02").
    published_text = models.CharField(_("ngày công bố (như nguồn ghi)"), max_length=10, blank=True)
    backing = models.CharField(
        _("mức xác nhận"), max_length=20, choices=Backing.choices, blank=True
    )

    class Meta:
        verbose_name = _("số liệu quan sát")
        verbose_name_plural = _("số liệu quan sát")
        ordering = ["indicator", "country", "year", "recorded_at", "id"]
        indexes = [
            models.Index(fields=["indicator", "country", "is_current", "year"]),
            models.Index(fields=["indicator", "approval", "known_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.country} {self.year}: {self.value if self.value is not None else self.text_value}"

    @property
    def published_label(self) -> str:
        """`published_text` as the page's language writes a day: "06/01/2025" or
        "6 Jan 2025", a month "09/2022" or "Sep 2022", a year as it is (any other text as
        the source wrote it)."""
        from lotrinh.core.locale import format_source_day

        return format_source_day(self.published_text)


class Target(models.Model):
    """The targets of a programme on one indicator: a baseline and several milestones.

    Re-baselining creates a new version; the earlier one stays visible (not current).
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    code = models.CharField(_("mã"), max_length=60)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    is_current = models.BooleanField(_("đang áp dụng"), default=True)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="superseded_by"
    )
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    baseline_value = models.FloatField(_("giá trị gốc"), null=True, blank=True)
    baseline_note = models.TextField(_("ghi chú năm gốc"), blank=True)
    baseline_note_en = models.TextField(_("ghi chú năm gốc tiếng Anh"), blank=True)
    reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mục tiêu định lượng")
        verbose_name_plural = _("mục tiêu định lượng")
        ordering = ["programme", "indicator__position", "code", "version"]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.indicator.code} v{self.version}"


class Comparator(models.TextChoices):
    GTE = "gte", _("ít nhất (≥)")
    GT = "gt", _("trên (>)")
    LTE = "lte", _("không quá (≤)")
    LT = "lt", _("dưới (<)")
    APPROX = "approx", _("khoảng")
    TOP = "top", _("thuộc nhóm dẫn đầu")
    REACHED = "reached", _("đạt mốc")


# The comparison groups of the data files said in words; a group without a row (ASEAN)
# reads as its own name.
MILESTONE_GROUPS = {"WORLD": _("thế giới")}


class Milestone(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="milestones")
    code = models.CharField(_("mã"), max_length=60)
    year = models.PositiveSmallIntegerField(_("năm"))
    comparator = models.CharField(_("so sánh"), max_length=10, choices=Comparator.choices)
    value = models.FloatField(_("giá trị"), null=True, blank=True)
    group = models.CharField(_("nhóm so sánh"), max_length=20, blank=True)
    period_start = models.PositiveSmallIntegerField(_("năm đầu giai đoạn"), null=True, blank=True)
    clause_ref = models.CharField(_("điều khoản"), max_length=60, blank=True)
    text = models.TextField(_("nội dung"))
    # The documented rule of a qualitative milestone (what evidence, what threshold).
    rule = models.TextField(_("quy tắc đánh giá"), blank=True)
    rule_en = models.TextField(_("quy tắc đánh giá (tiếng Anh)"), blank=True)

    class Meta:
        verbose_name = _("mốc mục tiêu")
        verbose_name_plural = _("mốc mục tiêu")
        ordering = ["target", "year"]

    def __str__(self) -> str:
        return f"{self.code} ({self.year})"

    @property
    def group_label(self) -> str:
        return str(MILESTONE_GROUPS.get(self.group, self.group))


class TaskTargetLink(models.Model):
    task = models.ForeignKey(
        "programmes.Task", on_delete=models.CASCADE, related_name="target_links"
    )
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="task_links")
    justification = models.CharField(_("lý do liên kết"), max_length=300)

    class Meta:
        verbose_name = _("liên kết nhiệm vụ – mục tiêu")
        verbose_name_plural = _("liên kết nhiệm vụ – mục tiêu")
        constraints = [
            models.UniqueConstraint(fields=["task", "target"], name="task_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.task.ref} → {self.target.code}"


class GapKind(models.TextChoices):
    NOT_COVERED = "not_covered", _("Không được xếp hạng ở kỳ này")
    BELOW = "below", _("Chưa có thứ hạng, nhưng biết xếp sau một thứ hạng")
    UNKNOWN = "unknown", _("Chưa có thứ hạng")


class MemberGap(models.Model):
    """A group member whose rank of an edition is not in the data, and what is known of it.

    Whether it could change Viet Nam's position is computed (positions.py): a member not
    covered or known to rank below Viet Nam cannot; an unknown rank can.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="gaps")
    year = models.PositiveSmallIntegerField(_("năm"))
    country = models.CharField(_("quốc gia"), max_length=3)
    kind = models.CharField(_("loại thiếu"), max_length=12, choices=GapKind.choices)
    below_rank = models.PositiveSmallIntegerField(_("xếp sau thứ hạng"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú tiếng Anh"), blank=True)
    source_url = models.URLField(_("đường dẫn nguồn"), max_length=500, blank=True)
    publisher = models.CharField(_("nơi công bố"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thành viên thiếu thứ hạng")
        verbose_name_plural = _("thành viên thiếu thứ hạng")
        ordering = ["indicator", "year", "country"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "country"], name="member_gap_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.country} {self.year}: {self.kind}"


class DataRequestStatus(models.TextChoices):
    OPEN = "open", _("Đang chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời, chờ duyệt")
    ACCEPTED = "accepted", _("Đã duyệt số liệu")
    WITHDRAWN = "withdrawn", _("Đã rút yêu cầu")


class DataRequest(models.Model):
    """MOST asks the producing agency for a missing figure (what, definition, deadline).

    It follows the reporting cycle's reminders and compliance; the figure it receives is an
    Observation that goes through the same review as any other value.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="data_requests")
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan được yêu cầu"),
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    year = models.PositiveSmallIntegerField(_("năm số liệu"))
    what = models.TextField(_("số liệu cần cung cấp"))
    definition = models.TextField(_("định nghĩa"))
    deadline = models.DateField(_("hạn trả lời"))
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=DataRequestStatus.choices,
        default=DataRequestStatus.OPEN,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_on = models.DateField(_("ngày gửi"))
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    observation = models.ForeignKey(
        Observation,
        verbose_name=_("số liệu trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_requests",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("yêu cầu số liệu")
        verbose_name_plural = _("yêu cầu số liệu")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} → {self.agency}"


class DataRequestReminder(models.Model):
    """A reminder sent for a data request (the reporting cycle's rules; once a kind a day)."""

    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("loại"), max_length=12)
    days = models.IntegerField(_("số ngày"))
    sent_on = models.DateField(_("ngày gửi"))
    recipients = models.TextField(_("người nhận"), blank=True)

    class Meta:
        verbose_name = _("lời nhắc yêu cầu số liệu")
        verbose_name_plural = _("lời nhắc yêu cầu số liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "sent_on"], name="data_request_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.kind} {self.sent_on}"
