"""The organisers' forms: the consultation, its items, its phase, moderation and the authority's response
(input parsing and validation only; the rules are in services.py). Every form works without JavaScript.
The citizen's form is the web channel's (channels/web.py)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from civicspace.organisations.models import Organisation
from civicspace.places.models import AdminUnit

from .models import Consultation

KM = {"lang": "km"}
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConsultationForm(forms.Form):
    slug = forms.SlugField(
        label=_("Address"), max_length=80, help_text=_("Letters, digits and hyphens, e.g. siem-reap-2026.")
    )
    title_en = forms.CharField(label=_("Title, in English"), max_length=300, required=False)
    title_km = forms.CharField(
        label=_("Title, in Khmer"), max_length=300, required=False, widget=forms.TextInput(attrs=KM)
    )
    summary_en = forms.CharField(
        label=_("Summary, in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    summary_km = forms.CharField(
        label=_("Summary, in Khmer"), required=False, widget=forms.Textarea(attrs={"rows": 4, **KM})
    )
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=1990, max_value=2100)
    level = forms.ChoiceField(label=_("Level"), choices=Consultation.Level.choices)
    unit_code = forms.CharField(
        label=_("NCDD code of the province, district or commune"), max_length=8, required=False,
        help_text=_("Leave empty for a national budget."),
    )  # fmt: skip
    authority = forms.ModelChoiceField(label=_("Budget authority"), queryset=Organisation.objects.none())
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organised by"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    asks_comments = forms.BooleanField(
        label=_("Ask for a comment on each item"), required=False, initial=True
    )
    asks_ranking = forms.BooleanField(label=_("Ask for a priority ranking of the items"), required=False)
    asks_points = forms.BooleanField(label=_("Ask people to share points across the items"), required=False)
    points_total = forms.IntegerField(label=_("Points to share"), min_value=1, max_value=10000, initial=100)
    consent_en = forms.CharField(
        label=_("Consent text, in English"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consent_km = forms.CharField(
        label=_("Consent text, in Khmer"), required=False, widget=forms.Textarea(attrs={"rows": 3, **KM})
    )
    opens_at = forms.DateTimeField(label=_("Input opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Input closes"), widget=DATETIME)

    def __init__(self, *args: Any, consultation: Consultation | None = None, **kwargs: Any) -> None:
        if consultation is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(consultation)
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        authority = self.fields["authority"]
        organisers = self.fields["organisers"]
        assert isinstance(authority, forms.ModelChoiceField)
        assert isinstance(organisers, forms.ModelMultipleChoiceField)
        authority.queryset = Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT).order_by(
            "name_en"
        )
        organisers.queryset = Organisation.objects.filter(
            kind__in=[Organisation.Kind.CSO, Organisation.Kind.COALITION]
        ).order_by("name_en")

    @staticmethod
    def initial_for(consultation: Consultation) -> dict[str, Any]:
        names = [n for n in ConsultationForm.base_fields if n not in ("unit_code", "organisers")]
        initial = {name: getattr(consultation, name) for name in names}
        initial["unit_code"] = consultation.unit.code if consultation.unit else ""
        initial["organisers"] = list(consultation.organisers.all()) if consultation.pk else []
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_en") or "").strip() and not (data.get("title_km") or "").strip():
            self.add_error("title_en", _("Give a title in English, in Khmer, or in both."))
        if not (data.get("asks_comments") or data.get("asks_ranking") or data.get("asks_points")):
            self.add_error(None, _("Ask for at least one thing: comments, a ranking or points."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Input must close after it opens."))
        level, code = data.get("level"), (data.get("unit_code") or "").strip()
        data["unit"] = None
        if level == Consultation.Level.NATIONAL:
            if code:
                self.add_error("unit_code", _("A national budget has no province, district or commune."))
        elif level:
            unit = AdminUnit.objects.filter(code=code, level=level).first() if code else None
            if unit is None:
                self.add_error("unit_code", _("Give the NCDD code of a unit at this level."))
            data["unit"] = unit
        return data

    def service_fields(self) -> tuple[dict[str, Any], list[Organisation]]:
        data = dict(self.cleaned_data)
        organisers = list(data.pop("organisers", []))
        data.pop("unit_code", None)
        return data, organisers


class ItemForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("The item's code in the budget."))
    title_en = forms.CharField(label=_("Title, in English"), max_length=300, required=False)
    title_km = forms.CharField(
        label=_("Title, in Khmer"), max_length=300, required=False, widget=forms.TextInput(attrs=KM)
    )
    amount_khr = forms.IntegerField(
        label=_("Amount (riel)"), min_value=0, max_value=10**19,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}), help_text=_("Whole riel, without separators."),
    )  # fmt: skip
    explanation_en = forms.CharField(
        label=_("Plain-language explanation, in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    explanation_km = forms.CharField(
        label=_("Plain-language explanation, in Khmer"), required=False,
        widget=forms.Textarea(attrs={"rows": 3, **KM}),
    )  # fmt: skip
    order = forms.IntegerField(label=_("Order"), min_value=0, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_en") or "").strip() and not (data.get("title_km") or "").strip():
            self.add_error("title_en", _("Give a title in English, in Khmer, or in both."))
        if data.get("order") is None:
            data.pop("order", None)
        return data


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Consultation.State.choices)


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("publish", _("Publish")), ("reject", _("Do not publish"))]
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Kept with the decision, e.g. “on topic” or “insults a person”."),
    )


class ResponseForm(forms.Form):
    text_en = forms.CharField(
        label=_("Response, in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    text_km = forms.CharField(
        label=_("Response, in Khmer"), required=False, widget=forms.Textarea(attrs={"rows": 4, **KM})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text_en") or "").strip() and not (data.get("text_km") or "").strip():
            raise forms.ValidationError(_("Write the response in English, in Khmer, or in both."))
        return data
