from typing import Any

from django.core import mail

from conftest import TOTP_SECRET, World
from tests.second_factor import fresh_totp

LOGIN = "/en/accounts/login/"
PASSWORD = "a-long-test-password"


def test_email_login(client: Any, world: World) -> None:
    response = client.post(LOGIN, {"login": "MEMBER@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["member"].pk)


def test_wrong_password_is_refused_with_a_clear_message(client: Any, world: World) -> None:
    response = client.post(LOGIN, {"login": "member@example.org", "password": "wrong-password-123"})
    assert response.status_code == 200
    assert b"The email address and/or password you specified are not correct." in response.content
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_throttled(client: Any, world: World) -> None:
    """Per account and address, with a back-off (accounts/login_throttle.py; tests/security/test_login_lockout.py)."""
    from django.core.cache import cache

    cache.clear()
    statuses = [
        client.post(LOGIN, {"login": "member@example.org", "password": f"wrong-{i}-xxxxxxxx"}).status_code
        for i in range(6)
    ]
    assert statuses[:5] == [200] * 5
    blocked = client.post(LOGIN, {"login": "member@example.org", "password": PASSWORD})
    assert blocked.status_code == 200
    assert (
        b"Too many failed sign-ins to this account from your network. Try again in 1 minute."
        in blocked.content
    )
    assert "_auth_user_id" not in client.session  # even the right password is refused while throttled
    cache.clear()


def test_admin_login_asks_for_the_second_factor(client: Any, world: World) -> None:
    response = client.post(LOGIN, {"login": "admin@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].endswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    wrong = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    ok = client.post("/en/accounts/2fa/authenticate/", {"code": fresh_totp(TOTP_SECRET)})
    assert ok.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["admin"].pk)
    assert client.get("/en/audit/").status_code == 200


def test_staff_without_two_factor_must_set_it_up(client: Any, django_user_model: Any) -> None:
    staff = django_user_model.objects.create_user(email="staff@example.org", password=PASSWORD, is_staff=True)
    client.force_login(staff)
    response = client.get("/en/organisations/")
    assert (
        response.status_code == 302 and response["Location"] == "/en/accounts/2fa/"
    )  # TOTP or a security key
    api = client.get("/api/v1/organisations/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "two_factor_required"
    # the whole set-up, through the reauthentication it asks for: tests/security/test_second_factor_setup.py


def test_admin_site_login_goes_through_two_factor_login(client: Any) -> None:
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302 and response["Location"] == "/en/accounts/login/?next=%2Fen%2Fadmin%2F"
    evil = client.get("/en/admin/login/?next=https://evil.example/")
    assert evil["Location"] == "/en/accounts/login/"


def test_password_reset_email_goes_through_the_job_queue(client: Any, world: World) -> None:
    mail.outbox.clear()
    response = client.post("/en/accounts/password/reset/", {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["member@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
