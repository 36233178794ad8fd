"""Server-rendered account pages. Each form calls the same service as the API."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.generic import FormView
from rest_framework.exceptions import ValidationError

from brightpath.accounts import services
from brightpath.accounts.selectors import user_for_reset_link
from brightpath.families.selectors import children_for_user, children_with_plans, family_for_user
from brightpath.planner.selectors import family_week
from brightpath.planner.services import family_today, schedule_generate, week_start_of

from . import forms


def _add_service_errors(form, error: ValidationError, field_map: dict[str, str]) -> None:
    for field, messages_ in error.detail.items():
        for message in messages_:
            form.add_error(field_map.get(field), str(message))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    family = family_for_user(user=request.user)
    children = children_with_plans(user=request.user) if family else []
    return render(request, "web/home.html", {"family": family, "children": children})


@login_required
def week(request: HttpRequest) -> HttpResponse:
    """Every child's week side by side, generated on first visit."""
    family = family_for_user(user=request.user)
    children = list(children_for_user(user=request.user))
    if family is None or not children:
        return redirect("web:home")
    try:
        day = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = family_today(family)
    week_start = week_start_of(day)
    schedules = family_week(family=family, week_start=week_start)
    planned = {s.child_id for s in schedules}
    missing = [c for c in children if c.pk not in planned]
    if len(missing) == len(children):
        schedule_generate(family=family, week_start=week_start, actor=request.user)
    else:  # plan only the children without a week; the others' weeks stay as they are
        for child in missing:
            schedule_generate(family=family, week_start=week_start, actor=request.user, child=child)
    if missing:
        schedules = family_week(family=family, week_start=week_start)
    context = {
        "week_start": week_start,
        "previous": week_start - dt.timedelta(days=7),
        "next": week_start + dt.timedelta(days=7),
        "schedules": schedules,
    }
    return render(request, "web/week.html", context)


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class SignupView(FormView):
    template_name = "web/signup.html"
    form_class = forms.SignupForm

    def form_valid(self, form):
        try:
            user = services.user_register(**form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error, {"email": "email", "password": "password"})
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome to BrightPath, {user.get_short_name()}!")
        return redirect("web:home")


class PasswordResetView(FormView):
    template_name = "web/password_reset.html"
    form_class = forms.PasswordResetRequestForm

    def form_valid(self, form):
        services.password_reset_request(
            email=form.cleaned_data["email"], base_url=self.request.build_absolute_uri("/")
        )
        return render(self.request, "web/password_reset_sent.html")


class PasswordResetConfirmView(FormView):
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
        except ValidationError as error:
            _add_service_errors(form, error, {"newPassword": "new_password", "token": None})
            return self.form_invalid(form)
        messages.success(self.request, "Your password has been changed. Sign in with it now.")
        return super().form_valid(form)
