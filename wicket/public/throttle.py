"""A per-address fixed-window counter in Django's cache, against floods of anonymous submissions.

The address is hashed with the secret key before it is used as a key: no address is kept anywhere.
With several server processes the cache must be shared (e.g. a file-based or database cache); the
in-memory default counts per process.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """REMOTE_ADDR; behind N trusted reverse proxies (WICKET_PROXY_HOPS=N) the address they saw instead —
    otherwise every visitor would share the proxy's address and one flood would lock everyone out."""
    hops = int(getattr(settings, "WICKET_PROXY_HOPS", 0))
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, *, scope: str, limit: int, window_seconds: int = 3600) -> bool:
    """Count this request; False once the address has made more than `limit` in the current window."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()[:32]
    key = f"wicket:throttle:{scope}:{digest}:{int(time.time() // window_seconds)}"
    cache.add(key, 0, window_seconds + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds + 60)
        count = 1
    return count <= limit


def report_limit() -> int:
    return int(getattr(settings, "WICKET_PUBLIC_REPORT_LIMIT", 10))


def lookup_limit() -> int:
    return int(getattr(settings, "WICKET_PUBLIC_LOOKUP_LIMIT", 60))
