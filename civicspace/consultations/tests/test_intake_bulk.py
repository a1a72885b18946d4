"""The fast bulk path of intake.submissions_bulk_create (COPY on PostgreSQL, executemany on SQLite) and the
content hash built by hand: they store and compute exactly what the ORM path (`store._submission`,
`store._inputs`, Model.bulk_create) and `dataclasses.asdict` gave, and keep idempotency."""

import dataclasses
import datetime as dt
import hashlib
import json
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from civicspace.consultations import imports, intake
from civicspace.consultations.intake import Answer, SubmissionData, bulk, store
from civicspace.consultations.models import RECEIPT_ALPHABET, Consultation, ItemInput, Submission
from civicspace.core.imports.reading import read_rows
from civicspace.places.models import AdminUnit

from .fixtures import *  # noqa: F403  (fixtures)


def reference_hash(data: SubmissionData) -> str:
    """The content hash as it was computed before (from dataclasses.asdict)."""
    body = dataclasses.asdict(data)
    body.pop("idempotency_key")
    body.pop("captured_at")
    body["answers"] = sorted(body["answers"], key=lambda a: a["item_code"])
    body["answers"] = [{**a, "comment": " ".join(a["comment"].split())} for a in body["answers"]]
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
numbers = st.none() | st.integers(min_value=-5, max_value=10**6)
answers = st.builds(Answer, item_code=st.sampled_from(["01", "02", "03", "1", "ក", " 02"]) | texts,
                    comment=texts, rank=numbers, points=numbers)  # fmt: skip
submission_data = st.builds(
    SubmissionData,
    answers=st.lists(answers, max_size=6),
    gender=st.sampled_from(["", "woman", "man", "other"]) | texts,
    age_band=st.sampled_from(["", "18_24", "60_up"]) | texts,
    disability=st.dictionaries(
        st.sampled_from(intake.WG_DOMAINS) | texts, st.sampled_from(["", "some"]) | texts, max_size=6
    ),
    place_code=st.sampled_from(["", "17", "171001"]) | texts,
    consent=st.booleans(),
    captured_at=st.none() | st.datetimes(timezones=st.just(dt.UTC)),
    idempotency_key=texts,
)


@given(submission_data)
@settings(max_examples=300, deadline=None)
def test_the_content_hash_is_the_one_asdict_gave(data: SubmissionData) -> None:
    assert data.content_hash() == reference_hash(data)


def test_the_content_hash_ignores_the_key_and_the_date() -> None:
    a = SubmissionData(
        answers=[Answer("01", comment=" a \n b ")], idempotency_key="x", captured_at=timezone.now()
    )
    b = SubmissionData(answers=[Answer("01", comment="a b")], idempotency_key="y")
    assert a.content_hash() == b.content_hash() == reference_hash(b)


def test_new_receipts_have_the_form_of_new_receipt() -> None:
    receipts = intake.new_receipts(5000)
    assert len(set(receipts)) == 5000
    pattern = re.compile(f"^[{RECEIPT_ALPHABET}]{{5}}-[{RECEIPT_ALPHABET}]{{5}}$")
    assert all(pattern.match(r) for r in receipts)
    used = {c for r in receipts for c in r.replace("-", "")}
    assert used == set(RECEIPT_ALPHABET)  # 50,000 draws: every character comes up


# --- storing ------------------------------------------------------------------------------------------------


def people(n: int, prefix: str = "k") -> list[SubmissionData]:
    """Varied rows: places at each level and none, comments (with spaces to trim) or not, demographics."""
    places = ["", "17", "1710", "171001", "12"]
    rows = []
    for i in range(n):
        comment = f"  Roads near school {i}  " if i % 3 == 0 else ""
        rows.append(SubmissionData(
            answers=[Answer("01", comment=comment, rank=1, points=60), Answer("02", rank=2, points=40),
                     Answer("03")],  # an empty answer: no input stored
            gender=["", "woman", "man", "other"][i % 4], age_band=["", "18_24", "60_up"][i % 3],
            disability={"seeing": "some", "walking": "a_lot"} if i % 2 else {},
            place_code=places[i % len(places)], consent=True,
            captured_at=timezone.now() - dt.timedelta(hours=i % 5) if i % 2 else None,
            idempotency_key=f"{prefix}-{i}" if i % 7 else "",  # some rows without a key
        ))  # fmt: skip
    return rows


def expected(consultation: Consultation, rows: list[SubmissionData], *, channel: str, entered_by: Any,
             now: dt.datetime) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:  # fmt: skip
    """What the ORM path built for each row: the Submission's fields (but id and receipt) and its inputs."""
    items = intake.items_by_code(consultation)
    places = intake.places_by_code(r.place_code for r in rows)
    out = []
    for row in rows:
        submission = store._submission(consultation, row, places=places, channel=channel, client_hash="",
                                        entered_by=entered_by, now=now)  # fmt: skip
        fields = {f.attname: getattr(submission, f.attname) for f in Submission._meta.concrete_fields
                  if f.attname not in {"id", "receipt"}}  # fmt: skip
        inputs = [{f.attname: getattr(i, f.attname) for f in ItemInput._meta.concrete_fields
                   if f.attname not in {"id", "submission_id"}} for i in store._inputs(submission, row, items)]  # fmt: skip
        out.append((fields, inputs))
    return out


def stored(consultation: Consultation) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    out = []
    for submission in Submission.objects.filter(consultation=consultation).order_by("id"):
        fields = {f.attname: getattr(submission, f.attname) for f in Submission._meta.concrete_fields
                  if f.attname not in {"id", "receipt"}}  # fmt: skip
        inputs = [{f.attname: getattr(i, f.attname) for f in ItemInput._meta.concrete_fields
                   if f.attname not in {"id", "submission_id"}} for i in submission.inputs.order_by("id")]  # fmt: skip
        out.append((fields, inputs))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("validated", [False, True])
def test_the_fast_path_stores_what_the_orm_path_stored(
    open_consultation: Consultation, units: dict[str, AdminUnit], world: Any, validated: bool
) -> None:
    rows = people(23)
    now = timezone.now()
    user = world.users["member"]
    result = intake.submissions_bulk_create(consultation=open_consultation, rows=rows, channel="import",
                                            entered_by=user, now=now, batch_size=5, validated=validated)  # fmt: skip
    assert (result.created, result.already_stored) == (23, 0)
    assert stored(open_consultation) == expected(open_consultation, rows, channel="import", entered_by=user,
                                                 now=now)  # fmt: skip
    submissions = Submission.objects.filter(consultation=open_consultation).order_by("id")
    assert list(submissions.values_list("receipt", flat=True)) == result.receipts
    assert len(set(result.receipts)) == 23
    assert not submissions.filter(tallied=True).exists()
    commune = submissions.get(idempotency_key="k-3")  # 171001
    assert commune.place is not None
    assert (commune.place.code, commune.province_code, commune.district_code, commune.commune_code) == (
        "171001", "17", "1710", "171001")  # fmt: skip
    district = submissions.get(idempotency_key="k-2")
    assert (district.province_code, district.district_code, district.commune_code) == ("17", "1710", "")
    assert set(ItemInput.objects.filter(comment="").values_list("comment_state", flat=True)) == {""}
    assert set(ItemInput.objects.exclude(comment="").values_list("comment_state", flat=True)) == {"pending"}
    assert ItemInput.objects.filter(comment__startswith=" ").count() == 0  # comments are trimmed
    # the stored content hash is the row's
    assert commune.content_hash == rows[3].content_hash()


@pytest.mark.django_db
def test_importing_again_stores_nothing_and_a_changed_row_is_refused(open_consultation: Consultation) -> None:
    rows = people(12)
    first = intake.submissions_bulk_create(consultation=open_consultation, rows=rows, channel="import",
                                           batch_size=4)  # fmt: skip
    assert first.created == 12
    keyed = [r for r in rows if r.idempotency_key]
    again = intake.submissions_bulk_create(consultation=open_consultation, rows=keyed, channel="import",
                                           batch_size=4, validated=True)  # fmt: skip
    assert (again.created, again.already_stored, again.receipts) == (0, len(keyed), [])
    assert Submission.objects.count() == 12 and ItemInput.objects.count() == 24
    changed = dataclasses.replace(keyed[0], gender="other" if keyed[0].gender != "other" else "man")
    with pytest.raises(intake.IdempotencyConflict):
        intake.submissions_bulk_create(consultation=open_consultation, rows=[people(1, "new")[0], changed],
                                       channel="import", validated=True)  # fmt: skip
    assert Submission.objects.count() == 12  # nothing of the call is stored


@pytest.mark.django_db
def test_the_same_key_twice_in_one_call(open_consultation: Consultation) -> None:
    row = people(2)[1]
    result = intake.submissions_bulk_create(consultation=open_consultation, rows=[row, row], channel="import")
    assert (result.created, result.already_stored) == (1, 1)
    other = dataclasses.replace(row, gender="other")
    with pytest.raises(intake.IdempotencyConflict):
        intake.submissions_bulk_create(consultation=open_consultation,
                                       rows=[dataclasses.replace(row, idempotency_key="z"),
                                             dataclasses.replace(other, idempotency_key="z")], channel="import")  # fmt: skip
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_invalid_rows_are_refused_unless_the_caller_validated_them(open_consultation: Consultation) -> None:
    bad = dataclasses.replace(people(2)[1], gender="x")
    with pytest.raises(ValidationError):
        intake.submissions_bulk_create(consultation=open_consultation, rows=[people(1, "a")[0], bad],
                                       channel="import", batch_size=1)  # fmt: skip
    assert not Submission.objects.exists()
    # validated=True: the caller vouches for the rows (imports.save_rows, right after the file's check)
    intake.submissions_bulk_create(
        consultation=open_consultation, rows=[bad], channel="import", validated=True
    )
    assert Submission.objects.get().gender == "x"


@pytest.mark.django_db(transaction=True)
def test_a_key_stored_meanwhile_fails_the_whole_transaction(open_consultation: Consultation) -> None:
    """Two imports at once: the rows of the later one are checked against the stored keys before the
    other commits; the unique index then refuses its rows, and nothing of it is stored."""
    rows = people(6, "race")
    intake.submissions_bulk_create(consultation=open_consultation, rows=rows[5:], channel="import")
    items = intake.items_by_code(open_consultation)
    writer = bulk._BulkWriter(consultation=open_consultation, channel="import", entered_by=None,
                                now=timezone.now(), items=items, units={})  # fmt: skip
    before = (Submission.objects.count(), ItemInput.objects.count())
    with pytest.raises(IntegrityError), transaction.atomic():
        writer.write([(r, r.content_hash()) for r in rows[1:]])  # rows[5] is stored: its key is taken
    assert (Submission.objects.count(), ItemInput.objects.count()) == before


@pytest.mark.django_db
def test_save_rows_stores_a_checked_file_once(open_consultation: Consultation, world: Any) -> None:
    header = "row_id,captured_at,gender,place,consent,01:comment,01:rank,01:points,02:rank,02:points\n"
    lines = [
        f"P{i},{timezone.localdate().isoformat()},woman,171001,yes,Roads {i},1,60,2,40\n" for i in range(30)
    ]
    data = (header + "".join(lines)).encode()
    now = timezone.now()
    parser = imports.SubmissionParser(open_consultation, now=now)
    report = parser.check(read_rows(data, "csv", imports.SPREADSHEET))
    assert len(report.valid) == 30 and not report.errors
    result = imports.save_rows(
        [d for _n, d in report.valid], scope=open_consultation, actor=world.users["member"]
    )
    assert result.created == 30
    first = Submission.objects.get(idempotency_key="import-P0")
    assert (first.channel, first.commune_code, first.entered_by, first.inputs.count()) == (
        "import", "171001", world.users["member"], 2)  # fmt: skip
    assert first.inputs.get(item__code="01").comment_state == "pending"
    again = imports.SubmissionParser(open_consultation).check(read_rows(data, "csv", imports.SPREADSHEET))
    assert len(again.already_stored) == 30 and not again.valid


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's ids (PostgreSQL draws them from a sequence)"
)
def test_sqlite_ids_are_never_reused(open_consultation: Consultation) -> None:
    intake.submissions_bulk_create(consultation=open_consultation, rows=people(3, "a"), channel="import")
    last = Submission.objects.order_by("-id").first()
    assert last is not None
    largest = last.pk
    last.delete()
    intake.submissions_bulk_create(consultation=open_consultation, rows=people(2, "b"), channel="import")
    assert (
        min(Submission.objects.filter(idempotency_key__startswith="b").values_list("id", flat=True)) > largest
    )
