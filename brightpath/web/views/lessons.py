"""Settings: the lessons of a child's subject (issue 13, "lesson plans that shift").

One page per subject plan shows the lesson sequence attached to it, every lesson
done or not (and the next), the pace and the projected finish against the school
year, and the forms that change it: a new sequence from a pasted list or a CSV
file, more lessons or all new ones, one lesson changed or deleted, another of
the family's sequences attached (siblings may share one, each keeping their own
progress) or copied, detached, and "we are already at lesson 23".

Each form posts to the page with its `action`, is saved through the curriculum
and planner services (all or nothing: one bad row and nothing is imported) and
comes back with the errors beside its fields. Another family's child, subject,
sequence or lesson is a 404.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from brightpath.common.errors import Invalid
from brightpath.curriculum.selectors.lessons import (
    lesson_get,
    lesson_sequence_get,
    lesson_sequences_for_user,
)
from brightpath.curriculum.services import lessons as lesson_services
from brightpath.curriculum.services.lessons import (
    CSV_COLUMNS,
    MAX_CSV_BYTES,
    MAX_LESSONS,
    MINUTES_MAX,
    NAME_MAX,
    NOTES_MAX,
    TITLE_MAX,
    URL_MAX,
    LessonInput,
)
from brightpath.planner.selectors.lessons import subject_get, subject_lessons
from brightpath.planner.services.lessons import lessons_start_at

from .common import add_service_errors
from .settings_children import confirm_removal, confirmed, settings_context, with_family

MODE_CHOICES = [
    ("append", "Add them after the last lesson"),
    ("replace", "Replace every lesson with them"),
]
LESSON_FIELDS = {
    "lesson[0].title": "title",
    "lesson[0].notes": "notes",
    "lesson[0].resourceUrl": "url",
    "lesson[0].estimatedMinutes": "minutes",
}


# --- the forms ---------------------------------------------------------------------------
# Each has its own prefix, so two forms on the page never share an id.


class _ImportForm(forms.Form):
    """Lessons for a new sequence (with its `name`) or for the one attached (with a `mode`)."""

    name = forms.CharField(label="Name of the sequence", max_length=NAME_MAX)
    mode = forms.ChoiceField(
        label="What to do with them", choices=MODE_CHOICES, widget=forms.RadioSelect
    )

    def __init__(self, *args, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["mode" if creating else "name"]


class PasteForm(_ImportForm):
    text = forms.CharField(
        label="Lessons, one a line",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="A title on each line, or “title | minutes | link”. "
        "Blank lines and bullets are left out.",
    )
    field_order = ["name", "text", "mode"]


class CsvForm(_ImportForm):
    file = forms.FileField(
        label="CSV file",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=f"The first row names the columns: {', '.join(CSV_COLUMNS)}. Only title is "
        f"needed. At most {MAX_LESSONS:,} lessons and {MAX_CSV_BYTES // 1_000_000} MB.",
    )
    field_order = ["name", "file", "mode"]


class StartForm(forms.Form):
    position = forms.IntegerField(
        label="Lesson to do next", min_value=1, widget=forms.NumberInput(attrs={"class": "short"})
    )


class AttachForm(forms.Form):
    sequence = forms.UUIDField(label="Sequence", widget=forms.Select)


class CopyForm(forms.Form):
    sequence = forms.UUIDField(label="Copy", widget=forms.Select)
    name = forms.CharField(
        label="Name of the copy",
        max_length=NAME_MAX,
        required=False,
        help_text="Leave empty for “… (copy)”.",
    )


class RenameForm(forms.Form):
    name = forms.CharField(label="Name of the sequence", max_length=NAME_MAX)


class LessonForm(forms.Form):
    title = forms.CharField(label="Title", max_length=TITLE_MAX)
    minutes = forms.IntegerField(
        label="Minutes (estimate)",
        required=False,
        min_value=1,
        max_value=MINUTES_MAX,
        widget=forms.NumberInput(attrs={"class": "short"}),
    )
    url = forms.CharField(
        label="Link to the material",
        required=False,
        max_length=URL_MAX,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# --- what the page shows -------------------------------------------------------------------


def _page_url(subject) -> str:
    return reverse("web:settings_subject_lessons", args=[subject.child_id, subject.pk])


def _other_plans(sequence, subject) -> list:
    """The other live subject plans using this sequence ("Ava’s Reading")."""
    return [plan for plan in sequence.live_subject_plans if plan.pk != subject.pk]


def _choices(sequences, *, leave_out=None) -> list[tuple[str, str]]:
    rows = []
    for sequence in sequences:
        if leave_out is not None and sequence.pk == leave_out:
            continue
        users = ", ".join(f"{p.child.name}’s {p.name}" for p in sequence.live_subject_plans)
        label = f"{sequence.name} ({sequence.lesson_count} lessons"
        rows.append((str(sequence.pk), label + (f"; {users})" if users else "; not in use)")))
    return rows


def _forms(subject, sequences, bound: dict, next_lesson) -> dict:
    """Every form of the page, unbound but for the one that was posted."""
    creating = subject.lesson_sequence_id is None
    made = {
        "paste": PasteForm(
            prefix="paste",
            creating=creating,
            initial={"name": subject.name, "mode": "append"},
        ),
        "csv": CsvForm(
            prefix="csv", creating=creating, initial={"name": subject.name, "mode": "append"}
        ),
        "start": StartForm(
            prefix="start", initial={"position": next_lesson.position if next_lesson else 1}
        ),
        "attach": AttachForm(prefix="attach"),
        "copy": CopyForm(prefix="copy"),
        "rename": RenameForm(
            prefix="rename",
            initial={"name": subject.lesson_sequence.name if subject.lesson_sequence else ""},
        ),
    }
    made.update(bound)
    made["attach"].fields["sequence"].widget.choices = _choices(
        sequences, leave_out=subject.lesson_sequence_id
    )
    made["copy"].fields["sequence"].widget.choices = _choices(sequences)
    return made


def _statuses(result) -> list[dict]:
    next_lesson = result.next_lesson
    return [
        {
            "lesson": status.lesson,
            "done": status.done,
            "completed_on": status.completed_on,
            # Done without a session: counted done when the family started part-way.
            "by_hand": status.done and status.item_id is None,
            "is_next": next_lesson is not None and status.lesson.id == next_lesson.id,
        }
        for status in result.lessons
    ]


def _render(request: HttpRequest, family, subject, *, bound: dict | None = None, status=200):
    result = subject_lessons(user=request.user, child_id=subject.child_id, subject_id=subject.pk)
    sequences = list(lesson_sequences_for_user(user=request.user))
    sequence = next((s for s in sequences if s.pk == subject.lesson_sequence_id), None)
    context = settings_context(
        request,
        family,
        here=str(subject.child_id),
        child=subject.child,
        subject=subject,
        sequence=sequence,
        shared_with=_other_plans(sequence, subject) if sequence else [],
        result=result,
        percent=round(100 * result.done / result.total) if result.total else 0,
        statuses=_statuses(result),
        pace=result.pace,
        others=[s for s in sequences if s.pk != subject.lesson_sequence_id],
        forms=_forms(subject, sequences, bound or {}, result.next_lesson),
        posted=next(iter(bound)) if bound else None,
        csv_columns=CSV_COLUMNS,
        max_lessons=MAX_LESSONS,
    )
    return render(request, "web/settings/lessons.html", context, status=status)


# --- the actions ---------------------------------------------------------------------------
# Each takes the request and the subject plan, and answers (saved message, None)
# or (None, the form with its errors).


def _read_upload(upload) -> bytes:
    # One byte past the limit is enough for the service to say the file is too large.
    return upload.read(MAX_CSV_BYTES + 1)


def _import(request: HttpRequest, subject, *, form, field: str, parse):
    """A pasted list or a CSV file: a new sequence attached to the subject, or
    lessons added to (or replacing) the one attached."""
    if not form.is_valid():
        return None, form
    creating = subject.lesson_sequence_id is None
    fields = {"lessons": field, field: field, "name": "name"}
    try:
        with transaction.atomic():
            lessons = parse(form)
            if creating:
                sequence = lesson_services.lesson_sequence_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    lessons=lessons,
                    family=subject.child.family,
                )
                lesson_services.subject_lesson_sequence_set(
                    user=request.user, subject=subject, sequence=sequence
                )
                return f"Made “{sequence.name}” with {len(lessons)} lessons.", None
            write = (
                lesson_services.lessons_replace
                if form.cleaned_data["mode"] == "replace"
                else lesson_services.lessons_append
            )
            write(
                user=request.user,
                sequence=subject.lesson_sequence,
                lessons=lessons,
                field=field,
            )
    except Invalid as error:
        add_service_errors(form, error, fields)
        return None, form
    done = "Replaced the lessons with" if form.cleaned_data["mode"] == "replace" else "Added"
    return f"{done} {len(lessons)} lesson{'s' if len(lessons) != 1 else ''}.", None


def _paste(request: HttpRequest, subject):
    form = PasteForm(request.POST, prefix="paste", creating=subject.lesson_sequence_id is None)
    return _import(
        request,
        subject,
        form=form,
        field="text",
        parse=lambda f: lesson_services.lessons_parse_text(f.cleaned_data["text"], field="text"),
    )


def _csv(request: HttpRequest, subject):
    form = CsvForm(
        request.POST, request.FILES, prefix="csv", creating=subject.lesson_sequence_id is None
    )
    return _import(
        request,
        subject,
        form=form,
        field="file",
        parse=lambda f: lesson_services.lessons_parse_csv(
            _read_upload(f.cleaned_data["file"]), field="file"
        ),
    )


def _start(request: HttpRequest, subject):
    form = StartForm(request.POST, prefix="start")
    if not form.is_valid():
        return None, form
    position = form.cleaned_data["position"]
    try:
        lessons_start_at(user=request.user, subject=subject, position=position)
    except Invalid as error:
        add_service_errors(form, error, {"position": "position"})
        return None, form
    if position == 1:
        return "Lessons counted done by hand are taken back: the sequence starts at lesson 1.", None
    return f"{subject.child.name} starts at lesson {position}: the ones before it count done.", None


def _attach(request: HttpRequest, subject):
    form = AttachForm(request.POST, prefix="attach")
    if not form.is_valid():
        return None, form
    sequence = lesson_sequence_get(user=request.user, sequence_id=form.cleaned_data["sequence"])
    lesson_services.subject_lesson_sequence_set(
        user=request.user, subject=subject, sequence=sequence
    )
    return f"{subject.child.name}’s {subject.name} follows “{sequence.name}” now.", None


def _copy(request: HttpRequest, subject):
    form = CopyForm(request.POST, prefix="copy")
    if not form.is_valid():
        return None, form
    sequence = lesson_sequence_get(user=request.user, sequence_id=form.cleaned_data["sequence"])
    try:
        copy = lesson_services.lesson_sequence_copy(
            user=request.user, sequence=sequence, name=form.cleaned_data["name"], subject=subject
        )
    except Invalid as error:
        add_service_errors(form, error, {"name": "name"})
        return None, form
    return f"Made “{copy.name}”, {subject.child.name}’s own to change.", None


def _rename(request: HttpRequest, subject):
    if subject.lesson_sequence is None:
        return "No sequence is attached: nothing was renamed.", None
    form = RenameForm(request.POST, prefix="rename")
    if not form.is_valid():
        return None, form
    try:
        lesson_services.lesson_sequence_rename(
            user=request.user, sequence=subject.lesson_sequence, name=form.cleaned_data["name"]
        )
    except Invalid as error:
        add_service_errors(form, error, {"name": "name"})
        return None, form
    return "Renamed the sequence.", None


def _detach(request: HttpRequest, subject):
    sequence = subject.lesson_sequence
    if sequence is None:
        return "No sequence was attached.", None
    lesson_services.subject_lesson_sequence_set(user=request.user, subject=subject, sequence=None)
    return (
        f"“{sequence.name}” is no longer {subject.child.name}’s {subject.name}. "
        "Attach it again to carry on where it was.",
        None,
    )


ACTIONS = {
    "paste": _paste,
    "csv": _csv,
    "start": _start,
    "attach": _attach,
    "copy": _copy,
    "rename": _rename,
    "detach": _detach,
}


# --- the pages -----------------------------------------------------------------------------


@with_family
@require_http_methods(["GET", "POST"])
def subject_lessons_page(request: HttpRequest, family, child_id, subject_id) -> HttpResponse:
    subject = subject_get(user=request.user, child_id=child_id, subject_id=subject_id)
    if request.method == "GET":
        return _render(request, family, subject)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, "That form was not recognised; nothing was saved.")
        return redirect(_page_url(subject))
    saved, form = action(request, subject)
    if saved:
        messages.success(request, saved)
        return redirect(_page_url(subject))
    return _render(request, family, subject, bound={request.POST["action"]: form}, status=400)


def _lesson(request: HttpRequest, child_id, subject_id, lesson_id):
    subject = subject_get(user=request.user, child_id=child_id, subject_id=subject_id)
    if subject.lesson_sequence_id is None:
        raise Http404
    lesson = lesson_get(
        user=request.user, sequence_id=subject.lesson_sequence_id, lesson_id=lesson_id
    )
    return subject, lesson


@with_family
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, family, child_id, subject_id, lesson_id) -> HttpResponse:
    subject, lesson = _lesson(request, child_id, subject_id, lesson_id)
    back = _page_url(subject) + f"#lesson-{lesson.position}"
    if request.method == "POST":
        form = LessonForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                lesson_services.lesson_update(
                    user=request.user,
                    lesson=lesson,
                    change=LessonInput(
                        title=data["title"],
                        notes=data["notes"],
                        url=data["url"],
                        minutes=data["minutes"],
                    ),
                )
            except Invalid as error:
                add_service_errors(form, error, LESSON_FIELDS)
            else:
                messages.success(request, f"Saved lesson {lesson.position}, “{lesson.title}”.")
                return redirect(back)
    else:
        form = LessonForm(
            initial={
                "title": lesson.title,
                "minutes": lesson.estimated_minutes,
                "url": lesson.resource_url,
                "notes": lesson.notes,
            }
        )
    sequence = lesson_sequence_get(user=request.user, sequence_id=subject.lesson_sequence_id)
    context = settings_context(
        request,
        family,
        here=str(subject.child_id),
        child=subject.child,
        subject=subject,
        lesson=lesson,
        sequence=sequence,
        shared_with=_other_plans(sequence, subject),
        form=form,
        back=back,
    )
    return render(
        request, "web/settings/lessons_lesson.html", context, status=400 if form.errors else 200
    )


@with_family
@require_http_methods(["GET", "POST"])
def lesson_remove(request: HttpRequest, family, child_id, subject_id, lesson_id) -> HttpResponse:
    subject, lesson = _lesson(request, child_id, subject_id, lesson_id)
    if confirmed(request):
        lesson_services.lesson_delete(user=request.user, lesson=lesson)
        messages.success(
            request,
            f"Deleted lesson {lesson.position}, “{lesson.title}”; the ones after it move up.",
        )
        return redirect(_page_url(subject) + "#lessons")
    return confirm_removal(
        request,
        family,
        here=str(subject.child_id),
        title=f"Delete lesson {lesson.position}, “{lesson.title}”?",
        lost=[
            "The lessons after it move up one place.",
            "Sessions already done with it stay in the records.",
        ],
        button="Delete the lesson",
        back=reverse("web:settings_subject_lesson", args=[child_id, subject_id, lesson.pk]),
    )


@with_family
@require_http_methods(["GET", "POST"])
def sequence_remove(request: HttpRequest, family, child_id, subject_id) -> HttpResponse:
    """Delete the sequence attached to the subject (for every plan that uses it)."""
    subject = subject_get(user=request.user, child_id=child_id, subject_id=subject_id)
    if subject.lesson_sequence_id is None:
        raise Http404
    sequence = lesson_sequence_get(user=request.user, sequence_id=subject.lesson_sequence_id)
    if confirmed(request):
        lesson_services.lesson_sequence_delete(user=request.user, sequence=sequence)
        messages.success(request, f"Deleted “{sequence.name}” and its lessons.")
        return redirect(_page_url(subject))
    lost = [f"Its {sequence.lesson_count} lessons go, with each child’s progress through them."]
    if others := _other_plans(sequence, subject):
        names = ", ".join(f"{p.child.name}’s {p.name}" for p in others)
        lost.append(f"It is also used by {names}: those sessions lose their lessons too.")
    lost.append("Sessions already done stay in the records, with the lesson they taught.")
    return confirm_removal(
        request,
        family,
        here=str(subject.child_id),
        title=f"Delete “{sequence.name}”?",
        lost=lost,
        button="Delete the sequence",
        back=_page_url(subject) + "#share",
    )


_SUBJECT = "settings/children/<uuid:child_id>/subjects/<uuid:subject_id>/lessons/"
urlpatterns = [
    path(_SUBJECT, subject_lessons_page, name="settings_subject_lessons"),
    path(f"{_SUBJECT}delete/", sequence_remove, name="settings_subject_sequence_remove"),
    path(f"{_SUBJECT}<uuid:lesson_id>/", lesson_edit, name="settings_subject_lesson"),
    path(
        f"{_SUBJECT}<uuid:lesson_id>/remove/",
        lesson_remove,
        name="settings_subject_lesson_remove",
    ),
]
