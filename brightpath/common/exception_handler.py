"""The API's exception handler: every error, the domain's and DRF's, in the one shape."""

import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import (
    DATABASE_RETRY_AFTER,
    DomainError,
    Unauthenticated,
    database_unavailable_body,
    error_body,
    flatten_field_errors,
    is_database_unavailable,
)

logger = logging.getLogger(__name__)


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF exception handler that renders every error in the one shape."""
    if isinstance(exc, DomainError):
        body = error_body(exc.code, exc.message, getattr(exc, "body_fields", None))
        body["error"].update(exc.extra)
        response = Response(body, status=exc.status_code)
        if isinstance(exc, Unauthenticated):
            _challenge(response, context)
        return response
    if is_database_unavailable(exc):
        logger.error("database unavailable; answered 503", exc_info=exc)
        request_id = getattr(context.get("request"), "request_id", "")
        body = database_unavailable_body(request_id)
        return Response(body, status=503, headers=DATABASE_RETRY_AFTER)
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


def _challenge(response: Response, context: dict) -> None:
    """A 401 names how to authenticate, as DRF does for its AuthenticationFailed:
    the view's WWW-Authenticate header; a view without one answers 403 instead."""
    view, request = context.get("view"), context.get("request")
    header = view.get_authenticate_header(request) if view is not None else None
    if header:
        response["WWW-Authenticate"] = header
    else:
        response.status_code = 403
