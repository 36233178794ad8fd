"""Spark API: a parent's consent, profile and children, and child mode (enter and exit).

Every endpoint needs a signed-in parent; those marked ParentOnly also refuse
while the session is in a child's view (403 "child_mode"). Another parent's
child is a 404. PIN entries, leaving child mode and consent confirmations are
throttled per account (THROTTLE_SPARK_VERIFY).
"""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from brightpath.accounts.serializers import DetailSerializer
from brightpath.accounts.throttles import UserRateThrottle
from brightpath.common.errors import NotFound
from brightpath.spark.apis.access import (
    SESSION_KEY,
    ParentApi,
    active_child_id,
    child_for_request,
)
from brightpath.spark.selectors.children import child_of, children_of, spark_profile
from brightpath.spark.selectors.consent import SPARK_CONSENT_TYPES, consent_status
from brightpath.spark.serializers.children import (
    ChildEnterSerializer,
    ChildModeExitSerializer,
    ChildModeSerializer,
    ConsentGrantSerializer,
    ConsentStatusSerializer,
    SparkChildSerializer,
    SparkChildUpdateSerializer,
    SparkChildWriteSerializer,
    SparkProfileSerializer,
    SparkProfileUpdateSerializer,
)
from brightpath.spark.services import children as children_services
from brightpath.spark.services import consent as consent_services
from brightpath.spark.services.privacy import child_export

NOT_FOUND = OpenApiResponse(description="No such child, or another parent's.")
CHILD_MODE = OpenApiResponse(
    description='"child_mode": the session is in a child\'s view; a grown-up must leave it.'
)
NO_CONSENT = OpenApiResponse(
    description='"consent_required": the parent has not consented to Spark (or withdrew).'
)


class SparkVerifyThrottle(SimpleRateThrottle):
    """Guesses at a PIN, a password or an emailed code, counted per parent account at
    the rate the settings give now (THROTTLE_SPARK_VERIFY)."""

    scope = "spark_verify"

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view) -> str:
        ident = request.user.pk if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


THROTTLED = [UserRateThrottle, SparkVerifyThrottle]


def _client_ip(request: Request) -> str | None:
    """The client's address as the throttles see it (X-Forwarded-For per NUM_PROXIES)."""
    return BaseThrottle().get_ident(request) or None


# --- consent -------------------------------------------------------------------


class ConsentApi(ParentApi):
    def get_throttles(self):
        if self.request.method == "POST":
            return [throttle() for throttle in THROTTLED]
        return super().get_throttles()

    @extend_schema(
        summary="The parent's Spark consents (COPPA, and sharing with an outside model)",
        responses={200: ConsentStatusSerializer, 403: CHILD_MODE},
    )
    def get(self, request: Request) -> Response:
        return Response(ConsentStatusSerializer(consent_status(user=request.user)).data)

    @extend_schema(
        summary="Give consent, verified by the account password and a typed signature",
        description="`coppa` lets the parent's children use Spark; `data_sharing` (only "
        "after `coppa`) lets their messages go to an outside language model. Confirmed by "
        "the account password, or for an account without one the code emailed by "
        "POST consent/code/. A wrong password or code stores nothing. The parent gets an "
        "email confirming it and saying how to withdraw it.",
        request=ConsentGrantSerializer,
        responses={201: ConsentStatusSerializer, 403: CHILD_MODE},
    )
    def post(self, request: Request) -> Response:
        data = ConsentGrantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent_services.spark_consent_grant(
            user=request.user,
            consent_type=data.validated_data["type"],
            signature=data.validated_data["signature"],
            password=data.validated_data.get("password"),
            code=data.validated_data.get("code"),
            ip_address=_client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
        body = ConsentStatusSerializer(consent_status(user=request.user)).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Withdraw a consent",
        description="Withdrawing `coppa` also withdraws `data_sharing` and ends every open "
        "conversation of the parent's children at once: nothing more is collected. What "
        "is held already stays for 30 days (to read, download or delete); then, unless consent "
        "is given again, the children's profiles are deleted with everything about them.",
        parameters=[
            OpenApiParameter(
                "type",
                OpenApiTypes.STR,
                enum=list(SPARK_CONSENT_TYPES),
                required=True,
            )
        ],
        responses={200: ConsentStatusSerializer, 403: CHILD_MODE},
    )
    def delete(self, request: Request) -> Response:
        consent_services.spark_consent_revoke(
            user=request.user,
            consent_type=request.query_params.get("type", ""),
            ip_address=_client_ip(request),
        )
        return Response(ConsentStatusSerializer(consent_status(user=request.user)).data)


class ConsentCodeApi(ParentApi):
    throttle_classes = THROTTLED

    @extend_schema(
        summary="Email a 6-digit code to confirm consent (accounts without a password)",
        description="For an account made with Google sign-in. The code works once, for 15 "
        "minutes; five wrong tries void it. An account with a password gets a 400.",
        request=None,
        responses={202: DetailSerializer, 403: CHILD_MODE},
    )
    def post(self, request: Request) -> Response:
        consent_services.spark_consent_code_send(user=request.user)
        return Response(
            {"detail": "A code is on its way to your email."}, status=status.HTTP_202_ACCEPTED
        )


# --- the parent's profile ------------------------------------------------------


class ProfileApi(ParentApi):
    @extend_schema(summary="The parent's Spark profile", responses=SparkProfileSerializer)
    def get(self, request: Request) -> Response:
        return Response(SparkProfileSerializer(spark_profile(user=request.user)).data)

    @extend_schema(
        summary="Set the time zone the children's days, streaks and time caps follow",
        request=SparkProfileUpdateSerializer,
        responses={200: SparkProfileSerializer, 403: CHILD_MODE},
    )
    def patch(self, request: Request) -> Response:
        data = SparkProfileUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = children_services.spark_profile_update(
            user=request.user, timezone=data.validated_data["timezone"]
        )
        return Response(SparkProfileSerializer(profile).data)


# --- children ------------------------------------------------------------------


class ChildrenApi(ParentApi):
    @extend_schema(
        summary="The parent's Spark children (at most four), oldest profile first",
        responses={200: SparkChildSerializer(many=True), 403: CHILD_MODE},
    )
    def get(self, request: Request) -> Response:
        return Response(SparkChildSerializer(children_of(user=request.user), many=True).data)

    @extend_schema(
        summary="Add a child (needs the parent's consent; at most four)",
        description="The age group follows the birth date (4-14). The PIN (4 digits) "
        "switches a shared device to the child's view. A fifth child is a 409 \"too_many_"
        'children"; without consent, a 403 "consent_required".',
        request=SparkChildWriteSerializer,
        responses={
            201: SparkChildSerializer,
            403: NO_CONSENT,
            409: OpenApiResponse(description='"too_many_children"'),
        },
    )
    def post(self, request: Request) -> Response:
        data = SparkChildWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        child = children_services.child_create(parent=request.user, **data.validated_data)
        return Response(SparkChildSerializer(child).data, status=status.HTTP_201_CREATED)


class ChildApi(ParentApi):
    @extend_schema(
        summary="One child's profile",
        responses={200: SparkChildSerializer, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def get(self, request: Request, child_id) -> Response:
        return Response(SparkChildSerializer(child_of(user=request.user, child_id=child_id)).data)

    @extend_schema(
        summary="Change a child's profile, PIN or settings (daily time cap, bedtime)",
        description="Only the fields given change; in `settings`, only the keys given. A new "
        "PIN clears a lock.",
        request=SparkChildUpdateSerializer,
        responses={200: SparkChildSerializer, 403: NO_CONSENT, 404: NOT_FOUND},
    )
    def patch(self, request: Request, child_id) -> Response:
        child = child_of(user=request.user, child_id=child_id)
        data = SparkChildUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        child = children_services.child_update(child=child, **data.validated_data)
        return Response(SparkChildSerializer(child).data)

    @extend_schema(
        summary="Delete a child and everything about them",
        description="Conversations and their messages, progress, streak, rewards, daily "
        "activity and skill estimates are deleted with the profile. Cannot be undone; "
        "download the export first to keep a copy.",
        responses={204: None, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def delete(self, request: Request, child_id) -> Response:
        children_services.child_delete(child=child_of(user=request.user, child_id=child_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ChildExportApi(ParentApi):
    @extend_schema(
        summary="Everything Spark holds about a child, as a JSON download",
        description="Profile (without the PIN), the parent's consents, conversations with "
        "their messages, progress, streak, rewards, daily activity and skill estimates.",
        responses={200: OpenApiTypes.OBJECT, 403: CHILD_MODE, 404: NOT_FOUND},
    )
    def get(self, request: Request, child_id) -> Response:
        child = child_of(user=request.user, child_id=child_id)
        filename = f"spark-child-{child.pk}.json"
        return Response(
            child_export(child=child),
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


# --- child mode ----------------------------------------------------------------


class ChildEnterApi(APIView):
    throttle_classes = THROTTLED

    @extend_schema(
        summary="Switch this session to the child's view with the child's PIN",
        description='Five wrong PINs in a row lock it for 15 minutes (403 "pin_locked" with '
        "`retryAfter` seconds); a wrong PIN is a 400 naming `pin` with `attemptsLeft`. In "
        "child mode only this child's endpoints answer until a grown-up leaves it "
        "(POST exit/).",
        request=ChildEnterSerializer,
        responses={
            200: ChildModeSerializer,
            400: OpenApiResponse(description="Wrong PIN"),
            403: OpenApiResponse(description='"pin_locked", "consent_required" or "child_mode"'),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, child_id) -> Response:
        child = child_for_request(request, child_id)
        data = ChildEnterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        children_services.child_enter(child=child, pin=data.validated_data["pin"])
        session = request._request.session
        session.cycle_key()  # a new session id for the new privilege level
        session[SESSION_KEY] = str(child.pk)
        return Response(ChildModeSerializer({"child_mode": True, "child": child}).data)


class ExitApi(APIView):
    throttle_classes = THROTTLED

    @extend_schema(
        summary="Leave the child's view (a grown-up: the account password)",
        description="An account without a password confirms with a code from POST exit/code/. "
        "A wrong password or code is a 400 (with `attemptsLeft`) and the session stays in the "
        'child\'s view; five wrong in a row lock leaving for 15 minutes (403 "exit_locked" '
        "with `retryAfter` seconds) and email the parent.",
        request=ChildModeExitSerializer,
        responses={
            200: ChildModeSerializer,
            400: OpenApiResponse(description="Wrong password or code"),
            403: OpenApiResponse(description='"exit_locked"'),
        },
    )
    def post(self, request: Request) -> Response:
        data = ChildModeExitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        children_services.child_mode_exit(
            user=request.user,
            password=data.validated_data.get("password"),
            code=data.validated_data.get("code"),
            child=_child_in_view(request),
        )
        session = request._request.session
        if session.pop(SESSION_KEY, None) is not None:
            session.cycle_key()
        return Response(ChildModeSerializer({"child_mode": False, "child": None}).data)


def _child_in_view(request: Request):
    """The child whose view the session is in (None: none, or deleted meanwhile)."""
    child_id = active_child_id(request._request)
    if not child_id:
        return None
    try:
        return child_of(user=request.user, child_id=child_id)
    except NotFound:
        return None


class ExitCodeApi(APIView):
    throttle_classes = THROTTLED

    @extend_schema(
        summary="Email a code to leave the child's view (accounts without a password)",
        request=None,
        responses={202: DetailSerializer},
    )
    def post(self, request: Request) -> Response:
        consent_services.parent_code_send(user=request.user, purpose=consent_services.EXIT)
        return Response(
            {"detail": "A code is on its way to your email."}, status=status.HTTP_202_ACCEPTED
        )


urlpatterns = [
    path("consent/", ConsentApi.as_view(), name="consent"),
    path("consent/code/", ConsentCodeApi.as_view(), name="consent_code"),
    path("profile/", ProfileApi.as_view(), name="profile"),
    path("children/", ChildrenApi.as_view(), name="children"),
    path("children/<uuid:child_id>/", ChildApi.as_view(), name="child"),
    path("children/<uuid:child_id>/export/", ChildExportApi.as_view(), name="child_export"),
    path("children/<uuid:child_id>/enter/", ChildEnterApi.as_view(), name="child_enter"),
    path("exit/", ExitApi.as_view(), name="exit"),
    path("exit/code/", ExitCodeApi.as_view(), name="exit_code"),
]
