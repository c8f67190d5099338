"""The register of outgoing documents, signers' key configuration, signed documents and
the results of verifying them (docs/signing.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterCounter(models.Model):
    """The last number taken in an agency's register, per year and kind of document.

    Issuing locks this row (select_for_update), so numbers are taken one at a time,
    never twice and never skipped (a failed issue rolls back with its number)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại văn bản"), max_length=10)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("bộ đếm sổ văn bản")
        verbose_name_plural = _("bộ đếm sổ văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind"], name="register_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.kind} {self.year}: {self.last_number}"


class RegisterEntry(models.Model):
    """One outgoing document in the agency's register: "Số: 123/BC-BKHCN" ("Số 12-BC/TU"
    for a Party body)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại văn bản"), max_length=10)
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=200)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list)
    report = models.ForeignKey(
        "reporting.AgencyReport",
        verbose_name=_("báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="register_entries",
    )
    created_at = models.DateTimeField(_("vào sổ lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        ordering = ["agency", "year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind", "number"], name="register_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def party(self) -> bool:
        """A Party body's number ("BC/TU": the symbol holds the slash)."""
        return "/" in self.symbol

    @property
    def label(self) -> str:
        """The number as the document writes it: Decree 30 "Số: 7/BC-BKHCN"; Hướng dẫn
        36-HD/VPTW "Số 7-BC/TU" (no colon, the number joined to the symbol by a hyphen)."""
        if self.party:
            return f"Số {self.number}-{self.symbol}"
        return f"Số: {self.number}/{self.symbol}"

    @property
    def file_name(self) -> str:
        """The signed PDF's name: "BC-BKHCN-2026-0007.pdf", "BC-TU-2026-0007.pdf"."""
        return f"{self.symbol.replace('/', '-')}-{self.year}-{self.number:04d}.pdf"


class KeySource(models.TextChoices):
    PKCS12 = "pkcs12", _("Tệp PKCS#12 (.p12/.pfx)")
    PKCS11 = "pkcs11", _("Thiết bị PKCS#11 (USB token, HSM)")


class SignerKey(models.Model):
    """Where a signer's key is, never the key itself: a PKCS#12 file on the server (its
    passphrase in an environment variable or a file readable only by the service) or a
    PKCS#11 token (module, token and key labels; the PIN from the environment). The
    certificate (public) is kept to recognise the signer when verifying."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        on_delete=models.CASCADE,
        related_name="signer_key",
    )
    source = models.CharField(_("nguồn khoá"), max_length=10, choices=KeySource.choices)
    pkcs12_path = models.CharField(_("đường dẫn tệp PKCS#12"), max_length=500, blank=True)
    passphrase_env = models.CharField(
        _("biến môi trường chứa mật khẩu"), max_length=100, blank=True
    )
    passphrase_file = models.CharField(_("tệp chứa mật khẩu"), max_length=500, blank=True)
    pkcs11_module = models.CharField(_("thư viện PKCS#11"), max_length=500, blank=True)
    pkcs11_token = models.CharField(_("nhãn thiết bị PKCS#11"), max_length=100, blank=True)
    pkcs11_key_label = models.CharField(_("nhãn khoá"), max_length=100, blank=True)
    pkcs11_cert_label = models.CharField(_("nhãn chứng thư"), max_length=100, blank=True)
    pin_env = models.CharField(_("biến môi trường chứa mã PIN"), max_length=100, blank=True)
    certificate = models.TextField(_("chứng thư số (PEM)"), blank=True)
    fingerprint = models.CharField(_("dấu vân tay SHA-256"), max_length=64, blank=True)
    is_demo = models.BooleanField(_("chứng thư minh hoạ"), default=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cấu hình khoá ký")
        verbose_name_plural = _("cấu hình khoá ký")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_source_display()})"


class SignedDocument(models.Model):
    """A signed PDF as it was signed (the bytes submitted, never regenerated)."""

    register = models.OneToOneField(
        RegisterEntry, verbose_name=_("số văn bản"), on_delete=models.PROTECT, related_name="signed"
    )
    report = models.ForeignKey(
        "reporting.AgencyReport",
        verbose_name=_("báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_documents",
    )
    file = models.FileField(_("tệp đã ký"), upload_to="signed/%Y/")
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("ký lúc"))

    class Meta:
        verbose_name = _("văn bản đã ký số")
        verbose_name_plural = _("văn bản đã ký số")
        ordering = ["-signed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.register} ({self.signed_at:%d/%m/%Y})"


class CheckContext(models.TextChoices):
    RECEIPT = "receipt", _("Khi Bộ KH&CN nhận báo cáo")
    UPLOAD = "upload", _("Tệp tải lên để kiểm tra")
    COMMAND = "command", _("Lệnh lotrinh verify")


class SignatureCheck(models.Model):
    """The result of verifying a signed PDF, kept with the document."""

    document = models.ForeignKey(
        SignedDocument,
        verbose_name=_("văn bản đã ký số"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="checks",
    )
    context = models.CharField(_("bối cảnh"), max_length=10, choices=CheckContext.choices)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    valid = models.BooleanField(_("hợp lệ"))
    reason = models.TextField(_("lý do từ chối"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=300, blank=True)
    signer_subject = models.TextField(_("chủ thể chứng thư"), blank=True)
    signing_time = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    timestamped = models.BooleanField(_("có dấu thời gian RFC 3161"), default=False)
    chain = models.JSONField(_("chuỗi chứng thư"), default=list)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("kiểm tra lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả kiểm tra chữ ký")
        verbose_name_plural = _("kết quả kiểm tra chữ ký")
        ordering = ["-checked_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} {'valid' if self.valid else 'refused'}"
