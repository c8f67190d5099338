import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotrinh.core.text import clause_anchor, fold


class ProgrammeKind(models.TextChoices):
    PARTY_RESOLUTION = "party_resolution", _("Nghị quyết của Đảng")
    GOVERNMENT_RESOLUTION = "government_resolution", _("Nghị quyết của Chính phủ")
    PM_DECISION = "pm_decision", _("Quyết định của Thủ tướng Chính phủ")
    PLAN = "plan", _("Kế hoạch")
    OTHER = "other", _("Văn bản khác")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")
    SUPERSEDED = "superseded", _("Đã được thay thế bởi phiên bản mới")


class ProgrammeOrigin(models.TextChoices):
    """Where a version came from: `init` reloads only what came from the bundled file."""

    BUNDLED = "bundled", _("Tệp chương trình kèm theo phần mềm")
    FILE = "file", _("Tệp chương trình được nạp")
    IMPORT = "import", _("Nhập từ văn bản")
    AMENDMENT = "amendment", _("Sửa đổi được Chính phủ chấp thuận")
    # An agency's plan recorded by its number and date, its text not imported.
    RECORD = "record", _("Ghi nhận số, ngày ban hành kế hoạch")


class ProgrammeLineage(models.TextChoices):
    """Which lineage a version belongs to (docs/cascade.md, "One number, two lineages"):
    a national programme's (the programme loader: a programme file, the national
    importer's publish, an amendment) or an agency's own plan's (the cascade: imported on
    /phan-cap/nhap/, recorded by its number, migrated from the old plan-actions). Said by
    the writer, never guessed from the kind, the issuer or the parent: a Party committee's
    "Kế hoạch" imported by MOST has all three and is a national programme."""

    NATIONAL = "national", _("Chương trình quốc gia")
    AGENCY_PLAN = "agency_plan", _("Kế hoạch của cơ quan")


class Programme(models.Model):
    """A programme document: its number, issuer, date, full text, tasks and targets.

    Versions share `code`; exactly one published version is current, earlier ones
    stay readable (status superseded).
    """

    code = models.CharField(_("số, ký hiệu"), max_length=60)
    slug = models.SlugField(_("mã đường dẫn"), max_length=80)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    # Moves with every change a person makes to a draft plan's links and units
    # (programmes/cascade.py `_draft_changed`): the publish form carries it, and a tab
    # opened before a colleague's change is refused (docs/cascade.md).
    draft_version = models.PositiveIntegerField(_("phiên bản bản nháp"), default=0, editable=False)
    kind = models.CharField(_("loại văn bản"), max_length=30, choices=ProgrammeKind.choices)
    title = models.TextField(_("trích yếu"))
    title_en = models.TextField(_("trích yếu tiếng Anh"), blank=True)
    issuer = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan ban hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_programmes",
    )
    issuer_text = models.CharField(_("cơ quan ban hành (như văn bản)"), max_length=255, blank=True)
    issue_date = models.DateField(_("ngày ban hành"))
    implements = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_by",
    )
    implements_code = models.CharField(
        _("số hiệu văn bản được thực hiện"), max_length=60, blank=True
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ProgrammeStatus.choices,
        default=ProgrammeStatus.DRAFT,
    )
    source = models.TextField(_("nguồn"), blank=True)
    source_en = models.TextField(_("nguồn tiếng Anh"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú tiếng Anh"), blank=True)
    source_file = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    origin = models.CharField(
        _("nguồn gốc phiên bản"),
        max_length=20,
        choices=ProgrammeOrigin.choices,
        default=ProgrammeOrigin.FILE,
    )
    # No default: every writer says which lineage it makes (a check keeps "" out).
    lineage = models.CharField(
        _("phạm vi văn bản"), max_length=20, choices=ProgrammeLineage.choices, editable=False
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = pgettext_lazy("số nhiều", "chương trình")
        ordering = ["issue_date", "code", "version"]
        constraints = [
            # Versions count per lineage (docs/cascade.md, "One number, two lineages"): a
            # national programme's by its number; an agency's plan's by its issuer and its
            # number (two provinces' "144/KH-UBND" are each version 1).
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=models.Q(lineage="national"),
                name="programme_national_code_version",
            ),
            models.UniqueConstraint(
                fields=["issuer", "code", "version"],
                condition=models.Q(lineage="agency_plan"),
                name="programme_plan_issuer_code_version",
            ),
            models.CheckConstraint(
                condition=models.Q(lineage__in=ProgrammeLineage.values),
                name="programme_lineage_known",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_agency_plan(self) -> bool:
        """An agency's own plan, for templates: `permissions.is_agency_plan` decides."""
        from lotrinh.accounts.permissions import is_agency_plan

        return is_agency_plan(self)

    @property
    def is_published(self) -> bool:
        return self.status == ProgrammeStatus.PUBLISHED

    @property
    def names_source_file(self) -> bool:
        """The versions page names `source_file` only where a person chose it: the
        Government's decision of an amendment, the document someone imported. A
        programme file's name (the software's "50-NQ-CP.json", a server path) tells a
        reader nothing; the version's `source` says which document it is."""
        return bool(self.source_file) and self.origin in (
            ProgrammeOrigin.IMPORT,
            ProgrammeOrigin.AMENDMENT,
        )


class ClauseKind(models.TextChoices):
    HEADING = "heading", _("Tiêu đề")
    SECTION = "section", _("Phần")
    ITEM = "item", _("Mục")
    LETTER = "letter", _("Điểm")
    BULLET = "bullet", _("Gạch đầu dòng")
    PARAGRAPH = "paragraph", _("Đoạn")


class Clause(models.Model):
    """One piece of the document's text, in reading order, with a stable reference."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="clauses")
    ref = models.CharField(_("tham chiếu"), max_length=60)
    anchor = models.CharField(_("neo"), max_length=80)
    kind = models.CharField(_("loại"), max_length=20, choices=ClauseKind.choices)
    label = models.CharField(_("ký hiệu"), max_length=100, blank=True)
    text = models.TextField(_("nội dung"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("điều khoản")
        verbose_name_plural = _("điều khoản")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "ref"], name="clause_ref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.ref}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.anchor = clause_anchor(self.ref)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Goal(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="goals"
    )
    ref = models.CharField(_("tham chiếu"), max_length=60)
    horizon = models.CharField(_("mốc"), max_length=30)
    text = models.TextField(_("nội dung"))
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mục tiêu")
        verbose_name_plural = pgettext_lazy("số nhiều", "mục tiêu")
        ordering = ["programme", "position"]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.ref}"


class TaskGroup(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình"),
        on_delete=models.CASCADE,
        related_name="task_groups",
    )
    ref = models.CharField(_("tham chiếu"), max_length=60)
    title = models.TextField(_("tên nhóm nhiệm vụ"))
    implements = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_by",
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm nhiệm vụ")
        verbose_name_plural = pgettext_lazy("số nhiều", "nhóm nhiệm vụ")
        ordering = ["programme", "position"]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.ref}"


class Recurrence(models.TextChoices):
    # Display only: what the document says of the task's rhythm (docs/programme-format.md).
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("Định kỳ 6 tháng")
    ANNUAL = "annual", _("Hằng năm")
    ONGOING = "ongoing", _("Thường xuyên")


class Task(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="tasks"
    )
    group = models.ForeignKey(
        TaskGroup, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="tasks"
    )
    clause = models.ForeignKey(
        Clause, verbose_name=_("điều khoản"), on_delete=models.PROTECT, related_name="tasks"
    )
    ref = models.CharField(_("tham chiếu"), max_length=60)
    text = models.TextField(_("nội dung"))
    deadline_text = models.CharField(_("thời hạn (như văn bản)"), max_length=255, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    recurrence = models.CharField(
        _("tính chất"), max_length=20, choices=Recurrence.choices, blank=True
    )
    output = models.CharField(_("sản phẩm"), max_length=500, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú tiếng Anh"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    search_text = models.TextField(editable=False, default="")
    # An agency's plan: what its link suggestions were made from at import, kept so that
    # they are made again alike when the plan's programme changes (`cascade.change_parent`):
    # the headings of the plan's sections above the task, nearest first, and the names
    # its lead and coordinating fields give as written (units and other bodies alike).
    headings = models.JSONField(_("đề mục phía trên (như văn bản)"), default=list, blank=True)
    names_written = models.JSONField(_("cơ quan, đơn vị (như văn bản)"), default=list, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = pgettext_lazy("số nhiều", "nhiệm vụ")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "ref"], name="task_ref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.ref}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.ref} {self.text} {self.output}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Role(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COORDINATING = "coordinating", _("Phối hợp")


class GenericAddressee(models.TextChoices):
    ALL_MINISTRIES_AGENCIES_PROVINCES = (
        "all_ministries_agencies_provinces",
        _("Các bộ, ngành, địa phương"),
    )
    ALL_MINISTRIES_AGENCIES = "all_ministries_agencies", _("Các bộ, ngành")
    ALL_PROVINCES = "all_provinces", _("Các địa phương")
    RELATED_AGENCIES = "related_agencies", _("Các bộ, ngành liên quan")
    RELATED_PROVINCES = "related_provinces", _("Các địa phương liên quan")
    RELATED_AGENCIES_PROVINCES = (
        "related_agencies_provinces",
        _("Các bộ, ngành, địa phương liên quan"),
    )
    RELATED_BODIES = "related_bodies", _("Các cơ quan liên quan")
    PARTY_COMMITTEES = "party_committees", _("Các cấp uỷ, tổ chức đảng")
    SOCIO_POLITICAL_ORGANISATIONS = (
        "socio_political_organisations",
        _("Các tổ chức chính trị - xã hội"),
    )
    # A Party committee's own committees ("các huyện ủy, thành ủy, đảng ủy trực thuộc
    # Tỉnh ủy"): relative to the issuer, so no registry body; the committee assigns them
    # to its units (docs/importer.md "Generic addressees", docs/cascade.md).
    SUBORDINATE_PARTY_COMMITTEES = (
        "subordinate_party_committees",
        _("Các cấp ủy trực thuộc"),
    )


class TaskAssignment(models.Model):
    """One addressee of a task: a named agency or a generic addressee, lead or coordinating."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    generic = models.CharField(
        _("đối tượng chung"), max_length=40, choices=GenericAddressee.choices, blank=True
    )
    name_as_written = models.CharField(_("tên như trong văn bản"), max_length=255)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = pgettext_lazy("số nhiều", "phân công")
        ordering = ["task", "role", "position"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(agency__isnull=False) & models.Q(generic=""))
                | (models.Q(agency__isnull=True) & ~models.Q(generic="")),
                name="assignment_agency_xor_generic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task.ref} {self.role} {self.name_as_written}"

    @property
    def says_only_generic(self) -> bool:
        """Does the text as written name no more than its generic addressee ("các cơ quan
        có liên quan" is "Các cơ quan liên quan")? Then a page may name it in its own
        language; a text that says more ("Các tỉnh uỷ, thành uỷ, …") stays as written."""
        if not self.generic or self.generic not in GenericAddressee.values:
            return False
        from django.utils.translation import override

        with override("vi"):
            label = str(GenericAddressee(self.generic).label)
        return _addressee_words(self.name_as_written) == _addressee_words(label)


def _addressee_words(text: str) -> list[str]:
    """The words of an addressee, without case, punctuation or the filler "có"."""
    return [w for w in re.sub(r"[,.:;]", " ", text.casefold()).split() if w != "có"]


class LinkMethod(models.TextChoices):
    CLAUSE = "clause", _("Dẫn chiếu điều khoản")
    TEXT = "text", _("Nội dung tương tự")
    MANUAL = "manual", _("Cơ quan chọn")


class TaskLink(models.Model):
    """A task of a child programme (an agency's plan) carries out a task of its parent
    programme. Suggested links wait for the agency's confirmation (docs/cascade.md)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="links_up")
    parent_task = models.ForeignKey(
        Task,
        verbose_name=_("nhiệm vụ được thực hiện"),
        on_delete=models.PROTECT,
        related_name="links_down",
    )
    method = models.CharField(_("căn cứ gợi ý"), max_length=10, choices=LinkMethod.choices)
    score = models.FloatField(_("mức tương đồng"), default=0)
    confirmed = models.BooleanField(_("cơ quan đã xác nhận"), default=False)

    class Meta:
        verbose_name = _("liên kết nhiệm vụ")
        verbose_name_plural = _("liên kết nhiệm vụ")
        ordering = ["task", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["task", "parent_task"], name="task_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.task.ref} → {self.parent_task.ref}"


class UnitAssignment(models.Model):
    """A unit of the issuing agency assigned a task of its plan, as lead or coordinator."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="unit_assignments")
    unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    name_as_written = models.CharField(_("tên như trong văn bản"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("phân công đơn vị")
        verbose_name_plural = _("phân công đơn vị")
        ordering = ["task", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "role"], name="unit_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.task.ref} {self.role} {self.unit}"


class UnitGroup(models.TextChoices):
    """Groups of an agency's units a plan names at once instead of one by one."""

    ALL_DEPARTMENTS = "all_departments", _("Các Sở, ban, ngành")
    ALL_COMMUNES = "all_communes", _("UBND các xã, phường")
    ALL_MINISTRY_UNITS = "all_ministry_units", _("Các đơn vị thuộc Bộ")
    # The class the importer reads in a Party committee's document (the same code as
    # `GenericAddressee.SUBORDINATE_PARTY_COMMITTEES`).
    SUBORDINATE_PARTY_COMMITTEES = "subordinate_party_committees", _("Các cấp ủy trực thuộc")


class UnitAddressee(models.Model):
    """A task of an agency's plan addressed to a group of its units as written ("Các Sở,
    ban, ngành", "UBND các xã, phường"), until the agency assigns it to each unit of the
    group (`cascade.assign_unit_group`, docs/cascade.md)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="unit_addressees")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    group = models.CharField(_("nhóm đơn vị"), max_length=30, choices=UnitGroup.choices)
    assigned_at = models.DateTimeField(_("đã giao cho từng đơn vị lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhóm đơn vị được giao")
        verbose_name_plural = _("nhóm đơn vị được giao")
        ordering = ["task", "role", "group"]
        constraints = [
            models.UniqueConstraint(fields=["task", "group", "role"], name="unit_addressee_unique")
        ]

    def __str__(self) -> str:
        return f"{self.task.ref} {self.role} {self.group}"


class TextMeaning(models.Model):
    """A text's embedding by the link suggester's language model, kept so that each text
    is embedded once (`programmes.meaning`, docs/cascade.md "Suggesting links"). The
    digest covers the model, the kind of text (query or passage) and the text."""

    digest = models.CharField(_("mã băm"), max_length=64, unique=True)
    vector = models.BinaryField(_("véc-tơ ngữ nghĩa"))

    class Meta:
        verbose_name = _("véc-tơ ngữ nghĩa của văn bản")
        verbose_name_plural = _("véc-tơ ngữ nghĩa của văn bản")

    def __str__(self) -> str:
        return self.digest[:12]
