"""Every status change of every PE status field, allowed or refused, through the services.

For each kind of row and each pair of distinct statuses, a row is put in the first
status with everything else the change needs (scores, notes, passing safety checks), so
the only reason left to refuse is the transition table; the service must then accept
exactly the seed's transitions and refuse the rest with 409 "invalid_transition",
leaving the row as it was.
"""

import datetime as dt
import itertools

import pytest

from brightpath.coach.pe import models as m
from brightpath.coach.pe import vocabulary as v
from brightpath.coach.pe.services import classes as class_services
from brightpath.coach.pe.services import plans as plan_services
from brightpath.coach.pe.services import progress as progress_services
from brightpath.coach.pe.services import routines as routine_services
from brightpath.coach.pe.services import safety as safety_services
from brightpath.common.errors import Conflict

from .conftest import NOW, TODAY, make_activity, make_class, make_student, pass_checks

pytestmark = pytest.mark.django_db

SCORES = {"technique": {"form": 8, "accuracy": 7}, "performance": {"speed": 6, "consistency": 7}}


def test_the_tables_are_the_seeds():
    assert v.ROUTINE_TRANSITIONS["draft"] == ("scheduled",)
    assert v.ROUTINE_TRANSITIONS["scheduled"][0] == "in_progress"
    assert set(v.ROUTINE_TRANSITIONS["in_progress"]) == {"completed", "cancelled"}
    assert v.CLASS_TRANSITIONS == {"planned": ("active",), "active": ("completed",)}
    assert v.PLAN_STATUSES == ("draft", "active", "completed", "cancelled")
    assert v.PLAN_ACTIVITY_STATUSES == ("scheduled", "completed", "cancelled", "skipped")
    assert v.ASSESSMENT_STATUSES == ("pending", "in_progress", "completed", "archived")
    for kind, table in v.TRANSITIONS.items():
        for current, targets in table.items():
            assert current in v.STATUSES[kind], kind
            assert set(targets) <= set(v.STATUSES[kind]), kind
            assert current not in targets, kind


@pytest.fixture
def setting(teacher):
    pe_class = make_class(teacher)
    student = make_student(teacher)
    class_services.enrolment_add(pe_class=pe_class, student=student)
    activity = make_activity(teacher)
    pass_checks(teacher, pe_class, [activity])
    return {"teacher": teacher, "class": pe_class, "student": student, "activity": activity}


def _class_in(s, status):
    pe_class = make_class(s["teacher"], name=f"Class {status} {m.PEClass.objects.count()}")
    m.PEClass.objects.filter(pk=pe_class.pk).update(status=status)
    return pe_class


def _plan_in(s, status):
    plan = plan_services.plan_create(
        teacher=s["teacher"],
        pe_class=s["class"],
        name="Unit",
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=13),
        objectives={"learningObjectives": [{"area": "fitness", "target": "run"}]},
        weeks=[{"week": 1, "activities": [{"activityId": str(s["activity"].pk)}]}],
    )
    m.ActivityPlan.objects.filter(pk=plan.pk).update(status=status)
    return plan


def _plan_activity_in(s, status):
    plan = _plan_in(s, "active")
    row = plan.sequence.get()
    m.ActivityPlanActivity.objects.filter(pk=row.pk).update(status=status)
    return row


def _routine_in(s, status):
    routine = routine_services.routine_create(
        pe_class=s["class"],
        name="Routine",
        scheduled_for=NOW,
        steps=[{"activityId": str(s["activity"].pk)}],
    )
    started = NOW if status in ("in_progress", "completed", "cancelled") else None
    m.Routine.objects.filter(pk=routine.pk).update(
        status=status,
        started_at=started,
        completed_at=NOW if status == "completed" else None,
    )
    return routine


def _assessment_in(s, status):
    assessment = progress_services.assessment_create(
        student=s["student"], activity=s["activity"], assessor=s["teacher"], scores=SCORES
    )
    m.SkillAssessment.objects.filter(pk=assessment.pk).update(status=status)
    return assessment


def _safety_check_in(s, status):
    check = safety_services.safety_check_create(
        inspector=s["teacher"], check_type="first_aid", notes="Kit checked"
    )
    m.SafetyCheck.objects.filter(pk=check.pk).update(
        status=status, completed_at=None if status == "pending" else NOW
    )
    return check


def _incident_in(s, status):
    incident = safety_services.incident_report(
        reporter=s["teacher"],
        student=s["student"],
        activity=s["activity"],
        date=NOW,
        incident_type="injury",
        severity="minor",
        description="Twisted ankle",
        action_taken="Ice pack",
    )
    m.SafetyIncident.objects.filter(pk=incident.pk).update(status=status)
    return incident


KINDS = {
    "class": (_class_in, lambda row, to: class_services.class_transition(pe_class=row, status=to)),
    "plan": (_plan_in, lambda row, to: plan_services.plan_transition(plan=row, status=to)),
    "plan_activity": (
        _plan_activity_in,
        lambda row, to: plan_services.plan_activity_transition(plan_activity=row, status=to),
    ),
    "routine": (
        _routine_in,
        lambda row, to: routine_services.routine_transition(routine=row, status=to),
    ),
    "assessment": (
        _assessment_in,
        lambda row, to: progress_services.assessment_transition(assessment=row, status=to),
    ),
    "safety_check": (
        _safety_check_in,
        lambda row, to: safety_services.safety_check_transition(
            check=row, status=to, notes="Kit missing plasters", resolution="Restocked"
        ),
    ),
    "incident": (
        _incident_in,
        lambda row, to: safety_services.incident_follow_up(
            incident=row, note="Followed up with the family", status=to
        ),
    ),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_transition_is_allowed_or_refused_as_the_table_says(setting, kind):
    make_row, move = KINDS[kind]
    outcomes = []
    for current, target in itertools.permutations(v.STATUSES[kind], 2):
        row = make_row(setting, current)
        allowed = v.can_move(kind, current, target)
        try:
            move(row, target)
        except Conflict as error:
            row.refresh_from_db()
            outcomes.append((current, target, "refused", allowed, error.code, row.status))
        else:
            row.refresh_from_db()
            outcomes.append((current, target, "done", allowed, None, row.status))
    wrong = [
        o
        for o in outcomes
        if (o[2] == "done") != o[3]
        or (o[2] == "refused" and (o[4] != "invalid_transition" or o[5] != o[0]))
        or (o[2] == "done" and o[5] != o[1])
    ]
    assert not wrong, wrong
    assert any(o[2] == "done" for o in outcomes) and any(o[2] == "refused" for o in outcomes)


def test_an_unknown_status_is_a_400_naming_the_field(setting):
    from brightpath.common.errors import Invalid

    with pytest.raises(Invalid) as error:
        class_services.class_transition(pe_class=setting["class"], status="paused")
    assert "status" in error.value.fields


def test_enrolment_moves_between_enrolled_waitlisted_and_withdrawn(teacher):
    pe_class = make_class(teacher, capacity=1)
    first, second = make_student(teacher, "Ann", "A"), make_student(teacher, "Ben", "B")
    a = class_services.enrolment_add(pe_class=pe_class, student=first)
    b = class_services.enrolment_add(pe_class=pe_class, student=second)
    assert (a.status, b.status) == ("enrolled", "waitlisted")
    class_services.enrolment_withdraw(enrolment=a)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("withdrawn", "enrolled")  # the waitlist moved up
    assert a.withdrawn_date == TODAY
    with pytest.raises(Conflict) as error:
        class_services.enrolment_withdraw(enrolment=a)  # withdrawn -> withdrawn
    assert error.value.code == "invalid_transition"
    again = class_services.enrolment_add(pe_class=pe_class, student=first)
    assert again.pk == a.pk and again.status == "waitlisted"  # back, on the waitlist
    assert again.withdrawn_date is None
    with pytest.raises(Conflict) as error:
        class_services.enrolment_add(pe_class=pe_class, student=second)
    assert error.value.code == "already_enrolled"
