"""Tracker forms: input parsing and validation only. Every form works without JavaScript."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civicspace.core.validators import latest_event_date, not_in_future
from civicspace.dialogues.forms import addressee_choices
from civicspace.dialogues.models import Meeting
from civicspace.organisations.models import Organisation, Sector
from civicspace.organisations.selectors import CSO_KINDS

from . import services
from .models import Ask, Commitment, Response, Theme

KM = {"lang": "km"}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EVIDENCE_ROWS = (1, 2, 3)


class EventDateField(forms.DateField):
    """The date something happened: today when left empty, never in the future (core.validators)."""

    def __init__(self, label: Any) -> None:
        super().__init__(label=label, required=False, initial=timezone.localdate, validators=[not_in_future],
                         help_text=_("When it happened; today if left empty."), widget=forms.DateInput(
                             attrs={"type": "date"}, format="%Y-%m-%d"))  # fmt: skip

    def clean(self, value: Any) -> Any:
        return super().clean(value) or timezone.localdate()


def _text(rows: int = 3, *, km: bool = False) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **(KM if km else {})})


def _set_queryset(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def _one_language(data: dict[str, Any], field: str) -> bool:
    return bool((data.get(f"{field}_en") or "").strip() or (data.get(f"{field}_km") or "").strip())


class AskForm(forms.Form):
    """Curators add or edit an ask that did not come through a dialogue's capture form."""

    text_en = forms.CharField(label=_("The ask, in English"), required=False, widget=_text(4))
    text_km = forms.CharField(label=_("The ask, in Khmer"), required=False, widget=_text(4, km=True))
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all(), required=False)
    source_kind = forms.ChoiceField(
        label=_("Where it was raised"), choices=Ask.SourceKind.choices, initial=Ask.SourceKind.OTHER
    )
    source_title = forms.CharField(label=_("Source title"), max_length=300, required=False)
    source_date = forms.DateField(label=_("Date raised"), required=False, widget=DATE)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.order_by("-starts_at"), required=False
    )
    addressees = forms.ModelMultipleChoiceField(
        label=_("Addressed to"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
        required=False,
    )  # fmt: skip
    raised_by = forms.ModelMultipleChoiceField(
        label=_("Raised by"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
        required=False,
    )  # fmt: skip
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    level = forms.ChoiceField(label=_("Level"), choices=Ask.Level.choices, initial=Ask.Level.NATIONAL)
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False,
        help_text=_("Required for a sub-national ask: the province, district or commune."),
    )  # fmt: skip
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Ask.Priority.choices, initial=Ask.Priority.MEDIUM
    )
    parent = forms.ModelChoiceField(
        label=_("Part of the ask number"), queryset=Ask.objects.filter(merged_into__isnull=True),
        required=False, widget=forms.NumberInput(attrs={"min": 1}),
        help_text=_("The number of a larger ask this one is part of (shown on its page), if any."),
    )  # fmt: skip
    weight = forms.IntegerField(
        label=_("Weight"), min_value=1, max_value=100, initial=1,
        help_text=_("How much this ask counts in its parent's progress."),
    )  # fmt: skip

    def __init__(self, *args: Any, ask: Ask | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ask = ask
        _set_queryset(self, "addressees", addressee_choices())
        _set_queryset(self, "raised_by", Organisation.objects.filter(kind__in=CSO_KINDS).order_by("name_en"))
        if ask is not None:
            _set_queryset(self, "parent", Ask.objects.filter(merged_into__isnull=True).exclude(pk=ask.pk))

    @classmethod
    def initial_for(cls, ask: Ask) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(ask, name) for name in cls.scalar_fields()}
        initial.update(
            addressees=list(ask.addressees.all()),
            raised_by=list(ask.raised_by.all()),
            themes=list(ask.themes.all()),
        )
        return initial

    @classmethod
    def scalar_fields(cls) -> list[str]:
        return [name for name in cls.base_fields if name not in ("addressees", "raised_by", "themes")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not _one_language(data, "text"):
            raise forms.ValidationError(_("Write the ask in English, in Khmer, or in both."))
        if data.get("level") == Ask.Level.SUBNATIONAL and not (data.get("place") or "").strip():
            self.add_error("place", _("Say where, for a sub-national ask."))
        return data


class AskRecordForm(forms.Form):
    """A record added under an ask (a response, commitment, progress report, assessment or comment),
    built for that ask and, where the record names whom it speaks for (`organisation_field`), with
    the organisations the user may choose (one alone is chosen already)."""

    organisation_field: str | None = None

    def __init__(
        self, *args: Any, ask: Ask, organisations: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.ask = ask
        for field in self.fields.values():
            if isinstance(field, EventDateField):  # the browser's date picker stops at the same day
                field.widget.attrs["max"] = latest_event_date().isoformat()
        self.only_organisation: Organisation | None = None
        if self.organisation_field is not None:
            assert organisations is not None, f"{type(self).__name__} needs the organisations to choose from"
            _set_queryset(self, self.organisation_field, organisations)
            if len(organisations) == 1:  # chosen already; a form sent without it speaks for that one
                self.only_organisation = organisations[0]
                self.fields[self.organisation_field].initial = self.only_organisation
                self.fields[self.organisation_field].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.organisation_field is not None and not data.get(self.organisation_field):
            data[self.organisation_field] = self.only_organisation
        return data


class ResponseForm(AskRecordForm):
    organisation_field = "addressee"

    addressee = forms.ModelChoiceField(
        label=_("Responding organisation"), queryset=Organisation.objects.none()
    )
    position = forms.ChoiceField(label=_("Response"), choices=Response.Position.choices)
    explanation_en = forms.CharField(label=_("Explanation, in English"), required=False, widget=_text())
    explanation_km = forms.CharField(label=_("Explanation, in Khmer"), required=False, widget=_text(km=True))
    responded_on = EventDateField(_("Date of the response"))


class CommitmentForm(AskRecordForm):
    organisation_field = "organisation"

    description_en = forms.CharField(label=_("What will be done, in English"), required=False, widget=_text())
    description_km = forms.CharField(
        label=_("What will be done, in Khmer"), required=False, widget=_text(km=True)
    )
    organisation = forms.ModelChoiceField(label=_("Who (organisation)"), queryset=Organisation.objects.none())
    person = forms.CharField(label=_("Who (person)"), max_length=200, required=False)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DATE)
    indicator = forms.CharField(label=_("Indicator"), max_length=300, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Commitment.Status.choices)
    committed_on = EventDateField(_("Date of the commitment"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not _one_language(data, "description"):
            raise forms.ValidationError(_("Say what will be done, in English, in Khmer, or in both."))
        return data


class ProgressForm(AskRecordForm):
    """A progress report with up to three pieces of evidence (fixed rows: no JavaScript needed)."""

    organisation_field = "organisation"

    organisation = forms.ModelChoiceField(
        label=_("Reporting organisation"), queryset=Organisation.objects.none()
    )
    reported_on = EventDateField(_("Date of the report"))
    status = forms.ChoiceField(label=_("Status"), choices=Ask.Status.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, required=False,
        help_text=_("Leave empty to use the usual value for the status."),
    )  # fmt: skip
    note_en = forms.CharField(label=_("What happened, in English"), required=False, widget=_text())
    note_km = forms.CharField(label=_("What happened, in Khmer"), required=False, widget=_text(km=True))
    commitment = forms.ModelChoiceField(
        label=_("Commitment this reports on"), queryset=Commitment.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "commitment", self.ask.commitments.all())
        for n in EVIDENCE_ROWS:
            self.fields[f"evidence_{n}_title"] = forms.CharField(
                label=_("Title"), max_length=200, required=False
            )
            self.fields[f"evidence_{n}_file"] = forms.FileField(
                label=_("File"), required=False,
                help_text=_("PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or plain text; at most 10 MB."),
            )  # fmt: skip
            self.fields[f"evidence_{n}_url"] = forms.URLField(
                label=_("or a link"), required=False, assume_scheme="https"
            )
            self.fields[f"evidence_{n}_public"] = forms.BooleanField(
                label=_("Anyone may see this evidence"), required=False, initial=True,
                help_text=_("Untick to show it only to the addressee, the organisations that raised the ask "
                            "and the secretariat."),
            )  # fmt: skip

    def evidence_rows(self) -> list[list[forms.BoundField]]:
        """The bound fields of each evidence row, for the template."""
        return [
            [self[f"evidence_{n}_{part}"] for part in ("title", "file", "url", "public")]
            for n in EVIDENCE_ROWS
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in EVIDENCE_ROWS:
            title, upload, url = (data.get(f"evidence_{n}_{part}") for part in ("title", "file", "url"))
            if upload:
                try:
                    services.check_evidence_file(upload)
                except forms.ValidationError as exc:
                    self.add_error(f"evidence_{n}_file", exc)
            if (upload or url) and not (title or "").strip():
                self.add_error(f"evidence_{n}_title", _("Give the evidence a title."))
            if title and not (upload or url):
                self.add_error(f"evidence_{n}_file", _("Choose a file or give a link for this evidence."))
        return data

    def evidence(self) -> list[dict[str, Any]]:
        """The evidence items in the shape services.progress_report expects."""
        items = []
        for n in EVIDENCE_ROWS:
            title = (self.cleaned_data.get(f"evidence_{n}_title") or "").strip()
            if not title:
                continue
            item: dict[str, Any] = {"title": title, "is_public": self.cleaned_data[f"evidence_{n}_public"]}
            if self.cleaned_data.get(f"evidence_{n}_file"):
                item["file"] = self.cleaned_data[f"evidence_{n}_file"]
            if self.cleaned_data.get(f"evidence_{n}_url"):
                item["url"] = self.cleaned_data[f"evidence_{n}_url"]
            items.append(item)
        return items


class AssessmentForm(AskRecordForm):
    organisation_field = "organisation"

    organisation = forms.ModelChoiceField(label=_("Assessed by"), queryset=Organisation.objects.none())
    status = forms.ChoiceField(label=_("Where the ask really stands"), choices=Ask.Status.choices)
    note_en = forms.CharField(label=_("Why, in English"), required=False, widget=_text())
    note_km = forms.CharField(label=_("Why, in Khmer"), required=False, widget=_text(km=True))
    assessed_on = EventDateField(_("Date of the assessment"))


class CommentForm(AskRecordForm):
    body = forms.CharField(label=_("Your comment"), max_length=4000, widget=_text(5))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Number of the ask to keep"), queryset=Ask.objects.none(), widget=forms.NumberInput(attrs={"min": 1}),
        help_text=_("This ask's responses, commitments, progress, assessments and comments move to that ask."),
        error_messages={"invalid_choice": _("There is no ask with this number.")},
    )  # fmt: skip

    def __init__(self, *args: Any, ask: Ask, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "into", Ask.objects.all())  # the service says why an ask cannot be chosen


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", _("Publish")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason for the decision"), max_length=300,
        error_messages={"required": _("Say why, so the author and other moderators know.")},
    )  # fmt: skip
