from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict[str, object]:
    """The language switcher: the same page in each language, labelled in that language's script."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    switch = [
        {
            "code": code,
            "label": settings.LANGUAGE_LABELS[code],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"SITE_NAME": settings.SITE_NAME, "language_switch": switch}
