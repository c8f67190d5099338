from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    year = models.PositiveSmallIntegerField(_("năm"))
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
    error = models.TextField(_("lỗi"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản đã tạo")
        verbose_name_plural = _("văn bản đã tạo")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} ({self.fmt})"
