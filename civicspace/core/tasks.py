"""Background jobs of the core app. Jobs are plain functions decorated with django-tasks' `@task`;
the database backend runs them in `manage.py db_worker` (ADR 0003)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *, subject: str, body: str, to: list[str], html: str = "", from_email: str | None = None
) -> int:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
