import datetime
import hashlib
import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotrinh.core.dates import DayField
from lotrinh.core.uploads import size_text
from lotrinh.reporting import evidence
from lotrinh.reporting.models import ContributionEntry, ReportEntry
from lotrinh.reporting.texts import ENTRY_TEXTS, max_chars

ENTRY_VALUES = (
    "status",
    "result",
    "evidence_number",
    "evidence_date",
    "evidence_link",
    "difficulties",
    "proposals",
)


def fingerprint(values: dict[str, Any]) -> str:
    """A short digest of a form's values as shown, so a "save all" can tell the forms a
    person changed from those she did not touch (line ends and outer spaces ignored, as
    browsers and form cleaning change them)."""

    def plain(value: Any) -> str:
        if isinstance(value, datetime.date):
            return value.isoformat()
        return str(value or "").replace("\r\n", "\n").strip()

    text = json.dumps({k: plain(v) for k, v in sorted(values.items())}, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


class ChangeTracked:
    """A form that carries the fingerprint of the values it was shown with."""

    tracked: tuple[str, ...] = ()

    def shown_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def is_unchanged(self) -> bool:
        """Bound and valid, and the same values as when the page was shown."""
        form: Any = self
        if not form.is_valid():
            return False
        original = form.cleaned_data.get("fingerprint") or ""
        current = fingerprint({f: form.cleaned_data.get(f) for f in self.tracked})
        return bool(original) and original == current and not self.has_file_change()

    def has_file_change(self) -> bool:
        return False


# The text fields say they hold Vietnamese (lang="vi"): officers write their reports in
# Vietnamese, whatever the language of the page around them.


class EntryForm(ChangeTracked, forms.ModelForm):
    tracked = ENTRY_VALUES
    version = forms.IntegerField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    evidence_link = forms.URLField(
        label=_("Đường dẫn"), required=False, assume_scheme="https", max_length=500
    )
    evidence_remove = forms.BooleanField(label=_("Gỡ tệp đính kèm"), required=False)

    class Meta:
        model = ReportEntry
        fields = [
            "status",
            "result",
            "evidence_number",
            "evidence_date",
            "evidence_link",
            "evidence_file",
            "difficulties",
            "proposals",
        ]
        widgets = {
            "result": forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
            "difficulties": forms.Textarea(attrs={"rows": 2, "lang": "vi"}),
            "proposals": forms.Textarea(attrs={"rows": 2, "lang": "vi"}),
        }
        field_classes = {"evidence_date": DayField}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ENTRY_TEXTS:
            self.fields[name].validators.append(max_chars)
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["fingerprint"] = fingerprint(
                {f: getattr(self.instance, f) for f in ENTRY_VALUES}
            )

    @property
    def evidence_max_bytes(self) -> int:
        """The largest evidence file (the file input says it; static/js/site.js refuses a
        larger one before sending it)."""
        return evidence.max_bytes()

    @property
    def evidence_max_text(self) -> str:
        return size_text(evidence.max_bytes())

    def has_file_change(self) -> bool:
        return bool(self.files.get(self.add_prefix("evidence_file"))) or bool(
            self.cleaned_data.get("evidence_remove")
        )


class ContributionForm(ChangeTracked, forms.ModelForm):
    tracked = ("contribution",)
    version = forms.IntegerField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = ContributionEntry
        fields = ["contribution"]
        widgets = {"contribution": forms.Textarea(attrs={"rows": 2, "lang": "vi"})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["contribution"].validators.append(max_chars)
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["fingerprint"] = fingerprint({"contribution": self.instance.contribution})


class SectionsForm(ChangeTracked, forms.Form):
    tracked = ("general_assessment", "proposals_to_government")
    general_assessment = forms.CharField(
        label=_("Đánh giá chung"),
        required=False,
        validators=[max_chars],
        widget=forms.Textarea(attrs={"rows": 4, "lang": "vi"}),
    )
    proposals_to_government = forms.CharField(
        label=_("Kiến nghị với Chính phủ"),
        required=False,
        validators=[max_chars],
        widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class AgencySelect(forms.Select):
    """Agencies by name in the page's language; a name kept in Vietnamese (no English
    name) is marked lang="vi"."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        agency = getattr(value, "instance", None)
        if agency is not None and not agency.name_en and _english():
            option["attrs"]["lang"] = "vi"
        return option


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    widget = AgencySelect

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name_en if _english() and obj.name_en else obj.name_vi)


def _english() -> bool:
    from django.utils.translation import get_language

    return not (get_language() or "vi").startswith("vi")


class ScheduleForm(forms.Form):
    """The schedule of a regime whose document states no period (`schedules`): the
    rules are the service's (`check_schedule`), shown here field by field."""

    frequency = forms.ChoiceField(
        label=_("Kỳ báo cáo"),
        choices=(),
        error_messages={
            "required": _("Chọn hằng năm, 6 tháng, hằng quý hoặc hằng tháng."),
            "invalid_choice": _("Chọn hằng năm, 6 tháng, hằng quý hoặc hằng tháng."),
        },
    )
    deadline_day = forms.IntegerField(
        label=_("Ngày hạn nộp"),
        required=False,
        help_text=_(
            "Báo cáo 6 tháng, hằng quý, hằng tháng: hạn là ngày này của tháng cuối kỳ "
            "(hoặc tháng sau); để trống là ngày 20 (Nghị định 09/2019/NĐ-CP)."
        ),
        error_messages={"invalid": _("Nhập một số nguyên.")},
    )
    deadline_month = forms.IntegerField(
        label=_("Tháng hạn nộp (báo cáo hằng năm)"),
        required=False,
        error_messages={"invalid": _("Nhập một số nguyên.")},
    )
    first_year = forms.IntegerField(
        label=_("Năm đầu tiên"),
        required=False,
        help_text=_("Để trống: năm ban hành văn bản."),
        error_messages={"invalid": _("Nhập một số nguyên.")},
    )
    # The regime's `schedule_version` the form was shown with (optimistic concurrency).
    version = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput
    )
    recipient = AgencyChoiceField(
        label=_("Cơ quan nhận báo cáo"),
        queryset=None,
        required=False,
        help_text=_("Văn bản không nêu tên cơ quan nhận báo cáo: quản trị hệ thống chỉ định."),
        error_messages={"invalid_choice": _("Chọn một cơ quan trong danh sách.")},
    )

    def __init__(self, *args: Any, recipients: Any = None, **kwargs: Any) -> None:
        from lotrinh.reporting.models import Frequency
        from lotrinh.reporting.schedules import SCHEDULABLE

        super().__init__(*args, **kwargs)
        labels = dict(Frequency.choices)
        choice = self.fields["frequency"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(f.value, labels[f.value]) for f in SCHEDULABLE]
        if recipients is None:
            del self.fields["recipient"]
        else:
            self.fields["recipient"].queryset = recipients  # type: ignore[attr-defined]
            self.fields["recipient"].required = True
            self.fields["recipient"].error_messages["required"] = _("Chọn cơ quan nhận báo cáo.")

    def clean(self) -> dict[str, Any]:
        from lotrinh.reporting.schedules import check_schedule

        data = super().clean() or {}
        if self.errors:
            return data
        problems = check_schedule(
            data.get("frequency", ""),
            deadline_day=data.get("deadline_day"),
            deadline_month=data.get("deadline_month"),
            first_year=data.get("first_year"),
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return data
