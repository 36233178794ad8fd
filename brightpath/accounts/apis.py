from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from . import selectors, services, throttles
from .serializers import (
    AuthResultSerializer,
    DetailSerializer,
    GoogleAuthResultSerializer,
    GoogleSignInSerializer,
    LogoutSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetSerializer,
    PreferencesSerializer,
    RegisterSerializer,
    UserSerializer,
    UserUpdateSerializer,
)


class PublicAuthView(APIView):
    """Unauthenticated, throttled per client address (scope set by subclasses), in the
    same buckets as the web pages' forms (accounts.throttles)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [throttles.AddressRateThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        # With no authenticators DRF would turn AuthenticationFailed into 403.
        return 'Bearer realm="api"'


def _signed_in(request: Request, user) -> dict:
    user_logged_in.send(sender=user.__class__, request=request, user=user)  # sets last_login
    return {"user": UserSerializer(user).data, "tokens": services.tokens_for(user)}


class RegisterApi(PublicAuthView):
    throttle_scope = throttles.REGISTER

    @extend_schema(request=RegisterSerializer, responses={201: AuthResultSerializer})
    def post(self, request: Request) -> Response:
        data = RegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_register(**data.validated_data)
        return Response(_signed_in(request, user), status=status.HTTP_201_CREATED)


class LoginApi(PublicAuthView, TokenObtainPairView):
    """Email and password in; a JWT access token and a rotating refresh token out."""

    throttle_scope = throttles.LOGIN


class TokenRefreshApi(TokenRefreshView):
    """Exchange a refresh token for a new pair; the old refresh token is blacklisted."""

    authentication_classes: list = []
    permission_classes = [AllowAny]


class LogoutApi(APIView):
    @extend_schema(request=LogoutSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        data = LogoutSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_logout(refresh=data.validated_data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetApi(PublicAuthView):
    throttle_scope = throttles.PASSWORD_RESET

    @extend_schema(request=PasswordResetSerializer, responses={202: DetailSerializer})
    def post(self, request: Request) -> Response:
        data = PasswordResetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(
            email=data.validated_data["email"], base_url=request.build_absolute_uri("/")
        )
        return Response(
            {"detail": "If an account uses this email, a reset link is on its way."},
            status=status.HTTP_202_ACCEPTED,
        )


class PasswordResetConfirmApi(PublicAuthView):
    throttle_scope = throttles.PASSWORD_RESET

    @extend_schema(request=PasswordResetConfirmSerializer, responses={200: DetailSerializer})
    def post(self, request: Request) -> Response:
        data = PasswordResetConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(
            uid=data.validated_data["uid"],
            token=data.validated_data["token"],
            new_password=data.validated_data["newPassword"],
        )
        return Response({"detail": "Your password has been changed. Sign in again."})


class GoogleSignInApi(PublicAuthView):
    throttle_scope = throttles.GOOGLE

    @extend_schema(
        request=GoogleSignInSerializer,
        responses={200: GoogleAuthResultSerializer, 201: GoogleAuthResultSerializer},
    )
    def post(self, request: Request) -> Response:
        data = GoogleSignInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user, created = services.google_sign_in(credential=data.validated_data["credential"])
        body = {**_signed_in(request, user), "created": created}
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class MeApi(APIView):
    @extend_schema(responses=UserSerializer)
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(request.user).data)

    @extend_schema(request=UserUpdateSerializer, responses=UserSerializer)
    def patch(self, request: Request) -> Response:
        data = UserUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = services.user_update(user=request.user, **data.validated_data)
        return Response(UserSerializer(user).data)


class PreferencesApi(APIView):
    @extend_schema(responses=PreferencesSerializer)
    def get(self, request: Request) -> Response:
        return Response({"preferences": selectors.user_preferences(user=request.user)})

    @extend_schema(request=PreferencesSerializer, responses=PreferencesSerializer)
    def put(self, request: Request) -> Response:
        data = PreferencesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preferences = services.user_preferences_replace(
            user=request.user, preferences=data.validated_data["preferences"]
        )
        return Response({"preferences": preferences})
