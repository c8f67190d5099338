from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One recorded change: who, when, what, with before/after data.

    Named workflow events ("report.submitted") and automatic field changes
    ("task.updated") share this table; pages show the events of one object.
    """

    occurred_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("sự kiện"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("loại đối tượng"), on_delete=models.CASCADE
    )
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of a background worker (`lotrinh worker`), every ~15 s."""

    worker_id = models.CharField(_("mã bộ xử lý"), max_length=64, unique=True)
    host = models.CharField(_("máy"), max_length=255)
    pid = models.PositiveIntegerField(_("mã tiến trình"))
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    last_seen = models.DateTimeField(_("hoạt động lần cuối"), db_index=True)

    class Meta:
        verbose_name = _("nhịp hoạt động của bộ xử lý nền")
        verbose_name_plural = _("nhịp hoạt động của bộ xử lý nền")
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"
