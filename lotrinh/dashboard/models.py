from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarToken(models.Model):
    """A person's secret address for calendar apps (one per person, revocable).

    Only a SHA-256 digest of the secret is stored: the address is shown once, when it is
    made, and a stolen database does not give anyone's calendar away.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    digest = models.CharField(_("mã băm"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("địa chỉ lịch riêng")
        verbose_name_plural = _("địa chỉ lịch riêng")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%d/%m/%Y})"
