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
