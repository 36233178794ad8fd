"""Settings: what the questionnaire said, changed without the API. This page
holds the family (name, time zone, school days, who teaches, the parent's
commitments), the daily agenda email, the state's records target and the list
of children; each child has its own page (settings_children.py).

Each form on the page posts to /settings/ with its `section`, is saved by one
service call (all or nothing) and comes back with the errors next to its fields.
"""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from brightpath.common.errors import DomainError, Invalid
from brightpath.families import services as family_services
from brightpath.families.selectors import family_commitments
from brightpath.onboarding.selectors import children_with_plans
from brightpath.planner.selectors.records import records_target_get
from brightpath.planner.services import schedule_generate
from brightpath.planner.services.agenda import agenda_email_set, agenda_email_settings
from brightpath.planner.services.records import Target, records_target_set

from .. import forms_settings as forms
from . import activity, lessons, settings_children
from .common import add_service_errors
from .settings_children import (
    REPLAN_KEY,
    commitment_form_page,
    commitment_rows,
    confirm_removal,
    confirmed,
    day_text,
    plan_changed,
    replan_notice,
    settings_context,
    with_family,
)

TARGET_FIELDS = {
    "state": "state",
    "yearStart": "year_start",
    "yearEnd": "year_end",
    "requiredDays": "required_days",
    "requiredHours": "required_hours",
    "requiredCoreHours": "required_core_hours",
}
SECTIONS = ("family", "email", "records")


def _family_form(family, data=None) -> forms.FamilyForm:
    return forms.FamilyForm(
        data, initial=forms.FamilyForm.initial_for(family), current_time_zone=family.time_zone
    )


def _email_form(request: HttpRequest, data=None) -> forms.AgendaEmailForm:
    current = agenda_email_settings(user=request.user)
    initial = {"enabled": current.enabled, "send_at": current.send_at}
    return forms.AgendaEmailForm(data, initial=initial)


def _records_form(target, data=None) -> forms.RecordsTargetForm:
    initial = {}
    if target is not None:
        initial = {
            "state": target.state,
            "year_start": target.year_start,
            "year_end": target.year_end,
            "required_days": target.required_days,
            "required_hours": target.required_hours,
            "required_core_hours": target.required_core_hours,
        }
    return forms.RecordsTargetForm(data, initial=initial)


def _save_family(request: HttpRequest, family, form: forms.FamilyForm) -> bool:
    data = form.cleaned_data
    plan_inputs = (data["time_zone"], sorted(data["school_days"]), data["adults"]) != (
        family.time_zone,
        sorted(family.school_days),
        family.adults,
    )
    family = family_services.family_update(
        user=request.user,
        name=data["name"].strip(),
        time_zone=data["time_zone"],
        school_days=data["school_days"],
        adults=data["adults"],
    )
    if plan_inputs:
        plan_changed(request, family, "Saved your family’s settings.")
    else:
        messages.success(request, "Saved your family’s settings.")
    return True


def _save_email(request: HttpRequest, family, form: forms.AgendaEmailForm) -> bool:
    row = agenda_email_set(
        user=request.user,
        enabled=form.cleaned_data["enabled"],
        send_at=form.cleaned_data["send_at"],
    )
    if row.enabled:
        messages.success(request, f"The daily agenda email comes at {row.send_at:%H:%M}.")
    else:
        messages.success(request, "The daily agenda email is off.")
    return True


def _save_records(request: HttpRequest, family, form: forms.RecordsTargetForm) -> bool:
    data = form.cleaned_data
    try:
        records_target_set(
            user=request.user,
            target=Target(
                state=data["state"].strip(),
                year_start=data["year_start"],
                year_end=data["year_end"],
                required_days=data["required_days"],
                required_hours=data["required_hours"],
                required_core_hours=data["required_core_hours"],
            ),
        )
    except Invalid as error:
        add_service_errors(form, error, TARGET_FIELDS)
        return False
    messages.success(request, "Saved the records target. The records pages measure against it.")
    return True


@with_family
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest, family) -> HttpResponse:
    target = records_target_get(user=request.user)
    section = request.POST.get("section") if request.method == "POST" else None
    data = {name: request.POST if section == name else None for name in SECTIONS}
    form_by_section = {
        "family": _family_form(family, data["family"]),
        "email": _email_form(request, data["email"]),
        "records": _records_form(target, data["records"]),
    }
    if request.method == "POST":
        form = form_by_section.get(section)
        if form is None:
            messages.error(request, "That form was not recognised; nothing was saved.")
            return redirect("web:settings")
        save = {"family": _save_family, "email": _save_email, "records": _save_records}[section]
        if form.is_valid() and save(request, family, form):
            return redirect("web:settings")
    context = settings_context(
        request,
        family,
        here="settings",
        family_form=form_by_section["family"],
        email_form=form_by_section["email"],
        records_form=form_by_section["records"],
        target=target,
        commitments=commitment_rows(family_commitments(user=request.user)),
        children=children_with_plans(user=request.user),
        posted=section,
    )
    return render(request, "web/settings/family.html", context)


# --- the parent's commitments ------------------------------------------------------------

_FAMILY_COMMITMENT_INTRO = "Work, appointments: you are not planned to teach then."


@with_family
@require_http_methods(["GET", "POST"])
def family_commitment_new(request: HttpRequest, family) -> HttpResponse:
    return commitment_form_page(
        request,
        family,
        owner=family,
        row=None,
        back=reverse("web:settings"),
        here="settings",
        heading="Add a commitment of yours",
        intro=_FAMILY_COMMITMENT_INTRO,
    )


def _family_commitment(request: HttpRequest, commitment_id):
    row = family_commitments(user=request.user).filter(pk=commitment_id).first()
    if row is None:
        raise Http404
    return row


@with_family
@require_http_methods(["GET", "POST"])
def family_commitment_edit(request: HttpRequest, family, commitment_id) -> HttpResponse:
    return commitment_form_page(
        request,
        family,
        owner=family,
        row=_family_commitment(request, commitment_id),
        back=reverse("web:settings"),
        here="settings",
        heading="Your commitment",
        intro=_FAMILY_COMMITMENT_INTRO,
    )


@with_family
@require_http_methods(["GET", "POST"])
def family_commitment_remove(request: HttpRequest, family, commitment_id) -> HttpResponse:
    row = _family_commitment(request, commitment_id)
    if confirmed(request):
        family_services.commitment_delete(commitment=row, actor=request.user)
        plan_changed(request, family, f"Removed “{row.name}”.")
        return redirect("web:settings")
    return confirm_removal(
        request,
        family,
        here="settings",
        title=f"Remove “{row.name}”?",
        lost=["You can be planned to teach at that time again."],
        button=f"Remove {row.name}",
        back=reverse("web:settings") + "#commitments",
    )


# --- re-planning the weeks already planned ------------------------------------------------


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("web:settings")


@with_family
@require_POST
def replan(request: HttpRequest, family) -> HttpResponse:
    """Re-plan every week already planned from the current one on, around the
    settings as they are now; done and moved sessions stay (schedule_generate).
    `dismiss` only forgets the notice."""
    notice = replan_notice(request, family)
    request.session.pop(REPLAN_KEY, None)
    if request.POST.get("dismiss") or notice is None:
        return redirect(_back(request))
    weeks: list[dt.date] = [week["start"] for week in notice["weeks"]]
    done = []
    try:
        for week_start in weeks:
            schedule_generate(family=family, week_start=week_start, actor=request.user)
            done.append(week_start)
    except DomainError as error:
        messages.error(request, f"Could not re-plan the week of {day_text(week_start)}: {error}")
    if done:
        names = ", ".join(day_text(week) for week in done)
        messages.success(
            request,
            format_html(
                'Re-planned the week{} of {}. <a href="{}?week={}">See the week</a>',
                "s" if len(done) > 1 else "",
                names,
                reverse("web:week"),
                done[0].isoformat(),
            ),
        )
    return redirect(_back(request))


urlpatterns = [
    path("settings/", settings_page, name="settings"),
    path("settings/replan/", replan, name="settings_replan"),
    path("settings/commitments/new/", family_commitment_new, name="settings_commitment_new"),
    path(
        "settings/commitments/<uuid:commitment_id>/",
        family_commitment_edit,
        name="settings_commitment",
    ),
    path(
        "settings/commitments/<uuid:commitment_id>/remove/",
        family_commitment_remove,
        name="settings_commitment_remove",
    ),
    *settings_children.urlpatterns,
    *lessons.urlpatterns,
    *activity.urlpatterns,
]
