"""Issue 11, finding 10: two factors for every role that writes or sees restricted data: the coalition
secretariat, organisation and UN agency focal points, the organisers who manage and moderate a budget
consultation, and (as before) staff and superusers. Security keys (WebAuthn) are offered beside TOTP, with
recovery codes. One rule (accounts/second_factor.py), fed by the roles that organisations and consultations
register, serves the pages (the middleware) and the API (SecondFactorRequired)."""

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from civicspace.consultations.tests.fixtures import make_consultation
from civicspace.organisations import services
from conftest import World
from tests.second_factor import give_second_factor
from tests.tokens import api_token_for

PAGE = "/en/organisations/"
SET_UP = "/en/accounts/2fa/"


def _person(django_user_model: Any, name: str) -> Any:
    user = django_user_model.objects.create_user(
        email=f"{name}-2fa@example.org", password="a-long-test-password"
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


@pytest.fixture
def people(world: World, django_user_model: Any) -> dict[str, Any]:
    """One account per role, none with a second factor yet."""
    found = {
        name: _person(django_user_model, name)
        for name in ("focal", "secretariat", "un", "organiser", "plain")
    }
    services.membership_set(organisation=world.other, user=found["focal"], role="focal_point", actor=None)
    services.membership_set(
        organisation=world.coalition, user=found["secretariat"], role="secretariat", actor=None
    )
    services.membership_set(organisation=world.un_agency, user=found["un"], role="focal_point", actor=None)
    services.membership_set(organisation=world.other, user=found["organiser"], role="member", actor=None)
    make_consultation(slug="budget", authority=world.un_agency, organisers=[world.other])
    services.membership_set(organisation=world.own, user=found["plain"], role="member", actor=None)
    return found


NEEDS_ONE = ("focal", "secretariat", "un", "organiser")


@pytest.mark.parametrize("name", NEEDS_ONE)
def test_these_roles_cannot_use_the_site_or_the_api_without_a_second_factor(
    name: str, people: dict[str, Any]
) -> None:
    user = people[name]
    browser = Client()
    browser.force_login(user)
    refused = browser.get(PAGE)
    assert refused.status_code == 302 and refused["Location"] == SET_UP, name
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    answer = api.get("/api/v1/organisations/")
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "two_factor_required"
    give_second_factor(user)
    assert browser.get(PAGE).status_code == 200
    assert api.get("/api/v1/organisations/").status_code == 200


def test_a_member_who_organises_nothing_needs_no_second_factor(people: dict[str, Any]) -> None:
    browser = Client()
    browser.force_login(people["plain"])
    assert browser.get(PAGE).status_code == 200


def test_security_keys_and_recovery_codes_are_offered_beside_totp(people: dict[str, Any]) -> None:
    assert set(settings.MFA_SUPPORTED_TYPES) == {"totp", "webauthn", "recovery_codes"}
    browser = Client()
    browser.force_login(people["secretariat"])
    index = browser.get(SET_UP)
    assert index.status_code == 200
    content = index.content.decode()
    assert "/en/accounts/2fa/totp/activate/" in content and "/en/accounts/2fa/webauthn/add/" in content
    # The set-up pages of a security key are reachable before the account has a second factor.
    add_key = browser.get("/en/accounts/2fa/webauthn/add/")
    assert add_key.status_code == 302 and add_key["Location"].startswith("/en/accounts/reauthenticate/")


def test_the_roles_that_need_a_second_factor_are_one_registered_list() -> None:
    from civicspace.accounts.second_factor import registered_roles

    required = set(settings.TWO_FACTOR_REQUIRED_FOR)
    assert required == {
        "staff",
        "superuser",
        "focal_point",
        "un_focal_point",
        "secretariat",
        "consultation_organiser",
    }
    assert required <= set(registered_roles())
