"""Issue 11, finding 2: the submission rate limit and the duplicate check keyed a client by its address
*and* its User-Agent, so a client that changed the header at each request was never limited (14 of 14
accepted) and sent the same input five times for five receipts. The client is now its address alone (as
TRUSTED_PROXY_COUNT resolves it; IPv6 by /64), and the same content within a short window is a duplicate
whatever the headers, on the web form and on the API."""

import json
from typing import Any

import pytest
from django.urls import reverse

from civicspace.consultations.models import Consultation, Submission
from civicspace.consultations.tests.fixtures import *  # noqa: F403  (fixtures)
from civicspace.consultations.tests.test_views import _form, _submit_url

pytestmark = pytest.mark.django_db

BODY = {
    "answers": [{"item_code": "01", "comment": "More for roads", "rank": 1, "points": 60},
                {"item_code": "02", "rank": 2, "points": 40}],
    "gender": "woman", "age_band": "18_24", "place_code": "171001", "consent": True,
}  # fmt: skip


def _web(client: Any, consultation: Consultation, n: int, *, agent: str, address: str = "203.0.113.7",
         same: bool = False, **meta: str) -> Any:  # fmt: skip
    items = {i.code: i.pk for i in consultation.items.all()}
    comment = "the same words" if same else f"comment number {n}"
    data = {**_form(consultation, f"token-{n}"), f"i{items['01']}_comment": comment}
    return client.post(
        _submit_url(consultation, "en"), data, HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **meta
    )


def _api(client: Any, n: int, *, agent: str, address: str = "203.0.113.7", same: bool = False) -> Any:
    body = json.loads(json.dumps(BODY))
    body["answers"][0]["comment"] = "the same words" if same else f"comment number {n}"
    url = reverse("api:consultation-submissions", kwargs={"slug": "open"})
    return client.post(url, json.dumps(body), content_type="application/json", HTTP_USER_AGENT=agent,
                       REMOTE_ADDR=address)  # fmt: skip


def test_rotating_user_agents_do_not_escape_the_web_limit(
    client: Any, open_consultation: Consultation, settings: Any
) -> None:
    settings.CONSULTATION_SUBMISSION_RATE = "3/600"
    statuses = [_web(client, open_consultation, n, agent=f"Browser/{n}").status_code for n in range(6)]
    assert statuses == [302, 302, 302, 429, 429, 429]
    assert Submission.objects.count() == 3


def test_rotating_user_agents_do_not_escape_the_api_limit(
    client: Any, open_consultation: Consultation, settings: Any
) -> None:
    settings.CONSULTATION_SUBMISSION_RATE = "3/600"
    statuses = [_api(client, n, agent=f"Script/{n}").status_code for n in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    assert Submission.objects.count() == 3


def test_another_address_is_another_client(
    client: Any, open_consultation: Consultation, settings: Any
) -> None:
    settings.CONSULTATION_SUBMISSION_RATE = "1/600"
    assert _web(client, open_consultation, 1, agent="A").status_code == 302
    assert _web(client, open_consultation, 2, agent="A").status_code == 429
    assert _web(client, open_consultation, 3, agent="A", address="198.51.100.9").status_code == 302


def test_rotating_ipv6_addresses_within_a_64_is_one_client(
    client: Any, open_consultation: Consultation, settings: Any
) -> None:
    settings.CONSULTATION_SUBMISSION_RATE = "2/600"
    addresses = ["2001:db8:1:2::1", "2001:db8:1:2::beef", "2001:db8:1:2:ffff:ffff:ffff:ffff"]
    statuses = [
        _web(client, open_consultation, n, agent="A", address=a).status_code for n, a in enumerate(addresses)
    ]
    assert statuses == [302, 302, 429]
    # another /64 is another client
    assert _web(client, open_consultation, 9, agent="A", address="2001:db8:1:3::1").status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_the_client(
    client: Any, open_consultation: Consultation, settings: Any
) -> None:
    settings.CONSULTATION_SUBMISSION_RATE = "2/600"
    settings.TRUSTED_PROXY_COUNT = 1
    # the proxy appends the address it saw; whatever the client puts before it is ignored
    statuses = [
        _web(client, open_consultation, n, agent=f"B/{n}", address="10.0.0.1",
             HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.50").status_code
        for n in range(3)
    ]  # fmt: skip
    assert statuses == [302, 302, 429]
    other = _web(
        client, open_consultation, 7, agent="B", address="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.51"
    )
    assert other.status_code == 302


def test_the_client_key_ignores_the_user_agent(rf: Any) -> None:
    from civicspace.core import ratelimit

    one = rf.get("/", HTTP_USER_AGENT="One", REMOTE_ADDR="203.0.113.7")
    two = rf.get("/", HTTP_USER_AGENT="Two", REMOTE_ADDR="203.0.113.7")
    assert ratelimit.client_key(one) == ratelimit.client_key(two)
    assert "203.0.113.7" not in ratelimit.client_key(one)  # a keyed hash, never the address


def test_identical_web_input_with_rotating_headers_gets_one_receipt(
    client: Any, open_consultation: Consultation
) -> None:
    responses = [
        _web(client, open_consultation, n, agent=f"Browser/{n}", address=f"198.51.100.{n + 1}", same=True)
        for n in range(5)
    ]
    assert {r.status_code for r in responses} == {302}
    assert len({r["Location"] for r in responses}) == 1
    assert Submission.objects.count() == 1


def test_identical_api_input_with_rotating_headers_is_a_duplicate(
    client: Any, open_consultation: Consultation
) -> None:
    responses = [
        _api(client, n, agent=f"Script/{n}", address=f"198.51.100.{n + 1}", same=True) for n in range(5)
    ]
    assert [r.status_code for r in responses] == [201, 409, 409, 409, 409]
    assert {r.json()["error"]["code"] for r in responses[1:]} == {"duplicate"}
    assert Submission.objects.count() == 1
