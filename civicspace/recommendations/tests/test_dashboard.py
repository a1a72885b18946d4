import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civicspace.organisations import services as org_services
from civicspace.organisations.models import Sector
from civicspace.recommendations import services
from civicspace.recommendations.dashboard import dashboard_data
from civicspace.recommendations.models import Ask
from conftest import World

pytestmark = pytest.mark.django_db

URL = "/en/recommendations/dashboard/"


@pytest.fixture
def ministry(world: World) -> Any:
    return org_services.organisation_create(
        actor=None, slug="ministry", kind="government", name_en="Ministry of Planning", acronym_en="MOP"
    )


def _arrange(world: World, meeting: Any, ministry: Any) -> dict[str, Ask]:
    """Dialogue asks raised on 2025-06-01 (meeting response period: 60 days) and one UPR ask."""
    session = meeting.sessions.get()
    health = Sector.objects.get(slug="health")
    a = services.ask_create(
        actor=None, session=session, text_en="Fund clinics.", addressees=[world.un_agency, ministry]
    )
    b = services.ask_create(actor=None, session=session, text_en="Train midwives.", addressees=[world.un_agency],
                            sector=health)  # fmt: skip
    c = services.ask_create(actor=None, text_en="Ratify the convention.", source_kind="upr",
                            source_date=dt.date(2024, 3, 1), addressees=[ministry], sector=health)  # fmt: skip
    services.response_record(ask=a, addressee=world.un_agency, position="accepted",
                             responded_on=dt.date(2025, 6, 20), actor=None)  # fmt: skip
    services.response_record(
        ask=a, addressee=world.un_agency, position="accepted", responded_on=dt.date(2025, 6, 21), actor=None
    )  # fmt: skip  (a second answer, same ask)
    services.ask_update(ask=b, actor=None, status="implemented")
    services.ask_update(ask=c, actor=None, status="implemented")
    return {"a": a, "b": b, "c": c}


def test_scorecards(world: World, meeting: Any, ministry: Any) -> None:
    _arrange(world, meeting, ministry)
    # Before the response period ends (2025-07-31) nothing is overdue.
    with time_machine.travel(dt.datetime(2025, 7, 15, 12, tzinfo=dt.UTC)):
        cards = {c.organisation.slug: c for c in dashboard_data().scorecards}
    assert cards["agency"].overdue == 0 and cards["ministry"].overdue == 0
    with time_machine.travel(dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC)):
        data = dashboard_data()
    cards = {c.organisation.slug: c for c in data.scorecards}
    agency, mop = cards["agency"], cards["ministry"]
    # The agency received the meeting fixture's ask, a and b; it responded to a (twice: counts once).
    assert (agency.received, agency.responded, agency.implemented) == (3, 1, 1)
    assert (agency.responded_pct, agency.implemented_pct) == (33, 33)
    assert agency.overdue == 2  # the fixture's ask and b, unanswered past 60 days
    # The ministry received a (dialogue, unanswered: overdue) and c (UPR: no response period).
    assert (mop.received, mop.responded_pct, mop.implemented_pct, mop.overdue) == (2, 0, 50, 1)
    assert data.total == 4 and data.by_status == {"not_started": 2, "implemented": 2}
    assert data.by_year.counts == {
        ("2025", "not_started"): 2,
        ("2025", "implemented"): 1,
        ("2024", "implemented"): 1,
    }
    assert [label for _k, label in data.by_year.categories] == ["2024", "2025"]


def test_filters_apply(world: World, meeting: Any, ministry: Any) -> None:
    _arrange(world, meeting, ministry)
    data = dashboard_data(filters={"sector": "health"})
    assert data.total == 2
    assert {c.organisation.slug: c.received for c in data.scorecards} == {"agency": 1, "ministry": 1}
    assert dashboard_data(filters={"addressee": "ministry", "status": "implemented"}).total == 1


def test_page_has_accessible_charts_with_tables(
    client: Any, world: World, meeting: Any, ministry: Any
) -> None:
    _arrange(world, meeting, ministry)
    response = client.get(URL, {"year": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", html, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg and "aria-labelledby=" in svg
        assert "<title id=" in svg and "<desc id=" in svg and "<pattern" in svg
        # each chart is followed by a table with a caption and header cells with scope
        after = html.split(svg, 1)[1].lstrip()
        assert after.startswith('<div class="table-wrap"><table')
        table = after.split("</table>", 1)[0]
        assert "<caption>" in table and 'scope="col"' in table and 'scope="row"' in table
    assert "<script" not in html.split("</head>", 1)[1]
    assert 'style="' not in html
    assert "Ministry of Planning" in html and "Train midwives" not in html
    assert "export.csv?year=2025" in html


def test_khmer_page(client: Any, world: World, meeting: Any, ministry: Any) -> None:
    """The Khmer dashboard shows the Khmer catalogue's headings and every figure in Khmer digits: the
    counts, the percentages, the tables under the charts, the chart labels and the years."""
    from django.utils import translation
    from django.utils.translation import gettext

    from civicspace.core.i18n import contains_khmer

    _arrange(world, meeting, ministry)
    response = client.get("/km/recommendations/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="km">' in html
    with translation.override("km"):
        headings = [
            gettext(msgid) for msgid in ("Tracker dashboard", "Addressee scorecards", "Asks received")
        ]
    for heading in headings:
        assert contains_khmer(heading) and heading in html
    main = html.split('id="main">', 1)[1].split("</main>", 1)[0]
    # 4 asks: 2 not started, 2 implemented (see _arrange and test_scorecards).
    assert re.findall(r"<li><strong>([^<]*)</strong>", main) == ["៤", "២", "២"]
    # Scorecards: the agency received 3 and responded to 33 %; the ministry implemented 50 %.
    cells = re.findall(r'<td class="num[^"]*">([^<]*)</td>', main)
    assert {"៣", "៣៣%", "៥០%"} <= set(cells)
    assert all(re.fullmatch(r"[០-៩]+%?", cell) for cell in cells), cells
    # The years raised, as table rows and as chart labels.
    assert re.findall(r'<th scope="row">([^<]*)</th>', main)[-2:] == ["២០២៤", "២០២៥"]
    assert {"២០២៤", "២០២៥"} <= set(re.findall(r"<text[^>]*>([^<]*)</text>", main))
    # No Arabic digit anywhere in the text of the page's content (tags and their attributes left out).
    text = re.sub(r"<[^>]*>", " ", main)
    assert not re.search(r"[0-9]", text), re.findall(r".{0,20}[0-9]+.{0,20}", text)


def test_query_count_is_constant(client: Any, world: World, meeting: Any, ministry: Any) -> None:
    _arrange(world, meeting, ministry)
    client.get(URL)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"sector": "health"})
    health = Sector.objects.get(slug="health")
    education = Sector.objects.get(slug="education")
    for i in range(30):
        ask = services.ask_create(actor=None, text_en=f"Ask {i}", source_date=dt.date(2016 + i % 9, 1, 1),
                                  sector=health if i % 2 else education, addressees=[world.un_agency, ministry])  # fmt: skip
        services.response_record(ask=ask, addressee=ministry, position="noted", responded_on=dt.date(2025, 1, 1),
                                 actor=None)  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"sector": "health"})
    assert response.status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 16, [q["sql"] for q in many.captured_queries]


@pytest.mark.parametrize("year", ["0", "-3", "2025.5", "99999", "abc"])
def test_a_year_that_is_not_one_is_ignored_not_an_error(
    client: Any, world: World, meeting: Any, year: str
) -> None:
    for url in (URL, "/en/recommendations/", "/en/recommendations/export.csv"):
        response = client.get(url, {"year": year})
        assert response.status_code == 200, url
    assert dashboard_data(filters={"year": year}).total == dashboard_data().total == 1
