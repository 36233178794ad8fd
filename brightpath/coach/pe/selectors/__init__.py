"""Reading a teacher's PE data: every read is scoped to the teacher here.

Another teacher's row is a NotFound, the same answer as a missing one. The catalogue
(activities, categories, exercises with no owner) is visible to every teacher; a
teacher's own activities and exercises only to them.
"""

from .activities import (
    activities_visible,
    activity_of,
    activity_visible,
    adaptation_of,
    adaptation_suggestions,
    adaptations_of,
    categories,
    exercise_visible,
    exercises_visible,
    progressions_from,
)
from .classes import class_of, classes_of, enrolment_of, roster_of
from .common import teacher_timezone, teacher_today
from .movement import analyses_of, analysis_of
from .plans import plan_activity_of, plan_of, plans_of
from .progress import (
    activity_performances_of,
    assessment_of,
    assessments_of,
    progress_of,
    progress_one,
)
from .routines import performance_of, performances_in, routine_of, routines_of
from .safety import (
    environmental_check_of,
    environmental_checks_of,
    equipment_check_of,
    equipment_checks_of,
    incident_of,
    incidents_of,
    risk_assessment_of,
    risk_assessments_of,
    safety_check_of,
    safety_checks_of,
    safety_report,
)
from .students import student_of, students_of

__all__ = [
    "activities_visible",
    "activity_performances_of",
    "activity_of",
    "activity_visible",
    "adaptation_of",
    "adaptation_suggestions",
    "adaptations_of",
    "analyses_of",
    "analysis_of",
    "assessment_of",
    "assessments_of",
    "categories",
    "class_of",
    "classes_of",
    "enrolment_of",
    "environmental_check_of",
    "environmental_checks_of",
    "equipment_check_of",
    "equipment_checks_of",
    "exercise_visible",
    "exercises_visible",
    "incident_of",
    "incidents_of",
    "performance_of",
    "performances_in",
    "plan_activity_of",
    "plan_of",
    "plans_of",
    "progress_of",
    "progress_one",
    "progressions_from",
    "risk_assessment_of",
    "risk_assessments_of",
    "roster_of",
    "routine_of",
    "routines_of",
    "safety_check_of",
    "safety_checks_of",
    "safety_report",
    "student_of",
    "students_of",
    "teacher_timezone",
    "teacher_today",
]
