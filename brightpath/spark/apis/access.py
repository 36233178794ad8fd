"""Who may call which Spark endpoint: parents, and a child in "child mode".

A parent signs in on a shared tablet and hands it to a child by entering the
child's PIN (POST /api/spark/children/{id}/enter/); the session then holds
that child. While it does, only that child's own endpoints answer; the parent's
(consent, children, caps, flags, transcripts) answer 403 "child_mode" until a
grown-up leaves child mode with the account password. The rest of the site (the
Planner, the account, the admin) is closed too: spark/middleware.py. API
clients using a JWT have no session and are always the parent.
"""

from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from brightpath.common.errors import Forbidden
from brightpath.spark.models import Child, Conversation
from brightpath.spark.selectors.children import child_of
from brightpath.spark.selectors.conversations import conversation_get

SESSION_KEY = "spark_child_id"


def active_child_id(request) -> str | None:
    """The child whose view this session is in, or None for the parent."""
    session = getattr(request, "session", None)
    return session.get(SESSION_KEY) if session is not None else None


class ParentOnly(BasePermission):
    """Refuses while the session is in a child's view."""

    def has_permission(self, request: Request, view) -> bool:
        if active_child_id(request._request):
            raise Forbidden("A grown-up needs to leave the child's view first.", code="child_mode")
        return True


class ParentApi(APIView):
    """An endpoint for the signed-in parent only, never in a child's view."""

    permission_classes = [IsAuthenticated, ParentOnly]


def _own_child(request: Request, child_id) -> None:
    active = active_child_id(request._request)
    if active and str(child_id) != active:
        raise Forbidden("This is another child's space.", code="child_mode")


def child_for_request(request: Request, child_id) -> Child:
    """The child an endpoint acts for: the parent's own child, and in child mode
    only the child whose view this is (another child's id is a 403)."""
    child = child_of(user=request.user, child_id=child_id)
    _own_child(request, child.id)
    return child


def conversation_for_request(request: Request, conversation_id) -> Conversation:
    """A conversation of the parent's child; in child mode, only that child's own."""
    conversation = conversation_get(user=request.user, conversation_id=conversation_id)
    _own_child(request, conversation.child_id)
    return conversation
