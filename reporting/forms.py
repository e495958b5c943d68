from __future__ import annotations

from django import forms

from receivables.choices import DunningStatus

from .aging import BUCKET_LABELS, BUCKETS


class ArFilterForm(forms.Form):
    as_of = forms.DateField(required=False, help_text="YYYY-MM-DD (default today)")
    currency = forms.CharField(required=False, max_length=3)
    customer = forms.CharField(required=False, max_length=200)
    bucket = forms.ChoiceField(required=False, choices=[("", "All ages")] + [(b, BUCKET_LABELS[b]) for b in BUCKETS])
    dunning = forms.ChoiceField(
        required=False, choices=[("", "Any dunning"), ("none", "No dunning case"), *DunningStatus.choices]
    )
    min_amount = forms.DecimalField(required=False, min_value=0, max_digits=20, decimal_places=4)
    flagged = forms.BooleanField(required=False, label="Flagged for review only")

    def clean_currency(self) -> str:
        value = self.cleaned_data.get("currency", "").strip().upper()
        if value and (len(value) != 3 or not value.isalpha()):
            raise forms.ValidationError("Enter an ISO 4217 code, e.g. USD.")
        return value


class PeriodForm(forms.Form):
    end = forms.RegexField(
        required=False, regex=r"^\d{4}-(0[1-9]|1[0-2])$", help_text="Last month shown, YYYY-MM",
        error_messages={"invalid": "Expected a month YYYY-MM."},
    )
    months = forms.IntegerField(required=False, min_value=1, max_value=36)
    currency = forms.CharField(required=False, max_length=3, help_text="Reporting currency")

    def clean_currency(self) -> str:
        value = self.cleaned_data.get("currency", "").strip().upper()
        if value and (len(value) != 3 or not value.isalpha()):
            raise forms.ValidationError("Enter an ISO 4217 code, e.g. USD.")
        return value
