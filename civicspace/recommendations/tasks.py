"""Background jobs of the tracker: the daily digest of overdue responses.

`send_overdue_digest` is run by `manage.py send_overdue_digest` (a cron job or systemd timer, see
docs/deploy.md). Emails go through `core.tasks.enqueue_email`, so their content is encrypted while
queued."""

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from civicspace.core.tasks import enqueue_email
from civicspace.organisations.models import Membership, Organisation

from . import selectors
from .models import Ask


def _base_url(base_url: str) -> str:
    """Where links in the email point: the argument, else the first concrete ALLOWED_HOSTS entry."""
    if base_url:
        return base_url.rstrip("/")
    hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h and "*" not in h]
    return f"https://{hosts[0]}" if hosts else ""


def _emails(role: str, organisation_ids: set[int] | None = None) -> dict[int, list[str]]:
    """Active users' emails with `role`, per organisation (sorted, without duplicates)."""
    memberships = Membership.objects.filter(role=role, user__is_active=True).exclude(user__email="")
    if organisation_ids is not None:
        memberships = memberships.filter(organisation_id__in=organisation_ids)
    found: dict[int, set[str]] = defaultdict(set)
    for org_id, email in memberships.values_list("organisation_id", "user__email"):
        found[org_id].add(email)
    return {org_id: sorted(emails) for org_id, emails in found.items()}


def _item(ask: Ask, base: str, today: Any) -> list[str]:
    assert ask.meeting is not None and ask.source_date is not None
    due = ask.source_date + dt.timedelta(days=ask.meeting.response_days)
    days = (today - due).days
    late = ngettext("%(days)d day late", "%(days)d days late", days) % {"days": days}
    lines = [
        f"- {ask.text_en or ask.text_km}",
        *([f"  {ask.text_km}"] if ask.text_en and ask.text_km else []),
        "  " + _("Raised at %(meeting)s on %(date)s; a response was due by %(due)s (%(late)s).")
        % {"meeting": ask.meeting.title_en or ask.meeting.title_km, "date": ask.source_date.isoformat(),
           "due": due.isoformat(), "late": late},
        f"  {base}{reverse('recommendations:ask-detail', kwargs={'pk': ask.pk})}",
    ]  # fmt: skip
    return lines


@task()
def send_overdue_digest(*, base_url: str = "") -> dict[str, int]:
    """Email one digest per addressee with overdue responses to its focal points, and one digest of
    everything overdue to the coalition secretariats. Returns what was sent."""
    today = timezone.localdate()
    overdue = selectors.overdue_responses(today=today)
    per_org: dict[int, list[Ask]] = defaultdict(list)
    orgs: dict[int, Organisation] = {}
    for ask, missing in overdue:
        for org in missing:
            per_org[org.pk].append(ask)
            orgs[org.pk] = org
    base = _base_url(base_url)
    sent = {"overdue_asks": len(overdue), "organisations": 0, "emails": 0, "without_focal_point": 0}
    with translation.override(settings.LANGUAGE_CODE):
        focal_points = _emails(Membership.Role.FOCAL_POINT, set(per_org))
        for org_id, asks in sorted(per_org.items(), key=lambda item: str(orgs[item[0]])):
            org = orgs[org_id]
            to = focal_points.get(org_id, [])
            if not to:
                sent["without_focal_point"] += 1
                continue
            lines = [
                _("Dear focal point of %(organisation)s,") % {"organisation": org},
                "",
                _("Civil society is waiting for your organisation's response to these asks:"),
                "",
            ]
            for ask in asks:
                lines += [*_item(ask, base, today), ""]
            lines.append(_("Please record your response on each ask's page, or through the API."))
            enqueue_email(
                subject=_("%(count)d asks are waiting for a response from %(organisation)s")
                % {"count": len(asks), "organisation": org},
                body="\n".join(lines),
                to=to,
            )
            sent["organisations"] += 1
            sent["emails"] += 1
        secretariats = sorted({e for emails in _emails(Membership.Role.SECRETARIAT).values() for e in emails})
        if overdue and secretariats:
            lines = [_("Responses overdue on %(date)s:") % {"date": today.isoformat()}, ""]
            for ask, missing in overdue:
                names = ", ".join(str(o) for o in missing)
                lines += [
                    *_item(ask, base, today),
                    "  " + _("Not answered by: %(names)s") % {"names": names},
                    "",
                ]
            enqueue_email(
                subject=_("Overdue responses: %(count)d asks") % {"count": len(overdue)},
                body="\n".join(lines),
                to=secretariats,
            )
            sent["emails"] += 1
    return sent
