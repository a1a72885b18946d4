"""The SMS/chat gateway: the short-code parser (Hypothesis), the signed webhook (signature, replay window,
refusal without a secret), idempotency on message_id, duplicates, rate limit, and the replies."""

import dataclasses
import datetime as dt
import json
import re
import time
import unicodedata
from typing import Any

import pytest
from django.test import override_settings
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicspace.consultations import gateway as webhook
from civicspace.consultations.channels import sms
from civicspace.consultations.models import Consultation, SmsMessage, Submission
from civicspace.core.i18n import to_khmer_digits

from .fixtures import *  # noqa: F403

URL = "/api/v1/consultations/sms/"
SECRET = "test-gateway-secret"
RECEIVED = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)


def test_the_webhook_route() -> None:
    assert resolve(URL).url_name == "consultation-sms"  # not taken for a consultation called "sms"


# --- the parser -----------------------------------------------------------------------------------------


@settings(max_examples=500)
@given(st.text(max_size=300))
def test_the_parser_never_crashes(text: str) -> None:
    parsed = sms.parse(text)
    assert isinstance(parsed, sms.ParsedSms)
    for problem in parsed.problems:
        assert problem.message()


comment_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs"), exclude_characters="/\u200b"),
    min_size=1, max_size=20,
).filter(lambda s: s.strip() == s and s[:1].isprintable())  # fmt: skip


@st.composite
def messages(draw: Any) -> sms.ParsedSms:
    letters = draw(st.lists(st.sampled_from("ABCDEFG"), unique=True, max_size=5))
    numbers = [(letter, draw(st.integers(0, 999)), draw(st.booleans())) for letter in letters]
    comment_letters = draw(st.lists(st.sampled_from("ABC"), unique=True, max_size=2))
    return sms.ParsedSms(
        short_code=f"BC{draw(st.integers(1, 10**6))}",
        numbers=numbers,
        comments=[
            (
                letter,
                unicodedata.normalize("NFC", " ".join(draw(st.lists(comment_text, min_size=1, max_size=3)))),
            )
            for letter in comment_letters
        ],
        place=draw(st.sampled_from(["", "12", "1710", "171001"])),
        gender=draw(st.sampled_from(["", "woman", "man", "other"])),
        age=draw(st.one_of(st.none(), st.integers(1, 120))),
        consent=draw(st.booleans()),
    )


def garble(text: str, khmer: bool, lower: bool) -> str:
    """What a person might type instead: Khmer digits, lower case, extra spaces (comments untouched)."""
    head, slash, rest = text.partition("/")
    head = "  ".join(head.split(" ")) + "  "
    if khmer:
        head = to_khmer_digits(head)
    if lower:
        head = head.lower()
    return " " + head + slash + rest


@settings(max_examples=300)
@given(messages(), st.booleans(), st.booleans())
def test_valid_messages_round_trip(parsed: sms.ParsedSms, khmer: bool, lower: bool) -> None:
    text = sms.format_sms(parsed)
    assert sms.parse(text) == parsed
    assert sms.parse(garble(text, khmer, lower)) == parsed


# The words a person may type for the same thing (the module docstring's syntax), and what separates tokens.
GENDER_WORDS = {"woman": ["F", "W", "f", "w"], "man": ["M", "m"], "other": ["X", "x"]}
KHMER_GENDER_WORDS = {"woman": ["ស្រី"], "man": ["ប្រុស"], "other": ["X"]}
CONSENT_WORDS = ["OK", "ok", "YES", "yes", "Y", "y"]
KHMER_CONSENT_WORDS = ["បាទ", "ចាស", "យល់ព្រម"]
SEPARATORS = [" ", "  ", ",", ", ", ";", " ; ", "។", "\n", "\t"]


@st.composite
def near_misses(draw: Any) -> tuple[str, sms.ParsedSms]:
    """A message as a person might type it: the code as "BC 7" or "bc007", tokens in any order with any
    separators, Khmer or Arabic digits, words in either language, consent given twice, lower-case
    comment letters — and the message it means."""
    parsed = draw(messages())
    number = parsed.short_code[2:]
    code = draw(st.sampled_from([f"BC{number}", f"BC {number}", f"bc{number}", f"BC00{number}"]))
    tokens = [f"{letter}{'*' if star else ''}{value}" for letter, value, star in parsed.numbers]
    if parsed.place:
        tokens.append(f"#{parsed.place}")
    khmer_words = draw(st.booleans())
    if parsed.gender:
        genders = KHMER_GENDER_WORDS if khmer_words else GENDER_WORDS
        tokens.append(draw(st.sampled_from(genders[parsed.gender])))
    if parsed.age is not None:
        tokens.append(str(parsed.age))
    if parsed.consent:
        consents = KHMER_CONSENT_WORDS if khmer_words else CONSENT_WORDS
        tokens += draw(st.lists(st.sampled_from(consents), min_size=1, max_size=2))
    tokens = draw(st.permutations(tokens))
    head = code + "".join(draw(st.sampled_from(SEPARATORS)) + token for token in tokens)
    if draw(st.booleans()):
        head = to_khmer_digits(head)
    if draw(st.booleans()):
        head = head.lower()
    comments = "".join(
        f" /{draw(st.sampled_from([letter, letter.lower()]))} {text}" for letter, text in parsed.comments
    )
    return head + comments, parsed


def _in_any_order(parsed: sms.ParsedSms) -> sms.ParsedSms:
    return sms.ParsedSms(**{**parsed.__dict__, "numbers": sorted(parsed.numbers)})


# The first draw may build the comments' alphabet (slow), whichever test runs first.
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(near_misses())
def test_near_misses_read_as_the_message_they_mean(case: tuple[str, sms.ParsedSms]) -> None:
    text, meant = case
    parsed = sms.parse(text)
    assert not parsed.problems, (text, parsed.problems)
    assert _in_any_order(parsed) == _in_any_order(meant)


@settings(max_examples=300)
@given(st.text(alphabet="BC0123456789០១២៣៤៥៦៧៨៩ABCDEFXYZMFW*#/ ,;okyesបាទស្រីប្រុស", max_size=80))
def test_what_is_read_from_a_near_miss_is_what_it_says(text: str) -> None:
    """Whatever is typed, what the parser takes from it is well formed and reads back the same (no token
    silently turned into something else), and what it cannot read is a problem with a message."""
    parsed = sms.parse(text)
    assert re.fullmatch(r"(BC[1-9][0-9]*|BC0)?", parsed.short_code)
    assert all(letter in sms.LETTERS and value >= 0 for letter, value, _star in parsed.numbers)
    assert parsed.place == "" or re.fullmatch(r"[0-9]{2}|[0-9]{4}|[0-9]{6}", parsed.place)
    assert parsed.gender in {"", "woman", "man", "other"}
    assert parsed.age is None or 1 <= parsed.age <= 120
    assert all(problem.message() for problem in parsed.problems)
    again = sms.parse(sms.format_sms(parsed))
    assert _in_any_order(dataclasses.replace(again, problems=[])) == _in_any_order(
        dataclasses.replace(parsed, problems=[])
    )


def test_the_documented_examples() -> None:
    parsed = sms.parse("bc7 a1 b2 c3 #1201 f 25 ok /A more teachers please /c ផ្លូវ ល្អ")
    assert parsed.short_code == "BC7" and not parsed.problems
    assert parsed.numbers == [("A", 1, False), ("B", 2, False), ("C", 3, False)]
    assert (parsed.place, parsed.gender, parsed.age, parsed.consent) == ("1201", "woman", 25, True)
    assert parsed.comments == [("A", "more teachers please"), ("C", "ផ្លូវ ល្អ")]
    khmer = sms.parse("BC ៧  A១ B*៣០ #១៧ ស្រី ៣០ បាទ")
    assert khmer.short_code == "BC7" and khmer.numbers == [("A", 1, False), ("B", 30, True)]
    assert (khmer.place, khmer.gender, khmer.age, khmer.consent) == ("17", "woman", 30, True)
    bad = sms.parse("A1 A1 Q 150 #123 /")
    assert [p.code for p in bad.problems] == ["no_code", "twice", "token", "age", "token"]


# --- the webhook ----------------------------------------------------------------------------------------


def signed(client: Any, payload: Any, *, secret: str = SECRET, timestamp: int | None = None, raw: bytes | None = None,
           signature: str | None = None) -> Any:  # fmt: skip
    body = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode()
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return client.post(
        URL, body, content_type="application/json",
        headers={"X-Civicspace-Timestamp": stamp,
                 "X-Civicspace-Signature": signature if signature is not None else webhook.sign(body, stamp, secret)},
    )  # fmt: skip


def message(
    consultation: Consultation, text: str, n: int = 1, sender: str = "+855 12 345 678"
) -> dict[str, Any]:
    return {"message_id": f"gw-{n}", "from": sender, "text": text.replace("BC#", sms.short_code(consultation)),
            "received_at": RECEIVED.isoformat().replace("+00:00", "Z")}  # fmt: skip


@pytest.fixture
def gateway() -> Any:
    with override_settings(SMS_WEBHOOK_SECRET=SECRET):
        yield


@pytest.mark.django_db
def test_every_request_is_refused_without_a_secret(client: Any, open_consultation: Consultation) -> None:
    with override_settings(SMS_WEBHOOK_SECRET=""):
        response = signed(client, message(open_consultation, "BC# A1 OK"), secret="")
    assert response.status_code == 503 and response.json()["error"]["code"] == "not_configured"
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_bad_signatures_and_stale_timestamps_are_refused(
    gateway: Any, client: Any, open_consultation: Consultation
) -> None:
    payload = message(open_consultation, "BC# A1 OK")
    assert signed(client, payload, secret="another-secret").status_code == 401
    assert signed(client, payload, signature="sha256=" + "0" * 64).status_code == 401
    assert signed(client, payload, signature="").status_code == 401
    old = int(time.time()) - 301
    response = signed(client, payload, timestamp=old)
    assert response.status_code == 401 and response.json()["error"]["code"] == "stale"
    assert signed(client, payload, timestamp=int(time.time()) + 400).status_code == 401
    tampered = json.dumps(payload).encode()
    stamp = str(int(time.time()))
    response = client.post(URL, tampered.replace(b"A1", b"A2"), content_type="application/json",
                           headers={"X-Civicspace-Timestamp": stamp,
                                    "X-Civicspace-Signature": webhook.sign(tampered, stamp, SECRET)})  # fmt: skip
    assert response.status_code == 401
    assert client.get(URL).status_code == 405
    assert not Submission.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", b'{"message_id": "1", "from": "no digits", "text": "x"}',
                                 b'{"message_id": "1", "from": "012", "text": 5}',
                                 b'{"message_id": "1", "from": "012", "text": "x", "received_at": "yesterday"}'])  # fmt: skip
def test_malformed_bodies(gateway: Any, client: Any, raw: bytes) -> None:
    response = signed(client, None, raw=raw)
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"


@pytest.mark.django_db
def test_a_message_becomes_a_submission_once(
    gateway: Any, client: Any, open_consultation: Consultation
) -> None:
    payload = message(open_consultation, "BC# a1 B2 c3 B*40 #171001 f 25 ok /A more teachers")
    response = signed(client, payload)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "accepted" and not body["duplicate"]
    submission = Submission.objects.get()
    assert body["receipt"] == submission.receipt and submission.receipt in body["reply"]["en"]
    assert submission.receipt in body["reply"]["km"] and body["reply"]["km"] in body["reply_text"]
    assert submission.channel == "sms" and submission.gender == "woman" and submission.age_band == "25_34"
    assert submission.commune_code == "171001" and submission.consent
    inputs = {i.item.code: (i.rank, i.points, i.comment) for i in submission.inputs.all()}
    assert inputs == {"01": (1, None, "more teachers"), "02": (2, 40, ""), "03": (3, None, "")}
    assert submission.captured_at == RECEIVED
    # Privacy: the number is stored nowhere, only its keyed hash.
    stored = SmsMessage.objects.get()
    assert "345" not in json.dumps(stored.reply) and "345" not in stored.sender_hash
    assert stored.sender_hash == webhook.sender_hash("+85512345678") == submission.client_hash
    # The gateway resends it (a retry): the same answer, nothing stored twice.
    again = signed(client, payload).json()
    assert again["receipt"] == body["receipt"] and again["duplicate"] is True
    assert Submission.objects.count() == 1 and SmsMessage.objects.count() == 1


@pytest.mark.django_db
def test_the_same_input_again_from_the_same_number_is_recognised(
    gateway: Any, client: Any, open_consultation: Consultation
) -> None:
    first = signed(client, message(open_consultation, "BC# A1 OK", 1)).json()
    second = signed(client, message(open_consultation, "BC#  a1  ok", 2)).json()
    assert second["status"] == "accepted" and second["duplicate"] and second["receipt"] == first["receipt"]
    other = signed(client, message(open_consultation, "BC# A1 OK", 3, sender="+855 99 000 111")).json()
    assert other["receipt"] != first["receipt"]
    assert Submission.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", "Start the message with the consultation's code"),
        ("BC999999 A1 OK", "no consultation with the code BC999999"),
        ("BC# A1 Q OK", "“Q” was not understood"),
        ("BC# A1 B1 OK", "Each rank may be given to one item only"),
        ("BC# Z1 OK", "There is no item Z"),
        ("BC# A1", "consent"),
        ("BC# A1 #99 OK", "no province, district or commune with the code 99"),
    ],
)
def test_what_was_wrong_is_replied_in_both_languages(
    gateway: Any, client: Any, open_consultation: Consultation, text: str, expected: str
) -> None:
    body = signed(client, message(open_consultation, text)).json()
    assert body["status"] == "rejected" and not body["receipt"]
    assert expected in body["reply"]["en"] and body["reply"]["km"]
    assert body["reply_text"].startswith(body["reply"]["km"])
    assert not Submission.objects.exists()
    assert SmsMessage.objects.get().outcome == "rejected"


@pytest.mark.django_db
def test_points_only_and_comments_not_asked(gateway: Any, client: Any, world: Any, units: Any) -> None:
    consultation = make_consultation(slug="points", authority=world.un_agency, organisers=[world.own],  # noqa: F405
                                     asks_comments=False, asks_ranking=False, asks_points=True, consent_en="",
                                     consent_km="")  # fmt: skip
    code = sms.short_code(consultation)
    accepted = signed(client, {"message_id": "p1", "from": "012 1", "text": f"{code} A60 B40"}).json()
    assert accepted["status"] == "accepted"
    assert sorted(p or 0 for p in Submission.objects.get().inputs.values_list("points", flat=True)) == [
        40,
        60,
    ]
    refused = signed(client, {"message_id": "p2", "from": "012 2", "text": f"{code} A60 /A why"}).json()
    assert "does not ask for comments" in refused["reply"]["en"]


@pytest.mark.django_db
def test_a_closed_or_draft_consultation_refuses(gateway: Any, client: Any, world: Any, units: Any) -> None:
    draft = make_consultation(slug="draft", authority=world.un_agency, organisers=[world.own], publish=False)  # noqa: F405
    body = signed(
        client, {"message_id": "d1", "from": "012", "text": f"{sms.short_code(draft)} A1 OK"}
    ).json()
    assert "no consultation with the code" in body["reply"]["en"]


@pytest.mark.django_db
def test_the_rate_limit_per_number(gateway: Any, client: Any, open_consultation: Consultation) -> None:
    for n in range(webhook.MAX_PER_HOUR):
        signed(client, message(open_consultation, "nonsense", n))
    body = signed(client, message(open_consultation, "BC# A1 OK", 999)).json()
    assert body["status"] == "rejected" and "Too many messages" in body["reply"]["en"]
    other = signed(client, message(open_consultation, "BC# A1 OK", 1000, sender="+855 70 111 222")).json()
    assert other["status"] == "accepted"
