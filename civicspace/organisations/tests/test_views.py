from typing import Any

import pytest
from django.urls import reverse

from civicspace.core.models import AuditEntry
from civicspace.organisations import services
from civicspace.organisations.models import Membership, Organisation
from civicspace.organisations.tests.factories import OrganisationFactory
from conftest import World

LIST_URL = "/en/organisations/"


@pytest.mark.django_db
def test_directory_list_uses_a_fixed_number_of_queries(
    client: Any, django_assert_max_num_queries: Any
) -> None:
    OrganisationFactory.create_batch(40)
    with django_assert_max_num_queries(6):  # session-less visitor: count, page, sectors, filters
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert response.content.count(b'class="card"') == 30  # one page


@pytest.mark.django_db
def test_directory_query_count_does_not_grow_with_the_page(client: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    OrganisationFactory.create_batch(3)
    with CaptureQueriesContext(connection) as small:
        client.get(LIST_URL)
    OrganisationFactory.create_batch(30)
    with CaptureQueriesContext(connection) as large:
        client.get(LIST_URL)
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_search_and_htmx_partial(client: Any) -> None:
    services.organisation_create(
        actor=None, slug="crc", name_en="Child Rights Coalition", name_km="សម្ព័ន្ធសិទ្ធិកុមារ"
    )
    services.organisation_create(actor=None, slug="undp", name_en="Development Programme", kind="un_agency")
    page = client.get(LIST_URL, {"q": "កុមារ"})
    assert b"Child Rights Coalition" in page.content and b"Development Programme" not in page.content
    assert b"<html" in page.content
    partial = client.get(LIST_URL, {"q": "កុមារ"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b"Child Rights Coalition" in partial.content


@pytest.mark.django_db
def test_khmer_pages_show_khmer_names_and_digits(client: Any) -> None:
    services.organisation_create(
        actor=None, slug="crc", name_en="Child Rights Coalition", name_km="សម្ព័ន្ធសិទ្ធិកុមារ"
    )
    page = client.get("/km/organisations/").content.decode()
    assert 'lang="km"' in page
    assert "សម្ព័ន្ធសិទ្ធិកុមារ" in page
    assert "១" in page  # the count, in Khmer digits


def test_focal_point_edits_own_organisation_only(client_for: Any, world: World) -> None:
    client = client_for("focal_point")
    url = reverse("organisations:organisation-update", kwargs={"slug": world.own.slug})
    response = client.post(url, {"kind": "cso", "name_en": "Own Organisation, renamed", "website": ""})
    assert response.status_code == 302
    world.own.refresh_from_db()
    assert world.own.name_en == "Own Organisation, renamed"
    assert AuditEntry.objects.filter(action="update", object_id=str(world.own.pk)).exists()
    other = reverse("organisations:organisation-update", kwargs={"slug": world.other.slug})
    assert client.post(other, {"kind": "cso", "name_en": "Hijacked"}).status_code == 403
    world.other.refresh_from_db()
    assert world.other.name_en == "Other Organisation"


def test_invalid_edit_shows_errors_and_saves_nothing(client_for: Any, world: World) -> None:
    client = client_for("focal_point")
    url = reverse("organisations:organisation-update", kwargs={"slug": world.own.slug})
    response = client.post(url, {"kind": "cso", "name_en": "Changed", "website": "javascript:alert(1)"})
    assert response.status_code == 200
    assert b"Enter a valid URL" in response.content
    world.own.refresh_from_db()
    assert world.own.name_en == "Own Organisation"


def test_secretariat_adds_an_organisation(client_for: Any, world: World) -> None:
    client = client_for("secretariat")
    response = client.post(reverse("organisations:organisation-create"),
                           {"kind": "cso", "name_en": "New Youth Network", "acronym_en": "NYN"})  # fmt: skip
    assert response.status_code == 302
    assert Organisation.objects.get(slug="nyn").name_en == "New Youth Network"
    assert (
        client_for("member").post(reverse("organisations:organisation-create"), {"name_en": "X"}).status_code
        == 403
    )


def test_anonymous_write_is_sent_to_login(client_for: Any, world: World) -> None:
    url = reverse("organisations:organisation-update", kwargs={"slug": world.own.slug})
    response = client_for("anonymous").post(url, {"name_en": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_focal_point_manages_members(client_for: Any, world: World, django_user_model: Any) -> None:
    newcomer = django_user_model.objects.create_user(email="new@example.org", password="x" * 12)
    client = client_for("focal_point")
    url = reverse("organisations:organisation-members", kwargs={"slug": world.own.slug})
    assert client.post(url, {"email": "NEW@example.org", "role": "member"}).status_code == 302
    membership = Membership.objects.get(user=newcomer, organisation=world.own)
    bad = client.post(url, {"email": "nobody@example.org", "role": "member"})
    assert b"No registered user has this email address." in bad.content
    remove = reverse("organisations:membership-remove", kwargs={"slug": world.own.slug, "pk": membership.pk})
    assert client.post(remove).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    # a focal point cannot remove memberships of another organisation
    foreign = Membership.objects.get(user=world.users["un_focal_point"])
    url = reverse("organisations:membership-remove", kwargs={"slug": world.un_agency.slug, "pk": foreign.pk})
    assert client.post(url).status_code == 403


def test_contacts_page_and_visibility(client_for: Any, world: World) -> None:
    client = client_for("focal_point")
    url = reverse("organisations:organisation-contacts", kwargs={"slug": world.own.slug})
    client.post(url, {"name_en": "Visible Person", "is_public": "on"})
    client.post(url, {"name_en": "Hidden Person"})
    detail = world.own.get_absolute_url()
    assert b"Hidden Person" in client.get(detail).content
    anonymous_page = client_for("anonymous").get(detail).content
    assert b"Visible Person" in anonymous_page and b"Hidden Person" not in anonymous_page


def test_forms_are_csrf_protected(world: World) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["focal_point"])
    url = reverse("organisations:organisation-update", kwargs={"slug": world.own.slug})
    assert client.post(url, {"name_en": "x"}).status_code == 403


@pytest.mark.django_db
def test_popolo_export(client: Any) -> None:
    coalition = services.organisation_create(actor=None, slug="net", kind="coalition", name_en="Network",
                                             name_km="បណ្ដាញ", acronym_en="NET")  # fmt: skip
    member = services.organisation_create(actor=None, slug="mem", name_en="Member CSO")
    services.coalition_member_add(coalition=coalition, member=member, actor=None)
    data = client.get("/en/organisations/popolo.json").json()
    orgs = {o["id"]: o for o in data["organizations"]}
    assert orgs["net"]["name"] == "Network"
    assert {"name": "បណ្ដាញ", "note": "Khmer", "lang": "km"} in orgs["net"]["other_names"]
    assert orgs["net"]["classification"] == "coalition"
    assert data["memberships"] == [
        {
            "id": "net--mem",
            "organization_id": "net",
            "member": {"@type": "Organization", "id": "mem"},
            "role": "member",
        }
    ]
    assert client.get("/api/v1/organisations/popolo/").json()["organizations"][0]["id"] in {"net", "mem"}


def test_coalition_focal_point_manages_member_organisations(client_for: Any, world: World) -> None:
    services.membership_set(
        organisation=world.coalition, user=world.users["focal_point"], role="focal_point", actor=None
    )
    client = client_for("focal_point")
    url = reverse("organisations:coalition-members", kwargs={"slug": world.coalition.slug})
    page = client.get(url)
    assert page.status_code == 200 and b"Other Organisation" in page.content
    assert client.post(url, {"member": world.other.pk}).status_code == 302
    assert list(world.coalition.members.all()) == [world.other]
    assert client.post(url, {"member": world.other.pk}).status_code == 200  # already a member: form error
    link = world.coalition.member_links.get()
    remove = reverse(
        "organisations:coalition-member-remove", kwargs={"slug": world.coalition.slug, "pk": link.pk}
    )
    assert client.post(remove).status_code == 302
    assert not world.coalition.members.exists()
    assert AuditEntry.objects.filter(action="delete", content_type__model="coalitionmembership").exists()
    # a CSO has no member organisations
    cso = reverse("organisations:coalition-members", kwargs={"slug": world.own.slug})
    assert client.get(cso).status_code == 404
