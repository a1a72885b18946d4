from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Contact, Membership, Organisation, Sector


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https", max_length=200)
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Organisation
        fields = [
            "kind", "name_en", "name_km", "acronym_en", "acronym_km",
            "description_en", "description_km", "website", "email", "sectors",
        ]  # fmt: skip
        widgets = {
            "name_km": forms.TextInput(attrs={"lang": "km"}),
            "acronym_km": forms.TextInput(attrs={"lang": "km"}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_km": forms.Textarea(attrs={"rows": 4, "lang": "km"}),
        }


class MembershipForm(forms.Form):
    email = forms.EmailField(label=_("Email address of a registered user"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def clean_email(self) -> object:
        email = self.cleaned_data["email"].lower()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No registered user has this email address."))
        return user


class CoalitionMemberForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, coalition: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Organisation.objects.exclude(pk=coalition.pk)
            .exclude(coalition_links__coalition=coalition)
            .order_by("name_en")
        )


class ContactForm(forms.ModelForm):
    email = forms.EmailField(label=_("email"), required=False)

    class Meta:
        model = Contact
        fields = ["name_en", "name_km", "role_en", "role_km", "email", "phone", "is_public"]
        widgets = {
            "name_km": forms.TextInput(attrs={"lang": "km"}),
            "role_km": forms.TextInput(attrs={"lang": "km"}),
        }
