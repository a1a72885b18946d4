"""The SMS/chat gateway webhook (docs/sms-gateway.md): the signature check, the JSON body, and what
happens to one inbound message — answered again from the log when the gateway resends it (its message
id), refused over the per-number rate limit, read by channels/sms.py, stored by the intake, and answered
in Khmer and English (or told what was wrong). The endpoint is api/channels.py; the gateway's body and
the message's syntax are read by channels/sms.py.

Signature: HMAC-SHA256 with the shared secret `SMS_WEBHOOK_SECRET` over `<timestamp>.<raw body>`, sent
as `X-Civicspace-Signature: sha256=<hex>` with `X-Civicspace-Timestamp: <unix seconds>`; the timestamp
must be within `MAX_SKEW` of the server's clock. Without a secret every request is refused.
The sender's number is kept only as a keyed hash (`sender_hash`), for the rate limit and duplicates."""

import datetime as dt
import hashlib
import hmac
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civicspace.core.i18n import to_arabic_digits

from . import intake
from .channels import sms
from .channels.sms import Inbound, Refused
from .models import Consultation, SmsMessage, Submission

MAX_SKEW = dt.timedelta(minutes=5)
MAX_PER_HOUR = 20  # messages from one number
SIGNATURE_HEADER = "HTTP_X_CIVICSPACE_SIGNATURE"
TIMESTAMP_HEADER = "HTTP_X_CIVICSPACE_TIMESTAMP"
LANGUAGES = ("km", "en")


def secret() -> str:
    return str(settings.SMS_WEBHOOK_SECRET)


def sign(body: bytes, timestamp: str, key: str) -> str:
    """The signature a gateway sends (also used by the tests and the docs' example)."""
    mac = hmac.new(key.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(*, body: bytes, timestamp: str, signature: str, now: dt.datetime) -> None:
    key = secret()
    if not key:
        raise Refused(503, "not_configured", "The SMS gateway webhook is not configured on this server.")
    if not re.fullmatch(r"[0-9]{1,12}", timestamp or ""):
        raise Refused(401, "bad_timestamp", "The timestamp header is missing or not a number of seconds.")
    expected = sign(body, timestamp, key)
    given = signature.strip()
    if not given.startswith("sha256="):
        given = "sha256=" + given
    if not hmac.compare_digest(expected.encode(), given.encode("utf-8", "replace")):
        raise Refused(401, "bad_signature", "The signature does not match.")
    # Seconds compared as numbers: a timestamp beyond the year 9999 is simply far from now.
    if abs(now.timestamp() - int(timestamp)) > MAX_SKEW.total_seconds():
        raise Refused(401, "stale", "The timestamp is more than 5 minutes away from the server's clock.")


def sender_hash(number: str) -> str:
    """A keyed hash of the sender's number (digits only), never the number itself."""
    digits = re.sub(r"[^0-9]", "", to_arabic_digits(number))
    key = hashlib.sha256(f"sms-sender:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()


def _in_both(build: Any) -> dict[str, str]:
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = build()
    return texts


def _reply(outcome: str, texts: dict[str, str], receipt: str = "", duplicate: bool = False) -> dict[str, Any]:
    return {"status": outcome, "receipt": receipt, "duplicate": duplicate,
            "reply": texts, "reply_text": "\n".join(texts[lang] for lang in LANGUAGES)}  # fmt: skip


def _rejection(messages: dict[str, list[str]], code: str) -> dict[str, Any]:
    def build_for(language: str) -> str:
        example = f"{code or 'BC7'} A1 B2 #12 F 25 OK"
        return _("Not recorded: %(problems)s Example: %(example)s") % {
            "problems": " ".join(messages[language][:3]),
            "example": example,
        }

    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = build_for(language)
    return _reply(SmsMessage.Outcome.REJECTED, texts)


def _acceptance(submission: Submission, code: str, duplicate: bool = False) -> dict[str, Any]:
    def build() -> str:
        return _("Thank you. Your input on %(code)s is recorded. Receipt number: %(receipt)s") % {
            "code": code,
            "receipt": submission.receipt,
        }

    return _reply(SmsMessage.Outcome.ACCEPTED, _in_both(build), submission.receipt, duplicate)


def handle(inbound: Inbound, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Process one message (or return the answer given to it before). Returns the JSON reply."""
    now = now or timezone.now()
    earlier = SmsMessage.objects.filter(message_id=inbound.message_id).first()
    if earlier is not None:
        return {**earlier.reply, "duplicate": True}
    sender = sender_hash(inbound.sender)
    try:
        with transaction.atomic():
            reply, consultation, submission = _process(inbound, sender, now)
            SmsMessage.objects.create(
                message_id=inbound.message_id, sender_hash=sender, received_at=inbound.received_at,
                outcome=reply["status"], consultation=consultation, submission=submission, reply=reply,
            )  # fmt: skip
    except IntegrityError:
        earlier = SmsMessage.objects.filter(message_id=inbound.message_id).first()
        if earlier is None:
            raise
        return {**earlier.reply, "duplicate": True}  # the same message, processed concurrently
    return reply


def _process(
    inbound: Inbound, sender: str, now: dt.datetime
) -> tuple[dict[str, Any], Consultation | None, Submission | None]:
    recent = SmsMessage.objects.filter(
        sender_hash=sender, created_at__gte=now - dt.timedelta(hours=1)
    ).count()
    if recent >= MAX_PER_HOUR:
        return _reply(SmsMessage.Outcome.REJECTED, _in_both(lambda: _("Too many messages from this number. Try again in an hour."))), None, None  # fmt: skip
    parsed = sms.parse(inbound.text)
    consultation = None
    if parsed.short_code:
        number = sms.consultation_id(parsed.short_code)
        if number is not None:
            consultation = (
                Consultation.objects.filter(pk=number).exclude(state=Consultation.State.DRAFT).first()
            )
        if consultation is None:
            parsed.problems.insert(0, sms.Problem("unknown_code", parsed.short_code))
    if consultation is None or parsed.problems:
        messages = _in_both_list(lambda: [p.message() for p in parsed.problems])
        return _rejection(messages, parsed.short_code if consultation else ""), consultation, None
    items = list(consultation.items.all())
    data, problems = sms.to_submission(
        parsed, consultation, items, message_id=inbound.message_id, received_at=inbound.received_at
    )
    if problems:
        return (
            _rejection(_in_both_list(lambda: [p.message() for p in problems]), parsed.short_code),
            consultation,
            None,
        )
    code = sms.short_code(consultation)
    try:
        submission, _created = intake.submission_create(
            consultation=consultation, data=data, channel=Submission.Channel.SMS, client_hash=sender,
            now=now, items={i.code: i for i in items},
        )  # fmt: skip
    except intake.DuplicateSubmission as exc:
        return _acceptance(exc.existing, code, duplicate=True), consultation, exc.existing
    except ValidationError:
        # Validate again in each language for the reply (validate() is pure: no queries but the places).
        places = intake.places_by_code([data.place_code])

        def errors() -> list[str]:
            found = intake.validate(consultation, data, items={i.code: i for i in items}, places=places,
                                    channel=Submission.Channel.SMS, now=now)  # fmt: skip
            return [m for messages in found.values() for m in messages] or [
                _("The input could not be recorded.")
            ]

        return _rejection(_in_both_list(errors), code), consultation, None
    return _acceptance(submission, code), consultation, submission


def _in_both_list(build: Any) -> dict[str, list[str]]:
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            found[language] = build()
    return found
