"""Page weight on a first load: the HTML, then every same-origin stylesheet and script it references
(and stylesheets those @import), each counted as transferred — compressed bytes of the body."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .client import BROWSER_ENCODING, Client
from .common import BUDGET_BYTES, HOST

FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf", ".eot")
# Django's GZipMiddleware adds 0-100 random bytes to each response (against BREACH): keep the largest.
HTML_SAMPLES = 5
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""")


@dataclass(frozen=True)
class Resource:
    path: str
    kind: str  # html, css, js, font, other
    identity: int  # uncompressed bytes
    gzip: int  # bytes transferred when the client accepts only gzip
    browser: int  # bytes transferred when the client accepts gzip, deflate, br, zstd
    browser_encoding: str  # the encoding the server chose for that request


@dataclass
class PageWeight:
    label: str
    path: str
    status: int
    resources: list[Resource] = field(default_factory=list)
    excluded: list[Resource] = field(default_factory=list)  # fonts and images: not in the budget
    errors: list[str] = field(default_factory=list)  # referenced assets that could not be fetched

    def total(self, kind: str | None = None, *, encoding: str = "gzip") -> int:
        return sum(getattr(r, encoding) for r in self.resources if kind is None or r.kind == kind)

    @property
    def passes(self) -> bool:
        return self.status == 200 and not self.errors and self.total(encoding="gzip") <= BUDGET_BYTES


class PageError(Exception):
    def __init__(self, path: str, status: int) -> None:
        super().__init__(f"GET {path} returned {status}")
        self.path, self.status = path, status


class _AssetParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[tuple[str, str]] = []  # (kind, url)
        self.excluded: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link" and a.get("href"):
            if "stylesheet" in rel or ("preload" in rel and a.get("as") == "style"):
                self.assets.append(("css", a["href"]))
            elif "modulepreload" in rel or ("preload" in rel and a.get("as") == "script"):
                self.assets.append(("js", a["href"]))
            elif "preload" in rel and a.get("as") == "font":
                self.excluded.append(("font", a["href"]))
            elif "icon" in rel:
                self.excluded.append(("other", a["href"]))
        elif tag == "script" and a.get("src"):
            self.assets.append(("js", a["src"]))


def _same_origin_path(base_url: str, ref: str) -> str | None:
    url = urljoin(base_url, ref)
    parts = urlsplit(url)
    if parts.netloc != urlsplit(base_url).netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _measure(client: Client, path: str, kind: str, *, samples: int = 1) -> tuple[Resource, bytes]:
    plain = client.get(path, accept_encoding="identity")
    if plain.status != 200:
        raise PageError(path, plain.status)
    gz = max(len(client.get(path, accept_encoding="gzip").body) for _ in range(samples))
    browser = [client.get(path, accept_encoding=BROWSER_ENCODING) for _ in range(samples)]
    biggest = max(browser, key=lambda r: len(r.body))
    chosen = len(biggest.body)
    if biggest.encoding == "gzip":  # the same encoding: the two differ only by the random padding
        gz = chosen = max(gz, chosen)
    resource = Resource(
        path=path,
        kind=kind,
        identity=len(plain.body),
        gzip=gz,
        browser=chosen,
        browser_encoding=biggest.encoding,
    )
    return resource, plain.body


def page_weight(client: Client, label: str, path: str) -> PageWeight:
    base_url = f"http://{HOST}:{client.port}{path}"
    try:
        html, html_body = _measure(client, path, "html", samples=HTML_SAMPLES)
    except PageError as exc:
        return PageWeight(label=label, path=path, status=exc.status)
    page = PageWeight(label=label, path=path, status=200, resources=[html])
    parser = _AssetParser()
    parser.feed(html_body.decode("utf-8", "replace"))
    seen: set[str] = {path}
    queue = [(kind, base_url, ref) for kind, ref in parser.assets]
    excluded = [(kind, base_url, ref) for kind, ref in parser.excluded]
    while queue:
        kind, base, ref = queue.pop(0)
        asset_path = _same_origin_path(base, ref)
        if asset_path is None or asset_path in seen:
            continue
        seen.add(asset_path)
        try:
            resource, body = _measure(client, asset_path, kind)
        except PageError as exc:
            page.errors.append(str(exc))
            continue
        page.resources.append(resource)
        if kind == "css":
            asset_url = urljoin(base, ref)
            text = body.decode("utf-8", "replace")
            imports = _CSS_IMPORT.findall(text)
            queue.extend(("css", asset_url, m) for m in imports)
            for m in _CSS_URL.findall(text):
                if m.startswith("data:") or m in imports:
                    continue
                is_font = urlsplit(m).path.lower().endswith(FONT_EXTENSIONS)
                excluded.append(("font" if is_font else "other", asset_url, m))
    for kind, base, ref in excluded:
        asset_path = _same_origin_path(base, ref)
        if asset_path is None or asset_path in seen:
            continue
        seen.add(asset_path)
        try:
            page.excluded.append(_measure(client, asset_path, kind)[0])
        except PageError as exc:
            page.errors.append(str(exc))
    return page
