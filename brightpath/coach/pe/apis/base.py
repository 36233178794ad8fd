"""What every PE endpoint shares: signed-in teachers only, parsing, pages, references."""

import uuid
from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from brightpath.common.errors import Invalid, NotFound
from brightpath.common.pagination import PageNumberPagination

NOT_FOUND = OpenApiResponse(description="No such row, or another teacher's.")
CONFLICT = OpenApiResponse(
    description='"invalid_transition" (a status change the seed does not allow), or a '
    "state that forbids the change (the code says which)."
)


class PeApi(APIView):
    """A PE endpoint: any signed-in user is a teacher of their own classes and students."""

    permission_classes = [IsAuthenticated]


def parsed(serializer_class, request: Request, **kwargs) -> dict:
    """The request body parsed by `serializer_class` (a 400 naming the fields if not)."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def page(view: APIView, request: Request, rows, serializer_class) -> Response:
    paginator = PageNumberPagination()
    chunk = paginator.paginate_queryset(rows, request, view=view)
    return paginator.get_paginated_response(serializer_class(chunk, many=True).data)


def referenced(field: str, what: str, find: Callable[..., Any], **lookup) -> Any:
    """A row a request body names by id (one of the teacher's): a 400 naming the field
    when it is missing or someone else's, since the URL itself was found."""
    try:
        return find(**lookup)
    except NotFound:
        raise Invalid({field: [f"No such {what}."]}) from None


def optional_ref(field: str, what: str, find: Callable[..., Any], **lookup) -> Any:
    """Like `referenced`, for an optional id: None when the id (any lookup value) is None."""
    if any(value is None for value in lookup.values()):
        return None
    return referenced(field, what, find, **lookup)


def uuid_param(request: Request, name: str) -> uuid.UUID | None:
    """The id in ?name=, or None when absent; a 400 naming it when malformed."""
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Invalid({name: ["Not an id."]}) from None


def choice_param(request: Request, name: str, values: tuple[str, ...]) -> str | None:
    """The value of ?name= when it is one of `values`; a 400 naming it otherwise."""
    value = request.query_params.get(name)
    if not value:
        return None
    if value not in values:
        raise Invalid({name: [f"Choose one of: {', '.join(values)}."]})
    return value
