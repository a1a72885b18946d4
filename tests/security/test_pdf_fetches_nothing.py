"""Issue 11, finding 1 (high): the PDF renderer fetched any url(...) a document or stylesheet named, and
a meeting title with a carriage return or a form feed could close the page header's CSS string and add
rules of its own. Every PDF now renders through core.pdf: it loads the bundled font and nothing else,
and values put into CSS cannot leave their string."""

import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from weasyprint.urls import URLFetcher

from civicspace.core.fonts import FONT_PATH
from civicspace.core.pdf import bundled_path, css_string
from civicspace.dialogues.compose import compose_outcome
from civicspace.dialogues.outcome.pdf import render_pdf
from civicspace.dialogues.services import content_digest


class Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        Listener.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[str]:
    Listener.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL that reaches WeasyPrint's own fetching (after any fetcher of ours let it through)."""
    seen: list[str] = []
    real = URLFetcher.fetch

    def spy(self: Any, url: str, headers: Any = None) -> Any:
        seen.append(url)
        return real(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)
    return seen


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file://localhost/etc/shadow",
        FONT_PATH.parent.as_uri() + "/../../../../../../etc/passwd",
        FONT_PATH.as_uri() + "/../../../../../etc/hostname",
        "http://127.0.0.1/",
        "https://example.org/font.ttf",
        "ftp://example.org/x",
        "data:text/css,body{}",
        "file://example.org" + FONT_PATH.as_posix(),  # a remote host
    ],
)
def test_only_the_bundled_font_may_be_loaded(url: str) -> None:
    assert bundled_path(FONT_PATH.as_uri()) == FONT_PATH.resolve()
    assert bundled_path(url) is None


@pytest.mark.parametrize("line_break", ["\r", "\f", "\n", "\r\n", "\x0b", "\u2028"])
def test_no_text_leaves_its_css_string(line_break: str) -> None:
    value = css_string(f'Dialogue{line_break}"; }} @page {{ background: url(file:///etc/passwd) }} x {{ "')
    assert value.startswith('"') and value.endswith('"')
    inner = value[1:-1]
    assert not any(c in inner for c in "\r\n\f\x0b\u2028")
    assert '"' not in inner.replace('\\"', "")  # every quote inside is escaped


@pytest.mark.parametrize("line_break", ["\r", "\f"])
def test_a_meeting_title_cannot_make_the_outcome_pdf_fetch(
    meeting: Any, listener: str, fetched: list[str], tmp_path: Any, line_break: str
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the PDF")
    content = compose_outcome(meeting, version=1)
    # After the line break the old code's string ended; what follows was read as rules of the page's CSS.
    content["meeting"]["title_en"] = (
        f"Dialogue{line_break}; }} }} @page {{ background: url({listener}/ssrf) }} "
        f"html {{ background: url({secret.as_uri()}) }} x {{ y {{ content: "
    )
    meta = {
        "sha256": content_digest(content),
        "number": 1,
        "status": "draft",
        "adopted_at": None,
        "permalink": "",
    }
    pdf = render_pdf(content, "en", **meta)
    assert pdf.startswith(b"%PDF-")
    assert Listener.hits == []
    assert set(fetched) <= {FONT_PATH.as_uri()}, fetched
