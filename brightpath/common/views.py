"""Django's error handlers: the JSON error shape for the API, pages for people."""

import sys

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.http import require_safe

from .errors import (
    DATABASE_RETRY_AFTER,
    DATABASE_UNAVAILABLE_MESSAGE,
    database_unavailable_body,
    error_response,
    is_database_unavailable,
)
from .middleware import wants_json


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_json(request):
        return error_response(400, "bad_request", "The request could not be understood.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_json(request):
        return error_response(403, "permission_denied", "You may not do this.")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_json(request):
        return error_response(404, "not_found", "Not found.")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it is at hand: a database
    # outage raised outside an API view (a page, the session middleware) is a 503 too.
    if is_database_unavailable(sys.exc_info()[1]):
        return _database_unavailable(request)
    if wants_json(request):
        return error_response(
            500,
            "server_error",
            "Something went wrong on our side. Quote the request id when you report it.",
            requestId=getattr(request, "request_id", ""),
        )
    return defaults.server_error(request)


def _database_unavailable(request: HttpRequest) -> HttpResponse:
    if wants_json(request):
        body = database_unavailable_body(getattr(request, "request_id", ""))
        return JsonResponse(body, status=503, headers=DATABASE_RETRY_AFTER)
    return HttpResponse(
        DATABASE_UNAVAILABLE_MESSAGE,
        status=503,
        content_type="text/plain; charset=utf-8",
        headers=DATABASE_RETRY_AFTER,
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (the error pages, a
    file opened from the API): the site's icon, under its hashed static name."""
    return HttpResponseRedirect(static("web/favicon.svg"))
