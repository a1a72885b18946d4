"""A minimal HTTP/1.1 client on http.client: keep-alive when the server allows it, raw (still
compressed) bodies, and a guard that it only ever talks to 127.0.0.1."""

import http.client
import time
from dataclasses import dataclass

from .common import HOST

# What a current browser sends; the server picks the encoding.
BROWSER_ENCODING = "gzip, deflate, br, zstd"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes  # as transferred: compressed if Content-Encoding says so, de-chunked
    seconds: float  # from sending the request to reading the last byte of the body
    reconnected: bool  # a new TCP connection was opened for this request

    @property
    def encoding(self) -> str:
        return self.headers.get("content-encoding", "identity") or "identity"


class Client:
    """One connection to the benchmark server, reopened transparently when the server closes it."""

    def __init__(self, port: int, *, timeout: float = 10.0) -> None:
        self.port = port
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> tuple[http.client.HTTPConnection, bool]:
        if self._conn is None or self._conn.sock is None:
            if self._conn is not None:
                self._conn.close()
            self._conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            self._conn.connect()
            return self._conn, True
        return self._conn, False

    def get(self, path: str, *, accept_encoding: str = BROWSER_ENCODING, lang: str = "en") -> Response:
        if not path.startswith("/"):
            raise ValueError(f"only paths on {HOST} are fetched, not {path!r}")
        headers = {
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Encoding": accept_encoding,
            "Accept-Language": "km,en;q=0.5" if lang == "km" else "en",
            "User-Agent": "civicspace-bench/1 (+benchmarks/run.py)",
        }
        for attempt in (1, 2):
            conn, reconnected = self._connection()
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection just before we reused it.
                self.close()
                if attempt == 2 or reconnected:
                    raise
                continue
            seconds = time.perf_counter() - start
            if resp.will_close:
                self.close()
            return Response(
                status=resp.status,
                headers={k.lower(): v for k, v in resp.getheaders()},
                body=body,
                seconds=seconds,
                reconnected=reconnected,
            )
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
