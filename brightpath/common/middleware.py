import re
import uuid

from django.http import HttpRequest, HttpResponse

from . import logging as request_logging
from .errors import error_response, status_code_name

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Give every request an id: the caller's X-Request-ID if sane, else a new one.

    The id is on every log line of the request (see common.logging) and is
    returned in the X-Request-ID header, so a support report can be traced.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_logging.request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_logging.request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or request.path in ("/healthz", "/readyz")


class ApiErrorShapeMiddleware:
    """Rewrite Django's own non-JSON error pages under /api/ into the error shape.

    DRF views already answer in the shape; this catches what happens outside
    them: an unknown URL, CSRF failures, a method refused by a plain view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and wants_json(request)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            shaped = error_response(
                response.status_code,
                status_code_name(response.status_code),
                response.reason_phrase,
            )
            for header in ("Allow", "Retry-After", "WWW-Authenticate"):
                if header in response:
                    shaped[header] = response[header]
            return shaped
        return response
