"""The questionnaire's controlled vocabularies (seeds 000-002).

One place for every enumerated value, shared by the models' check constraints,
the submission validators and the JSON Schema.
"""

from brightpath.common.recurrence import WEEKDAYS

DEFAULT_SCHOOL_DAYS = WEEKDAYS[:5]

COMMITMENT_FREQUENCIES = ["daily", "weekly", "monthly", "one-time"]

SUBJECT_FREQUENCIES = ["daily", "2-3_times_per_week", "once_a_week", "occasionally"]
PARENT_INVOLVEMENT = ["full_involvement", "some_assistance", "minimal_supervision", "independent"]

LEARNING_TIMES = [
    "early_morning",
    "mid-morning",
    "late_morning",
    "early_afternoon",
    "late_afternoon",
    "evening",
]
# Spellings accepted on input and stored as the canonical one.
LEARNING_TIME_ALIASES = {"mid_morning": "mid-morning"}

SCHEDULING_FLEXIBILITY = [
    "highly_structured",
    "moderate_structure",
    "flexible",
    "very_flexible",
]
PLANNING_APPROACHES = [
    "detailed_advance_planning",
    "weekly_planning",
    "mix_of_planned_and_spontaneous",
    "mostly_spontaneous",
]

# Section 7 ratings (1-5) and their keys.
HOMESCHOOLING_PHILOSOPHIES = [
    "traditional",
    "charlotte_mason",
    "montessori",
    "classical",
    "unschooling",
]
SCHEDULING_STYLES = ["block", "loop", "time_blocked", "interest_led", "grouped_activities"]
ACTIVITY_PREFERENCES = [
    "textbooks_worksheets",
    "nature_exploration",
    "arts_crafts",
    "memorization",
    "research_projects",
    "experiments",
    "discussions",
]

MIN_CHILD_AGE, MAX_CHILD_AGE = 2, 18
MIN_SESSION_MINUTES, MAX_SESSION_MINUTES = 5, 240
SLOT_MINUTES = 5  # the scheduler's grid


def choices(values: list[str]) -> list[tuple[str, str]]:
    return [(value, value.replace("_", " ").replace("-", " ").capitalize()) for value in values]


# Labelled choices, shared by model fields and serializers so the OpenAPI enums are one each.
COMMITMENT_FREQUENCY_CHOICES = choices(COMMITMENT_FREQUENCIES)
SUBJECT_FREQUENCY_CHOICES = choices(SUBJECT_FREQUENCIES)
PARENT_INVOLVEMENT_CHOICES = choices(PARENT_INVOLVEMENT)
