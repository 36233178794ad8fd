from django.urls import path

from . import apis

app_name = "accounts"

urlpatterns = [
    path("auth/register/", apis.RegisterApi.as_view(), name="register"),
    path("auth/login/", apis.LoginApi.as_view(), name="login"),
    path("auth/token/refresh/", apis.TokenRefreshApi.as_view(), name="token_refresh"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="logout"),
    path("auth/password/reset/", apis.PasswordResetApi.as_view(), name="password_reset"),
    path(
        "auth/password/reset/confirm/",
        apis.PasswordResetConfirmApi.as_view(),
        name="password_reset_confirm",
    ),
    path("auth/google/", apis.GoogleSignInApi.as_view(), name="google"),
    path("users/me/", apis.MeApi.as_view(), name="me"),
    path("users/preferences/", apis.PreferencesApi.as_view(), name="preferences"),
]
