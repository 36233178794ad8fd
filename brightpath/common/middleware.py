import re
import uuid

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

from . import logging as request_logging
from .errors import error_body, error_response, status_code_name
from .parsers import UNSTORABLE_RULE, UNSTORABLE_TEXT, is_storable, printable

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


class UnstorableTextMiddleware:
    """Keep text the database cannot store in a URL or a cookie from reaching a query.

    PostgreSQL refuses NUL characters with a 500: in the query string
    (`?search=%00`), in the path (a feed token) or in the session cookie (a quoted
    cookie value may spell NUL as \\000) they would reach one. A bad query
    parameter or path is a 400 (under /api/ in the one error shape, naming each
    bad parameter); a bad cookie, which the user cannot easily fix, is ignored as
    if it were not sent. Lone surrogates cannot arrive this way (Django decodes
    URLs with replacement) but are checked alike: the rule is the body parsers'
    (brightpath.common.parsers).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, value in list(request.COOKIES.items()):
            if not (is_storable(name) and is_storable(value)):
                del request.COOKIES[name]
        try:
            errors = self._errors(request)
        except TooManyFieldsSent as exc:
            return self._refuse(request, str(exc), None)
        if errors:
            return self._refuse(request, "The URL holds characters that are not accepted.", errors)
        return self.get_response(request)

    @staticmethod
    def _errors(request: HttpRequest) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        if not is_storable(request.path):
            errors["path"] = [f"The path {UNSTORABLE_RULE}"]
        for name, values in request.GET.lists():
            if not is_storable(name) or not all(is_storable(v) for v in values):
                errors[printable(name)] = [UNSTORABLE_TEXT]
        return errors

    @staticmethod
    def _refuse(request: HttpRequest, message: str, fields) -> HttpResponse:
        if not wants_json(request):
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return JsonResponse(error_body("validation_error", message, fields), status=400)


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
