"""The API answers in the reader's language: with `Accept-Language: km`, REST framework's own messages
(authentication, permission, paging, field validation) come in Khmer, like ours. Django REST framework
ships no Khmer catalogue; its msgids are listed in civicspace/core/library_strings.py and translated in
ours (the same mechanism that fills Django's and allauth's gaps)."""

from typing import Any

import pytest
from django.utils import translation
from rest_framework import exceptions, fields, pagination, relations, serializers, validators
from rest_framework.test import APIClient

from civicspace.recommendations import services
from conftest import World
from tests.second_factor import give_second_factor_if_required
from tests.tokens import api_token_for

pytestmark = pytest.mark.django_db


def _detail(response: Any) -> str:
    return str(response.json()["error"]["detail"])


def test_errors_follow_accept_language(world: World) -> None:
    client = APIClient()
    assert _detail(client.get("/api/v1/asks/?page=99", HTTP_ACCEPT_LANGUAGE="en")) == "Invalid page."
    assert _detail(client.get("/api/v1/asks/?page=99", HTTP_ACCEPT_LANGUAGE="km")) == "ទំព័រមិនត្រឹមត្រូវ។"
    ask = services.ask_create(actor=None, text_en="Publish the budget.", source_kind="other",
                              addressees=[world.un_agency])  # fmt: skip
    url = f"/api/v1/asks/{ask.pk}/responses/"
    refused = client.post(url, {}, format="json", HTTP_ACCEPT_LANGUAGE="km")
    assert refused.status_code == 401 and _detail(refused) == "មិនបានផ្តល់ព័ត៌មានផ្ទៀងផ្ទាត់អត្តសញ្ញាណ។"
    user = world.users["un_focal_point"]
    give_second_factor_if_required(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    invalid = client.post(url, {"addressee": "agency"}, format="json", HTTP_ACCEPT_LANGUAGE="km")
    assert invalid.status_code == 400
    assert invalid.json()["error"]["fields"]["position"] == ["ប្រអប់នេះត្រូវតែបំពេញ។"]  # as on our forms
    assert _detail(invalid) == "ទិន្នន័យបញ្ចូលមិនត្រឹមត្រូវ។"


def _messages() -> dict[str, Any]:
    """Every message REST framework can send an API client: its exceptions' and its fields' (with the
    relations', the validators' and the paginator's), by where each comes from."""
    found: dict[str, Any] = {}
    for name in dir(exceptions):
        cls = getattr(exceptions, name)
        if isinstance(cls, type) and issubclass(cls, exceptions.APIException):
            found[f"exceptions.{name}"] = str(cls.default_detail)
    found["exceptions.Throttled.extra_detail_singular"] = exceptions.Throttled.extra_detail_singular
    found["exceptions.Throttled.extra_detail_plural"] = exceptions.Throttled.extra_detail_plural
    for module in (fields, relations, serializers):
        for name in dir(module):
            cls = getattr(module, name)
            if isinstance(cls, type) and issubclass(cls, fields.Field):
                for key, message in getattr(cls, "default_error_messages", {}).items():
                    found[f"{cls.__module__.rsplit('.', 1)[-1]}.{cls.__name__}.{key}"] = message
    found["validators.UniqueValidator"] = validators.UniqueValidator.message
    found["validators.UniqueTogetherValidator"] = validators.UniqueTogetherValidator.message
    found["pagination.PageNumberPagination"] = pagination.PageNumberPagination.invalid_page_message
    return found


# Messages no endpoint of ours can produce: we have no image, file-path or file upload field in the API,
# and no hyperlinked relations.
UNUSED = {"fields.ImageField.invalid_image", "fields.FilePathField.invalid_choice", "fields.FileField.max_length",
          "fields.CharField.surrogate_characters_not_allowed"} | {
    f"relations.{cls}.{key}" for cls in ("HyperlinkedRelatedField", "HyperlinkedIdentityField")
    for key in ("no_match", "incorrect_match", "does_not_exist", "incorrect_type")
}  # fmt: skip


def test_every_rest_framework_message_is_translated() -> None:
    """A REST framework upgrade that adds or rewords a message fails here until it is in our catalogue."""
    with translation.override("en"):
        english = {where: str(message) for where, message in _messages().items() if where not in UNUSED}
    with translation.override("km"):
        untranslated = sorted(
            where for where, message in english.items() if translation.gettext(message) == message
        )
    assert not untranslated, untranslated
