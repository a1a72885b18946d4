"""The directory as Popolo JSON (https://www.popoloproject.com/specs/organization.html)."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from .models import Organisation

POPOLO_CLASSIFICATION = {
    "cso": "civil society organisation",
    "coalition": "coalition",
    "un_agency": "intergovernmental organisation",
    "government": "government body",
    "donor": "donor",
    "other": "other",
}


def organisation_to_popolo(org: Organisation, base_url: str = "") -> dict[str, Any]:
    other_names = []
    if org.name_km:
        other_names.append({"name": org.name_km, "note": "Khmer", "lang": "km"})
    if org.acronym_en:
        other_names.append({"name": org.acronym_en, "note": "acronym", "lang": "en"})
    if org.acronym_km:
        other_names.append({"name": org.acronym_km, "note": "acronym", "lang": "km"})
    data: dict[str, Any] = {
        "id": org.slug,
        "name": org.name_en or org.name_km,
        "other_names": other_names,
        "classification": POPOLO_CLASSIFICATION.get(org.kind, org.kind),
        "identifiers": [{"scheme": "civicspace", "identifier": org.slug}],
        "links": [{"url": base_url + org.get_absolute_url(), "note": "civicspace directory"}],
        "contact_details": [],
        "created_at": org.created_at.isoformat(),
        "updated_at": org.updated_at.isoformat(),
    }
    if org.description_en:
        data["summary"] = org.description_en
    if org.website:
        data["links"].append({"url": org.website, "note": "website"})
    if org.email:
        data["contact_details"].append({"type": "email", "value": org.email})
    data["area_of_work"] = [s.slug for s in org.sectors.all()]
    return data


def directory_to_popolo(orgs: Iterable[Organisation], base_url: str = "") -> dict[str, Any]:
    orgs = list(orgs)
    ids = {o.pk for o in orgs}
    memberships = [
        {
            "id": f"{link.coalition.slug}--{link.member.slug}",
            "organization_id": link.coalition.slug,
            "member": {"@type": "Organization", "id": link.member.slug},
            "role": "member",
            **({"start_date": link.since.isoformat()} if link.since else {}),
        }
        for o in orgs
        for link in o.member_links.all()
        if link.coalition_id in ids
    ]
    return {
        "meta": {
            "source": settings.SITE_NAME,
            "spec": "https://www.popoloproject.com/specs/organization.html",
        },
        "organizations": [organisation_to_popolo(o, base_url) for o in orgs],
        "memberships": memberships,
    }
