from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.Model):
    code = models.CharField(_("mã"), max_length=60, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_vi


class Target(models.Model):
    """One measurable milestone of a programme on an indicator."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(_("mã"), max_length=60)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    clause_ref = models.CharField(_("điều khoản"), max_length=60, blank=True)
    comparator = models.CharField(_("so sánh"), max_length=10)
    value = models.DecimalField(
        _("giá trị"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    group = models.CharField(_("nhóm so sánh"), max_length=20, blank=True)
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("chỉ tiêu mục tiêu")
        verbose_name_plural = _("chỉ tiêu mục tiêu")
        ordering = ["programme", "year", "code"]

    def __str__(self) -> str:
        return self.text
