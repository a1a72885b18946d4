"""The web channel: the citizen's form (`SubmissionForm`), which needs no account and no JavaScript, and
turns what was posted into the intake's `SubmissionData` (`to_data`); the intake's messages go back
next to the fields they concern. The page itself is views/submit.py."""

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civicspace.core.i18n import local_digits

from ..intake import MAX_COMMENT, MAX_KEY, WG_DOMAINS, Answer, SubmissionData
from ..models import BudgetItem, Consultation, Submission

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

    # Optional radio questions start on "prefer not to say": without JavaScript a chosen radio button
    # cannot be cleared, so not answering must be a choice of its own.
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
                    choices=[("", "—"), *((str(r), local_digits(r)) for r in range(1, n + 1))],
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
