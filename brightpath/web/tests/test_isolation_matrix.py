"""The platform's tenant isolation matrix (issue 18): parent B, signed in, walks every
URL pattern the project serves (the API under /api/, the server-rendered pages, the
calendar feeds, the admin) with parent A's ids in it, and gets nothing of A's.

The routes come from Django's URL resolver, so a route added later is covered without
editing this file. A route taking a kind of id this file does not know yet fails, naming
the route, until one of A's ids of that kind is named in `kind_of` below. The per-product
matrices (coach, PE, Spark) stay: they know their products' rules more closely.

A is a whole household on every product: the questionnaire's family with a planned week,
work done and logged, a day off and its carry-over, lessons, feedback, calendar feeds;
Spark children with conversations and a flagged message; a Coach assistant, conversation,
memory and lesson; and one row of every PE table. B is another parent with a family, a
week, Spark consent and a child, and a Coach profile, so that B's pages answer as they do
for any signed-in parent instead of sending B to onboarding.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import itertools
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from brightpath.accounts.services import tokens_for
from brightpath.accounts.tests.factories import UserFactory
from brightpath.onboarding.demo import DEMO_FAMILY_FILE
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.tests.stored_weeks import generate_reusing_solve

DEMO_MONDAY = dt.date(2026, 1, 5)
NEW_YORK = ZoneInfo("America/New_York")
# The Sunday evening before the demo week, as in the planner's tests: the week is ahead.
PLANNER_NOW = dt.datetime(2026, 1, 4, 20, 0, tzinfo=NEW_YORK)
PE_NOW = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)  # the PE fixtures' "today"
METHODS = ("get", "post", "put", "patch", "delete")

# Names no template, catalogue or seed uses, so finding one in B's answer is a leak.
A_PARENT, A_CHILDREN = "Ottoline Vasquez-Amberly", ("Zebulon", "Philippa")
A_SPARK_CHILD = "Wilhelmina"
A_STUDENT = ("Perpetua", "Quarrington")
A_SUBJECT, A_SEQUENCE, A_RESOURCE = "Marmalade Studies", "Thunderquill Readers", "Gloamwick"
A_COACH_WORDS = "Marigold Nettleford has dyslexia. Plan a lesson on magnets."
A_WORDS = (A_PARENT, *A_CHILDREN, A_SPARK_CHILD, *A_STUDENT, A_SUBJECT, A_SEQUENCE, A_RESOURCE)
A_WORDS += ("Marigold Nettleford", "Asthma: inhaler in bag", "Cone Relay", "A's own assistant")
B_PARENT, B_CHILDREN = "Bertrand Okonkwo", ("Quentin", "Rosalind")

# A body whose shape most writes accept, so that a 404 is not a 400 in disguise.
BODY = {
    "version": 1,
    "name": "Taken over",
    "title": "Taken over",
    "description": "B was here",
    "content": "B was here",
    "text": "B was here",
    "notes": "B was here",
    "reason": "B was here",
    "status": "completed",
    "rating": 5,
    "day": "2026-01-07",
    "date": "2026-01-07",
    "startTime": "10:00",
    "endTime": "11:00",
    "enabled": False,
    "isActive": False,
    "archived": True,
    "helpful": True,
    "importance": 5,
    "pin": "2468",
    "choiceIndex": 0,
    "position": 1,
}


# --- the routes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the path when it has no name
    pattern: URLPattern
    namespace: str
    path: str  # the whole pattern from the root, e.g. "api/children/<uuid:child_id>/"

    @property
    def kwargs(self) -> list[str]:
        own = self.pattern.pattern
        return list(own.converters or own.regex.groupindex)

    def url(self, kwargs: dict[str, object]) -> str:
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), self.path)
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), path)
        return "/" + path.replace("^", "").replace("$", "")

    @property
    def module(self) -> str:
        callback = self.pattern.callback
        view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        return (view or callback).__module__


@functools.cache
def all_routes() -> tuple[Route, ...]:
    def walk(patterns, namespaces: tuple[str, ...], prefix: str):
        for pattern in patterns:
            path = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                yield from walk(pattern.url_patterns, inner, path)
            else:
                name = ":".join((*namespaces, pattern.name)) if pattern.name else path
                yield Route(name, pattern, ":".join(namespaces), path)

    return tuple(walk(get_resolver().url_patterns, (), ""))


def product_of(route: Route) -> str:
    """Whose ids a route's arguments are: the same argument name (child_id, lesson_id,
    conversation_id) means a different table in each product."""
    module = route.module
    if route.namespace.startswith("admin"):
        return "admin"
    if ".spark" in module or "web.views.spark" in module:
        return "spark"
    if ".coach.pe" in module or "web.views.pe" in module:
        return "pe"
    if ".coach" in module or "web.views.coach" in module:
        return "coach"
    return "planner"


PLANNER_KINDS = {
    "child_id": "child",
    "schedule_id": "schedule",
    "item_id": "item",
    "carry_over_id": "carry_over",
    "day_off_id": "day_off",
    "feed_id": "feed",
    "feedback_id": "feedback",
    "resource_id": "resource",
    "sequence_id": "sequence",
    "lesson_id": "lesson",
    "session_id": "survey_session",
    "task_id": "task",
    "token": "token",  # calendar feed, agenda stop and password reset links: see `url_for`
    "uidb64": "uidb64",
    # Not ids: a questionnaire draft's key (a name B's client picks for B's own draft),
    # its section, and what to do with an item.
    "child_key": "literal:temp_child_1",
    "section": "section",
    "action": "literal:complete",
}
KINDS = {
    "spark": {
        "child_id": "spark_child",
        "conversation_id": "spark_conversation",
        "message_id": "spark_message",
    },
    "coach": {
        "assistant_id": "assistant",
        "conversation_id": "coach_conversation",
        "message_id": "coach_message",
        "memory_id": "memory",
        "lesson_id": "coach_lesson",
    },
    "pe": {
        name: name.removesuffix("_id")
        for name in (
            "student_id",
            "class_id",
            "activity_id",
            "adaptation_id",
            "plan_id",
            "plan_activity_id",
            "routine_id",
            "assessment_id",
            "incident_id",
            "analysis_id",
            "safety_check_id",
            "environmental_check_id",
            "equipment_check_id",
            "risk_id",
            "exercise_id",
        )
    },
    # The admin lets no one in who is not staff, whatever the object: any of A's ids.
    "admin": {
        "object_id": "child",
        "content_type_id": "content_type",
        "id": "user",
        "app_label": "literal:families",
        "url": "literal:families/child/",
    },
}


def kind_of(route: Route, kwarg: str) -> str | None:
    product = product_of(route)
    if product != "planner":
        return KINDS[product].get(kwarg)
    if kwarg == "subject_id":  # a child's subject plan, or a (custom) catalogue subject
        return "subject" if "child_id" in route.kwargs else "catalog_subject"
    if kwarg == "commitment_id":
        return "child_commitment" if "child_id" in route.kwargs else "commitment"
    return PLANNER_KINDS.get(kwarg)


# --- the households --------------------------------------------------------------------


def ticking_clock(start: dt.datetime):
    """The clock at `start`, a millisecond later at each reading: a row saved again gets
    a new `updated_at`, so even a save that changes nothing else shows in the compare."""
    ticks = itertools.count()
    return lambda: start + dt.timedelta(milliseconds=next(ticks))


def submission(parent: str, children: tuple[str, str]) -> dict:
    """The demo family's questionnaire (Sarah Kim's) for another household."""
    data = copy.deepcopy(json.loads(DEMO_FAMILY_FILE.read_text()))
    data["section1"]["name"] = parent
    for child, name in zip(data["children"], children, strict=True):
        child["section2"]["name"] = name
    return data


@dataclass
class Household:
    user: object
    ids: dict[str, object] = field(default_factory=dict)
    feed_token: str = ""
    revoked_token: str = ""
    stop_token: str = ""


def planner_household(user, parent: str, children: tuple[str, str]) -> Household:
    """A family through the questionnaire, its week planned and lived in a little."""
    from brightpath.curriculum import services as curriculum
    from brightpath.curriculum.services.lessons import (
        LessonInput,
        lesson_sequence_create,
        subject_lesson_sequence_set,
    )
    from brightpath.insights.services import FeedbackInput, feedback_create
    from brightpath.planner import caches
    from brightpath.planner.services.agenda import agenda_email_set, stop_token
    from brightpath.planner.services.carry_over import day_off_add
    from brightpath.planner.services.feeds import calendar_feed_create, calendar_feed_revoke
    from brightpath.planner.services.items import item_complete
    from brightpath.surveys.services import survey_session_start

    family = questionnaire_submit(user=user, data=submission(parent, children))
    schedules, _ = generate_reusing_solve(family=family, week_start=DEMO_MONDAY)
    schedule = schedules[0]
    child = schedule.child
    subject = child.subjects.order_by("position").first()
    items = list(schedule.items.filter(subject__isnull=False).order_by("day_date", "start_time"))
    sequence = lesson_sequence_create(
        user=user,
        name=A_SEQUENCE if parent == A_PARENT else "Readers",
        lessons=[LessonInput(title="Lesson one"), LessonInput(title="Lesson two")],
    )
    subject_lesson_sequence_set(user=user, subject=subject, sequence=sequence)
    done = item_complete(user=user, item_id=items[0].pk, version=items[0].version)
    _, carry_over = day_off_add(user=user, day=dt.date(2026, 1, 7), label="Dentist")
    catalog_subject = curriculum.catalog_subject_create(
        owner=user, name=A_SUBJECT if parent == A_PARENT else "Mine"
    )
    resource = curriculum.resource_create(
        owner=user,
        catalog_subject=catalog_subject,
        title=A_RESOURCE if parent == A_PARENT else "Mine",
        resource_type="book",
    )
    feedback = feedback_create(
        user=user, data=FeedbackInput(schedule_id=schedule.pk, rating=4, comments=parent)
    )
    feed = calendar_feed_create(user=user)
    revoked = calendar_feed_create(user=user, child_id=child.pk)
    calendar_feed_revoke(user=user, feed_id=revoked.pk)
    agenda_email_set(user=user, enabled=True, send_at=dt.time(6, 30))
    task_id = f"generation-of-{family.pk}"
    caches.task_owner_set(task_id, family.pk)
    return Household(
        user=user,
        ids={
            "user": user.pk,
            "family": family.pk,
            "child": child.pk,
            "subject": subject.pk,
            "catalog_subject": catalog_subject.pk,
            "resource": resource.pk,
            "sequence": sequence.pk,
            "lesson": sequence.lessons.order_by("position").first().pk,
            "commitment": family.commitments.get().pk,
            "child_commitment": child.commitments.first().pk,
            "schedule": schedule.pk,
            "item": done.pk,
            "day_off": family.days_off.get().pk,
            "carry_over": carry_over.pk if carry_over else None,
            "feed": feed.pk,
            "feedback": feedback.pk,
            "survey_session": survey_session_start(user=user).pk,
            "task": task_id,
        },
        feed_token=feed.token,
        revoked_token=revoked.token,
        stop_token=stop_token(family),
    )


def spark_household(user, name: str) -> dict[str, object]:
    """A consented parent's Spark child, a row about it in every Spark table, and a
    message the safety filter flagged (for the parent's review)."""
    from brightpath.spark.models import Message
    from brightpath.spark.tests.child_rows import consent, everything_about, make_child

    consent(user)
    child = make_child(user, name=name)
    everything_about(child)
    flagged = Message.objects.get(conversation__child=child, was_filtered=True)
    return {
        "spark_child": child.pk,
        "spark_conversation": flagged.conversation_id,
        "spark_message": flagged.pk,
    }


def coach_household(user) -> dict[str, object]:
    """A teacher's own assistant, a conversation with a catalogue one (and the memory it
    leaves), and a lesson."""
    from brightpath.coach.models import AssistantProfile, UserMemory
    from brightpath.coach.services.assistants import assistant_create
    from brightpath.coach.services.catalogue import catalogue_load
    from brightpath.coach.services.chat import conversation_start, message_send
    from brightpath.coach.services.lessons import lesson_create

    catalogue_load()
    shared = AssistantProfile.objects.filter(owner__isnull=True).order_by("name").first()
    own = assistant_create(
        teacher=user,
        name="A's own assistant",
        description="Mine.",
        capabilities=[{"name": "lesson_planning"}],
    )
    conversation = conversation_start(teacher=user, assistant_id=shared.pk)
    exchange = message_send(teacher=user, conversation_id=conversation.pk, content=A_COACH_WORDS)
    lesson = lesson_create(teacher=user, title=f"Magnets for {A_STUDENT[0]}")
    return {
        "assistant": own.pk,
        "coach_conversation": conversation.pk,
        "coach_message": exchange.reply.pk,
        "memory": UserMemory.objects.filter(user=user).first().pk,
        "coach_lesson": lesson.pk,
    }


def pe_household(user) -> dict[str, object]:
    """One row of every PE table (the PE tests' world), on the PE tests' clock."""
    from brightpath.coach.pe.models import Exercise
    from brightpath.coach.pe.services.catalogue import catalogue_load
    from brightpath.coach.pe.tests.conftest import world_build

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", ticking_clock(PE_NOW))
        catalogue_load()
        world = world_build(user)
        student = world["student"]
        student.first_name, student.last_name = A_STUDENT
        student.save(update_fields=["first_name", "last_name"])
        exercise = Exercise.objects.create(
            owner=user,
            activity=world["activity"],
            name="A's drill",
            exercise_type="cardio",
            difficulty="beginner",
        )
    return {
        "student": student.pk,
        "class": world["class"].pk,
        "activity": world["activity"].pk,  # A's own, not the shared catalogue's
        "adaptation": world["adaptation"].pk,
        "plan": world["plan"].pk,
        "plan_activity": world["plan_activity"].pk,
        "routine": world["routine"].pk,
        "assessment": world["assessment"].pk,
        "incident": world["incident"].pk,
        "analysis": world["analysis"].pk,
        "safety_check": world["safety_check"].pk,
        "environmental_check": world["class"].environmental_checks.get().pk,
        "equipment_check": user.pe_equipment_checks.get().pk,
        "risk": user.pe_risk_assessments.get().pk,
        "exercise": exercise.pk,
    }


def household_a() -> Household:
    from django.contrib.contenttypes.models import ContentType

    from brightpath.families.models import Child

    user = UserFactory(email="ottoline.vasquez@example.com", name=A_PARENT)
    a = planner_household(user, A_PARENT, A_CHILDREN)
    a.ids |= spark_household(user, A_SPARK_CHILD)
    a.ids |= coach_household(user)
    a.ids |= pe_household(user)
    a.ids["content_type"] = ContentType.objects.get_for_model(Child).pk
    return a


def household_b() -> Household:
    from brightpath.coach.services.teachers import teacher_ensure

    user = UserFactory(email="bertrand.okonkwo@example.com", name=B_PARENT)
    b = planner_household(user, B_PARENT, B_CHILDREN)
    b.ids |= spark_household(user, "Tobias")
    teacher_ensure(user=user)
    return b


# --- the snapshot ----------------------------------------------------------------------


def project_models():
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("brightpath.")
        for model in config.get_models()
    ]


def everything() -> dict[str, dict[str, str]]:
    """Every row of every table of the project's apps: table -> primary key -> row."""
    return {
        model._meta.label: {
            str(row[0]): repr(row)
            for row in model.objects.values_list(
                "pk", *[f.attname for f in model._meta.concrete_fields]
            )
        }
        for model in project_models()
    }


@dataclass
class World:
    a: Household
    b: Household
    a_rows: set[tuple[str, str]]  # (table, pk) of every row made for A
    b_rows: set[tuple[str, str]]


def rows_of(snapshot: dict[str, dict[str, str]]) -> set[tuple[str, str]]:
    return {(table, pk) for table, rows in snapshot.items() for pk in rows}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A and B, built once for the module inside a transaction rolled back at its end
    (each test's own transaction nests inside it)."""
    from brightpath.coach import memory_index

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", ticking_clock(PLANNER_NOW))
        memory_index.forget_all()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            from brightpath.coach.pe.services.catalogue import catalogue_load as pe_catalogue
            from brightpath.coach.services.catalogue import catalogue_load as coach_catalogue
            from brightpath.spark.services.catalogue import catalogue_load as spark_catalogue

            spark_catalogue()
            coach_catalogue()
            with pytest.MonkeyPatch.context() as pe_clock:
                pe_clock.setattr(timezone, "now", ticking_clock(PE_NOW))
                pe_catalogue()
            shared = rows_of(everything())
            a = household_a()
            after_a = rows_of(everything())
            b = household_b()
            after_b = rows_of(everything())
            yield World(a=a, b=b, a_rows=after_a - shared, b_rows=after_b - after_a)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            memory_index.forget_all()


def changes_counter() -> int:
    """How many rows this connection has written so far: a cheap check that a request
    wrote nothing, before the full compare (`everything`) is paid for."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return connection.connection.total_changes
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
            " FROM pg_stat_xact_user_tables"
        )
        return int(cursor.fetchone()[0])


# --- asking as B -----------------------------------------------------------------------


@dataclass
class Answer:
    route: Route
    method: str
    url: str
    status: int
    location: str
    body: str

    def __str__(self) -> str:
        where = f" -> {self.location}" if self.location else ""
        return f"{self.method.upper()} {self.url} ({self.route.name}): {self.status}{where}"


class Browser:
    """B signed in: with a JWT for the API, with a session for the pages."""

    def __init__(self, user):
        self.api = APIClient()
        self.api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
        self.web = Client()
        self.web.force_login(user)

    def ask(self, route: Route, method: str, url: str, body: dict) -> Answer:
        if url.startswith("/api/"):
            if method in ("get", "delete"):
                response = getattr(self.api, method)(url)
            else:
                response = getattr(self.api, method)(url, body, format="json")
        elif method == "get":
            response = self.web.get(url)
        else:
            response = self.web.generic(
                method.upper(),
                url,
                urlencode(body, doseq=True),
                content_type="application/x-www-form-urlencoded",
            )
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        return Answer(
            route=route,
            method=method,
            url=url,
            status=response.status_code,
            location=response.get("Location", ""),
            body=content.decode("utf-8", "replace"),
        )


def value_for(route: Route, kwarg: str, kind: str, a: Household) -> object:
    if kind == "token":  # each token route gets A's token spoilt: see the feed tests below
        if route.name == "calendar_feed":
            return a.revoked_token
        if route.name == "agenda_email_stop":
            return a.stop_token[:-4] + ("AAAA" if not a.stop_token.endswith("AAAA") else "BBBB")
        return "forged-reset-token"
    if kind.startswith("literal:"):
        return kind.removeprefix("literal:")
    if kind == "uidb64":
        return urlsafe_base64_encode(force_bytes(a.ids["user"]))
    if kind == "section":  # a draft section that exists, so the answer is not a 400
        return "section2" if "child_key" in route.kwargs else "section1"
    return a.ids[kind]


def url_for(route: Route, a: Household) -> str:
    unknown = [kwarg for kwarg in route.kwargs if kind_of(route, kwarg) is None]
    assert not unknown, (
        f"route {route.name} ({route.pattern.pattern}) takes {unknown}: name which of A's "
        "ids each is in this file's kind_of/KINDS, so the matrix can try it"
    )
    kwargs = {kwarg: value_for(route, kwarg, kind_of(route, kwarg), a) for kwarg in route.kwargs}
    return route.url(kwargs)


# --- what B may see and do -------------------------------------------------------------

# The answers other than 404 (or 405 for a method the route does not take) that B gets
# with A's ids, and why each is right. Anything else is a failure.
EXPECTED: dict[str, tuple[set[int], str]] = {
    "web:password_reset_confirm": (
        {200},
        "Django's reset page says the link is invalid (a forged token), for any account",
    ),
    "admin:login": ({200}, "the admin's sign-in page, open to all: it tells B to sign in as staff"),
    "admin:logout": ({302}, "signing B out of the admin, then to the admin's index"),
}
ADMIN_LOGIN = "/admin/login/?next="  # the admin sends a non-staff user here, before any lookup
# A request for the kids' pages outside a child's view goes back to the parent's Spark
# page; the matrix then asks again with B's session in B's own child's view.
KIDS_PAGES_MODULE = "brightpath.web.views.spark_child"


def mentions(strings) -> re.Pattern:
    return re.compile("|".join(sorted((re.escape(str(s)) for s in strings), key=len, reverse=True)))


@dataclass
class Problems:
    found: list[str] = field(default_factory=list)

    def add(self, answer: Answer, what: str) -> None:
        self.found.append(f"{answer}: {what}")

    def check(self) -> None:
        assert not self.found, f"{len(self.found)} problems:\n" + "\n".join(self.found)


class Matrix:
    """B's browser, the rows before, and the checks every answer goes through."""

    def __init__(self, world: World):
        from brightpath.spark.apis.access import SESSION_KEY

        self.world = world
        self.browser = Browser(world.b.user)
        self.kids = Browser(world.b.user)
        session = self.kids.web.session
        session[SESSION_KEY] = str(world.b.ids["spark_child"])
        session.save()
        self.cookies = {
            "web": self.browser.web.cookies.output(),
            "kids": self.kids.web.cookies.output(),
        }
        self.before = everything()
        a = world.a
        self.a_words = mentions(
            [*A_WORDS, a.user.email, a.feed_token]
            + [value for value in a.ids.values() if not isinstance(value, int)]
        )
        # UUIDs only: a table keyed by a small integer would match any number in a row.
        owned = {pk for table, pk in world.a_rows if table not in SHARED_TABLES and len(pk) == 36}
        self.a_row_ids = mentions(owned)
        self.problems = Problems()
        self.asked: list[Answer] = []
        self.b_writes: list[str] = []  # rows of B's own that B's requests wrote

    def ask(self, route: Route, method: str, url: str, body: dict) -> Answer:
        caches_task_owner(self.world.a)
        if method == "delete":  # a delete that needs the version the client read
            url += "?version=1"
        answer = self.browser.ask(route, method, url, body)
        if route.module == KIDS_PAGES_MODULE and answer.location == "/spark/":
            answer = self.kids.ask(route, method, url, body)
        self.asked.append(answer)
        return answer

    def no_leak(self, answer: Answer, *, asked_for: str = "") -> None:
        """Nothing of A's in the answer but what B put in the URL (an echo of it)."""
        for text in (answer.body, answer.location):
            for found in set(self.a_words.findall(text)):
                if found not in asked_for:
                    self.problems.add(answer, f"shows A's {found!r}")
        if answer.status >= 500:
            self.problems.add(answer, "server error")

    def in_savepoint(self, run) -> None:
        """Run B's requests and compare the rows after, then undo what they did, so that
        every route starts from the same rows and no route's side effect (a sign-out, a
        consent withdrawn) changes what the next one answers."""
        cache.clear()  # B's throttles count every call: B is not a runaway script here
        start = changes_counter()
        with transaction.atomic():
            answers = run()
            if changes_counter() != start:
                self.compare(f"{answers[0].url} ({answers[0].route.name})")
            transaction.set_rollback(True)
        self.browser.web.cookies.load(self.cookies["web"].replace("Set-Cookie: ", ""))
        self.kids.web.cookies.load(self.cookies["kids"].replace("Set-Cookie: ", ""))

    def compare(self, asked: str) -> None:
        after = everything()
        a_rows, b_rows = self.world.a_rows, self.world.b_rows
        for table, rows in after.items():
            old = self.before[table]
            for pk in old.keys() - rows.keys():
                whose = "A's" if (table, pk) in a_rows else "B's" if (table, pk) in b_rows else "a"
                self.problems.found.append(asked + ": " + f"deleted {whose} {table} {pk}")
            for pk, row in rows.items():
                if old.get(pk) == row:
                    continue
                if (table, pk) in a_rows or (pk in old and (table, pk) not in b_rows):
                    self.problems.found.append(
                        asked + ": " + f"changed {table} {pk}: {old.get(pk)} -> {row}"
                    )
                elif self.a_row_ids.search(row):
                    self.problems.found.append(
                        asked + ": " + f"wrote a row about A's: {table} {row}"
                    )
                else:
                    self.b_writes.append(f"{asked}: {table} {row}")


# Rows A's build made that are not A's: the Spark topic and the day's brain spark are
# shared by every child (get_or_create in the Spark tests' builder).
SHARED_TABLES = {"spark.Topic", "spark.BrainSpark", "spark.TopicConnection"}


def is_admin(route: Route) -> bool:
    return route.namespace.startswith("admin") or route.path.startswith("admin/")


def caches_task_owner(a: Household) -> None:
    from brightpath.planner import caches

    caches.task_owner_set(a.ids["task"], a.ids["family"])


def expected(route: Route, method: str, answer: Answer) -> str | None:
    """Why the answer is wrong, or None."""
    if route.name in EXPECTED:
        statuses, _ = EXPECTED[route.name]
        return None if answer.status in statuses | {405} else f"expected {sorted(statuses)}"
    if is_admin(route):
        if answer.status == 302 and answer.location.startswith(ADMIN_LOGIN):
            return None
        return "the admin must send B to its login page"
    if answer.status == 405:
        return None
    if answer.status != 404:
        return "expected 404"
    if answer.url.startswith("/api/") and answer.body:
        code = json.loads(answer.body)["error"]["code"]
        return None if code == "not_found" else f"error code {code}, not not_found"
    return None


NOT_IDS = {"section"}


def id_kwargs(route: Route) -> list[str]:
    """The route's arguments that name an object or hold a secret (not a section's name)."""
    return [
        kwarg
        for kwarg in route.kwargs
        if (kind := kind_of(route, kwarg)) is None
        or not (kind in NOT_IDS or kind.startswith("literal:"))
    ]


def routes_with_ids() -> list[Route]:
    return [route for route in all_routes() if id_kwargs(route)]


def routes_without_ids() -> list[Route]:
    return [route for route in all_routes() if not id_kwargs(route)]


def test_the_walk_finds_every_kind_of_route():
    names = {route.name for route in all_routes()}
    # The API, the pages, the feeds and the admin are all in the walk.
    assert {"planner:item_complete", "web:today_item", "calendar_feed", "admin:index"} <= names
    assert {"spark:child", "coach:lesson", "pe:student", "web:settings_subject_lesson"} <= names
    assert len(routes_with_ids()) >= 150


def test_an_unknown_kind_of_id_fails_naming_the_route():
    from django.urls import path

    route = Route("web:new_thing", path("things/<uuid:gadget_id>/", lambda r: None), "web", "")
    with pytest.raises(AssertionError, match="web:new_thing.*gadget_id"):
        url_for(route, Household(user=None))


def variants(route: Route, world: World) -> list[tuple[str, str]]:
    """A's ids everywhere; and, for a route with two ids or more, B's own for one of them
    and A's for the rest (B's child with A's subject), which a check of the outer id alone
    would let through. Returns (url, the part of it that is A's) pairs."""
    a, b = world.a, world.b
    out = [(url_for(route, a), url_for(route, a))]
    if len(id_kwargs(route)) < 2:
        return out
    for mine in id_kwargs(route):
        if b.ids.get(kind_of(route, mine)) is None:
            continue
        kwargs = {
            kwarg: value_for(route, kwarg, kind_of(route, kwarg), b if kwarg == mine else a)
            for kwarg in route.kwargs
        }
        out.append((route.url(kwargs), " ".join(str(v) for k, v in kwargs.items() if k != mine)))
    return out


def test_b_reaches_nothing_of_a_through_any_route_with_an_id(world, db):
    matrix = Matrix(world)
    for route in routes_with_ids():
        for url, of_a in variants(route, world):

            def run(route=route, url=url, of_a=of_a) -> list[Answer]:
                answers = []
                for method in METHODS:
                    answer = matrix.ask(route, method, url, BODY)
                    answers.append(answer)
                    matrix.no_leak(answer, asked_for=of_a)
                    if wrong := expected(route, method, answer):
                        matrix.problems.add(answer, wrong)
                return answers

            matrix.in_savepoint(run)
    print(f"\n{len(matrix.asked)} requests over {len(routes_with_ids())} routes with ids")
    matrix.problems.check()
    # With A's ids in the URL, B's requests write nothing at all, not even of B's own.
    assert not matrix.b_writes, "\n".join(matrix.b_writes)
    assert len(matrix.asked) >= 5 * len(routes_with_ids())


def body_with_ids_of(a: Household) -> dict:
    """BODY, and each of A's ids under the names a write takes one by (childId for the
    API, child_id and child for a page's form): B naming A's rows in what it sends."""
    body = dict(BODY)
    for kind, value in a.ids.items():
        if kind in ("user", "task", "content_type"):
            continue
        camel = re.sub(r"_(\w)", lambda m: m.group(1).upper(), kind)
        body |= {f"{camel}Id": str(value), f"{kind}_id": str(value), kind: str(value)}
    body["childIds"] = [str(a.ids["child"])]
    return body


def test_b_sees_nothing_of_a_on_routes_without_ids(world, db):
    """Lists, dashboards, forms and the API's collections: as B, nothing of A's shows; and
    a write naming A's rows in its body (B's child list holding A's child, a feedback on
    A's week) changes nothing of A's and makes no row about A's."""
    matrix = Matrix(world)
    body = body_with_ids_of(world.a)
    for route in routes_without_ids():
        url = url_for(route, world.a)

        def run(route=route, url=url) -> list[Answer]:
            answers = []
            for method in METHODS:
                answer = matrix.ask(route, method, url, body)
                answers.append(answer)
                matrix.no_leak(answer)
                if is_admin(route) and (wrong := expected(route, method, answer)):
                    matrix.problems.add(answer, wrong)
            return answers

        matrix.in_savepoint(run)
    print(f"\n{len(matrix.asked)} requests over {len(routes_without_ids())} routes without ids")
    matrix.problems.check()
    assert len(matrix.asked) >= 5 * 100


def test_calendar_feeds_answer_only_their_own_token(world, db):
    """The feed URL is the key: A's answers A's week and nothing of B's; a revoked or a
    guessed token, or a stop link tampered with, answers 404 and changes nothing."""
    from brightpath.planner.services.feeds import feed_token

    a, b = world.a, world.b
    client = Client()  # calendar apps fetch with no sign-in
    own = client.get(reverse("calendar_feed", args=[a.feed_token]))
    assert own.status_code == 200
    calendar = own.content.decode()
    assert "BEGIN:VCALENDAR" in calendar and A_CHILDREN[0] in calendar
    assert not mentions([*B_CHILDREN, B_PARENT, b.feed_token, *map(str, b.ids.values())]).search(
        calendar
    )
    for token in (a.revoked_token, feed_token(), a.feed_token[:-1] + "x", a.feed_token.upper()):
        answer = client.get(reverse("calendar_feed", args=[token]))
        assert answer.status_code == 404, token
        assert not mentions(A_WORDS).search(answer.content.decode())
    before = everything()
    for token in (a.stop_token[:-2] + "xx", "guessed", b.stop_token.replace(":", ":x", 1)):
        url = reverse("agenda_email_stop", args=[token])
        assert client.get(url).status_code == 404, token
        assert client.post(url).status_code == 404, token
    assert everything() == before


def test_the_matrix_notices_a_leak_a_wrong_answer_and_a_write(world, db):
    """The checks above can fail: an answer showing A's child, a 200 where a 404 is due,
    and a request changing A's row are each reported, naming the route."""
    from brightpath.families.models import Child

    matrix = Matrix(world)
    route = next(r for r in all_routes() if r.name == "planner:child_today")
    url = url_for(route, world.a)
    leaky = Answer(route, "get", url, 200, "", f'{{"name": "{A_CHILDREN[0]}"}}')
    matrix.no_leak(leaky, asked_for=url)
    assert expected(route, "get", leaky) == "expected 404"

    def write_to_a() -> list[Answer]:
        Child.objects.filter(pk=world.a.ids["child"]).update(name="Renamed by B")
        return [leaky]

    matrix.in_savepoint(write_to_a)
    assert Child.objects.get(pk=world.a.ids["child"]).name == A_CHILDREN[0]  # undone after
    found = "\n".join(matrix.problems.found)
    assert f"shows A's '{A_CHILDREN[0]}'" in found
    assert f"changed families.Child {world.a.ids['child']}" in found
    assert "planner:child_today" in found
