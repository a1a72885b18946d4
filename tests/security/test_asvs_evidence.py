"""Evidence for docs/security/asvs-l2.md: properties that configuration or a library gives and that no other
test checked. Each test names the ASVS 5.0.0 requirements it shows; the document cites it by name."""

import ast
import base64
import importlib
import io
import re
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import InvalidToken
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path
from rest_framework.test import APIClient

from civicspace.core import crypto
from conftest import TOTP_SECRET, World
from tests.second_factor import PERIOD, fresh_totp, totp
from tests.tokens import api_token_for

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "/en/accounts/login/"
PASSWORD = "a-long-test-password"  # the world fixture's password
FERNET_KEY = "Y2hlY2stb25seS1kdW1teS1rZXktbm90LXNlY3JldCE="  # the dummy key `make check` uses


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """config/settings/production.py as it loads with the required environment (and nothing else)."""
    monkeypatch.setenv("SECRET_KEY", "s" * 60)
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", FERNET_KEY)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "TRUSTED_PROXY_COUNT", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    sys.modules.pop("config.settings.production", None)
    try:
        yield importlib.import_module("config.settings.production")
    finally:
        sys.modules.pop("config.settings.production", None)


SECURITY_SETTINGS = (
    "SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE", "CSRF_COOKIE_NAME", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE", "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
)  # fmt: skip


def as_production(prod: ModuleType, names: tuple[str, ...] = SECURITY_SETTINGS) -> Any:
    """The production values of the security settings, for a test that makes requests. (Not the password
    hashers: the world's passwords were stored with the test settings' fast hasher.)"""
    return override_settings(**{name: getattr(prod, name) for name in names})


# --- V3.3, V3.4, V4.1, V7.3, V11.4, V13.4: the production settings --------------------------------------


def test_production_settings(production: ModuleType) -> None:
    """V3.3.1-3.3.4, V3.4.1, V7.3.1-7.3.2, V11.4.2, V13.4.2, V16.2.3 (one log destination: stderr)."""
    prod = production
    assert prod.DEBUG is False
    assert prod.SESSION_COOKIE_NAME == "__Host-sessionid" and prod.CSRF_COOKIE_NAME == "__Host-csrftoken"
    assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE
    assert prod.SESSION_COOKIE_HTTPONLY and prod.CSRF_COOKIE_HTTPONLY
    assert prod.SESSION_COOKIE_SAMESITE == prod.CSRF_COOKIE_SAMESITE == "Lax"
    assert prod.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert not getattr(prod, "SESSION_SAVE_EVERY_REQUEST", False)  # no sliding (inactivity) expiry
    assert prod.SECURE_HSTS_SECONDS >= 365 * 24 * 60 * 60 and prod.SECURE_HSTS_INCLUDE_SUBDOMAINS
    assert prod.SECURE_SSL_REDIRECT and prod.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert prod.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.ScryptPasswordHasher"
    assert prod.DEMO_ACCOUNTS_ALLOWED is False
    assert set(prod.LOGGING["handlers"]) == {"console"} and prod.LOGGING["root"]["level"] == "WARNING"


def test_production_cookies_on_the_wire(production: ModuleType, world: World) -> None:
    """V3.3.1-3.3.4: every cookie the login sets is Secure, HttpOnly, SameSite=Lax, host-only, path /;
    the session and CSRF cookies carry the __Host- prefix (Django's `messages` cookie has none)."""
    with as_production(production):
        client = Client()
        page = client.get(LOGIN, secure=True)
        response = client.post(LOGIN, {"login": "member@example.org", "password": PASSWORD}, secure=True)
    assert response.status_code == 302
    cookies = {**page.cookies, **response.cookies}
    assert {"__Host-sessionid", "__Host-csrftoken"} <= set(cookies)
    for name, morsel in cookies.items():
        assert morsel["secure"] and morsel["httponly"], name
        assert morsel["samesite"] == "Lax" and morsel["path"] == "/" and not morsel["domain"], name


def test_production_https_and_hsts(production: ModuleType, db: Any) -> None:
    """V3.4.1 (HSTS, one year, subdomains), V12.2.1 (HTTP is redirected), V4.1.2 (the API is redirected
    too, which ASVS 4.1.2 asks not to do: recorded as not met)."""
    with as_production(production):
        client = Client()
        page = client.get("/en/", secure=True)
        plain = client.get("/en/")
        api = client.get("/api/v1/organisations/")
    assert page.status_code == 200
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert api.status_code == 301 and api["Location"].startswith("https://")


def test_passwords_are_stored_with_scrypt(production: ModuleType, django_user_model: Any) -> None:
    """V11.4.2: with the production hashers a new password is stored as scrypt."""
    with as_production(production, ("PASSWORD_HASHERS",)):
        user = django_user_model.objects.create_user(email="hash@example.org", password="scrypt-please-123")
        assert user.password.startswith("scrypt$")
        assert user.check_password("scrypt-please-123")


# --- V3.4, V4.1: headers on every kind of response ------------------------------------------------------


def test_every_kind_of_response_has_the_browser_security_headers(client_for: Any, meeting: Any) -> None:
    """V3.4.3 (object-src 'none'; base-uri is 'self', not 'none'), V3.4.4 (nosniff), V3.4.5, V3.4.6
    (frame-ancestors 'none' everywhere), V3.7.1 (no plugins), V14.2.3 (nothing from third parties)."""
    from civicspace.dialogues.services import outcome_version_create

    outcome_version_create(meeting=meeting, actor=None)
    client = client_for("anonymous")
    responses = {
        "page": client.get("/en/"),
        "api": client.get("/api/v1/organisations/"),
        "pdf": client.get("/en/dialogues/dialogue-2025/outcome/v1.pdf"),
        "csv": client.get("/en/recommendations/export.csv"),
        "not found": client.get("/en/no-such-page/"),
    }
    for kind, response in responses.items():
        csp = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
        assert directives["default-src"] == "'self'", kind
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'", kind
        assert directives["base-uri"] == "'self'", kind
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp, kind
        assert response["X-Content-Type-Options"] == "nosniff", kind
        assert response["X-Frame-Options"] == "DENY", kind
        assert response["Referrer-Policy"] == "same-origin", kind
    assert responses["page"]["Cross-Origin-Opener-Policy"] == "same-origin"
    assert responses["pdf"]["Content-Disposition"].startswith("attachment")
    assert responses["csv"]["Content-Disposition"].startswith("attachment")


def test_content_types_name_their_character_set(client: Any, world: World) -> None:
    """V4.1.1: text responses say UTF-8; JSON is application/json (UTF-8 by definition)."""
    assert client.get("/en/")["Content-Type"] == "text/html; charset=utf-8"
    assert client.get("/en/recommendations/export.csv")["Content-Type"] == "text/csv; charset=utf-8"
    assert client.get("/api/v1/organisations/")["Content-Type"] == "application/json"


def test_no_cross_origin_resource_sharing(client: Any, world: World) -> None:
    """V3.4.2: no Access-Control-Allow-Origin, whatever the Origin."""
    evil = {"HTTP_ORIGIN": "https://evil.example"}
    for response in (
        client.get("/api/v1/organisations/", **evil),
        client.options("/api/v1/organisations/", **evil, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"),
    ):
        assert "Access-Control-Allow-Origin" not in response
        assert "Access-Control-Allow-Credentials" not in response


# --- V1, V3.2: encoding, injection, dangerous functions ----------------------------------------------------


def test_stored_text_is_escaped_on_pages(client_for: Any, world: World) -> None:
    """V1.2.1, V1.1.2: a name with markup is shown as text on the directory list and the page."""
    from civicspace.organisations import services

    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>"'
    services.organisation_update(organisation=world.other, actor=None, name_en=payload)
    for url in ("/en/organisations/", f"/en/organisations/{world.other.slug}/"):
        html = client_for("anonymous").get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_regular_expressions_escape_names_from_the_directory() -> None:
    """V1.2.9: organisation names are escaped before they become patterns (the outcome importer)."""
    from civicspace.dialogues.importer.extraction import FoundOrganisation
    from civicspace.dialogues.importer.organisations import MentionFinder

    org = FoundOrganisation(name="Rights (Kh) + Co.*", acronym="R[K]", kind="cso")
    finder = MentionFinder([org])
    sentence = "We call on Rights (Kh) + Co.* and R[K] to act; RK and Rights KhCo are others."
    found = [sentence[m.pos : m.end] for m in finder.find(sentence)]
    assert found == ["Rights (Kh) + Co.*", "R[K]"]


APPLICATION_CODE = sorted(
    p for p in (ROOT / "civicspace").rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts
)
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "Template"}  # Template: built from a string
FORBIDDEN_MODULES = {"subprocess", "pickle", "marshal", "shelve", "dill", "yaml", "telnetlib", "ftplib"}
FORBIDDEN_ATTRIBUTES = {("os", "system"), ("os", "popen"), ("os", "spawnl"), ("os", "execv")}


def forbidden(source: str) -> list[str]:
    """Where `source` runs code from data, runs a shell, unpickles, or builds a template from a string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            found.append(f"{node.lineno}: {node.func.id}()")
        elif isinstance(node, ast.Attribute) and node.attr == "from_string":
            found.append(f"{node.lineno}: .from_string")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in FORBIDDEN_ATTRIBUTES:
                found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{node.lineno}: import {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES]
    return found


def test_no_dynamic_code_shell_or_unsafe_deserialisation_in_the_application() -> None:
    """V1.2.5 (no OS commands), V1.3.2 (no eval), V1.3.7 (no template built from a string), V1.5.2 (no
    pickle or YAML): read from the application's source."""
    sample = "import pickle\nfrom subprocess import run\neval(x)\nos.system(c)\nengines['d'].from_string(t)\n"
    assert len(forbidden(sample)) == 5  # the check itself finds what it looks for
    assert len(APPLICATION_CODE) > 100
    problems = [
        f"{file}:{p}" for file in APPLICATION_CODE for p in forbidden(file.read_text(encoding="utf-8"))
    ]
    assert not problems, problems


def test_our_javascript_writes_text_not_markup() -> None:
    """V3.2.2, V1.3.2: the offline capture's scripts set textContent, never HTML, and evaluate nothing."""
    scripts = sorted((ROOT / "civicspace").rglob("static/**/*.js"))
    assert scripts
    for script in scripts:
        source = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
            assert sink not in source, f"{script.name}: {sink}"


def xlsx_with_external_entity(target: Path) -> bytes:
    from openpyxl import Workbook

    workbook, buffer = Workbook(), io.BytesIO()
    workbook.active.append(["title", "note"])
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace(
                    "<worksheet",
                    f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{target.as_uri()}">]><worksheet',
                    1,
                )
                text = re.sub(
                    r"<sheetData>.*</sheetData>",
                    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>',
                    text,
                    flags=re.S,
                )
                data = text.encode()
            archive.writestr(item, data)
    return out.getvalue()


def test_spreadsheets_cannot_read_files_through_external_entities(tmp_path: Path) -> None:
    """V1.5.1: an XLSX whose sheet declares an external entity does not read the file it names."""
    from civicspace.core.imports.reading import read_rows
    from civicspace.core.uploads import SpreadsheetRules, UploadRejected

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    rules = SpreadsheetRules(max_bytes=1_000_000, max_uncompressed=10_000_000, too_big="too big")
    try:
        rows = list(read_rows(xlsx_with_external_entity(secret), "xlsx", rules))
    except UploadRejected:
        rows = []  # refused as damaged: also fine
    assert "TOP-SECRET-CONTENT" not in repr(rows)


def test_account_email_headers_cannot_be_injected(world: World) -> None:
    """V1.3.11: a line break in a subject cannot add a header (the message is refused, nothing is sent)."""
    from civicspace.core.tasks import enqueue_email

    mail.outbox.clear()
    enqueue_email(subject="Hello\r\nBcc: victim@example.org", body="b", to=["member@example.org"])
    assert mail.outbox == []  # the job failed on Django's BadHeaderError
    enqueue_email(subject="Hello", body="b", to=["member@example.org"])
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


# --- V5: files ---------------------------------------------------------------------------------------------


def test_stored_evidence_files_get_names_of_our_own(meeting: Any) -> None:
    """V5.3.2, V5.4.1: the uploaded name (with a traversal) is not used; the stored name is random."""
    from civicspace.recommendations import services
    from civicspace.recommendations.models import Evidence

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    ask = meeting.asks.get()
    upload = SimpleUploadedFile("../../../etc/cron.d/evil.pdf", pdf)
    services.progress_report(ask=ask, status="in_progress", actor=None,
                             evidence=[{"title": "x", "file": upload, "is_public": True}])  # fmt: skip
    stored = str(Evidence.objects.get().file.name)
    assert re.fullmatch(rf"evidence/{ask.pk}/[0-9a-f]{{32}}\.pdf", stored), stored


# --- V6: passwords and factors -----------------------------------------------------------------------------


def test_password_policy(world: World) -> None:
    """V6.2.1 (12 characters), V6.2.4 (common passwords refused), V6.2.5 (no character classes required,
    but an all-digit password is refused), V6.2.9 (long passphrases allowed)."""
    with pytest.raises(ValidationError):
        validate_password("eleven-char")  # 11 characters
    with pytest.raises(ValidationError):
        validate_password("password1234")  # on Django's list of 20,000 common passwords
    with pytest.raises(ValidationError):
        validate_password("4815162342108")  # all digits
    validate_password("correct horse battery staple")  # lower case and spaces only
    validate_password("ពាក្យសម្ងាត់វែងជាភាសាខ្មែរ")  # Khmer
    long_phrase = (
        "a passphrase of one hundred characters, which is far more than sixty-four of them " + "x" * 18
    )
    assert len(long_phrase) == 100
    validate_password(long_phrase)


def test_long_passwords_are_used_as_typed(client: Any, world: World) -> None:
    """V6.2.8, V6.2.9: a 100-character password works; changed case or a trailing space does not."""
    member = world.users["member"]
    long_password = "Long Passphrase " * 6 + "1234"
    member.set_password(long_password)
    member.save()
    for wrong in (long_password.lower(), long_password + " ", long_password[:64]):
        client.post(LOGIN, {"login": "member@example.org", "password": wrong})
        assert "_auth_user_id" not in client.session
    client.post(LOGIN, {"login": "member@example.org", "password": long_password})
    assert client.session["_auth_user_id"] == str(member.pk)
    cache.clear()  # the failed attempts count towards the login rate limit


def test_password_fields_are_masked_and_paste_friendly(client: Any, db: Any) -> None:
    """V6.2.6 (type=password), V6.2.7 (autocomplete for password managers, nothing blocks paste),
    V6.4.2 (sign-up asks for no hint or secret question)."""
    login = client.get(LOGIN).content.decode()
    signup = client.get("/en/accounts/signup/").content.decode()
    assert re.search(r'<input[^>]*type="password"[^>]*autocomplete="current-password"', login) or re.search(
        r'<input[^>]*autocomplete="current-password"[^>]*type="password"', login
    )
    assert signup.count('type="password"') == 2 and 'autocomplete="new-password"' in signup
    for page in (login, signup):
        assert "onpaste" not in page and "oncopy" not in page
    fields = set(re.findall(r'<(?:input|select|textarea)[^>]*name="([^"]+)"', signup))
    assert fields == {"csrfmiddlewaretoken", "email", "password1", "password2"}


def test_password_change_needs_the_current_password_and_ends_other_sessions(
    client_for: Any, world: World
) -> None:
    """V6.2.2, V6.2.3, V7.4.3 (other sessions end at once; there is no choice to keep them)."""
    other_device = Client()
    other_device.force_login(world.users["member"])
    client = client_for("member")
    url = "/en/accounts/password/change/"
    new = "a-brand-new-password-2"
    refused = client.post(url, {"oldpassword": "not-the-password", "password1": new, "password2": new})
    assert refused.status_code == 200 and not world.users["member"].__class__.objects.get(
        pk=world.users["member"].pk
    ).check_password(new)
    changed = client.post(url, {"oldpassword": PASSWORD, "password1": new, "password2": new})
    assert changed.status_code == 302
    assert client.get("/en/accounts/api-token/").status_code == 200  # this session goes on
    assert other_device.get("/en/accounts/api-token/").status_code == 302  # the other one is logged out


def test_a_totp_code_works_once_and_only_in_its_30_seconds(client: Any, world: World) -> None:
    """V6.5.1, V6.5.5: a code cannot be used twice, and last period's code is refused."""
    cache.clear()
    admin = world.users["admin"]
    code = fresh_totp(TOTP_SECRET, margin=5)  # current for the whole test
    previous = totp(TOTP_SECRET, time.time() - PERIOD)
    client.post(LOGIN, {"login": "admin@example.org", "password": PASSWORD})
    if previous != code:
        client.post("/en/accounts/2fa/authenticate/", {"code": previous})
        assert "_auth_user_id" not in client.session
    client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert client.session["_auth_user_id"] == str(admin.pk)
    client.post("/en/accounts/logout/")
    client.post(LOGIN, {"login": "admin@example.org", "password": PASSWORD})
    client.post("/en/accounts/2fa/authenticate/", {"code": code})
    assert "_auth_user_id" not in client.session  # the same code again
    cache.clear()


def test_recovery_codes_work_once(world: World) -> None:
    """V6.5.1, V6.5.4: ten 8-digit recovery codes, each usable once; the seed is stored encrypted."""
    codes = RecoveryCodes.activate(world.users["admin"])
    unused = codes.get_unused_codes()
    assert len(unused) == 10 and all(re.fullmatch(r"[0-9]{8}", c) for c in unused)
    assert codes.validate_code(unused[0]) and not codes.validate_code(unused[0])
    stored = Authenticator.objects.get(user=world.users["admin"], type=Authenticator.Type.RECOVERY_CODES)
    assert all(code not in str(stored.data) for code in unused)


def emailed_code() -> str:
    found = re.search(r"\b[A-Z]{4}-[A-Z]{4}\b", str(mail.outbox[-1].body))
    assert found
    return found.group(0)


def test_an_emailed_reauthentication_code_is_bound_to_its_session_and_to_three_tries(
    client_for: Any, world: World
) -> None:
    """V6.5.4 (8 letters of 20: 34 bits), V6.6.2 (another session of the same account cannot use it),
    V6.6.3 (three wrong tries end it). allauth offers this reauthentication to every account with a
    verified address (ACCOUNT_REAUTHENTICATION_METHODS, default)."""
    request, confirm = "/en/accounts/reauthenticate/code/", "/en/accounts/reauthenticate/code/confirm/"
    client = client_for("member")
    mail.outbox.clear()
    client.post(request, {"recipient": "member@example.org"})
    code = emailed_code()
    other = Client()
    other.force_login(world.users["member"])
    assert other.post(confirm, {"code": code})["Location"] == request  # not this session's code
    for _ in range(3):
        client.post(confirm, {"code": "BBBB-BBBB"})
    client.post(confirm, {"code": code})
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 302  # still not reauthenticated
    client.post(request, {"recipient": "member@example.org"})
    client.post(confirm, {"code": emailed_code()})
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 200  # a fresh code works


def test_a_password_reset_does_not_skip_the_second_factor(client: Any, world: World) -> None:
    """V6.4.3 (the reset logs nobody in; the next login asks for the TOTP code), V6.4.1 (the link works
    once), V14.2.1 (the key is moved out of the address at once)."""
    cache.clear()
    mail.outbox.clear()
    client.post("/en/accounts/password/reset/", {"email": "admin@example.org"})
    link = re.search(r"https?://[^/]+(/en/accounts/password/reset/key/\S+/)", str(mail.outbox[0].body))
    assert link
    form_url = client.get(link.group(1))["Location"]
    assert link.group(1).rstrip("/").rsplit("-", 1)[1] not in form_url  # V14.2.1: the key leaves the URL
    new = "a-reset-password-for-the-admin"
    assert client.post(form_url, {"password1": new, "password2": new}).status_code == 302
    assert "_auth_user_id" not in client.session
    again = client.get(link.group(1), follow=True)
    assert b"password1" not in again.content  # the used link no longer offers the form
    login = client.post(LOGIN, {"login": "admin@example.org", "password": new})
    assert login["Location"].endswith("/accounts/2fa/authenticate/") and "_auth_user_id" not in client.session
    cache.clear()


# --- V7: sessions -------------------------------------------------------------------------------------------


def test_login_makes_a_new_session_of_12_hours_with_a_logout_button(client: Any, world: World) -> None:
    """V7.2.3 (32 random characters), V7.2.4 (a new key at login), V7.3.2 (12 hours), V7.4.4 (log out on
    every page)."""
    before = client.session
    before["visited"] = True
    before.save()
    old_key = before.session_key
    client.post(LOGIN, {"login": "member@example.org", "password": PASSWORD})
    session = client.session
    assert session.session_key != old_key and not Session.objects.filter(session_key=old_key).exists()
    assert re.fullmatch(r"[a-z0-9]{32}", session.session_key or "")
    assert session.get_expiry_age() == 12 * 60 * 60
    page = client.get("/en/organisations/").content.decode()
    assert 'action="/en/accounts/logout/"' in page


def test_logout_ends_the_session_on_the_server(client_for: Any, world: World) -> None:
    """V7.2.1, V7.4.1: after logout the old session cookie is worth nothing."""
    client = client_for("member")
    key = client.session.session_key
    assert client.post("/en/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies["sessionid"] = key
    assert replay.get("/en/accounts/api-token/").status_code == 302  # sent to log in


def test_a_deactivated_account_loses_its_sessions_and_token(client_for: Any, world: World) -> None:
    """V7.4.2: switching an account off ends its browser session and its API token at the next request."""
    client = client_for("member")
    member = world.users["member"]
    token = api_token_for(member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/en/accounts/api-token/").status_code == 200
    assert api.get("/api/v1/organisations/").status_code == 200
    member.is_active = False
    member.save()
    assert client.get("/en/accounts/api-token/").status_code == 302
    assert api.get("/api/v1/organisations/").status_code == 401


def test_which_account_changes_ask_for_the_password_again(client_for: Any, world: World) -> None:
    """V7.5.1: setting up a second factor asks for reauthentication; adding an email address does not
    (recorded as partly met)."""
    from allauth.account.models import EmailAddress

    client = client_for("member")  # a session whose sign-in is not recent
    activate = client.get("/en/accounts/2fa/totp/activate/")
    assert activate.status_code == 302 and "reauthenticate" in activate["Location"]
    added = client.post("/en/accounts/email/", {"action_add": "", "email": "second@example.org"})
    assert added.status_code == 302
    assert EmailAddress.objects.filter(email="second@example.org", verified=False).exists()


def test_trace_is_not_echoed(client: Any, db: Any) -> None:
    """V13.4.4 (partly): Django answers TRACE like GET and never echoes the request back."""
    response = client.generic("TRACE", "/en/", HTTP_X_PROBE="echo-me-if-you-can")
    assert b"echo-me-if-you-can" not in response.content


# --- V4.1, V15.3: proxies and mass assignment ---------------------------------------------------------------


def test_the_client_address_comes_from_the_trusted_proxy(settings: Any) -> None:
    """V4.1.3, V15.3.4: an address the client puts into X-Forwarded-For does not change who it is."""
    from allauth.core.internal.httpkit import get_client_ip

    from civicspace.consultations.intake.limits import client_fingerprint

    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()
    honest = factory.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.1")
    forged = factory.get("/", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert get_client_ip(honest) == get_client_ip(forged) == "203.0.113.7"
    assert client_fingerprint(honest) == client_fingerprint(forged)


def test_read_only_fields_cannot_be_written_through_the_api(meeting: Any, world: World) -> None:
    """V15.3.3: a PATCH that names the status or the slug changes only the fields the action allows."""
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(world.users['secretariat'])}")
    body = {"title_en": "Renamed", "status": "outcome_adopted", "slug": "hijacked"}
    response = api.patch("/api/v1/meetings/dialogue-2025/", body, format="json")
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.status, meeting.slug) == ("Renamed", "held", "dialogue-2025")


# --- V11: cryptography -------------------------------------------------------------------------------------


def test_encrypted_fields_refuse_tampering(settings: Any) -> None:
    """V11.3.3: stored secrets use authenticated encryption (Fernet: AES-128-CBC with HMAC-SHA256)."""
    settings.FIELD_ENCRYPTION_KEYS = [FERNET_KEY]
    token = crypto.encrypt("totp-seed")
    raw = bytearray(base64.urlsafe_b64decode(token))
    raw[-40] ^= 1  # one bit of the ciphertext
    with pytest.raises(InvalidToken):
        crypto.decrypt(base64.urlsafe_b64encode(bytes(raw)).decode())


# --- V16: logging and errors -------------------------------------------------------------------------------


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("database password is hunter2")


urlpatterns = [path("boom/", boom)]


def test_an_unexpected_error_is_logged_and_answered_generically(
    db: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """V16.5.1 (no detail in the answer), V16.3.4 (the error is logged with its traceback)."""
    with override_settings(ROOT_URLCONF=__name__):
        response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert b"hunter2" not in response.content and b"Traceback" not in response.content
    [record] = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert record.exc_info and "hunter2" in str(record.exc_info[1])


def test_refused_requests_are_logged_without_forged_lines(
    client_for: Any, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """V16.3.2 (a 403 is logged, with the path but not the user), V16.4.1 (a line break in the path is
    escaped in the log)."""
    assert client_for("member").get("/en/audit/").status_code == 403
    assert client_for("anonymous").get("/en/no-such%0AFAKE-ENTRY/").status_code == 404
    messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert any(m.startswith("Forbidden") and "/en/audit/" in m for m in messages), messages
    [not_found] = [m for m in messages if "FAKE-ENTRY" in m]
    assert "\n" not in not_found and "\\n" in not_found
