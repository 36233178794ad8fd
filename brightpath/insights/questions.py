"""The weekly feedback form: a star rating, five Likert statements and what the
parent changed (seed 002's `feedback_data`: `likert_responses` q1..q5 and
`adjustments`), in camelCase as stored and sent.

Pure constants, so the API, the page and the reward model's features agree.
"""

from __future__ import annotations

RATING_MIN, RATING_MAX = 1, 5
LIKERT_MIN, LIKERT_MAX = 1, 5

# q1..q5: 1 = strongly disagree, 5 = strongly agree.
LIKERT_STATEMENTS: dict[str, str] = {
    "q1": "The week's pace suited us.",
    "q2": "Subjects came at good times of day.",
    "q3": "I could give each child the help they needed.",
    "q4": "The children stayed engaged.",
    "q5": "There was enough room for breaks and the unexpected.",
}

# What the parent changed in the week (seed 002 `adjustments`).
ADJUSTMENTS: dict[str, str] = {
    "timeShifted": "I moved sessions to other times",
    "blocksResized": "I made sessions longer or shorter",
    "subjectsReordered": "I changed the order of subjects",
}

SCHEDULE_SATISFACTION = "schedule_satisfaction"
# seed 000 `user_feedback.feedback_type`: a week's rating, or anything else the parent tells us.
FEEDBACK_TYPES = [SCHEDULE_SATISFACTION, "feature_suggestion", "other"]
COMMENTS_MAX = 5000
