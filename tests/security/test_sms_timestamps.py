"""Issue 11, finding 9: the SMS webhook answered 500 to a 12-digit timestamp (a date beyond the year 9999)
before it checked the signature. Any timestamp now gets a 401, signed or not."""

import json
import time
from typing import Any

import pytest
from django.test import override_settings

from civicspace.consultations import gateway
from civicspace.consultations.models import Submission

URL = "/api/v1/consultations/sms/"
SECRET = "security-test-secret"


@pytest.mark.django_db
@pytest.mark.parametrize("stamp", ["999999999999", "253402300800", "0", "1", str(int(time.time()) - 10**9)])
@pytest.mark.parametrize("signed", [True, False])
def test_any_timestamp_far_from_now_is_refused_not_a_server_error(
    client: Any, stamp: str, signed: bool
) -> None:
    body = json.dumps({"message_id": "gw-1", "from": "+855 12 345 678", "text": "BC1 A1 OK"}).encode()
    signature = gateway.sign(body, stamp, SECRET) if signed else "sha256=" + "0" * 64
    with override_settings(SMS_WEBHOOK_SECRET=SECRET):
        response = client.post(URL, body, content_type="application/json",
                               headers={"X-Civicspace-Timestamp": stamp, "X-Civicspace-Signature": signature})  # fmt: skip
    assert response.status_code == 401
    assert response.json()["error"]["code"] == ("stale" if signed else "bad_signature")
    assert not Submission.objects.exists()
