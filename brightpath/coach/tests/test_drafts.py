"""An assistant's reply read back as a lesson draft: the offline outline and a model's
usual markdown plan."""

from brightpath.coach.assistant.drafts import draft_from_reply
from brightpath.coach.assistant.offline import answer

from .assistant_data import request

MODEL_PLAN = """Here's a plan you can use tomorrow!

**Lesson Title: Fractions on a Number Line**

**Learning Objectives:**
1. Place fractions with like denominators on a number line.
2. Compare two fractions using a number line.

**Materials:**
- Number line strips
* Sticky notes

**Warm-up (5 minutes):**
Students fold a paper strip into halves and quarters.

**Procedure:**
1. Mini-lesson (10 minutes): Model placing 1/4 and 3/4.
2. Partner practice (15 min): Pairs place cards on a class number line.

**Assessment:**
- Exit ticket: place 2/3 on a number line.

**Homework:**
Find three fractions at home.
"""


def test_a_models_markdown_plan_becomes_a_lesson():
    draft = draft_from_reply(MODEL_PLAN)
    assert draft.title == "Fractions on a Number Line"
    assert draft.objectives == [
        "Place fractions with like denominators on a number line.",
        "Compare two fractions using a number line.",
    ]
    assert draft.materials == ["Number line strips", "Sticky notes"]
    assert [(s["title"], s["minutes"]) for s in draft.sections] == [
        ("Warm-up", 5),
        ("Mini-lesson", 10),
        ("Partner practice", 15),
    ]
    assert draft.assessment == "Exit ticket: place 2/3 on a number line."
    assert draft.homework == "Find three fractions at home."
    assert draft.duration_minutes == 30
    # The assistant talking to the teacher before the plan is not part of the lesson.
    assert "use tomorrow" not in draft.description


def test_the_offline_outline_becomes_a_lesson_with_everything_in_it():
    text, _ = answer(request("Plan a 40-minute lesson on the rock cycle for grade 7"))
    draft = draft_from_reply(text)
    assert draft.title == "Rock cycle"
    assert draft.grade_level == "7"
    assert len(draft.objectives) == 3
    assert draft.duration_minutes == 40
    assert sum(s["minutes"] for s in draft.sections) == 40
    assert draft.sections[0]["title"] == "Warm-up"
    assert any("Maya" in d for d in draft.differentiation)
    assert draft.homework
    assert "Offline assistant" not in draft.description
