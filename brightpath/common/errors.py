"""One error shape for every 4xx/5xx answer of the API.

    {"error": {"code": "validation_error", "message": "...",
               "fields": {"children[0].section4.subjects[2].sessionDuration": ["..."]}}}

`fields` names each bad field by its path in the request body, so a client can
put the message beside the input that caused it.
"""

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class DomainError(Exception):
    """An error a service or selector raises; the API renders it in the one shape.

    Services and selectors raise these, never DRF's exceptions, so they can be
    called from a task, a command or a page as well as from an API view.
    """

    status_code = 400
    default_message = "The request could not be processed."
    default_code = "error"

    def __init__(self, message: str | None = None, *, code: str | None = None, **extra: Any):
        self.message = message or self.default_message
        self.code = code or self.default_code
        self.extra = extra  # added to the error body, e.g. the current state
        super().__init__(self.message)


class Invalid(DomainError):
    """400: bad input. `fields` maps each bad field (by its path) to its messages."""

    default_message = "Some fields are invalid."
    default_code = "validation_error"

    def __init__(self, fields: dict[str, Any] | str | None = None, **extra: Any) -> None:
        if isinstance(fields, str):
            fields = {"nonFieldErrors": [fields]}
        self.fields = flatten_field_errors(fields or {})
        general = list(self.fields) == ["nonFieldErrors"]
        super().__init__(self.fields["nonFieldErrors"][0] if general else None, **extra)
        if general:
            self.fields = {}


class Unauthenticated(DomainError):
    status_code = 401
    default_message = "Incorrect authentication credentials."
    default_code = "authentication_failed"


class Forbidden(DomainError):
    status_code = 403
    default_message = "You do not have permission to perform this action."
    default_code = "permission_denied"


class NotFound(DomainError):
    status_code = 404
    default_message = "Not found."
    default_code = "not_found"


class Conflict(DomainError):
    """409: the write lost a race or collides with existing state."""

    status_code = 409
    default_message = "The object was changed by someone else."
    default_code = "conflict"


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


def error_response(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    body = error_body(code, message)
    body["error"].update(extra)
    return JsonResponse(body, status=status)


def flatten_field_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error detail into {"a.b[0].c": ["message", ...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key == "non_field_errors":
                path = prefix
            elif isinstance(key, int):  # ListField/DictField child errors come keyed by index
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else key
            for sub_path, messages in flatten_field_errors(value, path).items():
                out.setdefault(sub_path, []).extend(messages)
    elif (
        isinstance(detail, list) and detail and all(not isinstance(d, dict | list) for d in detail)
    ):
        out[prefix or "nonFieldErrors"] = [str(d) for d in detail]
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if value in ({}, [], None):
                continue
            path = f"{prefix}[{index}]"
            for sub_path, messages in flatten_field_errors(value, path).items():
                out.setdefault(sub_path, []).extend(messages)
    else:
        out[prefix or "nonFieldErrors"] = [str(detail)]
    return out


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF exception handler that renders every error in the one shape."""
    if isinstance(exc, DomainError):
        body = error_body(exc.code, exc.message, getattr(exc, "fields", None))
        body["error"].update(exc.extra)
        return Response(body, status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected exception: Django's handler500 answers

    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_field_errors(exc.detail)
        only_general = list(fields) == ["nonFieldErrors"]
        message = fields["nonFieldErrors"][0] if only_general else "Some fields are invalid."
        response.data = error_body("validation_error", message, None if only_general else fields)
        return response

    detail = getattr(exc, "detail", "")
    if isinstance(detail, dict):  # simplejwt: {"detail": ..., "code": ..., "messages": [...]}
        code = str(detail.get("code", exc.default_code))
        message = str(detail.get("detail", HTTPStatus(response.status_code).phrase))
    else:
        code = getattr(detail, "code", None) or exc.default_code
        message = str(detail)
    response.data = error_body(code, message)
    return response


def status_code_name(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
