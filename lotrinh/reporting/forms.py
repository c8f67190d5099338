from django import forms
from django.utils.translation import gettext_lazy as _

from lotrinh.reporting.models import ContributionEntry, ReportEntry


class EntryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    evidence_link = forms.URLField(
        label=_("đường dẫn"), required=False, assume_scheme="https", max_length=500
    )

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
            "result": forms.Textarea(attrs={"rows": 3}),
            "difficulties": forms.Textarea(attrs={"rows": 2}),
            "proposals": forms.Textarea(attrs={"rows": 2}),
            "evidence_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class ContributionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ContributionEntry
        fields = ["contribution"]
        widgets = {"contribution": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance and self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class SectionsForm(forms.Form):
    general_assessment = forms.CharField(
        label=_("Đánh giá chung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals_to_government = forms.CharField(
        label=_("Kiến nghị với Chính phủ"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
