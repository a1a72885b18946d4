"""Small-cell suppression (results/suppression.py, ADR 0018) over random nested tables: no shown figure
rests on fewer than MIN_CELL people, no hidden figure can be found by subtracting shown figures from
their parent's, and a family of areas hides the same cells whichever page it is read from."""

from hypothesis import given
from hypothesis import strategies as st

from civicspace.consultations.results.counts import GROUPS, parent_area
from civicspace.consultations.results.suppression import MIN_CELL, hidden_cells

Table = dict[str, dict[str, int]]


@st.composite
def nested_tables(draw: st.DrawFn) -> Table:
    """A country, 1-5 provinces, 0-5 districts each. Each district has people, some of them in each
    group; a province also has people who named only the province, and the country people who named
    no place. Every area's figures are the sums of its own and its children's."""
    people = st.integers(0, 40)

    def own() -> dict[str, int]:
        everyone = draw(people)
        return {"all": everyone, **{g: draw(st.integers(0, everyone)) for g in GROUPS if g != "all"}}

    def add(total: dict[str, int], part: dict[str, int]) -> None:
        for group, n in part.items():
            total[group] = total.get(group, 0) + n

    table: Table = {"": own()}
    for p in range(1, draw(st.integers(1, 5)) + 1):
        province = f"{p:02}"
        table[province] = own()
        for d in range(1, draw(st.integers(0, 5)) + 1):
            district = f"{province}{d:02}"
            table[district] = own()
            add(table[province], table[district])
        add(table[""], table[province])
    return table


@given(nested_tables())
def test_no_shown_figure_is_small_nor_its_complement(table: Table) -> None:
    hidden = hidden_cells(table)
    for area, row in table.items():
        for group in GROUPS:
            if (area, group) not in hidden:
                assert row.get(group, 0) >= MIN_CELL
                assert group == "all" or row["all"] - row.get(group, 0) >= MIN_CELL


@given(nested_tables())
def test_a_hidden_area_cannot_be_found_by_subtraction(table: Table) -> None:
    hidden = hidden_cells(table)
    for parent in table:
        kids = [a for a in table if parent_area(a) == parent]
        for group in GROUPS:
            if not kids or (parent, group) in hidden:
                continue  # nothing to subtract from
            shown = sum(table[k].get(group, 0) for k in kids if (k, group) not in hidden)
            rest = table[parent].get(group, 0) - shown  # what a reader can work out
            assert not 0 < rest < MIN_CELL, (parent, group, rest)
            # One hidden area's figure is found exactly when it is the only one hidden and a reader can see
            # that nobody in the parent area is outside its areas (their "all" figures are shown and add
            # up to the parent's); people who named only the parent area would otherwise be in the rest.
            concealed = [k for k in kids if (k, group) in hidden]
            everyone_placed = (
                all((k, "all") not in hidden for k in kids)
                and (parent, "all") not in hidden
                and (sum(table[k]["all"] for k in kids) == table[parent]["all"])
            )
            value = table[concealed[0]].get(group, 0) if len(concealed) == 1 else 0
            if everyone_placed and value > 0:  # a zero found this way is allowed (ADR 0018)
                assert rest != value, (parent, group, concealed)


@given(nested_tables())
def test_a_family_of_areas_hides_the_same_cells_on_every_page(table: Table) -> None:
    hidden = hidden_cells(table)
    for parent in table:
        family = {a: row for a, row in table.items() if a == parent or parent_area(a) == parent}
        kids = set(family) - {parent}
        alone = hidden_cells(family)  # the table of a page about this parent and its children
        assert {c for c in alone if c[0] in kids} == {c for c in hidden if c[0] in kids}
