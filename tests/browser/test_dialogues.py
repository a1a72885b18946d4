"""A rapporteur records an ask on a phone-sized screen, without JavaScript being needed."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from civicspace.accounts.models import User
from civicspace.demo.organisations import DEMO_PASSWORD

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def open_meeting(demo: str) -> str:
    """An open meeting whose one session has the demo member as rapporteur (created before the browser)."""
    from civicspace.dialogues import services
    from civicspace.organisations.models import Organisation, Sector

    pp = ZoneInfo("Asia/Phnom_Penh")
    meeting = services.meeting_create(
        actor=None, slug="dialogue-2026", title_en="CSO–UN dialogue 2026",
        starts_at=dt.datetime(2026, 6, 1, 9, tzinfo=pp), ends_at=dt.datetime(2026, 6, 1, 12, tzinfo=pp),
    )  # fmt: skip
    services.session_create(
        meeting=meeting, actor=None, sector=Sector.objects.get(slug="education"), title_en="Education",
        rapporteur=User.objects.get(email="member@demo.civicspace.invalid"),
    )  # fmt: skip
    services.participant_add(meeting=meeting, actor=None, organisation=Organisation.objects.get(slug="nep"))
    return demo


def test_rapporteur_adds_an_ask_from_a_phone(open_meeting: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, locale="km-KH", java_script_enabled=False)
    page: Page = context.new_page()
    page.goto(f"{open_meeting}/km/accounts/login/")
    page.locator("input[name=login]").fill("member@demo.civicspace.invalid")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.goto(f"{open_meeting}/km/dialogues/dialogue-2026/")
    page.locator("a[href$='/sessions/1/asks/new/']").click()
    page.locator("#id_text_km").fill("ផ្តល់ឧបករណ៍សិក្សាតាមអនឡាញដល់សាលារៀនជនបទ")
    page.locator("label", has_text="UNICEF").click()  # addressed to
    from civicspace.organisations.models import Organisation

    nep = Organisation.objects.get(
        slug="nep"
    ).pk  # raised by (the meeting's participants only); in Khmer here
    page.locator(f"input[name=raised_by][value='{nep}']").check()
    page.locator("form.capture button[type=submit]").click()
    expect(page.locator("ol.asks li")).to_have_count(1)
    expect(page.locator("ol.asks li")).to_contain_text("ផ្តល់ឧបករណ៍សិក្សាតាមអនឡាញ")
    expect(page.locator("ol.asks li")).to_contain_text("UNICEF")
    from civicspace.recommendations.models import Ask

    assert [o.slug for o in Ask.objects.get(text_km__startswith="ផ្តល់ឧបករណ៍").raised_by.all()] == ["nep"]
    assert (
        page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    )  # no sideways scrolling
    context.close()
