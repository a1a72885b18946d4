"""Writes to the directory. Every function runs in a transaction and writes its audit row there."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civicspace.core.audit import audit_record, diff, snapshot
from civicspace.core.i18n import search_document
from civicspace.core.services import model_create, model_delete

from .models import CoalitionMembership, Contact, Membership, Organisation, Sector

ORGANISATION_FIELDS = (
    "kind", "name_en", "name_km", "acronym_en", "acronym_km",
    "description_en", "description_km", "website", "email",
)  # fmt: skip


def _search_document(org: Organisation) -> str:
    sectors = [f"{s.name_en} {s.name_km}" for s in org.sectors.all()] if org.pk else []
    return search_document(
        org.name_en,
        org.name_km,
        org.acronym_en,
        org.acronym_km,
        org.description_en,
        org.description_km,
        *sectors,
    )


def _unique_slug(base: str) -> str:
    root = slugify(base)[:70] or "organisation"
    slug, n = root, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{root}-{n}", n + 1
    return slug


AUDITED_FIELDS = (*ORGANISATION_FIELDS, "sectors")


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")


def _save(org: Organisation, sectors: Iterable[Sector] | None) -> None:
    """Validate, save, set the sectors, then refresh the search text (which includes sector names)."""
    org.full_clean(exclude=["search_document"])
    org.save()
    if sectors is not None:
        org.sectors.set(list(sectors))
    org.search_document = _search_document(org)
    org.save(update_fields=["search_document"])


@transaction.atomic
def organisation_create(
    *, actor: Any, sectors: Iterable[Sector] = (), slug: str | None = None, **fields: Any
) -> Organisation:
    _check_fields(fields)
    org = Organisation(**fields)
    org.slug = slug or _unique_slug(fields.get("acronym_en") or fields.get("name_en") or "")
    _save(org, sectors)
    audit_record(actor=actor, action="create", target=org, changes=diff({}, snapshot(org, AUDITED_FIELDS)))
    return org


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor: Any, sectors: Iterable[Sector] | None = None, **fields: Any
) -> Organisation:
    _check_fields(fields)
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(org, AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(org, name, value)
    _save(org, sectors)
    changes = diff(before, snapshot(org, AUDITED_FIELDS))
    if changes:
        audit_record(actor=actor, action="update", target=org, changes=changes)
    return org


@transaction.atomic
def organisation_delete(*, organisation: Organisation, actor: Any) -> None:
    model_delete(instance=organisation, actor=actor)


@transaction.atomic
def coalition_member_add(*, coalition: Organisation, member: Organisation, actor: Any) -> CoalitionMembership:
    if coalition.kind != Organisation.Kind.COALITION:
        raise ValidationError(_("Only a coalition or network can have member organisations."))
    link = CoalitionMembership(coalition=coalition, member=member)
    link.full_clean()
    link.save()
    audit_record(actor=actor, action="create", target=link, changes={"member": [None, member.pk]})
    return link


@transaction.atomic
def coalition_member_remove(*, link: CoalitionMembership, actor: Any) -> None:
    audit_record(actor=actor, action="delete", target=link, changes={"member": [link.member_id, None]})
    link.delete()


@transaction.atomic
def contact_create(*, organisation: Organisation, actor: Any, **fields: Any) -> Contact:
    return model_create(instance=Contact(organisation=organisation, **fields), actor=actor)


@transaction.atomic
def contact_delete(*, contact: Contact, actor: Any) -> None:
    model_delete(instance=contact, actor=actor)


@transaction.atomic
def membership_set(*, organisation: Organisation, user: Any, role: str, actor: Any) -> Membership:
    """Give `user` a role in `organisation` (creating or changing the membership)."""
    if role == Membership.Role.SECRETARIAT and organisation.kind != Organisation.Kind.COALITION:
        raise ValidationError({"role": _("Only a coalition or network has a secretariat.")})
    membership, created = Membership.objects.select_for_update().get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if created:
        membership.full_clean()
        audit_record(actor=actor, action="create", target=membership, changes={"role": [None, role]})
    elif membership.role != role:
        old = membership.role
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role", "updated_at"])
        audit_record(actor=actor, action="update", target=membership, changes={"role": [old, role]})
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: Any) -> None:
    remaining_focal_points = (
        Membership.objects.filter(organisation=membership.organisation, role=Membership.Role.FOCAL_POINT)
        .exclude(pk=membership.pk)
        .exists()
    )
    if (
        membership.role == Membership.Role.FOCAL_POINT
        and not remaining_focal_points
        and not actor.is_superuser
    ):
        raise ValidationError(_("An organisation must keep at least one focal point."))
    audit_record(actor=actor, action="delete", target=membership, changes={"role": [membership.role, None]})
    membership.delete()
