"""Every URL pattern, requested (GET) as every role, must answer with the status declared here.

A pattern without a declaration fails the test, so a new page cannot ship without someone deciding
who may see it. Unsafe methods are tested per view (test_views.py, test_api.py)."""

import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import civicspace
from conftest import ROLES
from tests.matrix import ADMIN, ANON, FOCAL, MEMBER, SECRETARIAT, UN, every, login_then

# Who may open the pages that change an organisation: its own focal points and admins.
OWN_ORG_EDIT = login_then(403, **{FOCAL: 200, ADMIN: 200})
# Pages for anonymous visitors only (allauth sends logged-in users on).
ANON_ONLY = {**every(302), ANON: 200}
# Pages for those who convene dialogues: the coalition secretariat and admins.
CONVENE = login_then(403, **{SECRETARIAT: 200, ADMIN: 200})
# Pages for the addressee of the sample ask (the UN agency's focal point) and admins.
ADDRESSEE = login_then(403, **{UN: 200, ADMIN: 200})

EXPECTED: dict[str, dict[str, int]] = {
    "root": every(302),
    "favicon": every(302),
    "healthz": every(200),
    "home": every(200),
    "audit-log": login_then(403, **{ADMIN: 200}),
    "admin-login-redirect": every(302),
    # directory
    "organisations:organisation-list": every(200),
    "organisations:organisation-popolo": every(200),
    "organisations:organisation-detail": every(200),
    "organisations:organisation-create": login_then(403, **{SECRETARIAT: 200, ADMIN: 200}),
    "organisations:organisation-update": OWN_ORG_EDIT,
    "organisations:organisation-members": OWN_ORG_EDIT,
    "organisations:organisation-contacts": OWN_ORG_EDIT,
    "organisations:membership-remove": every(405),
    "organisations:coalition-members": login_then(
        403, **{ADMIN: 200}
    ),  # a coalition nobody here is focal point of
    "organisations:coalition-member-remove": every(405),
    "organisations:contact-delete": every(405),
    # dialogues (the sample meeting is held and open; the member is a session's rapporteur)
    "dialogues:meeting-list": every(200),
    "dialogues:meeting-detail": every(200),
    "dialogues:meeting-create": CONVENE,
    "dialogues:meeting-update": CONVENE,
    "dialogues:meeting-status": every(405),
    "dialogues:import-upload": CONVENE,
    "dialogues:import-review": login_then(
        403, **{SECRETARIAT: 302, ADMIN: 302}
    ),  # no such upload: start again
    "dialogues:session-create": CONVENE,
    "dialogues:session-update": CONVENE,
    "dialogues:ask-capture": login_then(403, **{MEMBER: 200, SECRETARIAT: 200, ADMIN: 200}),
    "dialogues:ask-raise-again": every(405),
    "dialogues:participants": CONVENE,
    "dialogues:participant-remove": every(405),
    "dialogues:co-chairs": CONVENE,
    "dialogues:outcome-sections": CONVENE,
    "dialogues:outcome-section-edit": login_then(403, **{SECRETARIAT: 404, ADMIN: 404}),  # no such section
    "dialogues:outcome-draft": every(405),
    "dialogues:outcome-version": every(200),
    "dialogues:outcome-compare": every(404),  # version 1 has no previous version
    "dialogues:outcome-sign": every(405),
    "dialogues:outcome-download": every(200),
    # tracker (the sample ask: addressed to the UN agency, raised by the coalition)
    "recommendations:ask-list": every(200),
    "recommendations:ask-detail": every(200),
    "recommendations:dashboard": every(200),
    "recommendations:export": every(200),
    "recommendations:evidence-download": every(404),
    "recommendations:job-status": every(404),  # no such job
    "recommendations:ask-create": CONVENE,
    "recommendations:ask-update": CONVENE,
    "recommendations:ask-merge": CONVENE,
    "recommendations:assessment-create": CONVENE,  # curators, or members of the raising coalition
    "recommendations:moderation": CONVENE,
    "recommendations:comment-moderate": every(405),
    "recommendations:import-upload": CONVENE,
    "recommendations:import-status": every(404),  # no such import (job ids are random UUIDs)
    "recommendations:response-create": ADDRESSEE,
    "recommendations:commitment-create": ADDRESSEE,
    "recommendations:progress-create": ADDRESSEE,
    "recommendations:comment-create": login_then(403, **{MEMBER: 200, FOCAL: 200, SECRETARIAT: 200}),
    # API (reads are public)
    "api:api-root": every(200),
    "api:schema": every(200),
    "api:docs": every(200),
    "api:organisation-list": every(200),
    "api:organisation-detail": every(200),
    "api:organisation-popolo": every(200),
    "api:sector-list": every(200),
    "api:sector-detail": every(200),
    "api:meeting-list": every(200),
    "api:meeting-detail": every(200),
    "api:meeting-sessions": every(200),
    "api:meeting-participants": every(200),
    "api:meeting-outcomes": every(200),
    "api:meeting-outcome-detail": every(200),
    "api:ask-list": every(200),
    "api:ask-detail": every(200),
    "api:ask-responses": every(200),
    "api:ask-progress": every(200),
    "api:evidence-file": every(404),
    "api-token": login_then(200),
    # accounts (allauth)
    "account_login": ANON_ONLY,
    "account_signup": ANON_ONLY,
    "account_logout": login_then(200, **{ANON: 302}),
    "account_inactive": every(200),
    "account_reauthenticate": login_then(200),
    "account_request_reauthentication_code": login_then(200),
    "account_confirm_reauthentication_code": login_then(302),
    "account_email": login_then(200),
    "account_email_verification_sent": every(200),
    "account_change_password": login_then(200),
    "account_set_password": login_then(302),
    "account_reset_password": every(200),
    "account_reset_password_done": every(200),
    "account_reset_password_from_key": every(200),
    "account_reset_password_from_key_done": every(200),
    "account_confirm_login_code": every(302),
    "account_confirm_email": every(200),
    "mfa_index": login_then(200),
    "mfa_authenticate": every(302),
    # Every signed-in role here has TOTP: the member too, as a member of the consultation's organiser
    # (every role that writes or sees restricted data needs a second factor; conftest.client_for).
    "mfa_reauthenticate": login_then(200),
    # activating and deactivating a second factor needs a fresh login (reauthentication): 302
    "mfa_activate_totp": login_then(302),
    "mfa_deactivate_totp": login_then(302),
    "mfa_view_recovery_codes": login_then(404),
    "mfa_generate_recovery_codes": login_then(302),
    "mfa_download_recovery_codes": login_then(404),
    # security keys (WebAuthn): the list; adding, editing or removing one needs a fresh login first
    "mfa_list_webauthn": login_then(200),
    "mfa_add_webauthn": login_then(302),
    "mfa_reauthenticate_webauthn": login_then(302),
    "mfa_remove_webauthn": login_then(302),
    "mfa_edit_webauthn": login_then(302),
}

# Django's admin: only platform admins get in; everyone else is sent to the (two-factor) login.
ADMIN_SITE = login_then(302, **{ADMIN: 200})
ADMIN_EXPECTED_FOR_ADMIN = {200, 302, 404}  # object pages of a sample id may not exist, or redirect
# Read-only admin pages (audit log, records written only by services) refuse adding and deleting.
ADMIN_REFUSED_FOR_ADMIN = {
    "admin:autocomplete": 403,
    "admin:logout": 405,
    "admin:core_auditentry_add": 403,
    "admin:core_auditentry_delete": 403,
    "admin:django_tasks_database_dbtaskresult_add": 403,
    "admin:django_tasks_database_dbtaskresult_delete": 403,
    "admin:organisations_organisation_add": 403,
    "admin:organisations_organisation_delete": 403,
}

SAMPLE_VALUES = {"slug": "own", "pk": "1", "format": "json", "uidb36": "1", "key": "not-a-real-key",
                 "object_id": "1", "url": "no-such-page/", "app_label": "organisations",
                 "content_type_id": "1", "id": "1", "meeting_slug": "dialogue-2025", "order": "1",
                 "number": "1", "fmt": "pdf", "ask_pk": "ASKPK",
                 "job": "00000000-0000-4000-8000-000000000000"}  # fmt: skip
SAMPLE_OVERRIDES = {
    "api:sector-detail": {"slug": "health"},
    "organisations:coalition-members": {"slug": "coal"},
    "api:meeting-detail": {"slug": "dialogue-2025"},
    "recommendations:evidence-download": {"pk": "999999"},  # no such file
    "api:evidence-file": {"pk": "999999"},
    "recommendations:comment-moderate": {"pk": "999999"},  # no such comment
    "recommendations:export": {"fmt": "csv"},
    "api:ask-detail": {"pk": "ASKPK"},
}
MEETING_SLUG = "dialogue-2025"  # the `meeting` fixture


PREPARE: list[Any] = []  # the apps' `prepare(world)`: sample records for their URLs


def _app_declarations() -> None:
    """Merge the apps' own declarations (civicspace/<app>/tests/url_matrix.py)."""
    for app in pkgutil.iter_modules(civicspace.__path__):
        try:
            module = importlib.import_module(f"civicspace.{app.name}.tests.url_matrix")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"civicspace.{app.name}.tests", f"civicspace.{app.name}.tests.url_matrix"}:
                raise
            continue
        clash = set(module.EXPECTED) & set(EXPECTED)
        assert not clash, f"declared twice: {clash}"
        EXPECTED.update(module.EXPECTED)
        SAMPLE_OVERRIDES.update(getattr(module, "SAMPLE_OVERRIDES", {}))
        if hasattr(module, "prepare"):
            PREPARE.append(module.prepare)


_app_declarations()


def _walk(patterns: list[Any], prefix: str = "", ns: str | None = None) -> Iterator[tuple[str, str | None]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            child_ns = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _walk(p.url_patterns, prefix + str(p.pattern), child_ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (f"{ns}:{p.name}" if ns and p.name else p.name)


def _concrete(route: str, name: str | None) -> str:
    values = {**SAMPLE_VALUES, **SAMPLE_OVERRIDES.get(name or "", {})}
    if (name or "").startswith("dialogues:"):
        values["slug"] = MEETING_SLUG
    if (name or "").startswith("recommendations:") and "pk" not in SAMPLE_OVERRIDES.get(name or "", {}):
        values["pk"] = "ASKPK"  # the sample meeting's ask, replaced at run time
    route = route.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], route)  # regex groups first
    route = route.replace("<drf_format_suffix:format>", "." + values["format"])
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)
    return "/" + route


def _all_urls() -> list[tuple[str, str | None]]:
    return sorted({(_concrete(r, n), n) for r, n in _walk(get_resolver().url_patterns)}, key=lambda t: t[0])


URLS = _all_urls()


def test_every_url_pattern_has_a_declared_expectation() -> None:
    undeclared = [
        (path, name)
        for path, name in URLS
        if name not in EXPECTED and not path.startswith(("/en/admin/", "/km/admin/"))
    ]
    assert not undeclared, f"Declare who may open these URLs in tests/test_url_matrix.py: {undeclared}"
    unused = set(EXPECTED) - {name for _path, name in URLS}
    assert not unused, f"Declared but no longer routed: {unused}"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_as_every_role(role: str, client_for: Any, meeting: Any, world: Any) -> None:
    from civicspace.dialogues.services import outcome_version_create

    outcome_version_create(meeting=meeting, actor=None)  # version 1, a draft awaiting sign-off
    placeholders = {"ASKPK": str(meeting.asks.get().pk)}
    for prepare in PREPARE:
        placeholders.update(prepare(world) or {})  # e.g. {"ITEMPK": "7"}: ids differ between databases
    client = client_for(role)
    failures = []
    for path, name in URLS:
        is_admin_site = path.startswith(("/en/admin/", "/km/admin/")) and name != "admin-login-redirect"
        concrete = path
        for placeholder, value in placeholders.items():
            concrete = concrete.replace(placeholder, value)
        status = client.get(concrete).status_code
        if is_admin_site:
            if role != ADMIN:
                expected: Any = ADMIN_SITE[role]
            else:
                expected = ADMIN_REFUSED_FOR_ADMIN.get(name or "", ADMIN_EXPECTED_FOR_ADMIN)
            ok = status in expected if isinstance(expected, set) else status == expected
        else:
            expected = EXPECTED[name or ""][role]
            ok = status == expected
        if not ok:
            failures.append(f"{path} ({name}): got {status}, expected {expected}")
        if role != ANON and client.session.get("_auth_user_id") is None:
            client = client_for(role)  # a logout page ended the session: log in again for the next URL
    assert not failures, f"as {role}:\n" + "\n".join(failures)
