"""The account pages: sign up, sign in, sign out, and the password reset by email.
Each form calls the same service as the API and counts against the same
per-address limits."""

import math

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse, reverse_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from brightpath.accounts import services, throttles
from brightpath.accounts.selectors import user_for_reset_link
from brightpath.common.errors import Invalid, Unauthenticated

from .. import forms
from .common import add_service_errors


def _wait_text(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minutes"


class ThrottledFormMixin:
    """Each submission of the form counts against the per-address limit of its
    door (`throttle_scope`), in the same bucket as the API's (accounts.throttles).
    Past the limit the form is not looked at: the page answers 429 with
    Retry-After and says how long to wait."""

    throttle_scope: str

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        wait = throttles.attempt_wait(request, scope=self.throttle_scope)
        if wait is not None:
            return self.throttled(wait)
        return super().post(request, *args, **kwargs)

    def throttled(self, wait: int) -> HttpResponse:
        form_class = self.get_form_class()
        kwargs = {k: v for k, v in self.get_form_kwargs().items() if k not in ("data", "files")}
        kwargs["initial"] = {  # keep what was typed, except passwords
            name: self.request.POST.get(name, "")
            for name, field in form_class.base_fields.items()
            if not isinstance(field.widget, django_forms.PasswordInput)
        }
        message = (
            "Too many attempts from your network in a short time. "
            f"Please wait {_wait_text(wait)} and try again."
        )
        context = self.get_context_data(form=form_class(**kwargs), throttled=message)
        response = self.render_to_response(context, status=429)
        response["Retry-After"] = str(wait)
        return response


class GoogleButtonMixin:
    """The "Sign in with Google" button, when the deployment has a Google client."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.GOOGLE_CLIENT_ID:
            context["google_client_id"] = settings.GOOGLE_CLIENT_ID
            context["google_login_uri"] = self.request.build_absolute_uri(
                reverse("web:google_sign_in")
            )
        return context


class LoginView(GoogleButtonMixin, ThrottledFormMixin, auth_views.LoginView):
    throttle_scope = throttles.LOGIN
    template_name = "web/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class SignupView(GoogleButtonMixin, ThrottledFormMixin, FormView):
    throttle_scope = throttles.REGISTER
    template_name = "web/signup.html"
    form_class = forms.SignupForm

    def form_valid(self, form):
        try:
            user = services.user_register(**form.cleaned_data)
        except Invalid as error:
            add_service_errors(form, error, {"email": "email", "password": "password"})
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome to BrightPath, {user.get_short_name()}!")
        return redirect("web:onboarding")


class PasswordResetView(ThrottledFormMixin, FormView):
    throttle_scope = throttles.PASSWORD_RESET
    template_name = "web/password_reset.html"
    form_class = forms.PasswordResetRequestForm

    def form_valid(self, form):
        services.password_reset_request(
            email=form.cleaned_data["email"], base_url=self.request.build_absolute_uri("/")
        )
        return render(self.request, "web/password_reset_sent.html")


class PasswordResetConfirmView(ThrottledFormMixin, FormView):
    throttle_scope = throttles.PASSWORD_RESET
    template_name = "web/password_reset_confirm.html"
    form_class = forms.PasswordResetConfirmForm
    success_url = reverse_lazy("web:login")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link_valid"] = (
            user_for_reset_link(uid=self.kwargs["uidb64"], token=self.kwargs["token"]) is not None
        )
        return context

    def form_valid(self, form):
        try:
            services.password_reset_confirm(
                uid=self.kwargs["uidb64"],
                token=self.kwargs["token"],
                new_password=form.cleaned_data["new_password"],
            )
        except Invalid as error:
            add_service_errors(form, error, {"newPassword": "new_password", "token": None})
            return self.form_invalid(form)
        messages.success(self.request, "Your password has been changed. Sign in with it now.")
        return super().form_valid(form)


# Google's button posts the ID token here from Google's own page, so Django's CSRF
# token cannot be in the form; Google's double-submit cookie stands in for it.
@csrf_exempt
@require_POST
def google_sign_in(request: HttpRequest) -> HttpResponse:
    """Sign in (or up) with the ID token Google's button posts: the same service
    as the API's /api/auth/google/, then a browser session."""
    if not settings.GOOGLE_CLIENT_ID:
        raise Http404
    if throttles.attempt_wait(request, scope=throttles.GOOGLE) is not None:
        messages.error(request, "Too many sign-in attempts from your network. Wait a minute.")
        return redirect("web:login")
    cookie = request.COOKIES.get("g_csrf_token")
    if not cookie or cookie != request.POST.get("g_csrf_token"):
        messages.error(request, "Google sign-in could not be checked. Please try again.")
        return redirect("web:login")
    try:
        user, created = services.google_sign_in(credential=request.POST.get("credential", ""))
    except Unauthenticated as error:
        messages.error(request, error.message)
        return redirect("web:login")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if created:
        messages.success(request, f"Welcome to BrightPath, {user.get_short_name()}!")
    return redirect("web:home")


urlpatterns = [
    path("accounts/google/", google_sign_in, name="google_sign_in"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/signup/", SignupView.as_view(), name="signup"),
    path("accounts/password/reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
