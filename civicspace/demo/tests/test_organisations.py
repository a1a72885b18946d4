"""The demo directory: every organisation has a Khmer acronym, and the bodies asks are addressed to
(the UN as a whole, the Royal Government, ministries) are in it with the right kind."""

import re

import pytest
from django.core.management import call_command

from civicspace.demo.organisations import DEMO_ORGANISATIONS
from civicspace.organisations.models import Organisation

KHMER = re.compile(r"[\u1780-\u17ff]")


def test_every_demo_organisation_has_a_khmer_acronym() -> None:
    missing = [o["slug"] for o in DEMO_ORGANISATIONS if not o.get("acronym_km", "").strip()]
    assert missing == []
    # Khmer script, except the UN agencies whose Latin acronym is what Khmer texts use
    latin = {o["slug"] for o in DEMO_ORGANISATIONS if not KHMER.search(o["acronym_km"])}
    assert latin == {"ohchr", "unesco", "unicef", "undp"}


@pytest.mark.django_db
def test_after_load_demo_no_organisation_lacks_a_khmer_acronym() -> None:
    call_command("load_demo", "--no-accounts", "--submissions", "0")
    assert Organisation.objects.count() >= 17
    assert list(Organisation.objects.filter(acronym_km="").values_list("slug", flat=True)) == []


def test_addressees_are_in_the_demo_directory_with_their_kind() -> None:
    by_slug = {o["slug"]: o for o in DEMO_ORGANISATIONS}
    assert by_slug["united-nations"]["kind"] == Organisation.Kind.UN_AGENCY
    assert by_slug["united-nations"]["name_km"] == "អង្គការសហប្រជាជាតិ"
    for slug in ("rgc", "mef", "moh", "moi", "moeys"):
        assert by_slug[slug]["kind"] == Organisation.Kind.GOVERNMENT
        assert KHMER.search(by_slug[slug]["name_km"])
