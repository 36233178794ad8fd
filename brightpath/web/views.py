"""Server-rendered pages: accounts, the week, and the printable records and
weeks. Each form calls the same service as the API; each page reads through
the same selectors."""

import datetime as dt
import math

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.generic import FormView

from brightpath.accounts import services, throttles
from brightpath.accounts.selectors import user_for_reset_link
from brightpath.common.errors import Invalid, NotFound
from brightpath.common.fields import date_in_range
from brightpath.families.selectors import (
    child_get,
    children_for_user,
    family_for_user,
)
from brightpath.onboarding.selectors import children_with_plans
from brightpath.planner.clock import planning_week, week_start_of
from brightpath.planner.selectors import active_schedule, family_week
from brightpath.planner.selectors import records as records_selectors
from brightpath.planner.selectors.changes import live_week
from brightpath.planner.services import schedule_ensure

from . import forms


def _add_service_errors(form, error: Invalid, field_map: dict[str, str | None]) -> None:
    if not error.fields:
        form.add_error(None, error.message)
    for field, messages_ in error.fields.items():
        for message in messages_:
            form.add_error(field_map.get(field), message)


def _date(request: HttpRequest, name: str) -> dt.date | None:
    """The ISO date in ?name=, or None when it is absent, malformed or out of range."""
    try:
        day = dt.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None
    return day if date_in_range(day) else None


def _week_start(request: HttpRequest, family) -> dt.date:
    """The week of ?week=, else the week the family lives toward (planning_week)."""
    day = _date(request, "week")
    return week_start_of(day) if day else planning_week(family)


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
    week_start = _week_start(request, family)
    schedule_ensure(family=family, week_start=week_start, actor=request.user, children=children)
    # The cursor is read before the week: a change in between shows, and costs one refresh.
    live = live_week(family=family, week_start=week_start)
    schedules = family_week(family=family, week_start=week_start)
    context = {
        "week_start": week_start,
        "previous": week_start - dt.timedelta(days=7),
        "next": week_start + dt.timedelta(days=7),
        "schedules": schedules,
        "live": live,
    }
    return render(request, "web/week.html", context)


# --- printable records and weeks ----------------------------------------------------


def _duration(minutes: int) -> str:
    """120 -> "2 h", 105 -> "1 h 45 min", 30 -> "30 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _measure_row(label: str, measure, unit: str) -> dict | None:
    if measure.required is None:
        return None
    return {
        "label": label,
        "done": measure.done,
        "required": measure.required,
        "unit": unit,
        "percent": measure.percent,
        "bar": min(measure.percent, 100),
        "expected": measure.expected_by_now,
        "on_track": measure.on_track,
    }


@login_required
def child_report(request: HttpRequest, child_id) -> HttpResponse:
    """One child's record for a term or a year: days, hours by subject, core
    hours, progress toward the state's target, and the notes."""
    date_from, date_to = _date(request, "from"), _date(request, "to")
    problem = None
    try:
        try:
            records = records_selectors.child_records(
                user=request.user, child_id=child_id, date_from=date_from, date_to=date_to
            )
        except Invalid:
            problem = "The end date is before the start date, so the school year is shown."
            records = records_selectors.child_records(user=request.user, child_id=child_id)
    except NotFound as exc:
        raise Http404 from exc
    tally, progress = records.tally, records.progress
    context = {
        "child": records.child,
        "family": records.child.family,
        "period": records.period,
        "problem": problem,
        "days": tally.dates,
        "total": _duration(tally.total_minutes),
        "total_hours": tally.total_hours,
        "core": _duration(tally.core_minutes),
        "core_hours": tally.core_hours,
        "subjects": [
            {
                "name": s.name,
                "kind": s.kind,
                "is_core": s.is_core,
                "sessions": s.sessions,
                "time": _duration(s.minutes),
                "hours": s.hours,
            }
            for s in tally.by_subject
        ],
        "notes": tally.notes,
        "progress": progress,
        "measures": [
            row
            for row in (
                _measure_row("Days of instruction", progress.days, "days"),
                _measure_row("Hours", progress.hours, "hours"),
                _measure_row("Core hours", progress.core_hours, "hours"),
            )
            if row
        ]
        if progress
        else [],
    }
    return render(request, "web/report.html", context)


def _print_days(schedule) -> list[dict]:
    """The schedule's days that have something on them, for a printed table."""
    return [day for day in schedule.schedule_data.get("days", []) if day.get("items")]


def _print_week(
    request: HttpRequest, family, week_start: dt.date, children, schedules
) -> HttpResponse:
    by_child = {s.child_id: s for s in schedules}
    sheets = [
        {
            "child": child,
            "schedule": by_child.get(child.pk),
            "days": _print_days(by_child[child.pk]) if child.pk in by_child else [],
        }
        for child in children
    ]
    context = {
        "family": family,
        "week_start": week_start,
        "week_end": week_start + dt.timedelta(days=6),
        "previous": week_start - dt.timedelta(days=7),
        "next": week_start + dt.timedelta(days=7),
        "sheets": sheets,
    }
    return render(request, "web/week_print.html", context)


@login_required
def child_week_print(request: HttpRequest, child_id) -> HttpResponse:
    """One child's week as a table per day, to print."""
    try:
        child = child_get(user=request.user, child_id=child_id)
    except NotFound as exc:
        raise Http404 from exc
    family = child.family
    week_start = _week_start(request, family)
    schedule = active_schedule(child=child, week_start=week_start)
    return _print_week(request, family, week_start, [child], [schedule] if schedule else [])


@login_required
def family_week_print(request: HttpRequest) -> HttpResponse:
    """Every child's week, one after the other, to print."""
    family = family_for_user(user=request.user)
    if family is None:
        return redirect("web:home")
    children = list(children_for_user(user=request.user))
    week_start = _week_start(request, family)
    schedules = family_week(family=family, week_start=week_start)
    return _print_week(request, family, week_start, children, schedules)


# --- accounts ------------------------------------------------------------------------


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


class LoginView(ThrottledFormMixin, auth_views.LoginView):
    throttle_scope = throttles.LOGIN
    template_name = "web/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class SignupView(ThrottledFormMixin, FormView):
    throttle_scope = throttles.REGISTER
    template_name = "web/signup.html"
    form_class = forms.SignupForm

    def form_valid(self, form):
        try:
            user = services.user_register(**form.cleaned_data)
        except Invalid as error:
            _add_service_errors(form, error, {"email": "email", "password": "password"})
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome to BrightPath, {user.get_short_name()}!")
        return redirect("web:home")


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
            _add_service_errors(form, error, {"newPassword": "new_password", "token": None})
            return self.form_invalid(form)
        messages.success(self.request, "Your password has been changed. Sign in with it now.")
        return super().form_valid(form)
