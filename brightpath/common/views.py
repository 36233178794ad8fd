"""Django's error handlers: the JSON error shape for the API, pages for people."""

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from .errors import error_response
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
    if wants_json(request):
        return error_response(
            500,
            "server_error",
            "Something went wrong on our side. Quote the request id when you report it.",
            requestId=getattr(request, "request_id", ""),
        )
    return defaults.server_error(request)
