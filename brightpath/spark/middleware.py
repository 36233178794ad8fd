"""Child mode covers the whole site, not only Spark.

While a session is in a child's view (spark/apis/access.py), the device is in a
child's hands: the Planner, the account, the parent's Spark pages, the admin
and every other API must not answer, whichever way the child finds them. This
middleware (after authentication in MIDDLEWARE) lets through only:

- the child's pages, under /spark/kids/;
- the child's own Spark API: children/<this child>/constellation|spark|
  conversations|progress, conversations/<id>/... (the view checks the
  conversation is this child's), and the way out (exit/, exit/code/);
- static files, and signing out.

Any other page redirects to the child's stars; any other API call is a 403
"child_mode" in the one error shape. API clients with a JWT have no session and
are never in child mode.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from brightpath.common.errors import error_response
from brightpath.common.middleware import wants_json

from .apis.access import SESSION_KEY

CHILD_PAGES = "/spark/kids/"
# The child's own API, by route name (namespace "spark"): those naming a child
# answer only for the child whose view this is.
CHILD_API = {"constellation", "spark_today", "conversations", "progress"}
CHILD_CONVERSATION_API = {"conversation", "conversation_messages", "conversation_end"}
WAY_OUT_API = {"exit", "exit_code"}
# Signing out (the web page and the API) ends the parent's session, child mode with it.
SIGN_OUT = {("web", "logout"), ("accounts", "logout")}
MESSAGE = "A grown-up needs to leave the child's view first."


class ChildModeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        child_id = self._active_child(request)
        if child_id is None or self._allowed(request.path_info, child_id):
            return self.get_response(request)
        if wants_json(request):
            return error_response(403, "child_mode", MESSAGE)
        return HttpResponseRedirect(_stars_url())

    @staticmethod
    def _active_child(request: HttpRequest) -> str | None:
        # Only a request that carries a session cookie can be in child mode: reading
        # the session of the others would mark every answer as varying by cookie.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        session = getattr(request, "session", None)
        return session.get(SESSION_KEY) if session is not None else None

    @staticmethod
    def _allowed(path: str, child_id: str) -> bool:
        if path.startswith(_static_prefix()) or path.startswith(CHILD_PAGES):
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        namespace, name = match.namespace, match.url_name
        if (namespace, name) in SIGN_OUT:
            return True
        if namespace != "spark":
            return False
        if name in CHILD_API:
            return str(match.kwargs.get("child_id")) == str(child_id)
        return name in CHILD_CONVERSATION_API or name in WAY_OUT_API


def _static_prefix() -> str:
    return "/" + settings.STATIC_URL.lstrip("/")


def _stars_url() -> str:
    try:
        return reverse("web:spark_child")
    except NoReverseMatch:  # an installation without the web pages
        return CHILD_PAGES
