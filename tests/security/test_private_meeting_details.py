"""Issue 11, finding 5: anyone could read, through the API, the names and gender of a meeting's
participants and its online link (password included), which the pages show only to those who run the
meeting. For each role, what the API returns is compared with what the pages show."""

from typing import Any

import pytest

from civicspace.dialogues import services
from civicspace.dialogues.models import Meeting
from conftest import ROLES

LINK = "https://meet.example.org/j/123456?pwd=s3cret-passcode"
PERSON = "Dara"


@pytest.fixture
def private(meeting: Meeting) -> Meeting:
    return services.meeting_update(meeting=meeting, actor=None, link=LINK)


def page_shows(client: Any, url: str, text: str) -> bool:
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_api_shows_a_role_what_the_pages_show_it(client_for: Any, private: Meeting, role: str) -> None:
    client = client_for(role)
    slug = private.slug
    sees_link = page_shows(client, f"/en/dialogues/{slug}/edit/", LINK) or page_shows(
        client, f"/en/dialogues/{slug}/", LINK
    )
    sees_person = page_shows(client, f"/en/dialogues/{slug}/participants/", PERSON) or page_shows(
        client, f"/en/dialogues/{slug}/", PERSON
    )
    detail = client.get(f"/api/v1/meetings/{slug}/").json()
    listed = next(m for m in client.get("/api/v1/meetings/").json()["results"] if m["slug"] == slug)
    participants = client.get(f"/api/v1/meetings/{slug}/participants/").json()
    assert (detail["link"] == LINK) is sees_link and (listed["link"] == LINK) is sees_link
    for rows in (participants, detail["participants"]):
        names = {p["name"] for p in rows}
        assert (PERSON in names) is sees_person
        if not sees_person:
            assert names == {""} and {p["gender"] for p in rows} == {"undisclosed"}
    assert sees_link is sees_person is (role in {"secretariat", "admin"})
