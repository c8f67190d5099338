from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Đang rà soát")
    PUBLISHED = "published", _("Đã công bố")


class DraftImport(models.Model):
    """A parsed document under review: the programme format, corrected step by step."""

    code = models.CharField(_("số, ký hiệu"), max_length=80)
    title = models.TextField(_("trích yếu"), blank=True)
    filename = models.CharField(_("tệp"), max_length=255)
    data = models.JSONField(_("nội dung đã nhận dạng"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("chương trình đã công bố"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản nhập")
        verbose_name_plural = _("văn bản nhập")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.code} ({self.filename})"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang nhận dạng")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class JobKind(models.TextChoices):
    PROGRAMME = "programme", _("Chương trình (nhập văn bản)")
    PLAN = "plan", _("Kế hoạch của cơ quan")


class ImportJob(models.Model):
    """An uploaded document waiting for, or having had, its parse on the worker.

    The web request only checks the file's limits and saves it; the parse (seconds for a
    long document) runs on the worker, so an upload never holds a web worker. A national
    programme's job ends in a draft to review (`draft`); an agency's plan's job
    (`kind` plan, docs/cascade.md) in a draft child programme (`plan`).
    """

    kind = models.CharField(
        _("loại"), max_length=10, choices=JobKind.choices, default=JobKind.PROGRAMME
    )
    file = models.FileField(_("tệp"), upload_to="imports/%Y/")
    filename = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("kích thước (byte)"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    error_en = models.TextField(_("lỗi (tiếng Anh)"), blank=True)
    # The reason's code (`ReadError.code`, "unexpected"…): whether a retry can help.
    error_code = models.CharField(_("mã lỗi"), max_length=30, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    # An agency's plan: the agency importing it, the programme chosen on the form (none:
    # the one the document cites), the number typed to correct the document's, the
    # SHA-256 of the file (a second submit of the same file returns this job), and the
    # draft the job made (or, refused as a second draft, the draft already there).
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    parent = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("chương trình được chọn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    code = models.CharField(_("số, ký hiệu nhập tay"), max_length=60, blank=True)
    digest = models.CharField(_("mã băm của tệp"), max_length=64, blank=True, db_index=True)
    plan = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    draft = models.ForeignKey(
        DraftImport,
        verbose_name=_("bản nháp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhận dạng văn bản")
        verbose_name_plural = _("lượt nhận dạng văn bản")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def reason(self) -> str:
        """Why the job failed, in the reader's language (the worker stores both)."""
        from django.utils.translation import get_language

        if (get_language() or "").startswith("en") and self.error_en:
            return self.error_en
        return self.error
