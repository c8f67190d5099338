import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotrinh.core.fields import SortKeyField, SortKeysOnSave
from lotrinh.core.locale import format_source_day
from lotrinh.core.text import fold


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Bộ")
    MINISTERIAL_AGENCY = "ministerial_agency", _("Cơ quan ngang bộ")
    GOVERNMENT_AGENCY = "government_agency", _("Cơ quan thuộc Chính phủ")
    PROVINCE = "province", _("Tỉnh")
    CENTRAL_CITY = "central_city", _("Thành phố trực thuộc trung ương")
    PARTY_BODY = "party_body", _("Cơ quan của Đảng")
    PARTY_PROVINCIAL = "party_provincial", _("Tỉnh ủy, Thành ủy")
    PARTY_CENTRAL = "party_central", _("Đảng ủy trực thuộc Trung ương")
    PARTY_BOARD = "party_board", _("Ban cán sự đảng, Đảng đoàn")
    PARTY_MINISTRY = "party_ministry", _("Đảng ủy bộ, ngành")
    FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
    STATE_BODY = "state_body", _("Cơ quan nhà nước khác")
    OTHER = "other", _("Khác")


MINISTRY_LEVEL_KINDS = (
    AgencyKind.MINISTRY,
    AgencyKind.MINISTERIAL_AGENCY,
    AgencyKind.GOVERNMENT_AGENCY,
)
PROVINCE_KINDS = (AgencyKind.PROVINCE, AgencyKind.CENTRAL_CITY)
# The Party committees that 52-NQ/TW section 4 makes report to the level above: provincial
# committees, boards and delegations, committees under the Centre (docs/cascade.md). The
# ministries' Party committees of 2025 report to Đảng ủy Chính phủ, not to the Centre.
PARTY_COMMITTEE_KINDS = (
    AgencyKind.PARTY_PROVINCIAL,
    AgencyKind.PARTY_CENTRAL,
    AgencyKind.PARTY_BOARD,
)
PARTY_KINDS = (AgencyKind.PARTY_BODY, *PARTY_COMMITTEE_KINDS, AgencyKind.PARTY_MINISTRY)


class Agency(SortKeysOnSave, models.Model):
    """A body that can be assigned tasks or receive reports, valid for a span of time."""

    code = models.SlugField(_("mã"), max_length=120, unique=True)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    abbreviation = models.CharField(_("viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại cơ quan"), max_length=30, choices=AgencyKind.choices)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    source = models.TextField(_("nguồn"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú tiếng Anh"), blank=True)
    search_text = models.TextField(editable=False, default="")
    # Lists order by this, the Vietnamese alphabetical order of name_vi (not the
    # database's binary order, which puts "Đà Nẵng" after "Yên Bái"); English pages by
    # the English order of the name they show (`core.locale.name_order`).
    name_sort = SortKeyField(source="name_vi")
    name_en_sort = SortKeyField(source="name_en", fallback="name_vi", language="en")

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = pgettext_lazy("số nhiều", "cơ quan")
        ordering = ["name_sort", "pk"]

    def __str__(self) -> str:
        return self.name_vi

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = fold(f"{self.name_vi} {self.name_en} {self.abbreviation}")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_province(self) -> bool:
        return self.kind in PROVINCE_KINDS

    @property
    def is_ministry_level(self) -> bool:
        return self.kind in MINISTRY_LEVEL_KINDS

    @property
    def is_party(self) -> bool:
        """A Party body: its pages say "cấp ủy", not "cơ quan" (docs/cascade.md)."""
        return self.kind in PARTY_KINDS


class AgencyAlias(models.Model):
    """Another way the same body is written: abbreviation, spelling variant, as in a document."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="aliases"
    )
    alias = models.CharField(_("cách viết"), max_length=255)
    normalised = models.CharField(max_length=255, db_index=True, editable=False)
    source = models.TextField(_("nguồn"), blank=True)

    class Meta:
        verbose_name = _("cách viết khác")
        verbose_name_plural = pgettext_lazy("số nhiều", "cách viết khác")
        constraints = [
            models.UniqueConstraint(fields=["agency", "normalised"], name="alias_unique_per_agency")
        ]

    def __str__(self) -> str:
        return self.alias


class SuccessionKind(models.TextChoices):
    MERGED_INTO = "merged_into", _("hợp nhất/sáp nhập vào")
    RENAMED = "renamed", _("đổi tên/chuyển đổi thành")
    SPLIT_FROM = "split_from", _("tách ra từ")
    DISSOLVED = "dissolved", _("kết thúc hoạt động, chưa xác định cơ quan kế thừa")


class AgencySuccession(models.Model):
    """From `effective_date`, the predecessor's responsibilities pass to the successor."""

    predecessor = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan trước"),
        on_delete=models.CASCADE,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan kế thừa"),
        on_delete=models.CASCADE,
        related_name="successions_in",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    source = models.TextField(_("nguồn"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    note_en = models.TextField(_("ghi chú tiếng Anh"), blank=True)

    class Meta:
        verbose_name = _("kế thừa cơ quan")
        verbose_name_plural = pgettext_lazy("số nhiều", "kế thừa cơ quan")
        ordering = ["effective_date", "predecessor__name_sort"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "effective_date"], name="one_succession_per_date"
            )
        ]

    def __str__(self) -> str:
        # Named so in the admin's lists and refusals ("… → … (01/07/2025)"): the day as
        # every page writes it (docs/architecture.md, "Dates typed and shown day first"),
        # also when the object was made with the day as text and not read back.
        target = self.successor.name_vi if self.successor else "—"
        return f"{self.predecessor} → {target} ({format_source_day(str(self.effective_date))})"


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("Sở, ngành")
    BOARD = "board", _("Ban")
    MINISTRY_DEPARTMENT = "ministry_department", _("Vụ")
    GENERAL_DEPARTMENT = "general_department", _("Cục, Tổng cục")
    OFFICE = "office", _("Văn phòng")
    INSPECTORATE = "inspectorate", _("Thanh tra")
    POLICE = "police", _("Công an, Bộ Chỉ huy quân sự")
    DIVISION = "division", _("Phòng, Chi cục")
    COMMUNE = "commune", _("Ủy ban nhân dân xã")
    WARD = "ward", _("Ủy ban nhân dân phường")
    INSTITUTE = "institute", _("Viện, Trung tâm, đơn vị sự nghiệp")
    # A Party committee's own commission and the committees under it (docs/cascade.md,
    # "Naming units"): no State inspectorate, no "other" unit.
    PARTY_INSPECTION = "party_inspection", _("Ủy ban Kiểm tra của cấp ủy")
    PARTY_COMMITTEE = "party_committee", _("Cấp ủy trực thuộc")
    OTHER = "other", _("Đơn vị khác")


class Unit(SortKeysOnSave, models.Model):
    """A unit of an agency (a province's Sở, commune or ward; a ministry's Vụ or Cục),
    in a tree under the agency, valid for a span of time like an agency."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(_("mã"), max_length=120)
    name_vi = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    abbreviation = models.CharField(_("viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=30, choices=UnitKind.choices)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    # Proposed by the importer from a plan's text, until the agency's administrator confirms.
    proposed = models.BooleanField(_("đề xuất từ văn bản, chưa xác nhận"), default=False)
    source = models.TextField(_("nguồn"), blank=True)
    normalised = models.CharField(max_length=255, db_index=True, editable=False, default="")
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    name_sort = SortKeyField(source="name_vi")
    name_en_sort = SortKeyField(source="name_en", fallback="name_vi", language="en")

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["agency", "name_sort", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_per_agency")
        ]

    def __str__(self) -> str:
        return self.name_vi

    def save(self, *args: object, **kwargs: object) -> None:
        from lotrinh.core.text import normalise_name

        self.normalised = normalise_name(self.name_vi)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def full_name(self) -> str:
        """The unit with its agency ("Sở Khoa học và Công nghệ — Thành phố Hà Nội")."""
        return f"{self.name_vi} — {self.agency.name_vi}"


class UnitSuccession(models.Model):
    """From `effective_date`, the unit's responsibilities pass to the successor unit
    (possibly of another agency: the 2025 provincial mergers merged departments too)."""

    predecessor = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trước"),
        on_delete=models.CASCADE,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.CASCADE,
        related_name="successions_in",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("ngày hiệu lực"))
    source = models.TextField(_("nguồn"), blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        ordering = ["effective_date", "predecessor__name_sort"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "effective_date"], name="one_unit_succession_per_date"
            )
        ]

    def __str__(self) -> str:
        # The day as every page writes it, as `AgencySuccession` names it.
        target = self.successor.name_vi if self.successor else "—"
        return f"{self.predecessor} → {target} ({format_source_day(str(self.effective_date))})"
