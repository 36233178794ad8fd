"""Plain data for the offline assistant's tests: the shipped capabilities, a lesson, memories."""

from brightpath.coach import catalogue
from brightpath.coach.assistant import Assistant, Capability, Lesson, Remembered, Request, Section


def shipped_capabilities() -> dict[str, Capability]:
    kinds = catalogue.shipped()["capabilities"]
    return {
        name: Capability(
            name=name,
            description=kind["description"],
            template=kind["parameters"]["template"],
            keywords=tuple(kind["parameters"]["keywords"]),
            instructions=kind["parameters"]["instructions"],
            defaults=kind["parameters"]["defaults"],
            priority=kind["priority"],
        )
        for name, kind in kinds.items()
    }


def assistant(*names: str, tone: str = "warm", **fields) -> Assistant:
    capabilities = shipped_capabilities()
    chosen = names or tuple(capabilities)
    return Assistant(
        name=fields.pop("name", "Test Assistant"),
        description="Helps in tests.",
        tone=tone,
        capabilities=tuple(capabilities[n] for n in chosen),
        **fields,
    )


VOLCANOES = Lesson(
    id="lesson-1",
    title="Volcanoes",
    description=(
        "A volcano is an opening in the crust where melted rock escapes. Magma is melted rock "
        "stored in a chamber below the surface. When magma reaches the surface it is called "
        "lava. Tectonic plates move slowly and create pressure at their edges. Ash clouds "
        "from an eruption can travel hundreds of kilometres. A dormant volcano has not erupted "
        "for a long time but could erupt again."
    ),
    subject="Earth Science",
    grade_level="6",
    objectives=(
        "Students will be able to explain why volcanoes erupt.",
        "Students will be able to compare magma and lava.",
    ),
    materials=("Baking soda", "Vinegar", "Clay"),
    sections=(
        Section(
            "Demonstration",
            15,
            "The eruption model shows how pressure from gas pushes magma upward through the vent.",
        ),
    ),
    duration_minutes=50,
)

MEMORIES = (
    Remembered("m1", "Maya has dyslexia.", "student", ("student:maya", "topic:reading")),
    Remembered("m2", "Jonah has ADHD and needs movement breaks.", "student", ("student:jonah",)),
    Remembered("m3", "I prefer hands-on labs over worksheets.", "preference", ()),
    Remembered("m4", "Group work was a disaster with my 3rd period.", "what_failed", ()),
    Remembered("m5", "We have no Chromebooks this term.", "constraint", ()),
)


def request(message: str, *, names: tuple[str, ...] = (), **fields) -> Request:
    values = {
        "assistant": assistant(*names),
        "lessons": (VOLCANOES,),
        "memories": MEMORIES,
    }
    values.update(fields)
    return Request(message=message, **values)
