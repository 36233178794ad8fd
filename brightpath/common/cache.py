"""A Redis cache that degrades to "nothing cached" while Redis is down.

Django's RedisCache raises on a connection error, so with Redis stopped every
request that touches the cache answered 500: the sessions (cached_db), the
sign-in throttles, the status of a background task. The cache only accelerates:
the database holds every fact (sessions included), so here a failed read is a
miss, a failed write is skipped, and the failure is logged once per outage.

While Redis is down, calls do not try it again for OUTAGE_RETRY_SECONDS (an
option of the cache, default 5), so an outage costs a request nothing, even
when connecting would wait for its timeout. The first call after that tries
again, and the cache refills as requests read from the database.

A write or delete that failed leaves Redis holding an older value than the
database (a session signed out during the outage would be signed in again once
Redis returns). Those keys are remembered and deleted first when Redis answers
again; up to STALE_KEYS_KEPT of them per process, past which it is logged.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
STALE_KEYS_KEPT = 10_000


class _Outage:
    """One server's outage, shared by the process's threads (Django gives each
    thread its own cache object)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.stale: set[tuple[str, int | None]] = set()


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_of(server: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(server, _Outage())


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("OUTAGE_RETRY_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._outage = _outage_of(str(server))

    # --- the outage's state ---------------------------------------------------------

    def _available(self) -> bool:
        return time.monotonic() >= self._outage.down_until

    def _failed(self, operation: str, error: Exception) -> None:
        outage = self._outage
        with outage.lock:
            first = outage.down_until == 0.0
            outage.down_until = time.monotonic() + self.retry_after
        if first:
            logger.error(
                "cache unreachable; serving from the database",
                extra={"operation": operation, "error": f"{error.__class__.__name__}: {error}"},
            )

    def _answered(self) -> None:
        outage = self._outage
        if outage.down_until == 0.0:
            return
        with outage.lock:
            if outage.down_until == 0.0:
                return
            outage.down_until = 0.0
            stale, outage.stale = outage.stale, set()
        logger.warning("cache reachable again", extra={"stale_keys": len(stale)})
        for key, version in stale:
            try:
                super().delete(key, version=version)
            except UNREACHABLE as error:
                self._remember_stale([key], version)
                self._failed("delete", error)
                return

    def _remember_stale(self, keys, version) -> None:
        outage = self._outage
        with outage.lock:
            for key in keys:
                if len(outage.stale) >= STALE_KEYS_KEPT:
                    logger.error("too many cache keys left stale by the outage to track")
                    return
                outage.stale.add((key, version))

    def _call(self, operation: str, fallback, *args, stale_keys=None, version=None, **kwargs):
        if not self._available():
            if stale_keys is not None:
                self._remember_stale(stale_keys, version)
            return fallback
        try:
            result = getattr(super(), operation)(*args, version=version, **kwargs)
        except UNREACHABLE as error:
            if stale_keys is not None:
                self._remember_stale(stale_keys, version)
            self._failed(operation, error)
            return fallback
        self._answered()
        return result

    # --- the cache API --------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version=version, stale_keys=[key])

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = list(data)
        return self._call("set_many", keys, data, timeout, version=version, stale_keys=keys)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version, stale_keys=[key])

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._call("delete_many", None, keys, version=version, stale_keys=keys)

    def incr(self, key, delta=1, version=None):
        # A counter cannot be read while Redis is down: as for a missing key.
        result = self._call("incr", None, key, delta, version=version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")
        return result

    def clear(self):
        # Never silently: a flush that did not happen would leave every key stale.
        return super().clear()
