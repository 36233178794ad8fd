"""Preferences that adapt: a family that keeps moving a subject gets it there
next week, with a sentence saying why; learning reads each log once; the
family's learned preferences are theirs alone."""

import datetime as dt
import threading

import pytest

from brightpath.insights.services import preferences_refresh
from brightpath.insights.tasks import refresh_preferences
from brightpath.planner.models import LearnedPreferences, ScheduleItem
from brightpath.planner.selectors import week_input
from brightpath.planner.services import items

from .conftest import DEMO_MONDAY

pytestmark = pytest.mark.django_db

URL = "/api/family/learned-preferences/"
NEXT_MONDAY = DEMO_MONDAY + dt.timedelta(days=7)


def move_noahs_maths_to_one_pm(user, days: int = 3) -> None:
    """The parent drags Noah's Mathematics to 13:00 on the first `days` days."""
    for n in range(days):
        item = ScheduleItem.objects.get(
            schedule__family__owner=user,
            schedule__child__name="Noah",
            schedule__is_active=True,
            name="Mathematics",
            day_date=DEMO_MONDAY + dt.timedelta(days=n),
        )
        items.item_move(
            user=user,
            item_id=item.pk,
            version=item.version,
            day=item.day_date,
            start=dt.time(13, 0),
            force=True,
        )


def noahs_maths(family):
    noah = family.children.get(name="Noah")
    return noah, noah.subjects.get(name="Mathematics")


def test_moving_a_subject_later_teaches_its_time_of_day(user, family):
    move_noahs_maths_to_one_pm(user)
    row = preferences_refresh(family=family)
    noah, maths = noahs_maths(family)

    week, _ = week_input(family=family, week_start=NEXT_MONDAY)
    learned = week.learned_time(str(noah.pk), str(maths.pk))
    assert learned is not None and learned.strength > 0
    (window,) = learned.windows
    assert window[0] <= 13 * 60 < window[1]  # where the parent put it
    assert window[0] > 10 * 60 + 25  # no longer where it was planned
    texts = [e["text"] for e in row.data["explanations"]]
    assert any("Mathematics" in t and "later" in t for t in texts), texts


def test_learning_reads_each_log_once(user, family):
    move_noahs_maths_to_one_pm(user)
    first = preferences_refresh(family=family)
    again = preferences_refresh(family=family)
    assert again.data == first.data
    assert again.logs_through == first.logs_through


def test_the_beat_job_refreshes_only_families_with_new_logs(user, family, other_family):
    move_noahs_maths_to_one_pm(user)
    assert refresh_preferences() == 1  # the other family logged nothing
    assert LearnedPreferences.objects.filter(family=family).exists()
    assert not LearnedPreferences.objects.filter(family=other_family).exists()
    assert refresh_preferences() == 0  # nothing new since


def test_the_parent_reads_what_was_learned_and_can_forget_it(user, auth_client, family):
    empty = auth_client.get(URL).json()
    assert empty["learnedTimes"] == [] and empty["explanations"] == []

    move_noahs_maths_to_one_pm(user)
    preferences_refresh(family=family)
    body = auth_client.get(URL).json()
    by_child = {
        t["childName"]: t for t in body["learnedTimes"] if t["subjectName"] == "Mathematics"
    }
    maths = by_child["Noah"]
    # Ava's Mathematics, never moved, leans on her brother's at less strength.
    assert by_child["Ava"]["strength"] < maths["strength"]
    (window,) = maths["windows"]
    assert window["startTime"] <= "13:00" < window["endTime"]
    assert any("Mathematics" in e["text"] for e in body["explanations"])
    assert body["weights"]["learned_times"] > 0

    assert auth_client.delete(URL).status_code == 204
    forgotten = auth_client.get(URL).json()
    assert forgotten["learnedTimes"] == [] and forgotten["explanations"] == []
    week, _ = week_input(family=family, week_start=NEXT_MONDAY)
    assert week.learned_times == ()
    # What happened before forgetting is not learned again.
    preferences_refresh(family=family)
    assert auth_client.get(URL).json()["learnedTimes"] == []


def test_another_familys_learned_preferences_are_never_visible(
    user, auth_client, other_client, family, other_family
):
    move_noahs_maths_to_one_pm(user)
    preferences_refresh(family=family)
    mine = auth_client.get(URL).json()
    assert mine["explanations"]
    theirs = other_client.get(URL).json()
    assert theirs["learnedTimes"] == [] and theirs["explanations"] == []
    # Forgetting theirs leaves ours alone.
    assert other_client.delete(URL).status_code == 204
    assert auth_client.get(URL).json() == mine


def test_a_user_without_a_family_has_nothing_learned(other_client):
    assert other_client.get(URL).status_code == 404


def test_a_subject_at_a_fixed_time_is_not_learned_nor_promised_elsewhere(user, family):
    noah = family.children.get(name="Noah")
    reading = noah.subjects.get(name="Reading")
    assert reading.fixed_time_required  # the demo's Reading is at 9:00, set by the parent
    for item in ScheduleItem.objects.filter(schedule__is_active=True, subject=reading)[:3]:
        items.item_move(
            user=user,
            item_id=item.pk,
            version=item.version,
            day=item.day_date,
            start=dt.time(13, 0),
            force=True,
        )
    assert preferences_refresh(family=family) is None  # nothing to learn from
    assert refresh_preferences() == 0  # and nothing the beat job keeps coming back for
    week, _ = week_input(family=family, week_start=NEXT_MONDAY)
    assert week.learned_time(str(noah.pk), str(reading.pk)) is None


@pytest.mark.postgres  # two connections at once
@pytest.mark.django_db(transaction=True)
def test_forgetting_during_a_refresh_is_not_undone_by_it(user, family, monkeypatch):
    from django.db import connection

    from brightpath.insights.services import preferences as refreshing
    from brightpath.insights.services import preferences_forget

    move_noahs_maths_to_one_pm(user)
    learn = refreshing.update

    def forget_meanwhile(*args, **kwargs):
        def forget():
            preferences_forget(user=user)
            connection.close()

        parent = threading.Thread(target=forget)
        parent.start()
        parent.join(timeout=2)  # with the lock it waits for the refresh; without, it is done
        threads.append(parent)
        return learn(*args, **kwargs)

    threads = []
    monkeypatch.setattr(refreshing, "update", forget_meanwhile)
    preferences_refresh(family=family)
    threads[0].join()
    assert LearnedPreferences.objects.get(family=family).data == {}


def test_weeks_already_planned_are_replanned_with_what_was_learned(user, family, settings):
    """Weeks are planned on first look, so next week usually exists before the refresh:
    the refresh replans it, and Noah's Mathematics moves to where the parent put it."""
    from brightpath.insights.tasks import refresh_family_preferences
    from brightpath.planner.models import Schedule
    from brightpath.planner.services import schedule_generate

    settings.PLANNER_BACKGROUND_TIME_LIMIT = 2
    schedule_generate(family=family, week_start=NEXT_MONDAY, time_limit=2)
    noah, maths = noahs_maths(family)
    planned = Schedule.objects.get(child=noah, week_start_date=NEXT_MONDAY, is_active=True)

    move_noahs_maths_to_one_pm(user)
    assert refresh_family_preferences(str(family.pk))

    replanned = Schedule.objects.get(child=noah, week_start_date=NEXT_MONDAY, is_active=True)
    assert replanned.pk != planned.pk  # a new version
    starts = [i.start_time for i in replanned.items.filter(subject=maths, item_type="subject")]
    assert starts and all(start >= dt.time(12, 0) for start in starts), starts
    # A rerun with nothing new to learn replans nothing.
    assert refresh_family_preferences(str(family.pk))
    again = Schedule.objects.get(child=noah, week_start_date=NEXT_MONDAY, is_active=True)
    assert again.pk == replanned.pk
