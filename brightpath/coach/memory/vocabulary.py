"""The memory's fixed vocabularies, shared by the engine, the models and their constraints."""

# What a remembered fact is about. `class` is the teacher's teaching situation
# (grades, subjects, class sizes, periods, school); `student` a learner's needs;
# `context` a first-person statement about teaching that fits no other kind.
PREFERENCE = "preference"
CLASS = "class"
STUDENT = "student"
WHAT_WORKED = "what_worked"
WHAT_FAILED = "what_failed"
GOAL = "goal"
CONSTRAINT = "constraint"
CONTEXT = "context"

CATEGORIES = (PREFERENCE, CLASS, STUDENT, WHAT_WORKED, WHAT_FAILED, GOAL, CONSTRAINT, CONTEXT)

CATEGORY_LABELS = {
    PREFERENCE: "Preference",
    CLASS: "Class",
    STUDENT: "Student need",
    WHAT_WORKED: "What worked",
    WHAT_FAILED: "What did not work",
    GOAL: "Goal",
    CONSTRAINT: "Constraint",
    CONTEXT: "Context",
}

# Where a memory came from: extracted from a chat exchange, or written/corrected by the teacher.
SOURCE_EXCHANGE = "exchange"
SOURCE_TEACHER = "teacher"
SOURCES = (SOURCE_EXCHANGE, SOURCE_TEACHER)

IMPORTANCE_MIN = 1.0
IMPORTANCE_MAX = 10.0
