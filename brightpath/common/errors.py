"""One error shape for every 4xx/5xx answer of the API.

    {"error": {"code": "validation_error", "message": "...",
               "fields": {"children[0].section4.subjects[2].sessionDuration": ["..."]}}}

`fields` names each bad field by its path in the request body, so a client can
put the message beside the input that caused it.
"""

from http import HTTPStatus
from typing import Any

from django.http import JsonResponse


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
    """400: bad input. `fields` maps each bad field (by its path) to its messages;
    a message about the input as a whole is under "nonFieldErrors"."""

    default_message = "Some fields are invalid."
    default_code = "validation_error"

    def __init__(self, fields: dict[str, Any] | list | str, **extra: Any) -> None:
        if isinstance(fields, str):
            fields = [fields]
        self.fields = flatten_field_errors(fields)
        general = list(self.fields) == ["nonFieldErrors"]
        super().__init__(self.fields["nonFieldErrors"][0] if general else None, **extra)

    @property
    def body_fields(self) -> dict[str, list[str]] | None:
        """The fields the error body names: none when only the whole input is wrong."""
        return None if list(self.fields) == ["nonFieldErrors"] else self.fields


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


def status_code_name(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")


# The database cannot be reached (restarting, failing over, out of connections):
# the request is answered 503 with Retry-After rather than 500, and the next
# request reconnects (settings: CONN_HEALTH_CHECKS), so nothing needs restarting.
DATABASE_UNAVAILABLE_MESSAGE = "The service is briefly unavailable; try again in a few seconds."
# The header every such answer carries, API or page.
DATABASE_RETRY_AFTER = {"Retry-After": "5"}


# PostgreSQL's SQLSTATEs for a server going away: class 08 (connection exception) and
# the shutdowns of class 57 (a restart, a crash, a server still starting). Other
# OperationalErrors (a deadlock, a statement timeout, a missing table) are faults of
# the request, answered 500 as before. SQLite's busy and locked mean "try again".
_UNREACHABLE_SQLSTATES = ("57P01", "57P02", "57P03")
_RETRYABLE_SQLITE = ("SQLITE_BUSY", "SQLITE_LOCKED")


def is_database_unavailable(exc: BaseException | None) -> bool:
    from django.db import InterfaceError, OperationalError

    if isinstance(exc, InterfaceError):  # the connection is closed
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if (name := getattr(cause, "sqlite_errorname", None)) is not None:
        return name in _RETRYABLE_SQLITE
    state = getattr(cause, "sqlstate", None)
    # No SQLSTATE: the client never reached a server (refused, timed out, reset).
    return state is None or state.startswith("08") or state in _UNREACHABLE_SQLSTATES


def database_unavailable_body(request_id: str = "") -> dict:
    """The error shape of a 503 for a database out of reach, with the request's
    id to quote (as a 500's)."""
    body = error_body("service_unavailable", DATABASE_UNAVAILABLE_MESSAGE)
    body["error"]["requestId"] = request_id
    return body
