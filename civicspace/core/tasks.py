"""Background jobs of the core app. Jobs are plain functions decorated with django-tasks' `@task`;
the database backend runs them in `manage.py db_worker` (ADR 0003)."""

import json

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from .crypto import decrypt, encrypt


def enqueue_email(*, subject: str, body: str, to: list[str], from_email: str | None = None) -> None:
    """Queue an email. Its content is encrypted, because queued jobs are stored in the database and
    account emails carry secrets (password-reset and confirmation links)."""
    payload = encrypt(json.dumps({"subject": subject, "body": body, "to": to, "from_email": from_email}))
    send_email.enqueue(payload=payload)


@task()
def send_email(*, payload: str) -> int:
    data = json.loads(decrypt(payload))
    message = EmailMultiAlternatives(
        subject=data["subject"], body=data["body"], to=data["to"], from_email=data["from_email"]
    )
    return message.send()
