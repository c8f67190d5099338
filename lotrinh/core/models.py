from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventIsReadOnly(Exception):
    """An attempt to change or delete a recorded audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Events can be added and read; bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> int:
        raise AuditEventIsReadOnly("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEventIsReadOnly("audit events cannot be deleted")


class AuditEvent(models.Model):
    """One recorded change: who, when, what, with before/after data.

    Named workflow events ("report.submitted") and automatic field changes
    ("task.updated") share this table; pages show the events of one object.
    The record is append-only: an event once saved is never changed or deleted, here,
    in the admin, or (on PostgreSQL) in the database itself, where a trigger refuses it.
    The user and the object type are protected, so deleting them cannot erase history.
    """

    occurred_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("sự kiện"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("loại đối tượng"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)
    # The agency whose object changed (a unit's objects: its agency), so that an agency
    # reads its own trail with one indexed filter (`permissions.readable_events`); empty
    # for programme-wide objects (a national programme, a publication) and for objects
    # deleted before this column existed. Set once by `record_event`.
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the index below starts with it
    )
    # The agency's unit whose object changed (a unit's report and its rows, a unit's
    # person, a unit's document, a plan task given to the unit), so that the unit's leader
    # reads her unit's trail (`permissions.readable_events`); empty for the agency's own
    # objects. Set once by `record_event`; older events filled by migration 0008.
    unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the index below starts with it
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["agency", "-occurred_at"], name="core_audit_agency_time"),
            models.Index(fields=["unit", "-occurred_at"], name="core_audit_unit_time"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEventIsReadOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEventIsReadOnly("audit events cannot be deleted")


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


class Lease(models.Model):
    """A named role only one process may hold at a time (the daily scheduler).

    The holder renews it well before `expires_at`; another process takes it over only
    once it has expired, so a second scheduler started by mistake stands by and does
    nothing. Times are the database's clock, the same for every machine.
    """

    name = models.CharField(_("tên"), max_length=60, unique=True)
    holder = models.CharField(_("tiến trình giữ"), max_length=120, blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))

    class Meta:
        verbose_name = _("quyền chạy duy nhất")
        verbose_name_plural = _("quyền chạy duy nhất")

    def __str__(self) -> str:
        return f"{self.name}: {self.holder}"


class JobProbe(models.Model):
    """One run of the probe job (`lotrinh jobs-probe`): which worker ran it, and whether
    it finished. A probe run twice shows as two rows with the same token."""

    token = models.CharField(_("mã lượt thử"), max_length=64, db_index=True)
    worker_id = models.CharField(_("bộ xử lý nền"), max_length=64)
    started_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt thử bộ xử lý nền")
        verbose_name_plural = _("lượt thử bộ xử lý nền")

    def __str__(self) -> str:
        return f"{self.token} @ {self.worker_id}"
