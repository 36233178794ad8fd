"""The family's history (issue 18): every kind of change is recorded with its
actor, in the same transaction as the change; the feed is the family's alone,
newest first, worded, paginated, with a fixed number of queries."""

import datetime as dt
import json

import pytest

from brightpath.accounts.models import AuditEvent
from brightpath.accounts.tests.factories import UserFactory
from brightpath.curriculum.answers import subject_as_submitted
from brightpath.families import services as family_services
from brightpath.families.models import Child
from brightpath.onboarding import services as onboarding_services
from brightpath.onboarding.services import questionnaire_submit
from brightpath.planner.models import ActivityLog
from brightpath.planner.selectors.audit import audit_entries, family_audit_feed
from brightpath.planner.services import schedule_generate
from brightpath.planner.tests.conftest import DEMO, DEMO_MONDAY
from brightpath.planner.tests.test_living import free_start, item, post

pytestmark = pytest.mark.django_db

TUESDAY = DEMO_MONDAY + dt.timedelta(days=1)
COMMITMENT = {
    "name": "Swim team",
    "frequency": "weekly",
    "daysOfWeek": ["Wednesday"],
    "startTime": "16:00",
    "endTime": "17:00",
}


@pytest.fixture
def family(demo_family, user):
    user.name = "Sarah"
    user.save(update_fields=["name"])
    return demo_family


def feed(user, family=None) -> list:
    return audit_entries(
        family=family or user.family, keys=list(family_audit_feed(user=user, family=family))
    )


def actions(user) -> list[str]:
    return [entry.action for entry in feed(user)]


def ok(response) -> bool:
    assert response.status_code == 200, response.content
    return True


def api_entries(client, **params) -> list[dict]:
    response = client.get("/api/family/audit/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- what is recorded -----------------------------------------------------------------


def test_schedule_edits_are_in_the_feed_worded_newest_first_in_the_familys_zone(
    auth_client, family, user, at
):
    at(2026, 1, 5, 7, 0)
    math = item("Noah", "Mathematics", TUESDAY)
    was = f"{math.start_time.hour}:{math.start_time:%M}"
    target = free_start(family, math, TUESDAY)
    assert post(auth_client, math, "move", date="2026-01-06", startTime=target).status_code == 200
    at(2026, 1, 5, 8, 0)
    reading = item("Ava", "Reading", DEMO_MONDAY)
    assert post(auth_client, reading, "complete").status_code == 200
    at(2026, 1, 5, 9, 0)
    schedule_generate(family=family, week_start=DEMO_MONDAY, actor=user, time_limit=1)

    entries = feed(user)
    assert [e.action for e in entries[:4]] == [
        "schedule.replanned",
        "schedule.replanned",
        "item.completed",
        "item.rescheduled",
    ]
    moved = entries[3]
    hour, minute = target.split(":")
    assert moved.sentence == (
        f"Sarah moved Mathematics for Noah from Tue 6 Jan {was} to Tue 6 Jan {int(hour)}:{minute}."
    )
    assert moved.actor_name == "Sarah" and moved.child_name == "Noah"
    assert moved.changes["startTime"] == {"before": f"{math.start_time:%H:%M}", "after": target}
    assert entries[2].sentence.startswith("Sarah marked Reading for Ava done on Mon 5 Jan")
    assert {e.sentence for e in entries[:2]} == {
        "Sarah re-planned the week of Mon 5 Jan for Noah.",
        "Sarah re-planned the week of Mon 5 Jan for Ava.",
    }
    # 09:00 in New York, the family's zone, whatever the server's.
    assert entries[0].at.utcoffset() == dt.timedelta(hours=-5) and entries[0].at.hour == 9
    # The item's actions are the planner's ActivityLog rows, not copied into AuditEvent.
    assert not AuditEvent.objects.filter(action__startswith="item.").exists()
    assert ActivityLog.objects.filter(family=family, actor=user).count() == 2


def test_a_first_plan_is_not_a_change_but_a_replan_is(family, user, at):
    assert "schedule.replanned" not in actions(user)  # the fixture planned the week once
    at(2026, 1, 5, 3, 0)  # a nightly job, say
    schedule_generate(family=family, week_start=DEMO_MONDAY, time_limit=1)
    event = AuditEvent.objects.filter(action="schedule.replanned").first()
    assert event.actor is None and event.context["weekStart"] == "2026-01-05"
    assert feed(user)[0].sentence.startswith("BrightPath re-planned the week of Mon 5 Jan for ")


def test_questionnaire_resubmit_is_recorded_with_what_changed(family, user, at):
    assert actions(user) == ["questionnaire.submitted"]
    data = json.loads(DEMO.read_text())
    data["section1"]["timeZone"] = "America/Chicago"
    data["children"][1]["section4"]["subjects"].pop()
    at(2026, 1, 5, 7, 0)
    questionnaire_submit(user=user, data=data)
    event = AuditEvent.objects.get(action="questionnaire.resubmitted")
    assert event.actor == user and event.family_id == family.pk
    assert event.changes["timeZone"] == {"before": "America/New_York", "after": "America/Chicago"}
    assert set(event.changes) == {"timeZone", "subjects"}
    # Worded in a fixed order, whatever order the database keeps the JSON in.
    assert feed(user)[0].sentence == (
        "Sarah re-submitted the questionnaire, changing the time zone, subjects."
    )


def test_settings_children_subjects_and_commitments_changes_are_recorded(auth_client, family, user):
    noah = family.children.get(name="Noah")
    assert ok(auth_client.patch("/api/family/", {"timeZone": "Europe/London"}, format="json"))
    created = auth_client.post("/api/family/commitments/", COMMITMENT, format="json")
    assert created.status_code == 201
    url = f"/api/family/commitments/{created.json()['id']}/"
    assert ok(auth_client.put(url, {**COMMITMENT, "startTime": "15:30"}, format="json"))
    assert auth_client.delete(url).status_code == 204
    kid = auth_client.post(f"/api/children/{noah.pk}/commitments/", COMMITMENT, format="json")
    assert kid.status_code == 201
    math = noah.subjects.get(name="Mathematics")
    subject_url = f"/api/children/{noah.pk}/subjects/{math.pk}/"
    body = subject_as_submitted(math)
    assert ok(auth_client.put(subject_url, {**body, "interestLevel": 1}, format="json"))

    by_action = {e.action: e for e in AuditEvent.objects.filter(actor=user)}
    assert by_action["family.updated"].changes == {
        "timeZone": {"before": "America/New_York", "after": "Europe/London"}
    }
    assert by_action["commitment.updated"].changes == {
        "startTime": {"before": "16:00", "after": "15:30"}
    }
    assert by_action["commitment.removed"].target_name == "Swim team"
    assert by_action["subject.updated"].changes["interestLevel"]["after"] == 1
    sentences = {}
    for entry in feed(user):
        sentences.setdefault(entry.action, []).append(entry.sentence)
    assert sentences["family.updated"] == [
        "Sarah changed the family’s settings: time zone from America/New_York to Europe/London."
    ]
    assert sorted(sentences["commitment.added"]) == [
        "Sarah added Noah’s commitment Swim team.",
        "Sarah added the parent’s commitment Swim team.",
    ]
    added = AuditEvent.objects.filter(action="commitment.added").first()
    assert added.changes["startTime"] == {"before": None, "after": "16:00"}
    assert sentences["commitment.removed"] == ["Sarah removed the parent’s commitment Swim team."]
    assert sentences["subject.updated"] == [
        "Sarah changed Noah’s subject Mathematics: interest from 4 to 1."
    ]


def test_children_added_changed_and_removed_are_recorded(auth_client, family, user):
    profile = {
        "name": "Mia",
        "birthDate": "2020-03-02",
        "bestLearningTimes": ["early_morning"],
        "startTime": "09:00",
        "endTime": "12:00",
    }
    created = auth_client.post("/api/children/", profile, format="json")
    assert created.status_code == 201, created.json()
    mia = Child.objects.get(pk=created.json()["id"])
    onboarding_services.child_save(
        user=user,
        child=mia,
        name="Mia Rose",
        best_learning_times=["early_morning"],
        start_time="09:00",
        end_time="12:00",
        birth=mia.birth,
    )
    assert auth_client.delete(f"/api/children/{mia.pk}/").status_code == 204
    events = AuditEvent.objects.filter(target_id=str(mia.pk)).order_by("created_at", "action")
    assert {e.action for e in events} == {"child.added", "child.updated", "child.removed"}
    updated = events.get(action="child.updated")
    assert updated.changes == {"name": {"before": "Mia", "after": "Mia Rose"}}
    assert "Sarah removed Mia Rose." in [e.sentence for e in feed(user)]


def test_a_change_that_changes_nothing_records_nothing(auth_client, family, user):
    before = AuditEvent.objects.count()
    assert ok(auth_client.patch("/api/family/", {"timeZone": family.time_zone}, format="json"))
    assert AuditEvent.objects.count() == before


# --- atomic: no change, no record; no record, no change --------------------------------


def test_a_refused_change_records_nothing(auth_client, family):
    before = AuditEvent.objects.count()
    noah = family.children.get(name="Noah")
    math = noah.subjects.get(name="Mathematics")
    url = f"/api/children/{noah.pk}/subjects/{math.pk}/"
    body = auth_client.get(url).json()
    response = auth_client.put(url, {**body, "sessionDuration": 600}, format="json")
    assert response.status_code == 400
    bad = auth_client.patch("/api/family/", {"timeZone": "Mars/Olympus"}, format="json")
    assert bad.status_code == 400
    assert AuditEvent.objects.count() == before


def test_a_change_that_fails_after_its_record_rolls_the_record_back(family, user, monkeypatch):
    """The record is written inside the service's transaction: if the change then
    fails, neither stays."""
    noah = family.children.get(name="Noah")
    before = AuditEvent.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(family_services, "archive_or_delete", broken)
    with pytest.raises(RuntimeError):
        family_services.child_delete(child=noah, actor=user)
    assert AuditEvent.objects.count() == before
    assert Child.objects.live().filter(pk=noah.pk).exists()

    monkeypatch.setattr(onboarding_services, "new_schedule_start", broken)
    data = json.loads(DEMO.read_text())
    data["section1"]["timeZone"] = "America/Chicago"
    with pytest.raises(RuntimeError):
        questionnaire_submit(user=user, data=data)
    assert AuditEvent.objects.count() == before
    family.refresh_from_db()
    assert family.time_zone == "America/New_York"


# --- whose history -----------------------------------------------------------------------


def test_another_familys_history_is_never_visible(
    auth_client, other_client, family, user, other_user
):
    questionnaire_submit(user=other_user, data=json.loads(DEMO.read_text()))
    family_services.family_update(user=other_user, name="The Others")
    family_services.family_update(user=user, name="The Kims")
    from brightpath.accounts.services import user_update

    user_update(user=other_user, name="Olga")
    mine = {e["id"] for e in api_entries(auth_client)}
    theirs = {e["id"] for e in api_entries(other_client)}
    assert mine and theirs and not mine & theirs
    assert all(e["actorId"] == str(user.pk) for e in api_entries(auth_client))
    assert not any("Olga" in e["sentence"] for e in api_entries(auth_client))
    assert any(
        e["sentence"].startswith("Olga changed their account") for e in api_entries(other_client)
    )
    # Passing the other family to the selector does not open it either.
    assert list(family_audit_feed(user=user, family=other_user.family)) == []


def test_a_user_without_a_family_gets_a_404(other_client):
    response = other_client.get("/api/family/audit/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_changes_made_by_someone_else_for_the_family_show_who_made_them(family, user, at):
    """A family sees every change to it, whoever made it: here an operator's,
    and BrightPath's own (no person)."""
    operator = UserFactory(name="Olivia Operator", is_staff=True)
    at(2026, 1, 5, 7, 0)
    family_services.commitment_create(owner=family, answer=COMMITMENT, actor=operator)
    noah = family.children.get(name="Noah")
    family_services.commitment_create(owner=noah, answer=COMMITMENT, actor=None)
    entries = feed(user)
    by_actor = {e.actor_name: e.sentence for e in entries[:2]}
    assert by_actor["Olivia Operator"].startswith("Olivia Operator added the parent’s commitment")
    assert by_actor["BrightPath"].startswith("BrightPath added Noah’s commitment Swim team")


# --- the API -------------------------------------------------------------------------


def test_the_api_is_camel_case_paginated_and_documented(auth_client, family, user, at):
    for hour in range(8, 13):
        at(2026, 1, 5, hour, 0)
        family_services.family_update(user=user, adults=1 if hour % 2 else 2)
    page = auth_client.get("/api/family/audit/", {"pageSize": 2}).json()
    assert page["count"] == 6  # five settings changes and the questionnaire
    assert page["next"] and page["previous"] is None
    first = page["results"][0]
    assert set(first) == {
        "id",
        "kind",
        "action",
        "at",
        "actorId",
        "actorName",
        "childName",
        "targetType",
        "targetId",
        "sentence",
        "changes",
    }
    assert first["at"] == "2026-01-05T12:00:00-05:00"
    assert first["changes"] == {"adults": {"before": 1, "after": 2}}
    last = auth_client.get("/api/family/audit/", {"pageSize": 2, "page": 3}).json()
    assert [e["action"] for e in last["results"]] == ["family.updated", "questionnaire.submitted"]

    schema = auth_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/family/audit/"]["get"]
    assert operation["operationId"] == "family_audit_list"
    assert "AuditEntry" in json.dumps(schema["components"]["schemas"])


# --- cost --------------------------------------------------------------------------------


def _mixed_history(family, user, at, n: int) -> None:
    noah = family.children.get(name="Noah")
    for i in range(n):
        at(2026, 1, 5, 6, i)
        family_services.commitment_create(owner=noah, answer=COMMITMENT, actor=user)
        ActivityLog.objects.create(
            family=family,
            child=noah,
            date=DEMO_MONDAY,
            activity_name=f"Reading {i}",
            activity_type="subject",
            action="skipped",
            scheduled={"date": "2026-01-05", "startTime": "09:00", "endTime": "09:30"},
            actual={"skipped": True},
            actor=user,
        )


@pytest.mark.parametrize("n", [2, 25])
def test_a_page_of_history_costs_the_same_queries_at_any_size(
    family, user, at, n, django_assert_num_queries
):
    _mixed_history(family, user, at, n)
    from django.core.paginator import Paginator

    # count, the page of keys, its events (with actors), its item logs (with actors, children)
    with django_assert_num_queries(4):
        page = Paginator(family_audit_feed(user=user, family=family), 20).page(1)
        entries = audit_entries(family=family, keys=list(page.object_list))
    assert len(entries) == min(20, 2 * n + 1)
    assert {e.kind for e in entries} == {"event", "item"}
