"""Issue 11, finding 6: a staff user without a second factor could never set one up. Setting one up asks
for the password again (reauthentication) when the login is not recent, and the two-factor middleware
sent the reauthentication page back to the set-up page, forever. The test walked that loop and accepted
it (a 302 either way)."""

from typing import Any

from allauth.mfa.models import Authenticator

from tests.second_factor import fresh_totp

ACTIVATE = "/en/accounts/2fa/totp/activate/"
PASSWORD = "a-long-enough-password-1"


def test_a_staff_user_without_a_second_factor_can_set_one_up(client: Any, django_user_model: Any) -> None:
    staff = django_user_model.objects.create_user(
        email="new-staff@example.org", password=PASSWORD, is_staff=True
    )
    client.force_login(staff)  # a session whose sign-in is not recent: setting up a factor asks again
    assert client.get("/en/organisations/")["Location"] == "/en/accounts/2fa/"  # TOTP or a security key
    assert client.get("/en/accounts/2fa/").status_code == 200
    to_reauthenticate = client.get(ACTIVATE)
    assert to_reauthenticate.status_code == 302 and to_reauthenticate["Location"] != ACTIVATE
    page = client.get(to_reauthenticate["Location"])
    assert page.status_code == 200, page.get("Location")  # the reauthentication page itself, not a loop
    back = client.post(to_reauthenticate["Location"], {"password": PASSWORD})
    assert back.status_code == 302 and back["Location"].startswith(ACTIVATE)
    form = client.get(ACTIVATE)
    assert form.status_code == 200
    secret = form.context["form"].secret
    done = client.post(ACTIVATE, {"code": fresh_totp(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/en/organisations/").status_code == 200
