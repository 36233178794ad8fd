"""Writes to lesson sequences: what each session of a subject teaches, in order.

A sequence belongs to a family. Its lessons come typed one by one, pasted as a
list, imported from a CSV file, copied from another sequence or from a
catalogue resource's default lessons. Every import is checked whole before
anything is written: one bad row and nothing is saved, with each bad row named.
Progress (which lessons a child has done) is the planner's: LessonCompletion.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import F, Max

from brightpath.accounts.models import User
from brightpath.common.errors import Invalid, NotFound
from brightpath.families.models import Family
from brightpath.families.selectors import family_get

from ..models import Lesson, LessonSequence, Resource, Subject

LESSON_WRITE_MODES = ["append", "replace"]  # add after the last lesson, or replace them all
MAX_LESSONS = 2000  # a sequence: a year of daily lessons several times over
MAX_CSV_BYTES = 1_000_000
MAX_ERRORS = 20  # reported at once; the rest are summed up
TITLE_MAX = 200
NAME_MAX = 200
NOTES_MAX = 5000
URL_MAX = 500
MINUTES_MAX = 600
URL_SCHEMES = ("http", "https")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@")
CSV_COLUMNS = ("position", "title", "notes", "url", "minutes")
# Other names a spreadsheet's header may use for the same columns.
CSV_ALIASES = {
    "resource_url": "url",
    "resourceurl": "url",
    "link": "url",
    "estimated_minutes": "minutes",
    "estimatedminutes": "minutes",
    "lesson": "title",
    "name": "title",
}
TOO_LONG = f"the title is longer than {TITLE_MAX} characters."
BULLET = re.compile(r"^\s*(?:[-*•]\s+)")


@dataclass(frozen=True)
class LessonInput:
    title: str
    notes: str = ""
    url: str = ""
    minutes: int | None = None


class _Errors:
    """Collects messages under their field paths; raises them all at once."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.count = 0

    def add(self, path: str, message: str) -> None:
        self.count += 1
        if self.count <= MAX_ERRORS:
            self.fields.setdefault(path, []).append(message)

    def raise_any(self, summary_path: str) -> None:
        if not self.fields:
            return
        if self.count > MAX_ERRORS:
            more = self.count - MAX_ERRORS
            self.fields.setdefault(summary_path, []).append(
                f"…and {more} more problem{'s' if more != 1 else ''}."
            )
        raise Invalid(self.fields)


def _url_problem(url: str) -> str | None:
    if not url:
        return None
    if len(url) > URL_MAX:
        return f"Use an address of at most {URL_MAX} characters."
    parts = urlsplit(url)
    if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
        return "Use an http:// or https:// address."
    return None


def _minutes_problem(minutes: int | None) -> str | None:
    if minutes is not None and not 1 <= minutes <= MINUTES_MAX:
        return f"Use a number of minutes from 1 to {MINUTES_MAX}."
    return None


def lessons_check(lessons: list[LessonInput], *, field: str = "lessons") -> list[LessonInput]:
    """The lessons, titles trimmed, if every one is valid; else Invalid naming
    each bad field (`lessons[3].title`)."""
    errors = _Errors()
    out = []
    for index, lesson in enumerate(lessons):
        path = f"{field}[{index}]"
        title = lesson.title.strip()
        if not title:
            errors.add(f"{path}.title", "Give the lesson a title.")
        elif len(title) > TITLE_MAX:
            errors.add(f"{path}.title", f"Use at most {TITLE_MAX} characters.")
        if len(lesson.notes) > NOTES_MAX:
            errors.add(f"{path}.notes", f"Use at most {NOTES_MAX} characters.")
        if problem := _url_problem(lesson.url.strip()):
            errors.add(f"{path}.resourceUrl", problem)
        if problem := _minutes_problem(lesson.minutes):
            errors.add(f"{path}.estimatedMinutes", problem)
        out.append(LessonInput(title, lesson.notes.strip(), lesson.url.strip(), lesson.minutes))
    errors.raise_any(field)
    return out


# --- pasted lists and CSV files --------------------------------------------------------


def lessons_parse_text(text: str, *, field: str = "text") -> list[LessonInput]:
    """A pasted list: one lesson a line, optionally `title | minutes | url`.
    Blank lines and list bullets ("- ", "* ") are left out. Errors name the line."""
    errors = _Errors()
    out: list[LessonInput] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = BULLET.sub("", raw).strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > 3:
            errors.add(field, f"Line {number}: use at most “title | minutes | url”.")
            continue
        title, minutes_text, url = (parts + ["", ""])[:3]
        minutes = None
        if minutes_text:
            if not minutes_text.isdigit():
                errors.add(field, f"Line {number}: “{minutes_text}” is not a number of minutes.")
                continue
            minutes = int(minutes_text)
        problem = (
            ("the title is empty." if not title else None)
            or (TOO_LONG if len(title) > TITLE_MAX else None)
            or _minutes_problem(minutes)
            or _url_problem(url)
        )
        if problem:
            errors.add(field, f"Line {number}: {problem}")
            continue
        out.append(LessonInput(title=title, url=url, minutes=minutes))
    if not out and not errors.fields:
        errors.add(field, "The list is empty: put one lesson on each line.")
    errors.raise_any(field)
    return out


def _csv_text(data: str | bytes, field: str) -> str:
    if isinstance(data, bytes):
        if len(data) > MAX_CSV_BYTES:
            raise Invalid({field: [f"The file is larger than {MAX_CSV_BYTES // 1_000_000} MB."]})
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Invalid({field: ["Save the file as CSV with UTF-8 encoding."]}) from None
    if len(data.encode()) > MAX_CSV_BYTES:
        raise Invalid({field: [f"The file is larger than {MAX_CSV_BYTES // 1_000_000} MB."]})
    return data.removeprefix("\ufeff")


def _csv_header(row: list[str], field: str) -> list[str]:
    names = []
    for cell in row:
        name = re.sub(r"[\s-]+", "_", cell.strip().lower())
        names.append(CSV_ALIASES.get(name, name))
    unknown = [cell for cell, name in zip(row, names, strict=True) if name not in CSV_COLUMNS]
    problems = []
    if unknown:
        problems.append(
            f"Row 1: unknown column{'s' if len(unknown) > 1 else ''} "
            + ", ".join(f"“{u}”" for u in unknown)
            + f"; use {', '.join(CSV_COLUMNS)}."
        )
    if "title" not in names:
        problems.append("Row 1: the first row names the columns, and one must be “title”.")
    duplicated = sorted({n for n in names if names.count(n) > 1 and n in CSV_COLUMNS})
    if duplicated:
        problems.append(f"Row 1: the column “{duplicated[0]}” appears twice.")
    if problems:
        raise Invalid({field: problems})
    return names


def lessons_parse_csv(data: str | bytes, *, field: str = "csv") -> list[LessonInput]:
    """Lessons from a CSV file whose first row names the columns (title, and any
    of position, notes, url, minutes). Strict, and all or nothing: an empty
    title, a position given twice, a cell a spreadsheet would run as a formula,
    or more than MAX_LESSONS rows is an error naming the row (the header is
    row 1). With positions, lessons take their order from them."""
    text = _csv_text(data, field)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise Invalid({field: [f"This is not a readable CSV file ({exc})."]}) from None
    if not rows:
        raise Invalid({field: ["The file is empty: the first row names the columns."]})
    names = _csv_header(rows[0], field)
    body = [
        (number, row) for number, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)
    ]
    if not body:
        raise Invalid({field: ["The file has no lessons under its header row."]})
    if len(body) > MAX_LESSONS:
        raise Invalid(
            {
                field: [
                    f"The file has {len(body):,} lessons; a sequence holds at most {MAX_LESSONS:,}."
                ]
            }
        )
    errors = _Errors()
    seen_positions: dict[int, int] = {}
    parsed: list[tuple[int, int, LessonInput]] = []  # (position or row, row, lesson)
    for number, row in body:
        if len(row) > len(names):
            errors.add(field, f"Row {number}: more cells than the header has columns.")
            continue
        cells = dict(zip(names, [c.strip() for c in row], strict=False))
        formula = next(
            (name for name in names if cells.get(name, "").startswith(FORMULA_STARTS)), None
        )
        if formula:
            errors.add(
                field,
                f"Row {number}, {formula}: starts with “{cells[formula][0]}”, which a spreadsheet "
                "would run as a formula; remove that character.",
            )
            continue
        title = cells.get("title", "")
        if not title:
            errors.add(field, f"Row {number}: the title is empty.")
            continue
        if len(title) > TITLE_MAX:
            errors.add(field, f"Row {number}: {TOO_LONG}")
            continue
        if len(cells.get("notes", "")) > NOTES_MAX:
            errors.add(field, f"Row {number}: the notes are longer than {NOTES_MAX} characters.")
            continue
        order = number
        if position_text := cells.get("position", ""):
            if not position_text.isdigit() or int(position_text) < 1:
                errors.add(field, f"Row {number}: the position “{position_text}” is not 1, 2, 3…")
                continue
            order = int(position_text)
            if order in seen_positions:
                errors.add(
                    field,
                    f"Row {number}: position {order} is already on row {seen_positions[order]}.",
                )
                continue
            seen_positions[order] = number
        minutes = None
        if minutes_text := cells.get("minutes", ""):
            if not minutes_text.isdigit():
                errors.add(field, f"Row {number}: “{minutes_text}” is not a number of minutes.")
                continue
            minutes = int(minutes_text)
        url = cells.get("url", "")
        if problem := (_minutes_problem(minutes) or _url_problem(url)):
            errors.add(field, f"Row {number}: {problem}")
            continue
        lesson = LessonInput(title=title, notes=cells.get("notes", ""), url=url, minutes=minutes)
        parsed.append((order, number, lesson))
    if seen_positions and len(seen_positions) != len(parsed) and not errors.fields:
        errors.add(field, "Give every row a position, or none.")
    errors.raise_any(field)
    return [lesson for _, _, lesson in sorted(parsed, key=lambda p: (p[0], p[1]))]


# --- sequences -------------------------------------------------------------------------


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise Invalid({"name": ["Give the sequence a name."]})
    if len(name) > NAME_MAX:
        raise Invalid({"name": [f"Use at most {NAME_MAX} characters."]})
    return name


def _check_owner(sequence: LessonSequence, user: User) -> None:
    if sequence.family.owner_id != user.pk:
        raise NotFound("No such lesson sequence.")


def _check_size(count: int, field: str) -> None:
    if count > MAX_LESSONS:
        raise Invalid(
            {field: [f"That makes {count:,} lessons; a sequence holds at most {MAX_LESSONS:,}."]}
        )


def _new_lessons(sequence: LessonSequence, lessons: list[LessonInput], first: int) -> None:
    Lesson.objects.bulk_create(
        Lesson(
            sequence=sequence,
            position=first + index,
            title=lesson.title,
            notes=lesson.notes,
            resource_url=lesson.url,
            estimated_minutes=lesson.minutes,
        )
        for index, lesson in enumerate(lessons)
    )


def _touch(sequence: LessonSequence) -> None:
    sequence.save(update_fields=["updated_at"])


@transaction.atomic
def lesson_sequence_create(
    *,
    user: User,
    name: str,
    lessons: list[LessonInput] = (),
    resource: Resource | None = None,
    family: Family | None = None,
) -> LessonSequence:
    """A new sequence for the user's family, with its first lessons."""
    family = family or family_get(user=user)
    if family.owner_id != user.pk:
        raise NotFound()
    name = _check_name(name)
    lessons = lessons_check(list(lessons))
    _check_size(len(lessons), "lessons")
    sequence = LessonSequence.objects.create(family=family, name=name, resource=resource)
    _new_lessons(sequence, lessons, 1)
    return sequence


@transaction.atomic
def lesson_sequence_from_resource(
    *, user: User, resource: Resource, name: str = ""
) -> LessonSequence:
    """A family's own copy of a catalogue resource's default lessons, to plan with."""
    if resource.owner_id != user.pk and not resource.is_public:
        raise NotFound("No such resource.")
    if not resource.default_lessons:
        raise Invalid({"resourceId": ["This resource has no lessons to plan with."]})
    lessons = [
        LessonInput(
            title=str(row.get("title", "")),
            notes=str(row.get("notes", "")),
            url=str(row.get("url", "")),
            minutes=row["minutes"] if isinstance(row.get("minutes"), int) else None,
        )
        for row in resource.default_lessons
        if isinstance(row, dict)
    ]
    return lesson_sequence_create(
        user=user, name=name or resource.title, lessons=lessons, resource=resource
    )


@transaction.atomic
def lesson_sequence_rename(*, user: User, sequence: LessonSequence, name: str) -> LessonSequence:
    _check_owner(sequence, user)
    sequence.name = _check_name(name)
    sequence.save(update_fields=["name", "updated_at"])
    return sequence


@transaction.atomic
def lesson_sequence_delete(*, user: User, sequence: LessonSequence) -> None:
    """Delete a sequence and its lessons; subject plans using it keep their
    sessions without lessons. What was done stays in the activity log."""
    _check_owner(sequence, user)
    sequence.delete()


def _locked(sequence: LessonSequence) -> LessonSequence:
    # Two imports into one sequence must not interleave their positions.
    return LessonSequence.objects.select_for_update().select_related("family").get(pk=sequence.pk)


@transaction.atomic
def lessons_append(
    *, user: User, sequence: LessonSequence, lessons: list[LessonInput], field: str = "lessons"
) -> LessonSequence:
    """Add lessons after the last one."""
    _check_owner(sequence, user)
    sequence = _locked(sequence)
    lessons = lessons_check(list(lessons), field=field)
    last = sequence.lessons.aggregate(last=Max("position"))["last"] or 0
    _check_size(last + len(lessons), field)
    _new_lessons(sequence, lessons, last + 1)
    _touch(sequence)
    return sequence


@transaction.atomic
def lessons_replace(
    *, user: User, sequence: LessonSequence, lessons: list[LessonInput], field: str = "lessons"
) -> LessonSequence:
    """Make the sequence these lessons, in this order. The lesson at each
    position keeps its identity (and so every child's progress through it);
    positions past the new end are deleted."""
    _check_owner(sequence, user)
    sequence = _locked(sequence)
    lessons = lessons_check(list(lessons), field=field)
    _check_size(len(lessons), field)
    existing = {row.position: row for row in sequence.lessons.all()}
    changed = []
    for position, lesson in enumerate(lessons, start=1):
        row = existing.get(position)
        if row is None:
            continue
        row.title, row.notes = lesson.title, lesson.notes
        row.resource_url, row.estimated_minutes = lesson.url, lesson.minutes
        changed.append(row)
    Lesson.objects.bulk_update(changed, ["title", "notes", "resource_url", "estimated_minutes"])
    sequence.lessons.filter(position__gt=len(lessons)).delete()
    _new_lessons(sequence, lessons[len(existing) :], len(existing) + 1)
    _touch(sequence)
    return sequence


@transaction.atomic
def lesson_update(*, user: User, lesson: Lesson, change: LessonInput) -> Lesson:
    """Replace one lesson's title, notes, link and minutes (its place stays)."""
    _check_owner(lesson.sequence, user)
    change = lessons_check([change], field="lesson")[0]
    lesson.title, lesson.notes = change.title, change.notes
    lesson.resource_url, lesson.estimated_minutes = change.url, change.minutes
    lesson.save()
    return lesson


@transaction.atomic
def lesson_delete(*, user: User, lesson: Lesson) -> None:
    """Delete one lesson; the lessons after it move up one place."""
    sequence = _locked(lesson.sequence)
    _check_owner(sequence, user)
    position = lesson.position
    lesson.delete()
    # Two steps, so no two lessons hold one position in between (unique constraint).
    later = sequence.lessons.filter(position__gt=position)
    later.update(position=F("position") + MAX_LESSONS * 10)
    later = sequence.lessons.filter(position__gt=MAX_LESSONS * 10)
    later.update(position=F("position") - MAX_LESSONS * 10 - 1)
    _touch(sequence)


@transaction.atomic
def lesson_sequence_copy(
    *, user: User, sequence: LessonSequence, name: str = "", subject: Subject | None = None
) -> LessonSequence:
    """A copy of the sequence with its lessons (not anyone's progress), named
    `name` or "<name> (copy)"; given a subject plan, the copy is attached to it
    (the way one child's plan is copied to a sibling who will change it)."""
    _check_owner(sequence, user)
    if subject is not None and subject.child.family_id != sequence.family_id:
        raise NotFound("No such subject.")
    copy = LessonSequence.objects.create(
        family=sequence.family,
        name=_check_name(name.strip() or f"{sequence.name} (copy)"[:NAME_MAX]),
        resource=sequence.resource,
    )
    Lesson.objects.bulk_create(
        Lesson(
            sequence=copy,
            position=row.position,
            title=row.title,
            notes=row.notes,
            resource_url=row.resource_url,
            estimated_minutes=row.estimated_minutes,
        )
        for row in sequence.lessons.all()
    )
    if subject is not None:
        subject_lesson_sequence_set(user=user, subject=subject, sequence=copy)
    return copy


@transaction.atomic
def subject_lesson_sequence_set(
    *, user: User, subject: Subject, sequence: LessonSequence | None
) -> Subject:
    """Attach a sequence to a child's subject plan (siblings may share one), or
    detach it with None. The child's progress through a sequence stays with
    the plan, so attaching it again resumes where it was."""
    if subject.child.family.owner_id != user.pk:
        raise NotFound("No such subject.")
    if sequence is not None and sequence.family_id != subject.child.family_id:
        raise NotFound("No such lesson sequence.")
    subject.lesson_sequence = sequence
    subject.save(update_fields=["lesson_sequence", "updated_at"])
    return subject
