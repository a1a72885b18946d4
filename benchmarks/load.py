"""Server time: sequential GETs over one client connection, after a warm-up, bounded in count and time."""

import math
import statistics
import time
from dataclasses import dataclass

from .client import Client


@dataclass(frozen=True)
class Timing:
    key: str  # all, q_en, q_km, sector (as in the counts from benchmarks/seed.py), home
    label: str
    path: str
    requests: int  # measured requests that completed (excluding the warm-up)
    errors: int  # responses other than 200, and requests that failed
    median_ms: float
    p95_ms: float
    max_ms: float
    per_second: float  # completed requests / wall time of the measured loop
    body_bytes: int  # transferred body size of the last response
    reused_connections: int  # requests served on an already open (keep-alive) connection
    timed_out: bool  # the time bound stopped the loop early


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def time_requests(
    client: Client,
    key: str,
    label: str,
    path: str,
    *,
    lang: str,
    warmup: int,
    requests: int,
    max_seconds: float,
) -> Timing:
    for _ in range(warmup):
        client.get(path, lang=lang)
    samples: list[float] = []
    errors = reused = last_size = 0
    timed_out = False
    start = time.perf_counter()
    for _ in range(requests):
        if time.perf_counter() - start > max_seconds:
            timed_out = True
            break
        try:
            resp = client.get(path, lang=lang)
        except OSError:
            errors += 1
            client.close()
            continue
        if resp.status != 200:
            errors += 1
            continue
        samples.append(resp.seconds * 1000)
        reused += not resp.reconnected
        last_size = len(resp.body)
    wall = time.perf_counter() - start
    if not samples:
        raise RuntimeError(f"no successful request to {path} ({errors} errors)")
    return Timing(
        key=key,
        label=label,
        path=path,
        requests=len(samples),
        errors=errors,
        median_ms=statistics.median(samples),
        p95_ms=percentile(samples, 95),
        max_ms=max(samples),
        per_second=len(samples) / wall,
        body_bytes=last_size,
        reused_connections=reused,
        timed_out=timed_out,
    )
