import datetime
import hashlib
import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotrinh.reporting.models import ContributionEntry, ReportEntry

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
        label=_("đường dẫn"), required=False, assume_scheme="https", max_length=500
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
            "evidence_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["fingerprint"] = fingerprint(
                {f: getattr(self.instance, f) for f in ENTRY_VALUES}
            )

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
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["fingerprint"] = fingerprint({"contribution": self.instance.contribution})


class SectionsForm(ChangeTracked, forms.Form):
    tracked = ("general_assessment", "proposals_to_government")
    general_assessment = forms.CharField(
        label=_("Đánh giá chung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "vi"}),
    )
    proposals_to_government = forms.CharField(
        label=_("Kiến nghị với Chính phủ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "vi"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
