from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        ordering = ["programme", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="regime_code_unique")
        ]

    def __str__(self) -> str:
        return self.name
