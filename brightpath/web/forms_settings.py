"""The settings pages' forms: what the questionnaire said, changed one part at a time.

Each form checks the shape of what was typed, with the rules the API's
serializers apply to the same fields (families.questionnaire, curriculum.questionnaire),
and hands the services the same values the API hands them (`answer()`,
`service_kwargs()`); the services' own rules come back as `Invalid` and are put
next to the field by views.common.add_service_errors.
"""

import datetime as dt
from zoneinfo import available_timezones

from django import forms

from brightpath.common.birthdates import BirthDate
from brightpath.common.fields import DATE_RANGE_MESSAGE, date_in_range
from brightpath.families import vocabulary as v

WEEKDAY_CHOICES = [(day, day) for day in v.WEEKDAYS]
LEARNING_TIME_CHOICES = [
    ("early_morning", "Early morning"),
    ("mid-morning", "Mid-morning"),
    ("late_morning", "Late morning"),
    ("early_afternoon", "Early afternoon"),
    ("late_afternoon", "Late afternoon"),
    ("evening", "Evening"),
]
SUBJECT_FREQUENCY_LABELS = {
    "daily": "Daily",
    "2-3_times_per_week": "2–3 times a week",
    "once_a_week": "Once a week",
    "occasionally": "Now and then",
}
PARENT_INVOLVEMENT_LABELS = {
    "full_involvement": "Full: you teach it",
    "some_assistance": "Some help from you",
    "minimal_supervision": "Light supervision",
    "independent": "On their own",
}
COMMITMENT_FREQUENCY_LABELS = {
    "daily": "Every day",
    "weekly": "Every week",
    "monthly": "Every month",
    "one-time": "Once",
}
WEEK_OF_MONTH_CHOICES = [
    ("", "—"),
    ("1", "First"),
    ("2", "Second"),
    ("3", "Third"),
    ("4", "Fourth"),
    ("5", "Fifth"),
    ("-1", "Last"),
]
INTEREST_CHOICES = [
    (1, "1 · not keen"),
    (2, "2"),
    (3, "3 · neutral"),
    (4, "4"),
    (5, "5 · loves it"),
]
ADULT_CHOICES = [
    (1, "One adult teaches at a time"),
    (2, "Two adults can teach at the same time"),
]

TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"type": "time"})
GRID_TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": 300})


def time_zone_choices(current: str = "") -> list:
    """IANA zones grouped by region ("America" -> "New York"), for a select.
    Old aliases (US/Eastern, EST5EDT, Etc/...) are left out unless the family has one."""
    regions: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(available_timezones()):
        region, _, place = name.partition("/")
        if not place or region in ("Etc", "US", "SystemV") or name == "localtime":
            continue
        regions.setdefault(region, []).append((name, place.replace("_", " ").replace("/", " / ")))
    choices: list = [(region, places) for region, places in sorted(regions.items())]
    if current and not any(current == name for _, places in choices for name, _ in places):
        choices.insert(0, ("Current", [(current, current)]))
    return choices


def _hhmm(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _on_grid(form: forms.Form, field: str) -> None:
    value = form.cleaned_data.get(field)
    if value and (value.minute % v.SLOT_MINUTES or value.second):
        form.add_error(field, f"Use a time on a {v.SLOT_MINUTES}-minute step, such as 09:05.")


def _ends_after_start(form: forms.Form, start: str = "start_time", end: str = "end_time") -> None:
    begins, ends = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if begins and ends and ends <= begins:
        form.add_error(end, "Must be after the start time.")


# --- The family -------------------------------------------------------------------------


class FamilyForm(forms.Form):
    name = forms.CharField(label="Family name", max_length=255)
    time_zone = forms.ChoiceField(
        label="Time zone",
        help_text="Your days and weeks, and the daily email, follow this time zone.",
    )
    school_days = forms.MultipleChoiceField(
        label="School days",
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one school day."},
    )
    adults = forms.TypedChoiceField(
        label="Who teaches",
        choices=ADULT_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="With two adults, two children can have your full attention at once.",
    )

    def __init__(self, *args, current_time_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices(current_time_zone)

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"]
        if value not in available_timezones():
            raise forms.ValidationError('Unknown time zone; choose one such as "America/Chicago".')
        return value

    @staticmethod
    def initial_for(family) -> dict:
        return {
            "name": family.name,
            "time_zone": family.time_zone,
            "school_days": family.school_days,
            "adults": family.adults,
        }


class AgendaEmailForm(forms.Form):
    enabled = forms.BooleanField(label="Send me the day's plan each morning", required=False)
    send_at = forms.TimeField(
        label="Send it at",
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time", "class": "short"}),
        help_text="Your local time, in the family's time zone.",
        error_messages={"invalid": 'Use a 24-hour time such as "07:00".'},
    )


class RecordsTargetForm(forms.Form):
    """Types only: the service (planner.services.records) checks the rules."""

    state = forms.CharField(
        label="State",
        max_length=2,
        required=False,
        help_text="Two letters, e.g. MO. Leave empty if you do not report to a state.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 3}),
    )
    year_start = forms.DateField(
        label="School year starts", widget=forms.DateInput(attrs={"type": "date"})
    )
    year_end = forms.DateField(
        label="School year ends", widget=forms.DateInput(attrs={"type": "date"})
    )
    required_days = forms.IntegerField(
        label="Days of instruction", required=False, help_text="Leave empty if not required."
    )
    required_hours = forms.IntegerField(
        label="Hours", required=False, help_text="Leave empty if not required."
    )
    required_core_hours = forms.IntegerField(
        label="Hours in core subjects", required=False, help_text="Leave empty if not required."
    )

    def clean(self) -> dict:
        data = super().clean()
        for name in ("year_start", "year_end"):
            if data.get(name) and not date_in_range(data[name]):
                self.add_error(name, DATE_RANGE_MESSAGE)
        return data


# --- Commitments (the parent's and a child's) -------------------------------------------


class CommitmentForm(forms.Form):
    """A commitment as the questionnaire has it (QuestionnaireCommitmentSerializer's rules)."""

    name = forms.CharField(label="What", max_length=255)
    frequency = forms.ChoiceField(
        label="How often", choices=list(COMMITMENT_FREQUENCY_LABELS.items())
    )
    days_of_week = forms.MultipleChoiceField(
        label="On",
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Every week: the days. Every month by weekday: one day.",
    )
    day_of_month = forms.IntegerField(
        label="Day of the month",
        min_value=1,
        max_value=31,
        required=False,
        help_text="Every month on a date, e.g. 15.",
    )
    week_of_month = forms.TypedChoiceField(
        label="Or which week of the month",
        choices=WEEK_OF_MONTH_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Every month on a weekday, e.g. the second Wednesday.",
    )
    date = forms.DateField(
        label="Date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Once: the day it happens.",
    )
    start_time = forms.TimeField(label="From", widget=TIME_WIDGET)
    end_time = forms.TimeField(label="Until", widget=TIME_WIDGET)

    def clean(self) -> dict:
        data = super().clean()
        _ends_after_start(self)
        frequency, days = data.get("frequency"), data.get("days_of_week") or []
        if frequency == "weekly" and not days:
            self.add_error("days_of_week", "Choose at least one day for a weekly commitment.")
        if frequency == "monthly":
            by_date = data.get("day_of_month") is not None
            by_weekday = data.get("week_of_month") is not None
            if by_date == by_weekday:
                self.add_error(
                    "day_of_month",
                    "Give either the day of the month, or the week of the month with one day "
                    "(e.g. the second Wednesday).",
                )
            elif by_weekday and len(days) != 1:
                self.add_error("days_of_week", "With a week of the month, choose exactly one day.")
        if frequency == "one-time":
            if not data.get("date"):
                self.add_error("date", "A one-time commitment needs its date.")
            elif not date_in_range(data["date"]):
                self.add_error("date", DATE_RANGE_MESSAGE)
        return data

    def answer(self) -> dict:
        """The commitment in the questionnaire's format (families.answers.CommitmentAnswer),
        with only the fields its frequency uses."""
        data = self.cleaned_data
        answer = {
            "name": data["name"].strip(),
            "frequency": data["frequency"],
            "startTime": _hhmm(data["start_time"]),
            "endTime": _hhmm(data["end_time"]),
        }
        days = sorted(data.get("days_of_week") or [], key=v.WEEKDAYS.index)
        if data["frequency"] == "weekly":
            answer["daysOfWeek"] = days
        elif data["frequency"] == "monthly":
            if data.get("week_of_month") is not None:
                answer["weekOfMonth"] = data["week_of_month"]
                answer["daysOfWeek"] = days
            else:
                answer["dayOfMonth"] = data["day_of_month"]
        elif data["frequency"] == "one-time":
            answer["date"] = data["date"].isoformat()
        return answer

    @staticmethod
    def initial_for(row) -> dict:
        return {
            "name": row.name,
            "frequency": row.frequency,
            "days_of_week": row.days_of_week,
            "day_of_month": row.day_of_month,
            "week_of_month": row.week_of_month,
            "date": row.date,
            "start_time": row.start_time,
            "end_time": row.end_time,
        }


# --- A child ----------------------------------------------------------------------------


class ChildForm(forms.Form):
    """A child's profile (ChildProfileSerializer's rules): the birth date is
    checked against today where the family lives."""

    name = forms.CharField(label="Name", max_length=255)
    birth_date = forms.CharField(
        label="Birth date",
        required=False,
        help_text="A date like 2019-09-14, or only the month like 2019-09.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    age = forms.IntegerField(
        label="Or the age today",
        required=False,
        min_value=v.MIN_CHILD_AGE,
        max_value=v.MAX_CHILD_AGE,
        help_text="Only if you would rather not give the birth date: the month is then estimated.",
    )
    start_time = forms.TimeField(
        label="Homeschool day starts",
        widget=GRID_TIME_WIDGET,
        error_messages={"invalid": 'Use a 24-hour time such as "09:00".'},
    )
    end_time = forms.TimeField(
        label="Homeschool day ends",
        widget=GRID_TIME_WIDGET,
        error_messages={"invalid": 'Use a 24-hour time such as "14:00".'},
    )
    best_learning_times = forms.MultipleChoiceField(
        label="Learns best",
        choices=LEARNING_TIME_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Harder subjects go into these times when they can.",
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_birth_date(self) -> BirthDate | None:
        text = self.cleaned_data["birth_date"].strip()
        if not text:
            return None
        try:
            birth = BirthDate.parse(text)
        except ValueError:
            raise forms.ValidationError(
                'Use a date such as "2019-09-14", or "2019-09" when only the month is known.'
            ) from None
        if birth.date > self.today:
            raise forms.ValidationError("Is in the future.")
        years = birth.age_on(self.today)
        if not v.MIN_CHILD_AGE <= years <= v.MAX_CHILD_AGE:
            raise forms.ValidationError(
                f"That makes the child {years} today; BrightPath plans for children "
                f"aged {v.MIN_CHILD_AGE} to {v.MAX_CHILD_AGE}."
            )
        return birth

    def clean(self) -> dict:
        data = super().clean()
        birth, age = data.get("birth_date"), data.get("age")
        if "birth_date" in data and birth is None and age is None and "age" not in self.errors:
            self.add_error("birth_date", "Give the birth date, or the age.")
        if birth is not None and age is not None and birth.age_on(self.today) != age:
            self.add_error(
                "age",
                f"Does not match the birth date: a child born {birth.text} is "
                f"{birth.age_on(self.today)} today. Leave one of them empty.",
            )
        _on_grid(self, "start_time")
        _on_grid(self, "end_time")
        _ends_after_start(self)
        return data

    def service_kwargs(self) -> dict:
        """What onboarding.services.child_save takes."""
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "birth": data["birth_date"],
            "age": None if data["birth_date"] else data["age"],
            "best_learning_times": data["best_learning_times"],
            "start_time": _hhmm(data["start_time"]),
            "end_time": _hhmm(data["end_time"]),
        }

    @staticmethod
    def initial_for(child) -> dict:
        hours = child.learning_preferences.get("homeschoolingHours", {})
        return {
            "name": child.name,
            "birth_date": child.birth.text,
            "start_time": hours.get("startTime"),
            "end_time": hours.get("endTime"),
            "best_learning_times": child.learning_preferences.get("bestLearningTimes", []),
        }


class SubjectForm(forms.Form):
    """A child's subject plan (QuestionnaireSubjectSerializer's rules)."""

    name = forms.CharField(
        label="Subject",
        max_length=100,
        widget=forms.TextInput(attrs={"list": "catalog-subjects", "autocomplete": "off"}),
    )
    is_core_subject = forms.BooleanField(
        label="Core subject",
        required=False,
        help_text="Counts toward the core hours your state may ask for.",
    )
    session_duration = forms.IntegerField(
        label="Minutes a session",
        min_value=v.MIN_SESSION_MINUTES,
        max_value=v.MAX_SESSION_MINUTES,
        widget=forms.NumberInput(attrs={"step": v.SLOT_MINUTES}),
        help_text=f"{v.MIN_SESSION_MINUTES} to {v.MAX_SESSION_MINUTES}, "
        f"in steps of {v.SLOT_MINUTES}.",
    )
    frequency = forms.ChoiceField(label="How often", choices=list(SUBJECT_FREQUENCY_LABELS.items()))
    parent_involvement = forms.ChoiceField(
        label="Your part", choices=list(PARENT_INVOLVEMENT_LABELS.items())
    )
    fixed_time_required = forms.BooleanField(label="Always at the same time", required=False)
    preferred_time = forms.TimeField(
        label="At",
        required=False,
        widget=GRID_TIME_WIDGET,
        help_text="Only with “always at the same time”.",
    )
    interest_level = forms.TypedChoiceField(
        label="Interest", choices=INTEREST_CHOICES, coerce=int, initial=3
    )

    def clean_session_duration(self) -> int:
        value = self.cleaned_data["session_duration"]
        if value % v.SLOT_MINUTES:
            raise forms.ValidationError(f"Must be a multiple of {v.SLOT_MINUTES} minutes.")
        return value

    def clean(self) -> dict:
        data = super().clean()
        _on_grid(self, "preferred_time")
        fixed, time = data.get("fixed_time_required"), data.get("preferred_time")
        if fixed and not time and "preferred_time" not in self.errors:
            self.add_error("preferred_time", "A fixed-time subject needs its time.")
        return data

    def answer(self, metadata: dict | None = None) -> dict:
        """The subject plan in the questionnaire's format (curriculum.answers.SubjectAnswer);
        `metadata` (e.g. the curriculum it follows) is kept as it was."""
        data = self.cleaned_data
        fixed = data["fixed_time_required"]
        answer = {
            "name": data["name"].strip(),
            "isCoreSubject": data["is_core_subject"],
            "sessionDuration": data["session_duration"],
            "frequency": data["frequency"],
            "parentInvolvement": data["parent_involvement"],
            "fixedTime": {
                "required": fixed,
                "preferredTime": _hhmm(data["preferred_time"]) if fixed else None,
            },
            "interestLevel": data["interest_level"],
        }
        if metadata:
            answer["metadata"] = metadata
        return answer

    @staticmethod
    def initial_for(subject) -> dict:
        return {
            "name": subject.name,
            "is_core_subject": subject.is_core_subject,
            "session_duration": subject.session_duration,
            "frequency": subject.frequency,
            "parent_involvement": subject.parent_involvement,
            "fixed_time_required": subject.fixed_time_required,
            "preferred_time": subject.preferred_time,
            "interest_level": subject.interest_level,
        }
