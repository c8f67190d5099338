"""What the public portal shows, as decided by MOST: one record per publication.

A publication makes public either the accepted reports of a period (those accepted on or
before its cut-off date), one accepted report, or one consolidated document. The reports
it covers are listed with the revision published (`PublishedReport`), so a report reopened
for a correction, or accepted again at a new revision, leaves the public until MOST
publishes it again. A publication is never deleted: it is withdrawn, with a reason
(`permissions.public_report_rule`, docs/portal.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    PERIOD = "period", _("Số liệu của một kỳ báo cáo")
    REPORT = "report", _("Số liệu của một báo cáo")
    DOCUMENT = "document", _("Báo cáo tổng hợp")


class Publication(models.Model):
    kind = models.CharField(_("loại công bố"), max_length=10, choices=PublicationKind.choices)
    period = models.ForeignKey(
        "reporting.ReportingPeriod",
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    report = models.ForeignKey(
        "reporting.AgencyReport",
        verbose_name=_("báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="own_publications",
    )
    document = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    cutoff = models.DateField(_("ngày chốt số liệu"))
    note = models.TextField(_("ghi chú"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("công bố lúc"))
    withdrawn_at = models.DateTimeField(_("rút lại lúc"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người rút lại"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("lý do rút lại"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("lần công bố")
        verbose_name_plural = _("các lần công bố")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        if self.document_id is not None:
            return f"{self.get_kind_display()} {self.document}"
        if self.report_id is not None:
            return f"{self.get_kind_display()} {self.report}"
        return f"{self.get_kind_display()} {self.period}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class PublishedReport(models.Model):
    """A report a publication made public, at the revision it had then."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="published_reports"
    )
    report = models.ForeignKey(
        "reporting.AgencyReport", on_delete=models.PROTECT, related_name="publications"
    )
    revision = models.PositiveSmallIntegerField(_("lần điều chỉnh"))

    class Meta:
        verbose_name = _("báo cáo được công bố")
        verbose_name_plural = _("báo cáo được công bố")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "report"], name="published_report_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} r{self.revision}"
