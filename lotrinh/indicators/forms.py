from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotrinh.indicators.models import Indicator, ObservationStatus


class ObservationForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1900)
    value = forms.FloatField(label=_("Giá trị"), required=False)
    text_value = forms.CharField(
        label=_("Bằng chứng (với chỉ tiêu dạng mốc)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ObservationStatus.choices)
    published_on = forms.DateField(
        label=_("Ngày công bố"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    citation = forms.CharField(label=_("Nguồn trích dẫn"), max_length=1000)
    source_url = forms.URLField(label=_("Đường dẫn nguồn"), required=False, assume_scheme="https")
    note = forms.CharField(label=_("Ghi chú"), required=False)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Năm số liệu không thể ở tương lai."))
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.indicator.kind == "milestone":
            if not data.get("text_value"):
                self.add_error("text_value", _("Chỉ tiêu dạng mốc cần mô tả bằng chứng."))
            data["value"] = 1.0 if data.get("value") else 0.0
        elif data.get("value") is None:
            self.add_error("value", _("Cần nhập giá trị."))
        limit = self.indicator.limit
        if limit is not None and data.get("value") is not None and not 0 <= data["value"] <= limit:
            self.add_error(
                "value", _("Giá trị phải nằm trong khoảng 0–%(limit)s.") % {"limit": f"{limit:g}"}
            )
        return data


class CsvImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV (cột Year, Value)"))
    citation = forms.CharField(label=_("Nguồn trích dẫn của các số liệu"), max_length=1000)
