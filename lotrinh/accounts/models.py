from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotrinh.core.fields import SearchTextField, SortKeyField, SortKeysOnSave


class Role(models.TextChoices):
    MOST_MONITOR = "most_monitor", _("Cán bộ theo dõi của Bộ KH&CN")
    REPORTER = "reporter", _("Cán bộ báo cáo của cơ quan")
    APPROVER = "approver", _("Lãnh đạo phê duyệt của cơ quan")
    OVERSIGHT = "oversight", _("Cơ quan giám sát")
    ADMIN = "admin", _("Quản trị hệ thống")
    AGENCY_ADMIN = "agency_admin", _("Quản trị tài khoản của cơ quan")
    # Follows the agency's own plan: receives, accepts or returns its units' reports.
    AGENCY_MONITOR = "agency_monitor", _("Cán bộ theo dõi kế hoạch của cơ quan")


# The roles an agency's own administrator may give (to people of that agency); MOST's
# system administrators may also give the roles of MOST and oversight (docs/security.md).
AGENCY_ROLES = (Role.REPORTER, Role.APPROVER, Role.AGENCY_ADMIN, Role.AGENCY_MONITOR)
SYSTEM_ROLES = (Role.MOST_MONITOR, Role.OVERSIGHT)


def system_accounts() -> models.QuerySet:
    """The ids of the accounts behind API tokens, as a subquery: a NOT IN, not an outer
    join, so that a query can still lock its rows (PostgreSQL refuses FOR UPDATE on the
    nullable side of an outer join)."""
    from django.apps import apps

    return apps.get_model("api", "ApiToken").objects.values("account_id")


class PeopleManager(UserManager["User"]):
    def people(self) -> models.QuerySet["User"]:
        """Active accounts of people: not the system accounts behind API tokens, which
        act for an agency's software and receive no mail, reminders or notifications."""
        return self.filter(is_active=True).exclude(pk__in=system_accounts())


class User(SortKeysOnSave, AbstractUser):
    """A person using Lộ trình: one agency, one role (the role decides capabilities)."""

    objects: ClassVar[PeopleManager] = PeopleManager()  # type: ignore[assignment]

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)
    # A person of one of the agency's units (a province's department, a ministry's Vụ):
    # reports for the unit to the agency (docs/cascade.md).
    unit = models.ForeignKey(
        "agencies.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    # Lists of people order by this, the Vietnamese alphabetical order of full_name.
    full_name_sort = SortKeyField(source="full_name")
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    # What the user list's search compares (folded: "nguyen van" finds "Nguyễn Văn").
    search_text = SearchTextField(sources=("full_name", "username", "email", "position"))
    # Optimistic concurrency for the account pages (role, active): a save with an older
    # version is refused instead of overwriting another administrator's change.
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    invited_at = models.DateTimeField(_("ngày mời"), null=True, blank=True)
    # Covered by every invitation and password-reset link, and moved on by each invitation
    # sent and each deactivation: a resent invitation kills the earlier link, and a
    # deactivation kills every outstanding link for good (reactivating does not revive
    # it; a new invitation is needed).
    link_serial = models.PositiveIntegerField(_("số thứ tự liên kết"), default=0)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = pgettext_lazy("số nhiều", "người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username
