"""Template helpers loaded everywhere (TEMPLATES builtins)."""

from django import template
from django.utils.formats import date_format

from civicspace.core.i18n import local_digits
from civicspace.core.models import bilingual

register = template.Library()


@register.filter
def digits(value: object) -> str:
    """Show digits in the script of the active language (០១២ in Khmer)."""
    return local_digits(value)


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
