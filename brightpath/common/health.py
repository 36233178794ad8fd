"""Liveness and readiness probes.

/healthz answers 200 while the process can serve. /readyz checks that the
database, the cache and the Celery broker answer, and names what failed.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from kombu import Connection

from .errors import error_response

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    cache.set("readyz:probe", "ok", timeout=5)
    if cache.get("readyz:probe") != "ok":
        raise RuntimeError("value written was not read back")


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # no broker: jobs run inline
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception as exc:  # any failure means not ready; say which
            logger.warning("readiness check failed", extra={"check": name, "error": str(exc)})
            results[name] = f"unreachable: {exc.__class__.__name__}: {exc}"
    failed = [name for name, outcome in results.items() if outcome.startswith("unreachable")]
    if failed:
        return error_response(
            503, "not_ready", f"Not ready: {', '.join(failed)} unreachable.", checks=results
        )
    return JsonResponse({"status": "ok", "checks": results})
