"""What BrightPath learned about the user's family, as the parent reads it."""

from __future__ import annotations

from brightpath.accounts.models import User
from brightpath.common.times import clock
from brightpath.curriculum.models import Subject
from brightpath.families.selectors import family_get
from brightpath.planner.models import LearnedPreferences

# The newest explanations shown; older ones stay stored with the learner's state.
EXPLANATIONS_SHOWN = 50


def learned_preferences_get(*, user: User) -> dict:
    """The family's learned times of day per child and subject, the soft weights
    the planner uses, and each change explained, newest first. Only the user's
    own family is ever read (a family of nobody's is a 404 from family_get)."""
    family = family_get(user=user)
    row = LearnedPreferences.objects.filter(family=family).first()
    data = (row.data if row else None) or {}
    engine = data.get("engine") or {}
    learned = engine.get("learnedTimes") or []
    subjects = {
        str(s.pk): s
        for s in Subject.objects.live()
        .filter(child__family=family, child__archived_at__isnull=True)
        .select_related("child")
    }
    times = []
    for item in learned:
        subject = subjects.get(item["subjectId"])
        if subject is None or str(subject.child_id) != item["childId"]:
            continue  # a subject dropped since: nothing to plan, nothing to show
        times.append(
            {
                "childId": item["childId"],
                "childName": subject.child.name,
                "subjectId": item["subjectId"],
                "subjectName": subject.name,
                "windows": [
                    {"startTime": clock(start), "endTime": clock(end)}
                    for start, end in item["windows"]
                ],
                "strength": item.get("strength", 1.0),
            }
        )
    times.sort(key=lambda t: (t["childName"], t["subjectName"]))
    explanations = list(reversed(data.get("explanations") or []))[:EXPLANATIONS_SHOWN]
    return {
        "updatedAt": row.updated_at if row and data else None,
        "learnedThrough": row.logs_through if row else None,
        "weights": engine.get("weights") or {},
        "learnedTimes": times,
        "explanations": [
            {
                "childId": e.get("childId"),
                "subjectId": e.get("subjectId"),
                "subjectName": e.get("subjectName", ""),
                "kind": e.get("kind", "time"),
                "text": e["text"],
                "at": e.get("at"),
            }
            for e in explanations
        ],
    }
