"""The API's human messages in the site's language (docs/api.md).

Django REST framework's Vietnamese catalogue translates a few of its messages and leaves
the rest in English, so one answer mixed both ("Trường này là bắt buộc." beside "Not a
valid string."). Its validation messages are replaced here on the API's write
serializers (`VietnameseErrors`), and its other errors in `errors.handler` (`detail_of`).
Placeholders in braces are DRF's own, filled in by DRF.
"""

from typing import Any

from django.core import validators
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.exceptions import ErrorDetail
from rest_framework.settings import api_settings
from rest_framework.utils.serializer_helpers import ReturnDict
from rest_framework.validators import ProhibitSurrogateCharactersValidator


def field_messages() -> dict[str, str]:
    """DRF error code → message (for the fields that have the code)."""
    return {
        "null": _("Trường này không nhận giá trị null."),
        "max_length": _("Tối đa {max_length} ký tự."),
        "min_length": _("Cần ít nhất {min_length} ký tự."),
        "invalid_choice": _("“{input}” không phải là một giá trị được nhận."),
        "datetime": _("Cần một ngày (YYYY-MM-DD), không kèm giờ."),
        "max_value": _("Giá trị tối đa là {max_value}."),
        "min_value": _("Giá trị tối thiểu là {min_value}."),
        "max_string_length": _("Số quá dài."),
        "no_name": _("Không xác định được tên tệp."),
        "does_not_exist": _("Không có mục mang mã {pk_value}."),
        "incorrect_type": _("Cần mã số (số nguyên), không phải {data_type}."),
    }


def invalid_message(field: Any) -> str | None:
    """The message of a field's `invalid` code, by the field's kind."""
    from rest_framework import serializers

    if isinstance(field, serializers.URLField):
        return None  # already translated ("Nhập một URL hợp lệ.")
    if isinstance(field, serializers.FileField):
        return _("Dữ liệu gửi lên không phải là tệp: hãy gửi tệp bằng multipart/form-data.")
    if isinstance(field, serializers.BooleanField):
        return _("Cần giá trị đúng hoặc sai (true/false).")
    if isinstance(field, serializers.IntegerField):
        return _("Cần một số nguyên.")
    if isinstance(field, serializers.CharField):
        return _("Cần một chuỗi văn bản.")
    return None


def _localise(field: Any) -> None:
    messages = field_messages()
    for code, message in messages.items():
        if code in field.error_messages:
            field.error_messages[code] = message
    invalid = invalid_message(field)
    if invalid is not None and "invalid" in field.error_messages:
        field.error_messages["invalid"] = invalid
    if "max_length" in field.error_messages and hasattr(field, "use_url"):
        field.error_messages["max_length"] = _(
            "Tên tệp dài tối đa {max_length} ký tự (tên này có {length})."
        )
    # Validators built in the field's __init__ carry their message already formatted.
    for validator in field.validators:
        if isinstance(validator, validators.ProhibitNullCharactersValidator):
            validator.message = _("Văn bản không được chứa ký tự NUL.")
        elif isinstance(validator, validators.MaxLengthValidator):
            validator.message = messages["max_length"].format(max_length=validator.limit_value)
        elif isinstance(validator, validators.MinLengthValidator):
            validator.message = messages["min_length"].format(min_length=validator.limit_value)
        elif isinstance(validator, validators.MaxValueValidator):
            validator.message = messages["max_value"].format(max_value=validator.limit_value)
        elif isinstance(validator, validators.MinValueValidator):
            validator.message = messages["min_value"].format(min_value=validator.limit_value)
        elif isinstance(validator, ProhibitSurrogateCharactersValidator):
            # "\ud800" in JSON: DRF's message is English only.
            validator.message = _("Văn bản có ký tự không hợp lệ (U+{code_point:X}).")


class VietnameseErrors:
    """A mixin for the API's write serializers: their validation messages in the
    language of the request, Vietnamese first (`field_messages`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages["invalid"] = _(  # type: ignore[attr-defined]
            "Cần một đối tượng JSON (các cặp tên: giá trị), không phải {datatype}."
        )

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()  # type: ignore[misc]
        for field in fields.values():
            _localise(field)
        return fields

    @property
    def errors(self) -> Any:
        errors = super().errors  # type: ignore[misc]
        problems = errors.get(api_settings.NON_FIELD_ERRORS_KEY) or []
        if len(problems) == 1 and getattr(problems[0], "code", None) == "null":
            # A body of JSON `null`: DRF says "No data provided", in English only.
            message = _("Chưa gửi dữ liệu: cần một đối tượng JSON.")
            detail = ErrorDetail(message, code="null")
            return ReturnDict({api_settings.NON_FIELD_ERRORS_KEY: [detail]}, serializer=self)
        return errors


def detail_of(exc: exceptions.APIException, request: Any) -> str | None:
    """The message of one of DRF's own errors in the request's language (None: keep the
    exception's own message, ours already)."""
    if isinstance(exc, exceptions.ParseError):
        # DRF's detail names the decoder's error ("'utf-8' codec can't decode…").
        return _("Nội dung gửi lên không đọc được: cần JSON hợp lệ, mã UTF-8.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Kiểu nội dung “%(type)s” không được nhận ở địa chỉ này.") % {
            "type": getattr(request, "content_type", "") or "?"
        }
    if isinstance(exc, exceptions.Throttled):
        if exc.wait is None:
            return _("Quá nhiều yêu cầu: hãy thử lại sau ít phút.")
        return _("Quá nhiều yêu cầu: hãy thử lại sau %(seconds)s giây.") % {
            "seconds": max(1, round(exc.wait))
        }
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        # SessionAuthentication's refusal, in English whatever the language.
        return _(
            "Thiếu hoặc sai mã CSRF: khi gọi API bằng phiên đăng nhập, hãy gửi tiêu đề "
            "X-CSRFToken với giá trị của cookie csrftoken."
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Không đáp ứng được tiêu đề Accept: API trả lời bằng JSON.")
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Cần đăng nhập, hoặc gửi khoá API (Authorization: Bearer …).")
    if isinstance(exc, exceptions.AuthenticationFailed) and str(exc.detail) == str(
        exc.default_detail
    ):
        return _("Thông tin xác thực không đúng.")
    return None
