"""The upload form of an import. A module subclasses it to name its file, and may offer "import the valid
rows anyway" at upload."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ImportForm(forms.Form):
    file_label: "StrOrPromise" = ""
    file_help: "StrOrPromise" = ""
    offers_valid_only = False  # the "valid_only" field: if some rows have errors, save the others at once

    file = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}))
    valid_only = forms.BooleanField(
        label=_("If some rows have errors, import the valid rows anyway"),
        help_text=_("Otherwise a file with errors imports nothing, and you can decide after the check."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.file_label
        self.fields["file"].help_text = self.file_help
        if not self.offers_valid_only:
            del self.fields["valid_only"]

    @property
    def valid_only_field(self) -> forms.BoundField | None:
        return self["valid_only"] if "valid_only" in self.fields else None
