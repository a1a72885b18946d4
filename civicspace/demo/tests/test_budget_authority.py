"""The demo budget-authority account (issue 12: only the admin could answer citizens in the demo
consultations): a fictional focal point of the Ministry of Economy and Finance, the authority of the
national demo consultation, with the demo accounts' second factor; after signing in with the password and
a code it answers citizens' input on a budget item of that consultation, and nowhere else."""

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from civicspace.accounts.second_factor import second_factor_required
from civicspace.consultations.models import Consultation, ItemResponse
from civicspace.demo.consultations import COMMUNE, NATIONAL
from civicspace.demo.organisations import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET
from civicspace.organisations.models import Membership
from tests.second_factor import fresh_totp

BUDGET = "budget@demo.civicspace.invalid"


def test_the_account_is_listed_as_fictional() -> None:
    [account] = [a for a in DEMO_ACCOUNTS if a["email"] == BUDGET]
    assert account["full_name"].startswith("Demo ") and account["email"].endswith("@demo.civicspace.invalid")
    assert account["role"] == "focal_point" and account["org"] == "mef"


@pytest.mark.django_db
def test_the_budget_authority_answers_citizens_in_the_demo_consultation(client: Any) -> None:
    call_command("load_demo")
    call_command("load_demo")  # still safe to run again
    national = Consultation.objects.select_related("authority").get(slug=NATIONAL)
    membership = Membership.objects.select_related("user").get(user__email=BUDGET)
    assert membership.organisation == national.authority and membership.role == "focal_point"
    user = membership.user
    assert user.full_name == "Demo Budget Authority" and second_factor_required(user)

    # signing in: the password, then the demo accounts' shared TOTP code
    response = client.post("/en/accounts/login/", {"login": BUDGET, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"].endswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session
    client.post("/en/accounts/2fa/authenticate/", {"code": fresh_totp(DEMO_TOTP_SECRET)})
    assert client.session.get("_auth_user_id") == str(user.pk)

    # the national consultation's input has closed and its results are out: the authority answers
    item = national.items.first()
    assert item is not None and national.phase in ("results", "response")
    url = reverse("consultations:item-response", kwargs={"slug": national.slug, "pk": item.pk})
    assert client.get(url).status_code == 200
    answer = {"text_en": "We will fund more rural clinics next year.", "text_km": "យើងនឹងផ្តល់ថវិកាបន្ថែម។"}
    assert client.post(url, answer).status_code == 302
    saved = ItemResponse.objects.get(item=item)
    assert saved.responded_by == user and saved.text_en == answer["text_en"]

    # not the authority of the commune consultation: no answers there
    commune = Consultation.objects.get(slug=COMMUNE)
    other = commune.items.first()
    assert other is not None
    refused = client.get(
        reverse("consultations:item-response", kwargs={"slug": commune.slug, "pk": other.pk})
    )
    assert refused.status_code == 403
