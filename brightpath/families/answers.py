"""The shapes of validated questionnaire answers that the families' services write."""

from typing import NotRequired, TypedDict


class CommitmentAnswer(TypedDict):
    """A validated commitment, as QuestionnaireCommitmentSerializer returns it."""

    name: str
    frequency: str  # daily, weekly, monthly, one-time
    startTime: str  # "HH:MM"
    endTime: str
    id: NotRequired[str]
    daysOfWeek: NotRequired[list[str]]
    dayOfMonth: NotRequired[int]
    weekOfMonth: NotRequired[int]
    date: NotRequired[str]  # ISO date, one-time only
