"""Template helpers loaded everywhere (TEMPLATES builtins)."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

from civicspace.core.i18n import to_khmer_digits
from civicspace.core.models import bilingual

register = template.Library()


def _khmer_active() -> bool:
    return (get_language() or "").startswith("km")


@register.filter
def digits(value: object) -> str:
    """Show digits in the script of the active language (០១២ in Khmer)."""
    text = "" if value is None else str(value)
    return to_khmer_digits(text) if _khmer_active() else text


@register.filter(expects_localtime=True)
def localdate(value: object, fmt: str = "DATE_FORMAT") -> str:
    """A date in the active language's format, with Khmer month names and digits in Khmer."""
    if not value:
        return ""
    return digits(date_format(value, fmt))  # type: ignore[arg-type]  # templates pass date/datetime


@register.filter
def tr(obj: object, field: str) -> str:
    """`{{ org|tr:"name" }}`: a bilingual content field in the active language."""
    return bilingual(obj, field)


@register.filter
def get_item(mapping: object, key: object) -> object:
    return mapping.get(key) if isinstance(mapping, dict) else None
