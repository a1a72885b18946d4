"""Who gets a consultation's results page and downloads, URL by URL (issue 12): before the results are
published, 404 for a visitor and 403 for a signed-in person without access, never a redirect to the
login page; a download (CSV, JSON, PDF) never answers with HTML, whatever its status. Once published,
the results are public."""

from typing import Any

import pytest
from django.urls import reverse

from civicspace.consultations import urls as consultation_urls
from civicspace.consultations.intake import Answer, SubmissionData, submission_create
from civicspace.consultations.models import Consultation
from civicspace.consultations.views.results import DATA_FORMATS
from tests.second_factor import sign_in

from .test_results import make_consultation, make_places, to_results_phase

RESULTS_URL_NAMES = {"results", "results-data", "results-comments", "results-report"}
DOWNLOAD_TYPES = {"csv": "text/csv", "json": "application/json", "pdf": "application/pdf"}


def results_urls(slug: str) -> list[tuple[str, str | None]]:
    """Every results URL of a consultation with the type it serves (None: an HTML page)."""
    urls: list[tuple[str, str | None]] = [
        (reverse("consultations:results", args=[slug]), None),
        (reverse("consultations:results-report", args=[slug]), "pdf"),
    ]
    for fmt in DATA_FORMATS:
        urls.append((reverse("consultations:results-data", args=[slug, fmt]), fmt))
        urls.append((reverse("consultations:results-comments", args=[slug, fmt]), fmt))
    return urls


URLS = results_urls("budget-2030")


def test_every_results_url_is_covered() -> None:
    """A new results download must be added here (and so to the access tests below)."""
    names = {p.name for p in consultation_urls.urlpatterns if p.name and p.name.startswith("results")}
    assert names == RESULTS_URL_NAMES
    assert {fmt for _, fmt in URLS if fmt} == set(DATA_FORMATS) | {"pdf"}


@pytest.fixture
def consultation(world: Any) -> Consultation:
    make_places()
    c = make_consultation(organisers=[world.own])  # the member's and the focal point's organisation
    submission_create(
        consultation=c, data=SubmissionData(answers=[Answer("I1", comment="Fix the road.")]), channel="web"
    )
    return c


def _client(role: str, client: Any, world: Any, django_user_model: Any) -> Any:
    if role == "signed_in":  # a citizen with an account, no role in the consultation
        user = django_user_model.objects.create_user(
            email="citizen@example.org", password="a-long-password-1"
        )
        client.force_login(user)
    elif role == "with_access":  # the organiser's focal point (with the second factor)
        sign_in(client, world.users["focal_point"])
    return client


def _content(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _assert_type(response: Any, fmt: str | None, url: str) -> None:
    content_type = response["Content-Type"]
    if fmt is None:
        assert content_type.startswith("text/html"), url
        return
    # A download never answers with HTML: neither its data nor a refusal (nor a login page).
    assert "html" not in content_type, (url, response.status_code, content_type)
    assert b"<html" not in _content(response).lower()[:2000], url
    if response.status_code == 200:
        assert content_type.startswith(DOWNLOAD_TYPES[fmt]), (url, content_type)


UNPUBLISHED = {"visitor": 404, "signed_in": 403, "with_access": 200}


@pytest.mark.parametrize("role", list(UNPUBLISHED))
@pytest.mark.parametrize(("url", "fmt"), URLS, ids=[u for u, _ in URLS])
def test_unpublished_results(
    client: Any,
    world: Any,
    django_user_model: Any,
    consultation: Consultation,
    role: str,
    url: str,
    fmt: str | None,
) -> None:
    client = _client(role, client, world, django_user_model)
    response = client.get(url)
    assert response.status_code == UNPUBLISHED[role], (role, url, response.status_code)
    _assert_type(response, fmt, url)
    followed = client.get(url, follow=True)  # a client that follows redirects gets the same answer
    assert not followed.redirect_chain and followed.status_code == UNPUBLISHED[role]


@pytest.mark.parametrize("role", list(UNPUBLISHED))
@pytest.mark.parametrize(("url", "fmt"), URLS, ids=[u for u, _ in URLS])
def test_published_results_are_public(
    client: Any,
    world: Any,
    django_user_model: Any,
    consultation: Consultation,
    role: str,
    url: str,
    fmt: str | None,
) -> None:
    to_results_phase(consultation)
    client = _client(role, client, world, django_user_model)
    response = client.get(url)
    assert response.status_code == 200, (role, url)
    _assert_type(response, fmt, url)


@pytest.mark.parametrize(("url", "fmt"), [(u, f) for u, f in URLS if f])
def test_a_draft_is_not_found_in_plain_text(
    client: Any, consultation: Consultation, url: str, fmt: str
) -> None:
    Consultation.objects.filter(pk=consultation.pk).update(state="draft")
    response = client.get(url)
    assert response.status_code == 404
    _assert_type(response, fmt, url)
    assert client.get(url.replace("budget-2030", "no-such-consultation")).status_code == 404
