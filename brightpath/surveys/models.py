from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from brightpath.common.models import BaseModel

from .scoring import DIMENSION_KEYS, QUESTION_COUNT, RATING_MAX, RATING_MIN, dimension_of


class Category(BaseModel):
    """A group of survey questions measuring one scheduling dimension (seed 002 `Category`)."""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    dimension = models.CharField(
        max_length=40,
        unique=True,
        choices=[(key, key.replace("_", " ").capitalize()) for key in DIMENSION_KEYS],
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "survey_categories"
        verbose_name_plural = "categories"
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dimension__in=DIMENSION_KEYS), name="survey_category_dimension_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Question(BaseModel):
    """A Likert statement rated 1 (strongly disagree) to 5 (strongly agree) (seed 002 `Question`).

    `number` is the seed's q1..q25 key: it fixes the dimension the answer
    counts towards (1-5 flexibility vs structure, 6-10 subject rotation, ...),
    so the category must be that dimension's. A `reverse_scored` statement is
    phrased towards the low end of its dimension and counts as 6 - rating.
    `weight` is the seed's per-question weight; seed 002's scoring takes the
    plain mean, so it does not change dimension scores.
    """

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions")
    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(QUESTION_COUNT)]
    )
    text = models.TextField()
    description = models.TextField(blank=True)
    reverse_scored = models.BooleanField(default=False)
    weight = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "survey_questions"
        ordering = ["category__order", "order", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=QUESTION_COUNT),
                name="survey_question_number_1_to_25",
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="survey_question_weight_min_1"),
        ]

    def __str__(self) -> str:
        return f"Q{self.number}: {self.text[:50]}"

    def clean(self) -> None:
        super().clean()
        if self.number is None or not 1 <= self.number <= QUESTION_COUNT or not self.category_id:
            return
        expected = dimension_of(self.number)
        if self.category.dimension != expected:
            raise ValidationError(
                {"category": f"Question {self.number} belongs to the {expected} dimension."}
            )


class SessionStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    ABANDONED = "abandoned", "Abandoned"


class SurveySession(BaseModel):
    """One sitting of the survey by a user (seed 002 `SurveySession`).

    `dimension_scores` is set when, and only when, the session is completed:
    the mean rating per dimension, reverse-scored items counted as 6 - rating
    (see `scoring.dimension_scores`)::

        {"flexibilityVsStructure": 3.4, "subjectRotation": 4.2, "timeManagement": 4.2,
         "longTermScheduling": 5.0, "prioritization": 4.2}

    Each value is 1.0-5.0 with two decimals; a dimension none of whose active
    questions exists is absent.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_sessions"
    )
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.IN_PROGRESS
    )
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    dimension_scores = models.JSONField(null=True, blank=True)

    class Meta:
        db_table = "survey_sessions"
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SessionStatus.values), name="survey_session_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=SessionStatus.COMPLETED)
                    & Q(completed_at__isnull=False)
                    & Q(dimension_scores__isnull=False)
                )
                | (
                    ~Q(status=SessionStatus.COMPLETED)
                    & Q(completed_at__isnull=True)
                    & Q(dimension_scores__isnull=True)
                ),
                name="survey_session_completed_has_scores",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.started_at:%Y-%m-%d} ({self.status})"


class SurveyResponse(BaseModel):
    """A user's rating of one question in one session (seed 002 `SurveyResponse`)."""

    session = models.ForeignKey(SurveySession, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    text_response = models.TextField(blank=True)

    class Meta:
        db_table = "survey_responses"
        ordering = ["question__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "question"], name="survey_response_one_per_question"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=RATING_MIN) & Q(rating__lte=RATING_MAX),
                name="survey_response_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} - Q{self.question.number}: {self.rating}"
