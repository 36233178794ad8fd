"""The onboarding questionnaire: a wizard in the browser (static/web/wizard.js).

The page gives the script everything it needs so that nothing is written twice:
the choices and their words come from the questionnaire's vocabulary, the
drafts saved to the parent's account (to resume on another device), and the
family's current answers once it has submitted (to change them). The script
saves drafts through /api/questionnaire/drafts/ and submits the whole
questionnaire to /api/questionnaire/submit/, the same service as the API.
"""

from zoneinfo import available_timezones

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone

from brightpath.common.recurrence import WEEKDAYS
from brightpath.curriculum.standard_subjects import STANDARD_SUBJECTS
from brightpath.families import vocabulary as v
from brightpath.families.selectors import (
    family_for_user,
    questionnaire_state,
    questionnaire_version,
)
from brightpath.onboarding.selectors import questionnaire_export

# Words for the vocabulary's values where "Mid morning" is not enough; a value
# missing here falls back to vocabulary.choices' label.
LABELS = {
    "daily": "Every day",
    "weekly": "Every week",
    "monthly": "Every month",
    "one-time": "Once",
    "2-3_times_per_week": "2-3 times a week",
    "once_a_week": "Once a week",
    "occasionally": "Now and then",
    "full_involvement": "I teach it alongside",
    "some_assistance": "I help some of the time",
    "minimal_supervision": "I check in now and then",
    "independent": "Works on their own",
    "early_morning": "Early morning (before 9)",
    "mid-morning": "Mid-morning (9-10:30)",
    "late_morning": "Late morning (10:30-12)",
    "early_afternoon": "Early afternoon (12-2)",
    "late_afternoon": "Late afternoon (2-5)",
    "evening": "Evening (after 5)",
    "highly_structured": "Highly structured",
    "moderate_structure": "Moderately structured",
    "flexible": "Flexible",
    "very_flexible": "Very flexible",
    "detailed_advance_planning": "Detailed planning well ahead",
    "weekly_planning": "Planning week by week",
    "mix_of_planned_and_spontaneous": "A mix of planned and spontaneous",
    "mostly_spontaneous": "Mostly spontaneous",
    "charlotte_mason": "Charlotte Mason",
    "time_blocked": "Time-blocked",
    "interest_led": "Interest-led",
    "grouped_activities": "Grouped activities",
    "block": "Block scheduling",
    "loop": "Loop scheduling",
    "textbooks_worksheets": "Textbooks and worksheets",
    "nature_exploration": "Nature exploration",
    "arts_crafts": "Arts and crafts",
    "research_projects": "Research projects",
}

HELP = {
    "highly_structured": "Set times for everything; the week looks the same each time.",
    "moderate_structure": "A routine with room to move things around.",
    "flexible": "A rough plan; we change it as the day goes.",
    "very_flexible": "Suggestions rather than a timetable.",
    "block": "Long sessions on fewer subjects a day.",
    "loop": "Work through a list in order, picking up where you stopped.",
    "time_blocked": "Each subject at its own time of day.",
    "interest_led": "Follow what the children are curious about.",
    "grouped_activities": "Subjects the children share done together.",
}

INTEREST_LEVELS = [
    (1, "1 - Not keen"),
    (2, "2"),
    (3, "3 - It's fine"),
    (4, "4"),
    (5, "5 - Loves it"),
]

# What a new answer starts as: a typical day, a subject that needs a little help.
DEFAULTS = {
    "flexibility": "moderate_structure",
    "planningApproach": "weekly_planning",
    "rating": 3,
    "hours": {"startTime": "09:00", "endTime": "14:00"},
    "subject": {
        "isCoreSubject": False,
        "sessionDuration": 30,
        "frequency": "daily",
        "parentInvolvement": "some_assistance",
        "interestLevel": 3,
        "fixedTime": {"required": False, "preferredTime": None},
    },
    "commitment": {
        "frequency": "weekly",
        "daysOfWeek": [],
        "startTime": "10:00",
        "endTime": "11:00",
    },
}

WEEK_OF_MONTH = [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (5, "5th"), (-1, "Last")]


def _choices(values: list) -> list[dict]:
    return [
        {"value": value, "label": LABELS.get(value, label), "help": HELP.get(value, "")}
        for value, label in v.choices(values)
    ]


def _time_zones(current: str | None) -> list[str]:
    """The IANA zones a person would pick (no Etc/, posix/ or right/ aliases)."""
    zones = {
        zone
        for zone in available_timezones()
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    }
    zones |= {"UTC", settings.TIME_ZONE} | ({current} if current else set())
    return sorted(zones)


def wizard_config(user) -> dict:
    """What wizard.js reads (json_script): who, where to save, the choices, the drafts."""
    family = family_for_user(user=user)
    answers = questionnaire_export(user=user)
    state = {**questionnaire_state(user=user), "version": questionnaire_version(user=user)}
    today = family.today() if family is not None else timezone.localdate()
    return {
        # Drafts in this browser are kept under the user's id: the family row
        # does not exist before the first save, and a parent has one family.
        "familyKey": str(user.pk),
        "userName": user.name,
        "today": today.isoformat(),
        "defaultTimeZone": family.time_zone if family is not None else settings.TIME_ZONE,
        "urls": {
            "submit": reverse("onboarding:questionnaire_submit"),
            # The script appends "{section}/" and "{childKey}/{section}/", "{taskId}/".
            "drafts": reverse("families:questionnaire_draft", args=["_"]).removesuffix("_/"),
            "childDrafts": reverse("families:questionnaire_child_drafts", args=["_"]).removesuffix(
                "_/"
            ),
            "tasks": reverse("planner:task", args=["_"]).removesuffix("_/"),
            "week": reverse("web:week"),
            "settings": reverse("web:settings"),
            "home": reverse("web:home"),
        },
        "server": state,
        "submitted": answers,
        "choices": {
            "commitmentFrequencies": _choices(v.COMMITMENT_FREQUENCIES),
            "subjectFrequencies": _choices(v.SUBJECT_FREQUENCIES),
            "parentInvolvement": _choices(v.PARENT_INVOLVEMENT),
            "learningTimes": _choices(v.LEARNING_TIMES),
            "flexibility": _choices(v.SCHEDULING_FLEXIBILITY),
            "planningApproaches": _choices(v.PLANNING_APPROACHES),
            "philosophies": _choices(v.HOMESCHOOLING_PHILOSOPHIES),
            "schedulingStyles": _choices(v.SCHEDULING_STYLES),
            "activityPreferences": _choices(v.ACTIVITY_PREFERENCES),
            "weekdays": WEEKDAYS,
            "weekOfMonth": [{"value": n, "label": label} for n, label in WEEK_OF_MONTH],
            "interestLevels": [{"value": n, "label": label} for n, label in INTEREST_LEVELS],
            "timeZones": _time_zones(answers["section1"]["timeZone"] if answers else None),
            "standardSubjects": [name for name, _colour, _icon in STANDARD_SUBJECTS],
        },
        "defaults": DEFAULTS,
        "limits": {
            "slotMinutes": v.SLOT_MINUTES,
            "minSession": v.MIN_SESSION_MINUTES,
            "maxSession": v.MAX_SESSION_MINUTES,
            "minAge": v.MIN_CHILD_AGE,
            "maxAge": v.MAX_CHILD_AGE,
            "maxChildren": 12,
        },
    }


def _has_drafts(state: dict) -> bool:
    drafts = state.get("drafts") or {}
    return bool(drafts.get("children")) or any(key != "children" for key in drafts)


@login_required
def onboarding(request: HttpRequest) -> HttpResponse:
    """The questionnaire; a family that already answered it is told so first
    (and may change its answers with ?edit=1: a re-submit updates in place)."""
    answers = questionnaire_export(user=request.user)
    if answers is not None and request.GET.get("edit") != "1":
        state = questionnaire_state(user=request.user)
        context = {
            "answers": answers,
            "children": [child["section2"]["name"] for child in answers["children"]],
            "editing_in_progress": _has_drafts(state),
        }
        return render(request, "web/onboarding_done.html", context)
    context = {"config": wizard_config(request.user), "editing": answers is not None}
    return render(request, "web/onboarding.html", context)


urlpatterns = [
    path("onboarding/", onboarding, name="onboarding"),
]
