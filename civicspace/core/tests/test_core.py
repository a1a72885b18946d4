import datetime as dt
from typing import Any

from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from civicspace.core.i18n import contains_khmer, search_document, search_terms, segment, to_khmer_digits
from civicspace.core.models import AuditEntry
from conftest import World


def render(source: str, **context: Any) -> str:
    return Template(source).render(Context(context))


def test_khmer_digits() -> None:
    assert to_khmer_digits("2021-06-02") == "២០២១-០៦-០២"
    with translation.override("km"):
        assert render("{{ n|digits }}", n=1652) == "១៦៥២"
    with translation.override("en"):
        assert render("{{ n|digits }}", n=1652) == "1652"


def test_dates_use_khmer_month_names_and_digits() -> None:
    day = dt.date(2021, 6, 2)
    with translation.override("km"):
        assert render("{{ d|localdate }}", d=day) == "២ ខែ មិថុនា ឆ្នាំ ២០២១"
    with translation.override("en"):
        assert render("{{ d|localdate }}", d=day) == "2 June 2021"


def test_bilingual_fields_fall_back() -> None:
    class Thing:
        name_en, name_km = "Forum", ""

    with translation.override("km"):
        assert render('{{ t|tr:"name" }}', t=Thing()) == "Forum"


def test_segmentation_splits_khmer_words() -> None:
    assert segment("អង្គការសង្គមស៊ីវិល") == ["អង្គការ", "សង្គម", "ស៊ីវិល"]
    assert search_terms("NGO Forum ថវិកា ២០២១") == ["ngo", "forum", "ថវិកា", "2021"]
    assert search_document("Rights", "សិទ្ធិមនុស្ស") == " rights សិទ្ធិ មនុស្ស "


@given(st.text())
def test_segmentation_never_loses_khmer_letters(text: str) -> None:
    words = segment(text)
    assert all(w.strip() for w in words)
    khmer_in = "".join(c for c in text if contains_khmer(c))
    khmer_out = "".join(c for w in words for c in w if contains_khmer(c))
    # The segmenter splits runs but never drops or invents Khmer characters (NFC-normalised input).
    import unicodedata

    assert (
        khmer_out == "".join(c for c in unicodedata.normalize("NFC", text) if contains_khmer(c))
        or not khmer_in
    )


@given(st.text(alphabet=st.characters(min_codepoint=0x1780, max_codepoint=0x17FF), max_size=40))
def test_khmer_query_terms_are_found_in_their_own_document(text: str) -> None:
    doc = search_document(text)
    assert all(f"{t}" in doc for t in search_terms(text))


def test_security_headers(client: Any, db: Any) -> None:
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_root_redirects_by_browser_language(client: Any, db: Any) -> None:
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="km,en;q=0.5")["Location"] == "/km/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/"


def test_language_switcher_links_to_the_same_page(client: Any, db: Any) -> None:
    page = client.get("/en/organisations/?kind=cso").content.decode()
    assert 'href="/km/organisations/?kind=cso" lang="km"' in page and ">ខ្មែរ</a>" in page
    assert 'aria-current="page">English</a>' in page


def test_audit_log_page_is_for_admins(client_for: Any, world: World) -> None:
    assert AuditEntry.objects.exists()
    assert client_for("focal_point").get("/en/audit/").status_code == 403
    page = client_for("admin").get("/en/audit/?type=organisation")
    assert page.status_code == 200 and b"Own Organisation" in page.content


def test_healthz(client: Any, db: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_production_settings_require_a_strong_secret_and_https() -> None:
    import os
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings as s; " \
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.DEMO_ACCOUNTS_ALLOWED)"  # fmt: skip
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEMO_ACCOUNTS_ALLOWED": "true",
    }
    env.pop("SECRET_KEY", None)
    missing = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert missing.returncode != 0 and "SECRET_KEY" in missing.stderr
    env["SECRET_KEY"] = "k" * 60
    no_key = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert no_key.returncode != 0 and "FIELD_ENCRYPTION_KEYS" in no_key.stderr
    env["FIELD_ENCRYPTION_KEYS"] = "Y2hlY2stb25seS1kdW1teS1rZXktbm90LXNlY3JldCE="
    ok = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert ok.stdout.split() == ["True", "True", "True", "False"]
