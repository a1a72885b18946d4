"""Consultation forms: input parsing and validation only (the rules are in intake.py and services.py).
Every form works without JavaScript."""

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from civicspace.core.i18n import to_khmer_digits
from civicspace.organisations.models import Organisation
from civicspace.places.models import AdminUnit

from .intake import MAX_COMMENT, MAX_KEY, WG_DOMAINS, Answer, SubmissionData
from .models import BudgetItem, Consultation, Submission

KM = {"lang": "km"}
# Optional radio questions start on "prefer not to say": without JavaScript a chosen radio button cannot
# be cleared, so not answering must be a choice of its own.
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
HONEYPOT = "website"

# The Washington Group Short Set, in its own words (https://www.washingtongroup-disability.com/).
WG_QUESTIONS = {
    "seeing": _("Do you have difficulty seeing, even if wearing glasses?"),
    "hearing": _("Do you have difficulty hearing, even if using a hearing aid?"),
    "walking": _("Do you have difficulty walking or climbing steps?"),
    "cognition": _("Do you have difficulty remembering or concentrating?"),
    "selfcare": _("Do you have difficulty with self-care, such as washing all over or dressing?"),
    "communication": _(
        "Using your usual language, do you have difficulty communicating, for example understanding or "
        "being understood?"
    ),
}


def _khmer_active() -> bool:
    return (get_language() or "").startswith("km")


def _number(n: int) -> str:
    return to_khmer_digits(n) if _khmer_active() else str(n)


def new_token() -> str:
    """The idempotency token of one rendered form: a resubmitted form stores nothing twice."""
    return secrets.token_urlsafe(18)


@dataclass
class ItemRow:
    item: BudgetItem
    comment: forms.BoundField | None
    rank: forms.BoundField | None
    points: forms.BoundField | None


class SubmissionForm(forms.Form):
    """A citizen's input on a consultation: per item a comment, a rank and/or points (as the
    consultation asks), optional demographics, consent, a honeypot and the idempotency token."""

    gender = forms.ChoiceField(
        label=_("Gender"), required=False, widget=forms.RadioSelect, initial="",
        choices=[("", _("Prefer not to say")), *Submission.Gender.choices],
    )  # fmt: skip
    age_band = forms.ChoiceField(
        label=_("Age"), required=False, choices=[("", _("Prefer not to say")), *Submission.AgeBand.choices]
    )
    consent = forms.BooleanField(label=_("I agree"), required=False)
    # A field people never see (nor fill in); bots that fill every field are answered as if their input
    # had been stored, and nothing is stored.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )  # fmt: skip
    token = forms.CharField(required=False, max_length=MAX_KEY, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, consultation: Consultation, items: list[BudgetItem], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.items = items
        self.answer_errors: list[str] = []
        n = len(items)
        for item in items:
            if consultation.asks_comments:
                self.fields[f"i{item.pk}_comment"] = forms.CharField(
                    label=_("Your comment"), required=False, max_length=MAX_COMMENT,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )  # fmt: skip
            if consultation.asks_ranking:
                self.fields[f"i{item.pk}_rank"] = forms.TypedChoiceField(
                    label=_("Priority (1 = most important)"), required=False, coerce=int, empty_value=None,
                    choices=[("", "—"), *((str(r), _number(r)) for r in range(1, n + 1))],
                )  # fmt: skip
            if consultation.asks_points:
                self.fields[f"i{item.pk}_points"] = forms.IntegerField(
                    label=_("Points"), required=False, min_value=0, max_value=consultation.points_total,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )  # fmt: skip
        for domain in WG_DOMAINS:
            self.fields[f"wg_{domain}"] = forms.ChoiceField(
                label=WG_QUESTIONS[domain], required=False, widget=forms.RadioSelect, initial="",
                choices=[("", _("Prefer not to say")), *Submission.Difficulty.choices],
            )  # fmt: skip
        self.fields["consent"].required = bool(consultation.consent_en or consultation.consent_km)
        self.fields["consent"].error_messages["required"] = _(
            "Please read the consent text and agree to it to send your input."
        )
        if not self.is_bound and not self.initial.get("token"):
            self.initial["token"] = new_token()

    def item_rows(self) -> Iterator[ItemRow]:
        for item in self.items:
            row = {kind: f"i{item.pk}_{kind}" for kind in ("comment", "rank", "points")}
            yield ItemRow(item, *(self[name] if name in self.fields else None for name in row.values()))

    def wg_fields(self) -> list[forms.BoundField]:
        return [self[f"wg_{domain}"] for domain in WG_DOMAINS]

    @property
    def is_honeypot(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def clean_token(self) -> str:
        token = (self.cleaned_data.get("token") or "").strip()
        if token and any(ord(c) < 33 or ord(c) > 126 for c in token):
            return (
                ""  # not one of ours: treat the form as new (no idempotency, duplicate check still applies)
            )
        return token

    def to_data(self, *, place_code: str = "") -> SubmissionData:
        data = self.cleaned_data
        answers = []
        for item in self.items:
            answer = Answer(
                item_code=item.code,
                comment=data.get(f"i{item.pk}_comment") or "",
                rank=data.get(f"i{item.pk}_rank"),
                points=data.get(f"i{item.pk}_points"),
            )
            if not answer.is_empty():
                answers.append(answer)
        disability = {d: data[f"wg_{d}"] for d in WG_DOMAINS if data.get(f"wg_{d}")}
        return SubmissionData(
            answers=answers, gender=data.get("gender") or "", age_band=data.get("age_band") or "",
            disability=disability, place_code=place_code, consent=bool(data.get("consent")),
            idempotency_key=data.get("token") or "",
        )  # fmt: skip

    def add_intake_errors(self, error: ValidationError) -> None:
        """Place the messages of intake.validate next to the fields they concern."""
        by_field = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        for name, messages in by_field.items():
            target = {"gender": "gender", "age_band": "age_band", "consent": "consent"}.get(name)
            for message in messages:
                if name == "answers":
                    self.answer_errors.append(message)
                elif name == "disability":
                    self.add_error("wg_seeing", message)
                elif target and target in self.fields:
                    self.add_error(target, message)
                else:
                    self.add_error(None, message)

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for every error, in the order of the page, for the summary at the top."""
        summary = [("", str(m)) for m in self.non_field_errors()]
        summary += [("items", m) for m in self.answer_errors]
        for name, field in self.fields.items():
            for message in self.errors.get(name, []):
                anchor = f"id_{name}_0" if isinstance(field.widget, forms.RadioSelect) else f"id_{name}"
                summary.append((anchor, str(message)))
        return summary


# --- organisers: the consultation, its items, moderation and the authority's response ---------------------


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
