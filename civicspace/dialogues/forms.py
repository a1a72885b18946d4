from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civicspace.organisations.models import Organisation

from .asks import meeting_asks
from .models import CoChair, DialogueCycle, Meeting, OutcomeSection, Participant, SectorSession

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
KM = {"lang": "km"}


def addressee_choices() -> Any:
    """Whom asks are usually addressed to: UN agencies and government bodies."""
    kinds = [Organisation.Kind.UN_AGENCY, Organisation.Kind.GOVERNMENT]
    return Organisation.objects.filter(kind__in=kinds).order_by("kind", "acronym_en", "name_en")


class MeetingForm(forms.ModelForm):
    link = forms.URLField(label=_("online meeting link"), required=False, assume_scheme="https")
    conveners = forms.ModelMultipleChoiceField(
        label=_("Conveners"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.CSO).order_by("kind", "name_en"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = [
            "cycle", "previous", "title_en", "title_km", "starts_at", "ends_at", "mode", "venue_en", "venue_km",
            "link", "conveners", "response_days", "summary_en", "summary_km",
        ]  # fmt: skip
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "title_km": forms.TextInput(attrs=KM),
            "venue_km": forms.TextInput(attrs=KM),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_km": forms.Textarea(attrs={"rows": 3, **KM}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Open cycles only (a closed one accepts no meeting), and the meeting's own cycle when it has one.
        cycle = self.fields["cycle"]
        assert isinstance(cycle, forms.ModelChoiceField)
        current = Q(pk=self.instance.cycle_id) if self.instance.cycle_id else Q(pk__in=[])
        cycle.queryset = DialogueCycle.objects.filter(Q(closed_at__isnull=True) | current)
        cycle.help_text = _(
            "The recurring dialogue this meeting belongs to, e.g. the annual CSO–UN dialogue."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("The meeting cannot end before it starts."))
        return data


class CycleForm(forms.ModelForm):
    """A dialogue cycle. Its short name is chosen when it is created (or made from the English title) and
    never changes, so that links to it keep working."""

    class Meta:
        model = DialogueCycle
        fields = ["title_en", "title_km", "slug", "description_en", "description_km"]
        widgets = {
            "title_km": forms.TextInput(attrs=KM),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_km": forms.Textarea(attrs={"rows": 3, **KM}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]
        else:
            slug = self.fields["slug"]
            slug.required = False
            slug.help_text = _(
                "Letters, digits and hyphens, e.g. cso-un-dialogue. Left empty, it is made from the English "
                "title. It cannot change later."
            )


class UserByEmailField(forms.EmailField):
    def clean(self, value: Any) -> Any:
        email = super().clean(value)
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No registered user has this email address."))
        return user


class SessionForm(forms.ModelForm):
    rapporteur = UserByEmailField(
        label=_("Rapporteur's email address"), required=False,
        help_text=_("The rapporteur can record the session's asks, also from a phone."),
    )  # fmt: skip

    class Meta:
        model = SectorSession
        fields = ["sector", "title_en", "title_km", "moderator", "rapporteur", "concerns_en", "concerns_km",
                  "notes_en", "notes_km"]  # fmt: skip
        widgets = {
            "title_km": forms.TextInput(attrs=KM),
            "concerns_en": forms.Textarea(attrs={"rows": 3}),
            "concerns_km": forms.Textarea(attrs={"rows": 3, **KM}),
            "notes_en": forms.Textarea(attrs={"rows": 3}),
            "notes_km": forms.Textarea(attrs={"rows": 3, **KM}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is not None and instance.rapporteur_id:
            kwargs.setdefault("initial", {})["rapporteur"] = instance.rapporteur.email
        super().__init__(*args, **kwargs)


def meeting_organisations(meeting: Meeting) -> Any:
    """The organisations taking part in a meeting: its participants and conveners, by name."""
    taking_part = Q(participations__meeting=meeting) | Q(convened_meetings=meeting)
    return Organisation.objects.filter(taking_part).distinct().order_by("name_en")


class AskCaptureForm(forms.Form):
    """Small enough for a phone; works without JavaScript."""

    text_en = forms.CharField(
        label=_("The ask, in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    text_km = forms.CharField(
        label=_("The ask, in Khmer"), required=False, widget=forms.Textarea(attrs={"rows": 4, **KM})
    )
    addressees = forms.ModelMultipleChoiceField(
        label=_("Addressed to"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
        required=False,
    )  # fmt: skip
    raised_by = forms.ModelMultipleChoiceField(
        label=_("Raised by"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations that raised it in the session (those taking part in the meeting)."),
        error_messages={"required": _("Say which organisation raised the ask.")},
    )  # fmt: skip
    priority = forms.ChoiceField(label=_("Priority"))

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["addressees"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = addressee_choices()
        raisers = self.fields["raised_by"]
        assert isinstance(raisers, forms.ModelMultipleChoiceField)
        raisers.queryset = meeting_organisations(meeting)
        asks = meeting_asks()
        priority = self.fields["priority"]
        assert isinstance(priority, forms.ChoiceField)
        priority.choices = asks.priority_choices()
        priority.initial = asks.default_priority()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text_en") or "").strip() and not (data.get("text_km") or "").strip():
            raise forms.ValidationError(_("Write the ask in English, in Khmer, or in both."))
        return data


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["organisation", "name", "gender", "status"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("organisation") and not data.get("name"):
            raise forms.ValidationError(_("Choose an organisation or write a person's name."))
        return data


class CoChairForm(forms.Form):
    user = UserByEmailField(label=_("Co-chair's email address"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name_en")
    )
    side = forms.ChoiceField(label=_("Side"), choices=CoChair.Side.choices)


class OutcomeSectionForm(forms.ModelForm):
    class Meta:
        model = OutcomeSection
        fields = ["order", "heading_en", "heading_km", "body_en", "body_km", "is_closing"]
        widgets = {
            "heading_km": forms.TextInput(attrs=KM),
            "body_en": forms.Textarea(attrs={"rows": 5}),
            "body_km": forms.Textarea(attrs={"rows": 5, **KM}),
        }
