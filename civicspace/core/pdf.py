"""Every PDF the project renders goes through here (WeasyPrint): the outcome documents, the consultation
reports, and the PDFs still to come.

Rendering fetches nothing from outside. WeasyPrint's own fetcher opens any `url(...)` a document or a
stylesheet names, `file://` and `http://` included, so a value that reached a stylesheet could make
the server read its own files or call other hosts. `BundledOnly` serves the Noto Sans Khmer file and
refuses every other URL (WeasyPrint then leaves the resource out and logs a warning). `css_string` makes
any text safe inside a CSS string: control characters (CSS treats \\n, \\r and \\f alike as line breaks,
which end a string) become spaces, and quotes, backslashes and `<` are escaped."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .fonts import FONT_FAMILY, FONT_PATH

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse

# The local files a PDF may load. Compared after resolving the path, so "../" cannot reach others.
BUNDLED = frozenset({FONT_PATH.resolve()})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class FetchRefused(ValueError):
    """A PDF named a resource that is not bundled with civicspace."""


def bundled_path(url: str) -> Path | None:
    """The bundled file that `url` names, or None (any other scheme, host or file)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    return path if path in BUNDLED else None


def url_fetcher() -> Any:
    """WeasyPrint's fetcher limited to the bundled files, for HTML(...) and CSS(...)."""
    from weasyprint.urls import URLFetcher

    class BundledOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if bundled_path(url) is None:
                raise FetchRefused(f"a PDF may only load the bundled font, not {url[:200]!r}")
            return super().fetch(url, headers)

    return BundledOnly(allowed_protocols={"file"}, allow_redirects=False)


def css_string(text: str) -> str:
    """A CSS string literal (for `content:`), safe for any text."""
    text = _CONTROL.sub(" ", text)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return f'"{escaped}"'


def font_face() -> str:
    """The @font-face rule of Noto Sans Khmer: one variable file for every weight (WeasyPrint 70 rejects
    ranges in @font-face descriptors, and Pango picks the bold instance from the file's weight axis)."""
    return f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{FONT_PATH.as_uri()}"); }}\n'


def font_config() -> Any:
    """A new WeasyPrint font configuration (the stylesheets of one document share it)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def stylesheet(css: str, font_config: Any) -> Any:
    """A WeasyPrint stylesheet from our own CSS, with the same fetcher."""
    from weasyprint import CSS

    return CSS(string=css, font_config=font_config, url_fetcher=url_fetcher())


def write_pdf(html: str, *, stylesheets: list[Any], font_config: Any) -> bytes:
    """The PDF of `html` (a document of ours, its values escaped by the templates) with `stylesheets`."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(FONT_PATH.parent), url_fetcher=url_fetcher())
    pdf = document.write_pdf(stylesheets=stylesheets, font_config=font_config)
    assert pdf is not None  # write_pdf without a target returns the bytes
    return pdf
