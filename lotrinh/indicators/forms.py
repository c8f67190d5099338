from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotrinh.core.dates import DayField
from lotrinh.core.locale import name_order
from lotrinh.indicators.models import Indicator, ObservationStatus
from lotrinh.indicators.validation import FIRST_YEAR, check_value, parse_typed_number
from lotrinh.reporting.forms import AgencyChoiceField

# Django's Vietnamese catalogue leaves "Null characters are not allowed." in English.
NUL_REFUSED = ProhibitNullCharactersValidator(
    message=_("Văn bản không được chứa ký tự NUL."), code="null_characters_not_allowed"
)


class NulInVietnamese:
    """A form whose text fields refuse a NUL byte in the page's language."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators = [
                NUL_REFUSED if isinstance(v, ProhibitNullCharactersValidator) else v
                for v in field.validators
            ]


NUMBER_HELP = _("Ví dụ: 12,66 hoặc 1.234,5 (dấu phẩy trước phần thập phân).")


class TypedNumberField(forms.CharField):
    """A figure as a person types it: Vietnamese (1.234,5 · 1,5) or international (1234.5)
    writing, read by `parse_typed_number`. A text box, not `type="number"`: a browser
    in English dropped the comma of "1,5" and sent 15, in Vietnamese it read "1.234" as
    1,234; the server reads the text once, the same for every browser."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *args: Any, percent: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.percent = percent

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        number, problem = parse_typed_number(text, percent=self.percent)
        if number is None:
            raise forms.ValidationError(problem, code="invalid")
        return number


class ObservationForm(NulInVietnamese, forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=9999)
    value = TypedNumberField(label=_("Giá trị"), required=False, help_text=NUMBER_HELP)
    text_value = forms.CharField(
        label=_("Bằng chứng (với chỉ tiêu dạng mốc)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ObservationStatus.choices)
    published_on = DayField(label=_("Ngày công bố"), required=False)
    citation = forms.CharField(label=_("Nguồn trích dẫn"), max_length=1000)
    source_url = forms.URLField(
        label=_("Đường dẫn nguồn"), required=False, assume_scheme="https", max_length=500
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        value = self.fields["value"]
        assert isinstance(value, TypedNumberField)
        value.percent = "%" in indicator.unit

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.indicator.kind == "milestone":
            if not data.get("text_value"):
                self.add_error("text_value", _("Chỉ tiêu dạng mốc cần mô tả bằng chứng."))
            data["value"] = 1.0 if data.get("value") else 0.0
        if data.get("year") is None:
            return data
        # The same rule as the CSV import (lotrinh/indicators/validation.py).
        for problem in check_value(
            self.indicator,
            year=data["year"],
            value=data.get("value"),
            today=timezone.localdate(),
            published_on=data.get("published_on"),
        ):
            if problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return data


class CsvImportForm(NulInVietnamese, forms.Form):
    file = forms.FileField(
        label=_(
            "Tệp Excel (.xlsx) hoặc CSV: cột Năm (Year), Giá trị (Value); có thể thêm Quốc "
            "gia (Country), Ngày công bố (Published)"
        ),
        help_text=_(
            "Tệp Excel đọc số như Excel lưu, trang tính đầu tiên, dòng tiêu đề ở trên cùng. "
            "Tệp CSV phân cách bằng dấu chấm phẩy (như Excel tiếng Việt lưu) đọc 1.234,5 là một "
            "nghìn hai trăm ba mươi tư phẩy năm; tệp phân cách bằng dấu phẩy đọc số theo "
            "Open SDG (1234.5)."
        ),
    )
    citation = forms.CharField(label=_("Nguồn trích dẫn của các số liệu"), max_length=1000)


class RejectObservationForm(NulInVietnamese, forms.Form):
    reason = forms.CharField(
        label=_("Lý do từ chối"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Cần nêu lý do từ chối.")},
    )


class DataRequestForm(NulInVietnamese, forms.Form):
    """MOST's data request: to whom, which year, what is needed, its definition, by when."""

    # Named and ordered as the page shows agencies: by their English names on English
    # pages (`reporting.forms.AgencyChoiceField`, `core.locale.name_order`).
    agency: forms.ModelChoiceField = AgencyChoiceField(
        label=_("Cơ quan được yêu cầu"), queryset=None
    )
    year = forms.IntegerField(label=_("Năm số liệu"), min_value=FIRST_YEAR, max_value=9999)
    what = forms.CharField(
        label=_("Số liệu cần cung cấp"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    definition = forms.CharField(
        label=_("Định nghĩa"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = DayField(label=_("Hạn trả lời"))

    def __init__(self, *args: Any, producer: Any = None, **kwargs: Any) -> None:
        from lotrinh.agencies.models import Agency

        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        # The producing agency is the one a request may go to (`requests.send_request`).
        agencies = Agency.objects.filter(valid_to__isnull=True)
        if producer is not None:
            agencies = agencies.filter(pk=producer.pk)
        field.queryset = agencies.order_by(name_order(), "pk")


class AnswerRequestForm(NulInVietnamese, forms.Form):
    """The agency's answer: the figure, its source and when it was published."""

    value = TypedNumberField(label=_("Giá trị"), help_text=NUMBER_HELP)
    citation = forms.CharField(label=_("Nguồn trích dẫn"), max_length=1000)
    source_url = forms.URLField(
        label=_("Đường dẫn nguồn"), required=False, assume_scheme="https", max_length=500
    )
    published_on = DayField(label=_("Ngày công bố"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        value = self.fields["value"]
        assert isinstance(value, TypedNumberField)
        value.percent = "%" in indicator.unit
