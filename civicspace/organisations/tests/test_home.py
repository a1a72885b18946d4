"""The home page's directory in numbers: each kind named in the singular or plural its count needs
(issue 12: it said "3 Civil society organisation"), the numbers in the language's digits."""

import re
from typing import Any

from django.urls import reverse
from django.utils import translation

from civicspace.organisations import services
from conftest import World


def _stats(html: str) -> dict[str, str]:
    """The home page's figures: label -> number as shown."""
    return {
        label: n for n, label in re.findall(r"<li><strong>([^<]*)</strong> <a [^>]*>([^<]*)</a></li>", html)
    }


def test_kinds_are_counted_in_the_singular_or_the_plural(client: Any, world: World) -> None:
    # world: two CSOs (own, other), one coalition, one UN agency
    services.organisation_create(actor=None, slug="third", kind="cso", name_en="Third Organisation")
    stats = _stats(client.get(reverse("home")).content.decode())
    assert stats["Civil society organisations"] == "3"
    assert stats["Coalition or network"] == "1"
    assert stats["UN agency"] == "1"
    assert stats["Government bodies"] == "0"  # none yet: a kind without any is still shown
    assert "Civil society organisation" not in stats


def test_khmer_numbers_in_khmer_digits(client: Any, world: World) -> None:
    services.organisation_create(actor=None, slug="third", kind="cso", name_en="Third Organisation")
    with translation.override("km"):
        url = reverse("home")
    html = client.get(url).content.decode()
    assert url.startswith("/km/")
    assert "<li><strong>៣</strong>" in html and "<li><strong>3</strong>" not in html
