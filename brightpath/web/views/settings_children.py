"""Settings, part two: a child (profile, subjects, commitments), adding and
removing children; and what every settings page shares (the family or a
redirect to the questionnaire, the sub-navigation, confirming a removal, and
telling the parent that weeks already planned do not follow a change by themselves).

Writes go through the same services as the API (onboarding.services.child_save,
curriculum.services.subject_plan_*, families.services.commitment_*); reads through
selectors. Another family's child, subject or commitment is a 404.
"""

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from brightpath.common.archive import is_referenced
from brightpath.common.errors import Invalid, NotFound
from brightpath.curriculum import services as curriculum_services
from brightpath.curriculum.selectors import catalog_subjects_visible, child_subject_plans
from brightpath.families import services as family_services
from brightpath.families.selectors import (
    child_commitments,
    child_get,
    children_for_user,
    family_for_user,
)
from brightpath.onboarding import services as onboarding_services
from brightpath.planner.clock import planning_week
from brightpath.planner.selectors.checks import plan_checks

from .. import forms_settings as forms
from .common import add_service_errors

REPLAN_KEY = "settings_replan"  # in the session: the family changed something plans are made from
SHOWN_CLASHES = 6

CHILD_FIELDS = {
    "name": "name",
    "birthDate": "birth_date",
    "age": "age",
    "startTime": "start_time",
    "endTime": "end_time",
    "bestLearningTimes": "best_learning_times",
}
SUBJECT_FIELDS = {
    "name": "name",
    "isCoreSubject": "is_core_subject",
    "sessionDuration": "session_duration",
    "frequency": "frequency",
    "parentInvolvement": "parent_involvement",
    "fixedTime.required": "fixed_time_required",
    "fixedTime.preferredTime": "preferred_time",
    "interestLevel": "interest_level",
}
COMMITMENT_FIELDS = {
    "name": "name",
    "frequency": "frequency",
    "daysOfWeek": "days_of_week",
    "dayOfMonth": "day_of_month",
    "weekOfMonth": "week_of_month",
    "date": "date",
    "startTime": "start_time",
    "endTime": "end_time",
}


# --- shared by the settings pages ---------------------------------------------------------


def with_family(view):
    """Signed in and with a family (else to the questionnaire); the view gets `family`.
    A NotFound from a selector (another family's row) is a 404."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        family = family_for_user(user=request.user)
        if family is None:
            return redirect("web:onboarding")
        try:
            return view(request, family, *args, **kwargs)
        except NotFound as exc:
            raise Http404 from exc

    return wrapped


def day_text(day: dt.date) -> str:
    return date_format(day, "j F Y")


def plan_changed(request: HttpRequest, family, saved: str) -> None:
    """Say what was saved, and that weeks already planned do not change by
    themselves: the planner's receivers only drop cached views (planner/receivers.py);
    weeks not planned yet are planned from the new settings when first opened."""
    request.session[REPLAN_KEY] = str(family.pk)
    week = planning_week(family)
    messages.success(
        request,
        format_html(
            '{} Weeks planned from now on follow it. <a href="{}?week={}">See the week</a>',
            saved,
            reverse("web:week"),
            week.isoformat(),
        ),
    )


def replan_notice(request: HttpRequest, family) -> dict | None:
    """After a change to the plan's inputs: the weeks already planned from the
    current one on, and what in them now breaks a rule, to offer re-planning them."""
    if request.session.get(REPLAN_KEY) != str(family.pk):
        return None
    first = planning_week(family)
    weeks = [w for w in plan_checks(family=family) if w["weekStart"] >= first.isoformat()]
    if not weeks:
        request.session.pop(REPLAN_KEY, None)
        return None
    clashes = [clash for week in weeks for clash in week["clashes"]]
    return {
        "weeks": [{"start": dt.date.fromisoformat(w["weekStart"])} for w in weeks],
        "clashes": len(clashes),
        "shown": clashes[:SHOWN_CLASHES],
        "more": max(len(clashes) - SHOWN_CLASHES, 0),
    }


def settings_context(request: HttpRequest, family, *, here: str, **extra) -> dict:
    """What the settings layout needs: the sub-navigation and the re-plan notice."""
    return {
        "family": family,
        "nav_children": list(children_for_user(user=request.user)),
        "here": here,
        "replan": replan_notice(request, family),
        "week_start": planning_week(family),
        **extra,
    }


def confirm_removal(
    request: HttpRequest,
    family,
    *,
    here: str,
    title: str,
    lost: list[str],
    button: str,
    back: str,
) -> HttpResponse:
    """The page that asks before removing (the only step without JavaScript;
    settings.js asks with a dialog and sends `confirmed` itself)."""
    context = settings_context(
        request,
        family,
        here=here,
        title=title,
        lost=lost,
        button=button,
        back=back,
    )
    return render(request, "web/settings/confirm.html", context)


def confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("confirmed") == "yes"


def commitment_when(row) -> str:
    """A commitment's recurrence in words: "Tuesday and Thursday, 10:00–11:30"."""
    hours = f"{row.start_time:%H:%M}–{row.end_time:%H:%M}"
    days = row.days_of_week or []
    if row.frequency == "daily":
        when = "Every day"
    elif row.frequency == "weekly":
        when = "Every " + (" and ".join(days) if len(days) <= 2 else ", ".join(days))
    elif row.frequency == "monthly" and row.week_of_month is not None:
        which = dict(forms.WEEK_OF_MONTH_CHOICES).get(str(row.week_of_month), "")
        when = f"{which} {days[0] if days else 'day'} of each month"
    elif row.frequency == "monthly":
        when = f"Day {row.day_of_month} of each month"
    else:
        when = f"On {day_text(row.date)}" if row.date else "Once"
    return f"{when}, {hours}"


def commitment_rows(rows) -> list[dict]:
    return [{"row": row, "when": commitment_when(row)} for row in rows]


def subject_summary(subject) -> str:
    parts = [
        f"{subject.session_duration} min",
        forms.SUBJECT_FREQUENCY_LABELS.get(subject.frequency, subject.frequency),
        forms.PARENT_INVOLVEMENT_LABELS.get(subject.parent_involvement, ""),
        f"interest {subject.interest_level}/5",
    ]
    return " · ".join(part for part in parts if part)


def commitment_form_page(
    request: HttpRequest, family, *, owner, row, back: str, here: str, heading: str, intro: str
) -> HttpResponse:
    """Add (row None) or change a commitment of the family or of a child."""
    if request.method == "POST":
        form = forms.CommitmentForm(request.POST)
        if form.is_valid():
            try:
                if row is None:
                    saved = family_services.commitment_create(
                        owner=owner, answer=form.answer(), actor=request.user
                    )
                else:
                    saved = family_services.commitment_update(
                        commitment=row, answer=form.answer(), actor=request.user
                    )
            except Invalid as error:
                add_service_errors(form, error, COMMITMENT_FIELDS)
            else:
                plan_changed(request, family, f"Saved “{saved.name}”.")
                return redirect(back)
    else:
        initial = forms.CommitmentForm.initial_for(row) if row else {"frequency": "weekly"}
        form = forms.CommitmentForm(initial=initial)
    context = settings_context(
        request, family, here=here, form=form, heading=heading, intro=intro, back=back, row=row
    )
    return render(request, "web/settings/commitment.html", context)


# --- a child ------------------------------------------------------------------------------


def _child_url(child) -> str:
    return reverse("web:settings_child", args=[child.pk])


@with_family
@require_http_methods(["GET", "POST"])
def child_new(request: HttpRequest, family) -> HttpResponse:
    form = forms.ChildForm(request.POST or None, today=family.today())
    if request.method == "POST" and form.is_valid():
        try:
            child = onboarding_services.child_save(
                user=request.user, child=None, **form.service_kwargs()
            )
        except Invalid as error:
            add_service_errors(form, error, CHILD_FIELDS)
        else:
            plan_changed(
                request, family, f"Added {child.name}. Now give {child.name} some subjects."
            )
            return redirect(_child_url(child))
    if request.method == "GET":
        form = forms.ChildForm(
            initial={"start_time": "09:00", "end_time": "14:00"}, today=family.today()
        )
    context = settings_context(request, family, here="settings_child_new", form=form)
    return render(request, "web/settings/child_new.html", context)


@with_family
@require_http_methods(["GET", "POST"])
def child_page(request: HttpRequest, family, child_id) -> HttpResponse:
    """A child's profile form, with its subjects and commitments listed."""
    child = child_get(user=request.user, child_id=child_id)
    if request.method == "POST":
        form = forms.ChildForm(request.POST, today=family.today())
        if form.is_valid():
            try:
                child = onboarding_services.child_save(
                    user=request.user, child=child, **form.service_kwargs()
                )
            except Invalid as error:
                add_service_errors(form, error, CHILD_FIELDS)
            else:
                plan_changed(request, family, f"Saved {child.name}’s details.")
                return redirect(_child_url(child))
        child.refresh_from_db()  # the heading keeps the saved name while the form has errors
    else:
        form = forms.ChildForm(initial=forms.ChildForm.initial_for(child), today=family.today())
    subjects = child_subject_plans(user=request.user, child_id=child.pk)
    context = settings_context(
        request,
        family,
        here=str(child.pk),
        child=child,
        form=form,
        subjects=[{"row": s, "summary": subject_summary(s)} for s in subjects],
        commitments=commitment_rows(child_commitments(user=request.user, child_id=child.pk)),
    )
    return render(request, "web/settings/child.html", context)


@with_family
@require_http_methods(["GET", "POST"])
def child_remove(request: HttpRequest, family, child_id) -> HttpResponse:
    child = child_get(user=request.user, child_id=child_id)
    if confirmed(request):
        family_services.child_delete(child=child, actor=request.user)
        request.session[REPLAN_KEY] = str(family.pk)
        messages.success(request, f"Removed {child.name}.")
        return redirect("web:settings")
    subjects = list(child.subjects.live().values_list("name", flat=True))
    commitments = child.commitments.live().count()
    lost = [
        f"{child.name} is no longer planned: {child.name}’s place in every week, today "
        "and the records pages goes.",
        f"{len(subjects)} subject{'s' if len(subjects) != 1 else ''}"
        + (f" ({', '.join(subjects)})" if subjects else "")
        + f" and {commitments} commitment{'s' if commitments != 1 else ''} go with {child.name}.",
    ]
    if is_referenced(child):
        report = reverse("web:child_report", args=[child.pk])
        lost.append(
            format_html(
                "What {} already did stays in the family’s activity log, but {}’s record "
                'and printable report go: <a href="{}">keep a copy of the report</a> first '
                "if you need it.",
                child.name,
                child.name,
                report,
            )
        )
    else:
        lost.append(f"Nothing has been recorded for {child.name} yet.")
    return confirm_removal(
        request,
        family,
        here=str(child.pk),
        title=f"Remove {child.name}?",
        lost=lost,
        button=f"Remove {child.name}",
        back=_child_url(child),
    )


# --- a child's subjects -------------------------------------------------------------------


def _subject_page(request: HttpRequest, family, child, subject) -> HttpResponse:
    if request.method == "POST":
        form = forms.SubjectForm(request.POST)
        if form.is_valid():
            try:
                if subject is None:
                    saved = curriculum_services.subject_plan_create(
                        child=child, answer=form.answer(), actor=request.user
                    )
                else:
                    saved = curriculum_services.subject_plan_update(
                        subject=subject,
                        answer=form.answer(metadata=subject.metadata),
                        actor=request.user,
                    )
            except Invalid as error:
                add_service_errors(form, error, SUBJECT_FIELDS)
            else:
                plan_changed(request, family, f"Saved {child.name}’s {saved.name}.")
                return redirect(_child_url(child))
    elif subject is not None:
        form = forms.SubjectForm(initial=forms.SubjectForm.initial_for(subject))
    else:
        form = forms.SubjectForm(
            initial={"frequency": "daily", "parent_involvement": "some_assistance"}
        )
    hours = child.homeschool_hours
    context = settings_context(
        request,
        family,
        here=str(child.pk),
        child=child,
        subject=subject,
        form=form,
        hours=hours,
        catalog=catalog_subjects_visible(user=request.user).values_list("name", flat=True),
    )
    return render(request, "web/settings/subject.html", context)


@with_family
@require_http_methods(["GET", "POST"])
def subject_new(request: HttpRequest, family, child_id) -> HttpResponse:
    child = child_get(user=request.user, child_id=child_id)
    return _subject_page(request, family, child, None)


def _subject(request: HttpRequest, child_id, subject_id):
    subject = (
        child_subject_plans(user=request.user, child_id=child_id).filter(pk=subject_id).first()
    )
    if subject is None:
        raise Http404
    return subject


@with_family
@require_http_methods(["GET", "POST"])
def subject_edit(request: HttpRequest, family, child_id, subject_id) -> HttpResponse:
    subject = _subject(request, child_id, subject_id)
    return _subject_page(request, family, subject.child, subject)


@with_family
@require_http_methods(["GET", "POST"])
def subject_remove(request: HttpRequest, family, child_id, subject_id) -> HttpResponse:
    subject = _subject(request, child_id, subject_id)
    child = subject.child
    if confirmed(request):
        curriculum_services.subject_plan_delete(subject=subject, actor=request.user)
        plan_changed(request, family, f"Removed {child.name}’s {subject.name}.")
        return redirect(_child_url(child))
    return confirm_removal(
        request,
        family,
        here=str(child.pk),
        title=f"Remove {subject.name} from {child.name}’s plan?",
        lost=[
            f"{subject.name} is no longer planned for {child.name}.",
            "Sessions already done stay in the records.",
        ],
        button=f"Remove {subject.name}",
        back=_child_url(child) + "#subjects",
    )


# --- a child's commitments ----------------------------------------------------------------


@with_family
@require_http_methods(["GET", "POST"])
def child_commitment_new(request: HttpRequest, family, child_id) -> HttpResponse:
    child = child_get(user=request.user, child_id=child_id)
    return commitment_form_page(
        request,
        family,
        owner=child,
        row=None,
        back=_child_url(child),
        here=str(child.pk),
        heading=f"Add a commitment for {child.name}",
        intro=f"Lessons, sports, clubs: {child.name} is not planned for school then.",
    )


def _child_commitment(request: HttpRequest, child_id, commitment_id):
    row = child_commitments(user=request.user, child_id=child_id).filter(pk=commitment_id).first()
    if row is None:
        raise Http404
    return row


@with_family
@require_http_methods(["GET", "POST"])
def child_commitment_edit(request: HttpRequest, family, child_id, commitment_id) -> HttpResponse:
    row = _child_commitment(request, child_id, commitment_id)
    return commitment_form_page(
        request,
        family,
        owner=row.child,
        row=row,
        back=_child_url(row.child),
        here=str(row.child_id),
        heading=f"{row.child.name}’s {row.name}",
        intro=f"{row.child.name} is not planned for school then.",
    )


@with_family
@require_http_methods(["GET", "POST"])
def child_commitment_remove(request: HttpRequest, family, child_id, commitment_id) -> HttpResponse:
    row = _child_commitment(request, child_id, commitment_id)
    if confirmed(request):
        family_services.commitment_delete(commitment=row, actor=request.user)
        plan_changed(request, family, f"Removed “{row.name}”.")
        return redirect(_child_url(row.child))
    return confirm_removal(
        request,
        family,
        here=str(row.child_id),
        title=f"Remove “{row.name}”?",
        lost=[f"{row.child.name} can be planned for school at that time again."],
        button=f"Remove {row.name}",
        back=_child_url(row.child) + "#commitments",
    )


urlpatterns = [
    path("settings/children/new/", child_new, name="settings_child_new"),
    path("settings/children/<uuid:child_id>/", child_page, name="settings_child"),
    path("settings/children/<uuid:child_id>/remove/", child_remove, name="settings_child_remove"),
    path(
        "settings/children/<uuid:child_id>/subjects/new/",
        subject_new,
        name="settings_subject_new",
    ),
    path(
        "settings/children/<uuid:child_id>/subjects/<uuid:subject_id>/",
        subject_edit,
        name="settings_subject",
    ),
    path(
        "settings/children/<uuid:child_id>/subjects/<uuid:subject_id>/remove/",
        subject_remove,
        name="settings_subject_remove",
    ),
    path(
        "settings/children/<uuid:child_id>/commitments/new/",
        child_commitment_new,
        name="settings_child_commitment_new",
    ),
    path(
        "settings/children/<uuid:child_id>/commitments/<uuid:commitment_id>/",
        child_commitment_edit,
        name="settings_child_commitment",
    ),
    path(
        "settings/children/<uuid:child_id>/commitments/<uuid:commitment_id>/remove/",
        child_commitment_remove,
        name="settings_child_commitment_remove",
    ),
]
