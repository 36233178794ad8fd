"""Load the five scheduling dimensions and their 25 Likert statements.

Numbering follows seed 002's generator: q1-q5 flexibility vs structure, q6-q10
subject rotation, q11-q15 time management, q16-q20 long-term scheduling,
q21-q25 prioritization. A high dimension score means the end named in the
category's description; the reverse-scored statements (2, 4, 7, 13, 22) are
phrased towards the other end. The text is frozen here, not imported, so this
migration loads the same questions whatever the app code later says; editors
change them in the admin.

Reversing deletes these categories and questions; it stops (PROTECT) if any
survey response still refers to them.
"""

from django.db import migrations

CATEGORIES = [
    (
        "flexibility_vs_structure",
        "Flexibility vs. Structure",
        "How much you want each day planned in advance. A high score means you prefer "
        "a set structure; a low score means you prefer to decide as the day unfolds.",
    ),
    (
        "subject_rotation",
        "Subject Rotation",
        "How you spread subjects over the week. A high score means you like rotating "
        "subjects across days in longer blocks; a low score means every subject every day.",
    ),
    (
        "time_management",
        "Time Management",
        "How closely you manage the clock during a school day. A high score means "
        "time-boxed lessons with planned breaks; a low score means an open-ended day.",
    ),
    (
        "long_term_scheduling",
        "Long-Term Scheduling",
        "How far ahead you plan. A high score means yearly goals broken into terms and "
        "milestones; a low score means planning week by week.",
    ),
    (
        "prioritization",
        "Prioritization",
        "How you decide what matters most when time is short. A high score means clear "
        "priorities that let less important work wait; a low score means giving "
        "everything equal weight.",
    ),
]

# (number, dimension, statement, reverse_scored)
QUESTIONS = [
    (
        1,
        "flexibility_vs_structure",
        "I like each school day to follow a set timetable with planned start times.",
        False,
    ),
    (
        2,
        "flexibility_vs_structure",
        "I prefer to decide what we study each morning based on how everyone is feeling.",
        True,
    ),
    (
        3,
        "flexibility_vs_structure",
        "I feel more at ease when the whole week's lessons are planned before it begins.",
        False,
    ),
    (
        4,
        "flexibility_vs_structure",
        "When a lesson is going well, I happily let it run long and push the rest of the day back.",
        True,
    ),
    (
        5,
        "flexibility_vs_structure",
        "Our days go best when activities happen in the same order every day.",
        False,
    ),
    (
        6,
        "subject_rotation",
        "I would rather rotate subjects across the week than teach every subject every day.",
        False,
    ),
    (
        7,
        "subject_rotation",
        "I want every core subject to appear on the schedule every school day.",
        True,
    ),
    (
        8,
        "subject_rotation",
        "Fewer subjects per day, each in a longer block, suits our family.",
        False,
    ),
    (
        9,
        "subject_rotation",
        "Studying different subjects on different days keeps my children interested.",
        False,
    ),
    (
        10,
        "subject_rotation",
        "I am comfortable with a subject skipping a day as long as it gets its time over the week.",
        False,
    ),
    (
        11,
        "time_management",
        "I set a length of time for each lesson and try to keep to it.",
        False,
    ),
    (
        12,
        "time_management",
        "I build breaks and buffer time into our school day on purpose.",
        False,
    ),
    (
        13,
        "time_management",
        "I would rather let the school day run as long as it needs than watch the clock.",
        True,
    ),
    (
        14,
        "time_management",
        "I know roughly how long each of my children can focus before needing a break.",
        False,
    ),
    (
        15,
        "time_management",
        "I plan lessons around fixed commitments such as appointments and classes.",
        False,
    ),
    (
        16,
        "long_term_scheduling",
        "I set learning goals for the whole school year before it starts.",
        False,
    ),
    (
        17,
        "long_term_scheduling",
        "I break our yearly goals into term or monthly milestones.",
        False,
    ),
    (
        18,
        "long_term_scheduling",
        "I put holidays, breaks and field trips on our calendar months ahead.",
        False,
    ),
    (
        19,
        "long_term_scheduling",
        "I check our progress against the long-term plan at regular intervals.",
        False,
    ),
    (
        20,
        "long_term_scheduling",
        "I keep a record of what we have covered so I can plan what comes next.",
        False,
    ),
    (
        21,
        "prioritization",
        "When time is short, I know which subjects must happen and which can wait.",
        False,
    ),
    (
        22,
        "prioritization",
        "I find it hard to let any subject slide, even on a busy day.",
        True,
    ),
    (
        23,
        "prioritization",
        "I schedule the most demanding subjects for when my children are most alert.",
        False,
    ),
    (
        24,
        "prioritization",
        "Core subjects such as reading and math come before electives in our day.",
        False,
    ),
    (
        25,
        "prioritization",
        "I adjust the balance of subjects to each child's goals and needs.",
        False,
    ),
]


def load(apps, schema_editor):
    Category = apps.get_model("surveys", "Category")
    Question = apps.get_model("surveys", "Question")
    categories = {}
    for order, (dimension, name, description) in enumerate(CATEGORIES, start=1):
        categories[dimension], _ = Category.objects.update_or_create(
            dimension=dimension,
            defaults={"name": name, "description": description, "order": order},
        )
    for number, dimension, text, reverse_scored in QUESTIONS:
        Question.objects.update_or_create(
            number=number,
            defaults={
                "category": categories[dimension],
                "text": text,
                "reverse_scored": reverse_scored,
                "order": (number - 1) % 5 + 1,
            },
        )


def unload(apps, schema_editor):
    Category = apps.get_model("surveys", "Category")
    Question = apps.get_model("surveys", "Question")
    Question.objects.filter(number__in=[number for number, *_ in QUESTIONS]).delete()
    Category.objects.filter(dimension__in=[dimension for dimension, *_ in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
