from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from civicspace.core.models import AuditEntry
from civicspace.organisations import services
from civicspace.organisations.models import CoalitionMembership, Membership, Organisation, Sector

pytestmark = pytest.mark.django_db


def _audit(obj: Any) -> list[AuditEntry]:
    ct = ContentType.objects.get_for_model(obj)
    return list(AuditEntry.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("id"))


def test_create_writes_the_record_its_search_text_and_an_audit_row(django_user_model: Any) -> None:
    actor = django_user_model.objects.create_user(email="actor@example.org", password="x" * 12)
    health = Sector.objects.get(slug="health")
    org = services.organisation_create(
        actor=actor, kind="cso", name_en="Village Health Partners", name_km="ដៃគូសុខភាពភូមិ",
        acronym_en="VHP", sectors=[health],
    )  # fmt: skip
    assert org.slug == "vhp"
    assert " village " in org.search_document and " vhp " in org.search_document
    assert " សុខភាព " in org.search_document  # Khmer segmented into words
    [entry] = _audit(org)
    assert entry.action == "create" and entry.actor == actor and entry.actor_label == "actor@example.org"
    assert entry.changes["name_en"] == [None, "Village Health Partners"]
    assert entry.changes["sectors"] == [None, [health.pk]]


def test_update_records_only_what_changed() -> None:
    org = services.organisation_create(actor=None, name_en="Old name", acronym_en="ON")
    services.organisation_update(organisation=org, actor=None, name_en="New name", acronym_en="ON")
    entries = _audit(org)
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes == {"name_en": ["Old name", "New name"]}
    org.refresh_from_db()
    assert " new " in org.search_document and " old " not in org.search_document


def test_update_without_change_writes_no_audit_row() -> None:
    org = services.organisation_create(actor=None, name_en="Same", acronym_en="S")
    services.organisation_update(organisation=org, actor=None, name_en="Same")
    assert len(_audit(org)) == 1


def test_invalid_input_saves_nothing() -> None:
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(actor=None, name_en="Bad site", website="not a url")
    assert "website" in exc.value.message_dict
    assert not Organisation.objects.filter(name_en="Bad site").exists()
    assert not AuditEntry.objects.exists()


def test_an_organisation_needs_a_name_in_one_language() -> None:
    with pytest.raises(ValidationError):
        services.organisation_create(actor=None, name_en="", name_km="")
    org = services.organisation_create(actor=None, name_en="", name_km="អង្គការខ្មែរ", slug="km-only")
    assert org.name == "អង្គការខ្មែរ"  # falls back to the language that has a value


def test_failed_update_leaves_stored_data_unchanged() -> None:
    org = services.organisation_create(actor=None, name_en="Keeps its name", website="https://example.org")
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=org, actor=None, name_en="Changed", website="nope")
    org.refresh_from_db()
    assert org.name_en == "Keeps its name" and len(_audit(org)) == 1


def test_delete_is_audited_with_the_last_values() -> None:
    org = services.organisation_create(actor=None, name_en="Short lived", acronym_en="SL")
    pk = org.pk
    services.organisation_delete(organisation=org, actor=None)
    entry = AuditEntry.objects.get(object_id=str(pk), action="delete")
    assert entry.changes["name_en"] == ["Short lived", None]


def test_slugs_stay_unique() -> None:
    a = services.organisation_create(actor=None, name_en="Twin", acronym_en="TW")
    b = services.organisation_create(actor=None, name_en="Twin again", acronym_en="TW")
    assert (a.slug, b.slug) == ("tw", "tw-2")


def test_only_coalitions_have_members_and_none_is_its_own_member() -> None:
    cso = services.organisation_create(actor=None, name_en="A CSO", kind="cso")
    coalition = services.organisation_create(actor=None, name_en="A network", kind="coalition")
    with pytest.raises(ValidationError):
        services.coalition_member_add(coalition=cso, member=coalition, actor=None)
    with pytest.raises(ValidationError):
        services.coalition_member_add(coalition=coalition, member=coalition, actor=None)
    services.coalition_member_add(coalition=coalition, member=cso, actor=None)
    assert list(coalition.members.all()) == [cso]
    assert CoalitionMembership.objects.count() == 1


def test_membership_roles(django_user_model: Any) -> None:
    user = django_user_model.objects.create_user(email="m@example.org", password="x" * 12)
    cso = services.organisation_create(actor=None, name_en="A CSO", kind="cso")
    with pytest.raises(ValidationError):
        services.membership_set(organisation=cso, user=user, role="secretariat", actor=None)
    m = services.membership_set(organisation=cso, user=user, role="member", actor=None)
    m = services.membership_set(organisation=cso, user=user, role="focal_point", actor=None)
    assert Membership.objects.get(pk=m.pk).role == "focal_point"
    assert [e.changes for e in _audit(m)] == [{"role": [None, "member"]}, {"role": ["member", "focal_point"]}]


def test_the_last_focal_point_cannot_be_removed_by_a_non_admin(django_user_model: Any) -> None:
    focal = django_user_model.objects.create_user(email="f@example.org", password="x" * 12)
    admin = django_user_model.objects.create_superuser(email="a@example.org", password="x" * 12)
    cso = services.organisation_create(actor=None, name_en="A CSO", kind="cso")
    m = services.membership_set(organisation=cso, user=focal, role="focal_point", actor=None)
    with pytest.raises(ValidationError):
        services.membership_remove(membership=m, actor=focal)
    services.membership_remove(membership=m, actor=admin)
    assert not Membership.objects.exists()


def test_contacts_are_audited() -> None:
    cso = services.organisation_create(actor=None, name_en="A CSO")
    contact = services.contact_create(
        organisation=cso, actor=None, name_en="Sok Dara", email="dara@example.org"
    )
    services.contact_delete(contact=contact, actor=None)
    assert list(AuditEntry.objects.filter(object_repr="Sok Dara").values_list("action", flat=True)) == [
        "delete",
        "create",
    ]
