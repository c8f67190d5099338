from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotrinh.agencies.models import PARTY_COMMITTEE_KINDS, AgencyKind

# Party committees and boards report as "cấp ủy, tổ chức đảng"; the Party's own agencies
# (Văn phòng, the Central Committee's commissions) are "cơ quan" like the State's.
COMMITTEES = (*PARTY_COMMITTEE_KINDS, AgencyKind.PARTY_MINISTRY)


class DocumentKind(models.TextChoices):
    CONSOLIDATED = "consolidated", _("Báo cáo tổng hợp của Bộ KH&CN")
    AGENCY = "agency", _("Báo cáo của cơ quan")


class DocumentTemplate(models.Model):
    """A .docx template uploaded by MOST; the newest valid one is used."""

    file = models.FileField(_("tệp mẫu"), upload_to="templates/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.file.name or ""


class GenerationStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class GeneratedDocument(models.Model):
    """One generated version of a document, kept with its cut-off and requester."""

    kind = models.CharField(_("loại"), max_length=20, choices=DocumentKind.choices)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A unit's report to its agency (docs/cascade.md): the agency's unit that writes it;
    # empty for an agency's own report and the consolidated drafts.
    unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    # The period the document was made for (a year's period for MOST's yearly documents,
    # a half of the year for the Commission's draft of the Party committees' reports);
    # empty for documents made before periods were recorded and never linked.
    period = models.ForeignKey(
        "reporting.ReportingPeriod",
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cutoff = models.DateField(_("ngày chốt số liệu"))
    fmt = models.CharField(_("định dạng"), max_length=5)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=GenerationStatus.choices,
        default=GenerationStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    file = models.FileField(_("tệp"), upload_to="documents/%Y/", blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú tiếng Anh"), blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu tạo lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    # Who may read the document follows the report content it was made from
    # (permissions.readable_documents): the agency and the state of that content.
    content_status = models.CharField(_("trạng thái nội dung"), max_length=12, blank=True)
    worker_id = models.CharField(_("bộ xử lý nền"), max_length=64, blank=True)
    retry_of = models.ForeignKey(
        "self",
        verbose_name=_("tạo lại từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retries",
    )

    class Meta:
        verbose_name = _("văn bản đã tạo")
        verbose_name_plural = _("văn bản đã tạo")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} ({self.fmt})"

    @property
    def kind_title(self) -> str:
        """What the document is: MOST's consolidated report, another body's consolidated
        draft (the Commission's; its body is shown beside it), or an agency's report."""
        if self.kind == DocumentKind.CONSOLIDATED and self.agency_id:
            return str(_("Báo cáo tổng hợp"))
        if self.unit_id:
            return str(_("Báo cáo của đơn vị"))
        body = self.agency
        if self.kind == DocumentKind.AGENCY and body is not None and body.kind in COMMITTEES:
            return str(_("Báo cáo của cấp ủy, tổ chức đảng"))  # a committee is no "cơ quan"
        return str(self.get_kind_display())

    @property
    def download_name(self) -> str:
        """The file's name for the one who downloads it, whatever name the storage gave it
        (a second document of the same report got "…_AbC1234.docx"): what it is, whose,
        which programme, period and cut-off, e.g.
        "bao-cao-tong-hop-50-nq-cp-2024-chot-20241231.docx",
        "bao-cao-bo-y-te-50-nq-cp-2024-chot-20241201.pdf"; a unit's report adds the unit's code."""
        what = "bao-cao-tong-hop" if self.kind == DocumentKind.CONSOLIDATED else "bao-cao"
        whose = f"-{self.agency.code}" if self.agency is not None else ""
        if self.unit is not None:
            whose += f"-{self.unit.code}"
        part = f"-{self.period.part}" if self.period is not None and self.period.part else ""
        return (
            f"{what}{whose}-{self.programme.slug}-{self.year}{part}"
            f"-chot-{self.cutoff:%Y%m%d}.{self.fmt}"
        )

    @property
    def period_title(self) -> str:
        """The period's name in the reader's language ("6 tháng cuối năm 2025"), or the
        year for a document made before periods were recorded."""
        return self.period.title if self.period_id and self.period else str(self.year)

    @property
    def overdue(self) -> bool:
        """Running for longer than the job timeout (shown as failed, may be retried)."""
        from lotrinh.core.jobs import overdue_since

        return (
            self.status == GenerationStatus.RUNNING
            and self.started_at is not None
            and self.started_at < overdue_since()
        )

    @property
    def shown_status(self) -> str:
        return GenerationStatus.FAILED if self.overdue else self.status

    @property
    def retryable(self) -> bool:
        return self.shown_status == GenerationStatus.FAILED
