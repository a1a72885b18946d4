"""Found by tests/security/test_api_schemathesis.py: the API accepted a meeting in the year 351, and then
answered with `…+06:59:40`, Phnom Penh's local mean time before 1904, which is not an RFC 3339
`date-time` as the schema promises. A meeting's dates now start in 1990 or later (Meeting.clean, so the
pages and the API refuse them alike)."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from civicspace.dialogues.models import Meeting
from conftest import World


@pytest.mark.parametrize(
    ("starts_at", "ends_at"),
    [("0351-02-24T09:05:40Z", "1146-04-16T12:58:53Z"), ("1989-12-31T09:00:00+07:00", "2030-01-01T10:00:00Z")],
)
def test_a_meeting_before_1990_is_refused(world: World, starts_at: str, ends_at: str) -> None:
    client = APIClient()
    client.force_authenticate(world.users["secretariat"])
    body = {"title_en": "Old", "starts_at": starts_at, "ends_at": ends_at}
    response = client.post("/api/v1/meetings/", body, format="json")
    assert response.status_code == 400, response.content
    assert "starts_at" in response.json()["error"]["fields"]
    assert not Meeting.objects.exists()


def test_a_meeting_in_1990_keeps_to_the_date_time_format(world: World, meeting: Any) -> None:
    client = APIClient()
    client.force_authenticate(world.users["secretariat"])
    body = {
        "title_en": "Early",
        "starts_at": "1990-01-01T09:00:00+07:00",
        "ends_at": "1990-01-01T10:00:00+07:00",
    }
    response = client.post("/api/v1/meetings/", body, format="json")
    assert response.status_code == 201 and response.json()["starts_at"] == "1990-01-01T09:00:00+07:00"
    patched = client.patch(
        f"/api/v1/meetings/{meeting.slug}/", {"starts_at": "1903-01-01T09:00:00Z"}, format="json"
    )
    assert patched.status_code == 400
