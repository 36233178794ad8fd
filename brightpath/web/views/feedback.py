"""The weekly feedback prompt and "what BrightPath learned" (issue 17).

The home page shows a small rating form for each child's week that can be
rated now (web/feedback_prompt.html, given `weeks_to_rate` by the dashboard);
/feedback/ has the full form (stars, the five statements, what the parent
changed, a comment). Both forms post here and work without
JavaScript; with it, static/web/feedback.js posts them to /api/feedback/
instead. /learned/ lists what was learned, each change in a sentence, and lets
the parent make BrightPath forget it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from brightpath.common.errors import Conflict, Invalid, NotFound
from brightpath.insights import selectors as insights
from brightpath.insights import services as learning
from brightpath.insights.questions import (
    ADJUSTMENTS,
    LIKERT_STATEMENTS,
    RATING_MAX,
    RATING_MIN,
)

from .settings_children import with_family

RECENT_FEEDBACK = 10
LIKERT_LABELS = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]


def _back(request: HttpRequest) -> str:
    """Where to return after a rating: the page it came from, on this site only."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("web:feedback")


def _whole_number(value: str, name: str, errors: dict) -> int | None:
    """A radio button's number; anything else is an error beside the field (the
    service then checks the range, as it does for the API)."""
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 2):
        errors[name] = ["Choose one of the options."]
        return None
    return int(value)


def _input(post) -> tuple[learning.FeedbackInput, dict[str, list[str]]]:
    """The posted form as the service's input, and what could not be read."""
    errors: dict[str, list[str]] = {}
    likert = {}
    for key in LIKERT_STATEMENTS:
        answer = _whole_number(post.get(key, ""), f"feedbackData.likertResponses.{key}", errors)
        if answer is not None:
            likert[key] = answer
    # The full form lists every adjustment: unticked means "no". The quick one asks none.
    full = post.get("form") == "full"
    adjustments = {key: key in post for key in ADJUSTMENTS} if full else {}
    data = learning.FeedbackInput(
        schedule_id=post.get("scheduleId") or None,
        rating=_whole_number(post.get("rating", ""), "rating", errors),
        comments=post.get("comments", ""),
        likert_responses=likert,
        adjustments=adjustments,
    )
    return data, errors


def _error_lines(errors: dict[str, list[str]]) -> list[str]:
    """The service's field errors in the form's own words."""
    labels = {
        "rating": "Stars",
        "scheduleId": "Week",
        "comments": "Comments",
        **{
            f"feedbackData.likertResponses.{k}": f"“{text}”"
            for k, text in LIKERT_STATEMENTS.items()
        },
        **{f"feedbackData.adjustments.{k}": label for k, label in ADJUSTMENTS.items()},
    }
    return [f"{labels.get(field, field)}: {' '.join(texts)}" for field, texts in errors.items()]


def _form(schedule, posted, errors: dict) -> dict:
    """One week's full form, filled back in with what was posted for it."""
    mine = posted is not None and posted.get("scheduleId") == str(schedule.pk)
    given = posted if mine else {}
    return {
        "schedule": schedule,
        "errors": _error_lines(errors) if mine else [],
        "stars": [
            (str(n), given.get("rating") == str(n)) for n in range(RATING_MIN, RATING_MAX + 1)
        ],
        "statements": [
            {
                "key": key,
                "text": text,
                "choices": [
                    (str(n), label, given.get(key) == str(n))
                    for n, label in enumerate(LIKERT_LABELS, start=1)
                ],
            }
            for key, text in LIKERT_STATEMENTS.items()
        ],
        "adjustments": [(key, label, key in given) for key, label in ADJUSTMENTS.items()],
        "comments": given.get("comments", ""),
    }


def _page(request: HttpRequest, family, *, errors=None, posted=None, status=200) -> HttpResponse:
    forms = [_form(s, posted, errors or {}) for s in insights.weeks_to_rate(family=family)]
    shown = any(form["errors"] for form in forms)
    context = {
        "family": family,
        "forms": forms,
        # Errors about a week no longer on the page (rated meanwhile): said at the top.
        "other_errors": _error_lines(errors) if errors and not shown else [],
        "recent": insights.feedback_list(user=request.user)[:RECENT_FEEDBACK],
    }
    return render(request, "web/feedback.html", context, status=status)


@with_family
@require_http_methods(["GET", "POST"])
def feedback_page(request: HttpRequest, family) -> HttpResponse:
    """GET: the weeks to rate, in full. POST: a rating from here or the home page."""
    if request.method == "GET":
        return _page(request, family)
    data, errors = _input(request.POST)
    if not errors:
        try:
            feedback = learning.feedback_create(user=request.user, data=data)
        except Invalid as error:
            errors = error.fields
        except NotFound as exc:  # another family's week: as if it did not exist
            raise Http404(exc.message) from exc
        except Conflict as exc:
            messages.info(request, exc.message)
            return redirect(_back(request))
        else:
            whose = f"{feedback.child.name}'s week" if feedback.child else "the week"
            messages.success(
                request, f"Thank you: your rating of {whose} is saved. It helps plan the next one."
            )
            return redirect(_back(request))
    return _page(request, family, errors=errors, posted=request.POST, status=400)


@with_family
def learned_page(request: HttpRequest, family) -> HttpResponse:
    learned = insights.learned_preferences_get(user=request.user)
    for explanation in learned["explanations"]:
        at = explanation.get("at")
        explanation["on"] = dt.date.fromisoformat(at) if at else None
    return render(request, "web/feedback_learned.html", {"family": family, "learned": learned})


@with_family
@require_POST
def learned_forget(request: HttpRequest, family) -> HttpResponse:
    learning.preferences_forget(user=request.user)
    messages.success(
        request,
        "BrightPath has forgotten what it learned. Weeks planned from now on follow your "
        "questionnaire answers, and it learns again from what you do next.",
    )
    return redirect("web:learned")


urlpatterns = [
    path("feedback/", feedback_page, name="feedback"),
    path("learned/", learned_page, name="learned"),
    path("learned/forget/", learned_forget, name="learned_forget"),
]
