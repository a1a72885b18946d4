"""Results: the tallies stay exact (tallies + untallied submissions == a plain recount), two workers can
tally at once, and no published figure rests on fewer than 5 people."""

import datetime as dt
import random
import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicspace.consultations import results, services
from civicspace.consultations.intake import Answer, SubmissionData, submissions_bulk_create
from civicspace.consultations.models import AreaTally, Consultation, ItemTally, Submission
from civicspace.consultations.results import MIN_CELL, Counts, hidden_cells, reader
from civicspace.organisations import services as org_services
from civicspace.places.models import AdminUnit

# A small gazetteer: three provinces, their districts and communes.
PLACES = {
    "01": ["0102", "0103"],
    "0102": ["010201", "010202"],
    "0103": ["010301"],
    "02": ["0201"],
    "0201": ["020101", "020102"],
    "12": ["1201"],
    "1201": ["120101"],
}
PLACE_CODES = ["", "01", "02", "12", "0102", "0103", "0201", "1201", "010201", "010202", "010301", "020101",
               "020102", "120101"]  # fmt: skip
AREAS = PLACE_CODES  # every area a page can show ("" = everyone)
DIFFICULTIES = ["", "none", "some", "a_lot", "cannot"]


def make_places() -> None:
    level = {2: "province", 4: "district", 6: "commune"}
    kind = {2: "province", 4: "srok", 6: "khum"}
    units: dict[str, AdminUnit] = {}
    for code in sorted((c for c in PLACE_CODES if c), key=lambda c: (len(c), c)):
        units[code] = AdminUnit.objects.create(
            code=code, level=level[len(code)], unit_type=kind[len(code)], name_en=f"Place {code}",
            name_km=f"ទីកន្លែង {code}", parent=units.get(code[:-2]),
        )  # fmt: skip


def make_consultation(
    *,
    slug: str = "budget-2030",
    ranking: bool = True,
    points: bool = True,
    items: int = 3,
    organisers: Any = (),
) -> Consultation:
    authority = org_services.organisation_create(
        actor=None, slug=f"authority-{slug}", kind="government", name_en="Ministry of Economy and Finance",
        name_km="ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ",
    )  # fmt: skip
    now = timezone.now()
    consultation = services.consultation_create(
        actor=None, organisers=organisers, slug=slug, title_en="Budget 2030", title_km="ថវិកា ២០៣០",
        fiscal_year=2030, level="national", authority=authority, asks_comments=True, asks_ranking=ranking,
        asks_points=points, points_total=100, opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
        items=[
            {"code": f"I{i}", "title_en": f"Item {i} schools", "title_km": f"មុខទំនិញ {i} សាលារៀន",
             "amount_khr": 1000 * i}
            for i in range(1, items + 1)
        ],
    )  # fmt: skip
    return services.consultation_transition(consultation=consultation, to="published", actor=None)


def to_results_phase(consultation: Consultation, state: str = "results") -> Consultation:
    later = consultation.closes_at + dt.timedelta(seconds=1)
    consultation = services.consultation_transition(
        consultation=consultation, to="results", actor=None, now=later
    )
    if state == "response":
        consultation = services.consultation_transition(
            consultation=consultation, to="response", actor=None, now=later
        )
    return consultation


def random_row(
    rng: random.Random, codes: list[str], *, ranking: bool = True, points: bool = True
) -> SubmissionData:
    chosen = rng.sample(codes, rng.randint(1, len(codes)))
    ranks = rng.sample(range(1, len(codes) + 1), len(chosen))
    budget = 100
    answers = []
    for code, rank in zip(chosen, ranks, strict=True):
        given = rng.randint(0, budget) if points and rng.random() < 0.7 else None
        budget -= given or 0
        answers.append(
            Answer(
                item_code=code,
                comment=rng.choice(["", "", "More teachers please.", "ត្រូវការគ្រូបន្ថែម។"]),
                rank=rank if ranking and rng.random() < 0.8 else None,
                points=given,
            )
        )
    if all(a.is_empty() for a in answers):
        answers[0].comment = "A comment."
    return SubmissionData(
        answers=answers,
        gender=rng.choice(["", "woman", "man", "other", "woman"]),
        age_band=rng.choice(["", "under_18", "18_24", "25_34", "45_59", "60_up"]),
        disability={d: rng.choice(DIFFICULTIES) for d in ("seeing", "walking", "cognition")},
        place_code=rng.choice(PLACE_CODES),
    )


def add_random(consultation: Consultation, n: int, seed: int) -> None:
    rng = random.Random(seed)
    codes = list(consultation.items.values_list("code", flat=True))
    rows = [random_row(rng, codes, ranking=consultation.asks_ranking, points=consultation.asks_points)
            for _ in range(n)]  # fmt: skip
    submissions_bulk_create(consultation=consultation, rows=rows, channel="import")


def scoped(counts: Counts, area: str) -> Counts:
    """A full recount cut to what a page about `area` reads."""
    keep_item, keep_area = reader._scope_filter(area)
    return Counts(
        items={k: v for k, v in counts.items.items() if keep_item(k[1])},
        areas=Counter({k: n for k, n in counts.areas.items() if keep_area(k[0])}),
    ).clean()


def assert_exact(consultation: Consultation) -> None:
    expected = results.recount(consultation.pk)
    full = results.read_counts(consultation.pk, area=None)
    assert full.items == expected.items
    assert full.areas == expected.areas
    for area in AREAS:
        got = results.read_counts(consultation.pk, area=area)
        want = scoped(expected, area)
        assert got.items == want.items, area
        assert got.areas == want.areas, area
        expected.untallied = got.untallied
        # The suppressed results of a page equal those built from the full recount: each set of
        # areas is decided from its own figures, whatever else was read.
        assert results.build_results(consultation, got, area=area) == results.build_results(
            consultation, expected, area=area
        ), area


@pytest.fixture
def places(db: Any) -> None:
    make_places()


def test_results_exact_with_part_tallied(places: None) -> None:
    consultation = make_consultation()
    add_random(consultation, 150, seed=1)
    assert_exact(consultation)  # nothing tallied: everything live
    assert results.tally_batch(consultation_id=consultation.pk, batch=60) == 60
    assert Submission.objects.filter(tallied=True).count() == 60
    assert_exact(consultation)  # part tallied, part live
    add_random(consultation, 40, seed=2)
    assert results.tally_pending(consultation.pk, batch=70) == 130
    assert not Submission.objects.filter(tallied=False).exists()
    assert_exact(consultation)  # all tallied
    assert results.read_counts(consultation.pk).untallied == 0


def test_tally_pending_all_consultations_and_untally(places: None) -> None:
    first = make_consultation(slug="first")
    second = make_consultation(slug="second", ranking=False)
    add_random(first, 30, seed=3)
    add_random(second, 30, seed=4)
    assert results.tally_pending(batch=25) == 60
    assert_exact(first)
    assert_exact(second)
    some = list(first.submissions.values_list("pk", flat=True)[:10])
    with transaction.atomic():
        assert results.untally(some) == 10
        Submission.objects.filter(pk__in=some[:4]).delete()  # e.g. spam removed after tallying
    assert results.untally(some) == 0  # already out of the tallies
    assert_exact(first)
    assert results.tally_pending(first.pk) == 6
    assert_exact(first)
    assert results.rebuild(first.pk) == first.submissions.count()
    assert_exact(first)


def test_counts_match_the_submission_definitions(places: None) -> None:
    """The SQL group rules agree with Submission.has_disability and the age bands (recount)."""
    consultation = make_consultation()
    add_random(consultation, 80, seed=5)
    results.tally_pending(consultation.pk)
    subs = list(consultation.submissions.all())
    areas = results.read_counts(consultation.pk, area=None).areas
    assert areas[("", "all")] == len(subs)
    assert areas[("", "women")] == sum(s.gender == "woman" for s in subs)
    assert areas[("", "disability")] == sum(s.has_disability for s in subs)
    assert areas[("", "youth")] == sum(s.age_band in ("under_18", "18_24") for s in subs)
    assert areas[("01", "all")] == sum(s.province_code == "01" for s in subs)


@pytest.mark.django_db(transaction=True)
def test_two_workers_tally_at_once() -> None:
    """Two workers at once take disjoint batches (SKIP LOCKED on PostgreSQL; the write lock on SQLite):
    every submission is counted exactly once."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memory", ":memory")
    ):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    make_places()
    consultation = make_consultation()
    # The submissions commit here (no test transaction), and each commit would schedule a tally job,
    # which the test settings run at once: keep the jobs queued so the two workers find them all.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        add_random(consultation, 400, seed=6)
    done: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            done.append(results.tally_pending(consultation.pk, batch=20))
        except BaseException as exc:  # report it in the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(done) == 400
    assert_exact(consultation)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(min_value=0, max_value=40),
    seed=st.integers(min_value=0, max_value=10_000),
    batches=st.lists(st.integers(min_value=1, max_value=15), max_size=4),
    extra=st.integers(min_value=0, max_value=10),
)
def test_hypothesis_tallies_plus_live_equal_recount(
    places: None, n: int, seed: int, batches: list[int], extra: int
) -> None:
    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            consultation = make_consultation(slug=f"h{seed}")
            add_random(consultation, n, seed=seed)
            for size in batches:
                results.tally_batch(consultation_id=consultation.pk, batch=size)
            add_random(consultation, extra, seed=seed + 1)
            assert_exact(consultation)
            raise Rollback
    except Rollback:
        pass


# --- suppression ------------------------------------------------------------------------------------------


def test_small_cells_and_their_complements_are_hidden() -> None:
    table = {"": {"all": 30, "women": 27, "disability": 4, "youth": 10}}
    hidden = hidden_cells(table)
    assert ("", "disability") in hidden  # 4 people
    assert ("", "women") in hidden  # 30 - 27 = 3 people who are not women
    assert ("", "youth") not in hidden and ("", "all") not in hidden
    assert hidden_cells({"": {"all": 4}}) == {("", "all"), ("", "women"), ("", "disability"), ("", "youth")}


def test_areas_of_one_parent_cannot_be_subtracted() -> None:
    # Province 01 has 20 people; its districts 0102 (17) and 0103 (3). Showing 0102 would reveal 0103.
    table = {"01": {"all": 20}, "0102": {"all": 17}, "0103": {"all": 3}}
    hidden = {cell for cell in hidden_cells(table) if cell[1] == "all"}
    assert hidden == {("0103", "all"), ("0102", "all")}
    # With a third district big enough, the smallest shown one is hidden with it.
    table = {"01": {"all": 40}, "0102": {"all": 17}, "0103": {"all": 3}, "0104": {"all": 20}}
    hidden = {cell for cell in hidden_cells(table) if cell[1] == "all"}
    assert hidden == {("0103", "all"), ("0102", "all")}
    # The rest is 3 + 10 (people who named only the province): nothing small to find.
    table = {"01": {"all": 50}, "0102": {"all": 17}, "0103": {"all": 3}, "0104": {"all": 20}}
    assert {cell for cell in hidden_cells(table) if cell[1] == "all"} == {("0103", "all")}
    # One area hidden only by its complement (women 10 of 12) must not be found by subtraction.
    table = {"": {"all": 40, "women": 25}, "01": {"all": 12, "women": 10}, "02": {"all": 28, "women": 15}}
    hidden = hidden_cells(table)
    assert ("01", "women") in hidden and ("02", "women") in hidden


def test_results_page_figures_are_suppressed(places: None) -> None:
    consultation = make_consultation(items=2)
    rows = []
    # Province 01: 12 people, 10 of them women, 3 with a disability; province 02: 6 men.
    for i in range(12):
        rows.append(SubmissionData(answers=[Answer("I1", points=10 + i, rank=1)], place_code="010201",
                                   gender="woman" if i < 10 else "man",
                                   disability={"seeing": "a_lot" if i < 3 else "none"}))  # fmt: skip
    for _ in range(6):
        rows.append(SubmissionData(answers=[Answer("I2", points=5)], place_code="0201", gender="man"))
    submissions_bulk_create(consultation=consultation, rows=rows, channel="import")
    results.tally_pending(consultation.pk)
    res = results.results_for(consultation)
    assert res.participants["all"].value == 18
    assert res.participants["women"].value == 10  # 8 not women
    assert res.participants["disability"].hidden  # 3
    i1, i2 = res.items
    assert i1.figures.people.value == 12 and i1.figures.points_avg.value == pytest.approx(15.5)
    assert i1.groups["women"].people.hidden  # 12 - 10 = 2 men: the women's figure would reveal them
    assert i1.groups["women"].points_avg.hidden
    assert i2.figures.people.value == 6 and i2.figures.rank_avg.hidden  # nobody ranked it
    assert str(i2.figures.rank_avg) == "fewer than 5"
    provinces = {p.code: p for p in res.provinces}
    assert provinces["01"].people["all"].value == 12 and provinces["02"].people["all"].value == 6
    assert provinces["12"].people["all"].hidden  # nobody
    data = results.results_data(res)
    assert data["participants"]["disability"] is None
    assert data["items"][0]["groups"]["women"]["people"] is None
    # Every figure published anywhere rests on at least MIN_CELL people.
    for area, _level, _item, _group, measure, value in results.open_data_rows(consultation):
        if measure in ("participants", "people", "comments", "first_choice") and value is not None:
            assert value >= MIN_CELL, (area, measure)


def test_tally_tables_are_keyed_uniquely(places: None) -> None:
    consultation = make_consultation()
    add_random(consultation, 20, seed=9)
    results.tally_pending(consultation.pk, batch=3)
    keys = list(ItemTally.objects.values_list("item_id", "area", "group"))
    assert len(keys) == len(set(keys))
    assert AreaTally.objects.get(consultation=consultation, area="", group="all").people == 20
