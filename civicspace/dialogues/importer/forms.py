"""Forms for the web import: the upload, and the review of the extraction before anything is saved."""

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from civicspace.organisations.models import Organisation, Sector

from .extraction import DirectoryMatch, Extraction, FoundAsk, FoundOrganisation, FoundSector

ACCEPT = ".txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIND_CHOICES = [
    (Organisation.Kind.CSO, Organisation.Kind.CSO.label),
    (Organisation.Kind.COALITION, Organisation.Kind.COALITION.label),
    (Organisation.Kind.UN_AGENCY, Organisation.Kind.UN_AGENCY.label),
    (Organisation.Kind.GOVERNMENT, Organisation.Kind.GOVERNMENT.label),
    (Organisation.Kind.OTHER, Organisation.Kind.OTHER.label),
]


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Outcome document"),
        help_text=_("A Word (.docx), PDF or text (.txt) file. Nothing is saved until you have checked it."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=240)
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    place = forms.CharField(label=_("Place"), max_length=250, required=False)
    virtual = forms.BooleanField(label=_("Held online"), required=False)


class OrganisationRowForm(forms.Form):
    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    participant = forms.BooleanField(label=_("Took part"), required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    acronym = forms.CharField(label=_("Acronym"), max_length=32, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    match_slug = forms.CharField(required=False, widget=forms.HiddenInput)
    match_name = forms.CharField(required=False, widget=forms.HiddenInput)


class SectorRowForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=0, max_value=999, required=False)
    title = forms.CharField(
        label=_("Title"), max_length=250, required=False, help_text=_("Leave empty to drop this sector.")
    )
    title_other = forms.CharField(label=_("Title in the other language"), max_length=250, required=False)
    sector = forms.ModelChoiceField(
        label=_("Directory sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("(no sector)"),
        help_text=_("The field of work the dashboard counts this session under."),
    )


class AskRowForm(forms.Form):
    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    translation = forms.CharField(
        label=_("Text in the other language"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
    )
    sector = forms.TypedChoiceField(label=_("Sector"), coerce=int, empty_value=None, required=False)
    addressees = forms.CharField(
        label=_("Addressed to"),
        max_length=500,
        required=False,
        help_text=_("Acronyms or names, separated by commas."),
    )

    def __init__(
        self, *args: Any, sector_choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("(no sector)")), *(sector_choices or [])]  # type: ignore[attr-defined]


OrganisationFormSet = formset_factory(OrganisationRowForm, extra=1, max_num=500)
SectorFormSet = formset_factory(SectorRowForm, extra=1, max_num=100)
AskFormSet = formset_factory(AskRowForm, extra=1, max_num=1000)


def initial_data(extraction: Extraction) -> dict[str, Any]:
    """Initial values for the review forms. Asks refer to sectors by position in the sector list."""
    index: dict[int | None, int] = {}
    for i, s in enumerate(extraction.sectors):
        index.setdefault(s.number, i)
    return {
        "meeting": {
            "title": extraction.title,
            "date": extraction.date,
            "place": extraction.place or "",
            "virtual": extraction.virtual,
        },
        "organisations": [
            {
                "keep": True,
                "participant": o.participant,
                "name": o.name,
                "acronym": o.acronym or "",
                "kind": o.kind,
                "match_slug": o.match.slug if o.match else "",
                "match_name": o.match.name if o.match else "",
            }
            for o in extraction.organisations
        ],
        "sectors": [
            {"number": s.number, "title": s.title, "title_other": s.title_other, "sector": s.sector or ""}
            for s in extraction.sectors
        ],
        "asks": [
            {
                "keep": True,
                "text": a.text,
                "translation": a.translation,
                "sector": index.get(a.sector) if a.sector is not None else None,
                "addressees": ", ".join(a.addressees),
            }
            for a in extraction.asks
        ],
    }


def sector_choices(extraction: Extraction) -> list[tuple[str, str]]:
    choices = [
        (str(i), f"{s.number}. {s.title}" if s.number is not None else s.title)
        for i, s in enumerate(extraction.sectors)
    ]
    choices.append((str(len(extraction.sectors)), str(_("(the new sector, if you add one)"))))
    return choices


def extraction_from_forms(
    meeting: MeetingForm, organisations: Any, sectors: Any, asks: Any, warnings: list[str], source: str = ""
) -> Extraction:
    """The corrected extraction from valid review forms."""
    data = meeting.cleaned_data
    extraction = Extraction(
        date=data["date"],
        place=data["place"].strip() or None,
        title=data["title"].strip(),
        virtual=data["virtual"],
        warnings=list(warnings),
        source=source,
    )
    for form in organisations:
        row = form.cleaned_data
        if not row or not row.get("keep") or not row.get("name", "").strip():
            continue
        match = None
        if row.get("match_slug"):
            match = DirectoryMatch(slug=row["match_slug"], name=row.get("match_name", ""), kind=row["kind"])
        extraction.organisations.append(
            FoundOrganisation(
                name=row["name"].strip(),
                acronym=row["acronym"].strip() or None,
                kind=row["kind"],
                match=match,
                participant=row["participant"],
            )
        )
    numbers: dict[int, int | None] = {}
    used = {f.cleaned_data.get("number") for f in sectors if f.cleaned_data}
    next_number = max((n for n in used if n is not None), default=0) + 1
    for position, form in enumerate(sectors):
        row = form.cleaned_data
        if not row or not row.get("title", "").strip():
            continue
        number = row.get("number")
        if number is None:
            number, next_number = next_number, next_number + 1
        numbers[position] = number
        chosen = row.get("sector")
        extraction.sectors.append(
            FoundSector(
                number=number,
                title=row["title"].strip(),
                title_other=row.get("title_other", "").strip(),
                sector=chosen.slug if chosen else None,
            )
        )
    for form in asks:
        row = form.cleaned_data
        if not row or not row.get("keep") or not row.get("text", "").strip():
            continue
        position = row.get("sector")
        extraction.asks.append(
            FoundAsk(
                text=" ".join(row["text"].split()),
                sector=numbers.get(position) if position is not None else None,
                addressees=[a.strip() for a in row.get("addressees", "").split(",") if a.strip()],
                translation=" ".join(row.get("translation", "").split()),
            )
        )
    return extraction
