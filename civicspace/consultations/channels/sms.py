"""The short-code syntax of the SMS/chat channel (docs/sms-gateway.md), typeable on a basic phone:

    BC7 A1 B2 C3 #1201 F 25 OK /A more teachers please

    BC7        the consultation's code: BC and its number (`short_code`); always first ("BC 7" too)
    A1 B2 C3   item letter (A = the first item, B = the second, …) and a number: the rank when the
               consultation asks for a ranking, otherwise the points
    A*30       points for item A, when the consultation asks for both a ranking and points
    #1201      where the person lives: an NCDD code of 2 (province), 4 (district) or 6 (commune) digits
    F / W, M, X  gender: woman, man, other (also the Khmer words ស្រី and ប្រុស)
    25         age in years (1–120)
    OK         consent (also YES, Y, បាទ, ចាស, យល់ព្រម)
    /A text    a comment on item A, up to the next "/" or the end of the message

Case does not matter, Khmer digits (០–៩) count as digits, and tokens are separated by any spaces,
commas or semicolons. `parse` never raises: what it cannot read becomes a `Problem`. `to_submission`
maps a parsed message onto a consultation's items (`SubmissionData` for intake), keyed by the gateway's
message id; `read_body` reads the gateway's JSON body (`Inbound`). The webhook itself (its signature,
the log of messages, the per-number limit, the replies) is gateway.py."""

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from civicspace.core.i18n import to_arabic_digits

from ..intake import Answer, SubmissionData, age_band_of
from ..models import BudgetItem, Consultation

PREFIX = "BC"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_TEXT = 1600
MAX_BODY = 16 * 1024
GENDERS = {"F": "woman", "W": "woman", "ស្រី": "woman", "M": "man", "ប្រុស": "man", "X": "other"}
CONSENT = {"OK", "YES", "Y", "បាទ", "ចាស", "យល់ព្រម"}
_SEPARATORS = re.compile(r"[\s,;។]+")
_CODE = re.compile(rf"^{PREFIX}([0-9]{{1,9}})$")
_ITEM = re.compile(r"^([A-Z])(\*?)([0-9]{1,6})$")
_PLACE = re.compile(r"^#([0-9]{2}|[0-9]{4}|[0-9]{6})$")
_AGE = re.compile(r"^[0-9]{1,3}$")
_COMMENT = re.compile(r"^([A-Za-z])\s*(.*)$", re.DOTALL)


def short_code(consultation: Consultation) -> str:
    """The code people type first: BC and the consultation's number (stable, never reused)."""
    return f"{PREFIX}{consultation.pk}"


def consultation_id(code: str) -> int | None:
    match = _CODE.match(code)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Problem:
    """Something the message says that cannot be used; `message()` says it in the active language."""

    code: str
    value: str = ""

    def message(self) -> str:
        texts = {
            "empty": _("The message is empty."),
            "no_code": _("Start the message with the consultation's code, such as BC7."),
            "unknown_code": _("There is no consultation with the code %(value)s."),
            "token": _("“%(value)s” was not understood."),
            "twice": _("%(value)s is given twice."),
            "age": _("An age is a number from 1 to 120."),
            "letter": _("There is no item %(value)s."),
            "comment_letter": _("A comment starts with / and the item letter, such as /A."),
            "no_points": _("This consultation does not ask for points (%(value)s)."),
            "no_numbers": _("This consultation does not ask for ranks or points (%(value)s)."),
            "no_comments": _("This consultation does not ask for comments."),
            "too_long": _("The message is too long."),
        }
        return texts.get(self.code, texts["token"]) % {"value": self.value[:30]}


@dataclass
class ParsedSms:
    short_code: str = ""
    numbers: list[tuple[str, int, bool]] = field(default_factory=list)  # (letter, value, explicit points)
    comments: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)
    place: str = ""
    gender: str = ""
    age: int | None = None
    consent: bool = False
    problems: list[Problem] = field(default_factory=list)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u200b", " ")


def parse(text: str) -> ParsedSms:
    """Read a message. Never raises; problems are listed in the result."""
    parsed = ParsedSms()
    if not isinstance(text, str):
        text = ""
    if len(text) > MAX_TEXT:
        parsed.problems.append(Problem("too_long"))
        return parsed
    text = _normalise(text)
    head, _slash, rest = text.partition("/")
    tokens = [t for t in _SEPARATORS.split(to_arabic_digits(head).upper()) if t]
    if not tokens and not rest.strip():
        parsed.problems.append(Problem("empty"))
        return parsed
    if len(tokens) >= 2 and tokens[0] == PREFIX and re.fullmatch("[0-9]{1,9}", tokens[1]):
        tokens[0:2] = [PREFIX + tokens[1]]  # "BC 7"
    if tokens and _CODE.match(tokens[0]):
        parsed.short_code = f"{PREFIX}{int(tokens[0][len(PREFIX) :])}"
        tokens = tokens[1:]
    else:
        parsed.problems.append(Problem("no_code"))
    seen: set[str] = set()

    def once(key: str, shown: str) -> bool:
        if key in seen:
            parsed.problems.append(Problem("twice", shown))
            return False
        seen.add(key)
        return True

    for token in tokens:
        if match := _ITEM.match(token):
            letter, star, number = match.groups()
            if once(f"n:{letter}:{star}", token):
                parsed.numbers.append((letter, int(number), bool(star)))
        elif match := _PLACE.match(token):
            if once("place", token):
                parsed.place = match.group(1)
        elif token in GENDERS:
            if once("gender", token):
                parsed.gender = GENDERS[token]
        elif token in CONSENT:
            parsed.consent = True
        elif _AGE.match(token):
            if once("age", token):
                age = int(token)
                if 1 <= age <= 120:
                    parsed.age = age
                else:
                    parsed.problems.append(Problem("age", token))
        else:
            parsed.problems.append(Problem("token", token[:30]))
    if _slash:
        for part in rest.split("/"):
            if not part.strip():
                continue
            match = _COMMENT.match(part.strip())
            if not match or match.group(1).upper() not in LETTERS:
                parsed.problems.append(Problem("comment_letter"))
                continue
            letter, comment = match.group(1).upper(), " ".join(match.group(2).split())
            if comment and once(f"c:{letter}", f"/{letter}"):
                parsed.comments.append((letter, comment))
    return parsed


def format_sms(parsed: ParsedSms) -> str:
    """The message that `parse` reads back as `parsed` (for tests, examples and the help page)."""
    parts = [parsed.short_code]
    parts += [f"{letter}{'*' if star else ''}{value}" for letter, value, star in parsed.numbers]
    if parsed.place:
        parts.append(f"#{parsed.place}")
    if parsed.gender:
        parts.append({"woman": "F", "man": "M", "other": "X"}[parsed.gender])
    if parsed.age is not None:
        parts.append(str(parsed.age))
    if parsed.consent:
        parts.append("OK")
    parts += [f"/{letter} {comment}" for letter, comment in parsed.comments]
    return " ".join(parts)


def message_key(message_id: str) -> str:
    """The idempotency key of the submission a gateway message carries: its id, hashed to a fixed size."""
    return "sms-" + hashlib.sha256(message_id.encode()).hexdigest()[:48]


def to_submission(
    parsed: ParsedSms, consultation: Consultation, items: list[BudgetItem], *, message_id: str = "",
    received_at: dt.datetime | None = None,
) -> tuple[SubmissionData, list[Problem]]:  # fmt: skip
    """The submission a parsed message describes, for this consultation's items (in their order): given
    when the gateway received it, keyed by its message id (`message_key`)."""
    problems: list[Problem] = []
    answers: dict[str, Answer] = {}

    def answer(letter: str) -> Answer | None:
        index = LETTERS.index(letter)
        if index >= len(items):
            problems.append(Problem("letter", letter))
            return None
        code = items[index].code
        return answers.setdefault(code, Answer(item_code=code))

    for letter, value, star in parsed.numbers:
        target = answer(letter)
        if target is None:
            continue
        if star or (consultation.asks_points and not consultation.asks_ranking):
            if not consultation.asks_points:
                problems.append(Problem("no_points", f"{letter}*{value}"))
            else:
                target.points = value
        elif consultation.asks_ranking:
            target.rank = value
        else:
            problems.append(Problem("no_numbers", f"{letter}{value}"))
    for letter, comment in parsed.comments:
        if not consultation.asks_comments:
            problems.append(Problem("no_comments"))
            break
        target = answer(letter)
        if target is not None:
            target.comment = comment
    data = SubmissionData(
        answers=list(answers.values()),
        gender=parsed.gender,
        age_band=age_band_of(parsed.age) if parsed.age is not None else "",
        place_code=parsed.place,
        consent=parsed.consent,
        captured_at=received_at,
        idempotency_key=message_key(message_id) if message_id else "",
    )
    return data, problems


# --- the gateway's request -----------------------------------------------------------------------------


class Refused(Exception):
    """The request is not from the gateway (or not well formed): `status` and a machine-readable `code`.
    Raised when the body cannot be read, and by the signature check (gateway.py)."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


@dataclass
class Inbound:
    message_id: str
    sender: str
    text: str
    received_at: dt.datetime


def read_body(body: bytes, now: dt.datetime) -> Inbound:
    if len(body) > MAX_BODY:
        raise Refused(413, "too_large", "The body is too large.")
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(400, "invalid", "The body is not JSON.") from exc
    if not isinstance(payload, dict):
        raise Refused(400, "invalid", "The body must be a JSON object.")
    message_id, sender, text = payload.get("message_id"), payload.get("from"), payload.get("text")
    if not isinstance(message_id, str | int) or not str(message_id).strip() or len(str(message_id)) > 200:
        raise Refused(400, "invalid", "message_id must be a string of at most 200 characters.")
    if not isinstance(sender, str) or not re.search(r"[0-9០-៩]", sender) or len(sender) > 40:
        raise Refused(400, "invalid", "from must be a phone number.")
    if not isinstance(text, str):
        raise Refused(400, "invalid", "text must be a string.")
    received_at = now
    raw = payload.get("received_at")
    if raw not in (None, ""):
        try:
            received_at = dt.datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
        except ValueError as exc:
            raise Refused(400, "invalid", "received_at must be an ISO 8601 date and time.") from exc
        if timezone.is_naive(received_at):
            received_at = received_at.replace(tzinfo=dt.UTC)
        received_at = min(received_at, now)
    return Inbound(str(message_id).strip(), sender, text, received_at)
