"""Offline templates: a lesson-plan outline and differentiation suggestions."""

from __future__ import annotations

from . import Remembered
from . import reading as r
from .situation import Situation

# What helps a student with each need (the memory engine's concepts), in a lesson.
ACCOMMODATIONS = {
    "medical": "check every material and activity against their medical needs (allergens, "
    "breaks, medication times) before the lesson",
    "reading": "give the text as audio or read it aloud, pre-teach three or four key words, "
    "and use a clear, larger font with shorter passages",
    "writing": "let them answer aloud or with speech-to-text, and give sentence starters and a "
    "word bank",
    "math": "keep a worked example and manipulatives (or a number line) beside them, and give "
    "fewer problems of each kind",
    "language": "use visuals and a bilingual glossary of the key terms, give sentence frames, "
    "and pair them with a supportive partner",
    "attention": "chunk the task into short steps with a check-in after each, allow a movement "
    "break between activities, and seat them near where you teach",
    "autism": "post a visual schedule, warn before each transition, and give clear, literal "
    "instructions with a quiet space available",
    "emotional": "do not cold call: let them rehearse with a partner first, and give a choice "
    "in how they share",
    "hearing": "face the class when you speak, caption any video, and give instructions in "
    "writing too",
    "vision": "give large-print or zoomable digital text, describe visuals aloud, and seat "
    "them near the board",
    "mobility": "check the room layout so materials and stations are within reach, and adapt "
    "any movement activity",
    "speech": "offer ways to answer without speaking (whiteboards, cards, their AAC) and allow "
    "extra wait time",
    "advanced": "give an extension that asks them to apply or create, not more of the same, "
    "and let them lead a part of the group task",
    "struggling": "meet them in a guided small group during independent work, with a "
    "scaffolded version whose first step is done",
    "accommodation": "build their IEP or 504 accommodations (extra time, fewer items, a "
    "scribe) into the activities and the assessment",
    "behavior": "state the expectations for each activity, give them a role in group work, "
    "and check in positively early on",
}
GENERAL_NEED = "check in with them early and adjust the task to what they told you they need"

# The main activity of a lesson by subject, before the teacher's preferences.
MAIN_ACTIVITY = {
    "science": (
        "Investigation",
        "In small groups, students test a question about {topic}, record what they observe "
        "in a table, and explain what they found.",
    ),
    "math": (
        "Practice",
        "Pairs solve problems on {topic} that move from guided (with the worked example) to "
        "independent; early finishers write a problem of their own.",
    ),
    "ela": (
        "Close reading",
        "Students read a short text on {topic}, annotate the key ideas, and answer one "
        "text-dependent question in writing.",
    ),
    "history": (
        "Source work",
        "Students examine a source on {topic} and answer: who made it, when, why, and what "
        "does it show?",
    ),
    "languages": (
        "Speaking practice",
        "Pairs use the new words for {topic} in short role-play dialogues, then swap roles.",
    ),
    "arts": (
        "Studio time",
        "Students make a short piece that uses {topic}, then share one choice they made.",
    ),
    "pe": (
        "Skill stations",
        "Students rotate through stations practising {topic}, with a cue card at each station.",
    ),
}
DEFAULT_MAIN = (
    "Group task",
    "In small groups, students apply {topic} to a short problem or scenario and prepare a "
    "one-minute share.",
)
# A kind of activity the teacher said they like (or that worked), by concept.
PREFERRED_MAIN = {
    "handson": (
        "Hands-on activity",
        "Students work with materials to explore {topic}: build, test or sort, then record "
        "what they notice.",
    ),
    "groupwork": (
        "Group work (jigsaw)",
        "Each group becomes expert in one part of {topic}, then students regroup to teach "
        "each other.",
    ),
    "games": (
        "Review game",
        "Teams answer questions on {topic} in a quick game; every answer is explained aloud.",
    ),
    "discussion": (
        "Structured discussion",
        "Students discuss a question about {topic} in small circles with talk roles, then "
        "report one idea.",
    ),
    "nature": (
        "Outdoor exploration",
        "Students explore {topic} outside, collecting observations on a clipboard sheet.",
    ),
    "arts": (
        "Creative task",
        "Students show what they learned about {topic} in a drawing, a diagram or a short skit.",
    ),
}
GUIDED = {
    "groupwork": "students work in pairs",
    "technology": "students work in pairs",
}


def accommodation_lines(needs: tuple[r.StudentNeed, ...]) -> list[str]:
    lines = []
    for need in needs:
        advice = [ACCOMMODATIONS[n] for n in need.needs if n in ACCOMMODATIONS][:2]
        about = ", ".join(need.needs[:2]) if need.needs else "their needs"
        text = "; ".join(advice) if advice else GENERAL_NEED
        lines.append(f"- {need.who} ({about}): {text}. (You told me: \u201c{need.said}\u201d)")
    return lines


def _split_minutes(total: int) -> list[int]:
    """Warm-up, introduction, guided practice, main activity, closure: adds up to `total`."""
    warm = max(3, round(total * 0.1))
    intro = max(4, round(total * 0.2))
    guided = max(4, round(total * 0.2))
    closure = max(3, round(total * 0.12))
    main = total - warm - intro - guided - closure
    if main < 5:  # a short lesson: one practice block
        guided, main = 0, total - warm - intro - closure
    return [warm, intro, guided, main, closure]


def _main_activity(s: Situation) -> tuple[str, str, Remembered | None]:
    for concept, (title, body) in PREFERRED_MAIN.items():
        memory = s.liked(concept)
        if memory is not None:
            return title, body, memory
    title, body = MAIN_ACTIVITY.get(s.subject, DEFAULT_MAIN)
    if s.avoided("groupwork") and "group" in body.lower():
        return "Independent task", body.replace("In small groups, students", "Students"), None
    return title, body, None


def _objectives(s: Situation) -> list[str]:
    if s.lesson is not None and s.lesson.objectives:
        return list(s.lesson.objectives)
    topic = s.topic_label
    young = s.grade in ("pre-k", "k", "1", "2")
    if young:
        return [
            f"Students will be able to say in their own words what {topic} is about.",
            f"Students will be able to point out or draw an example of {topic}.",
        ]
    return [
        f"Students will be able to explain the key ideas of {topic} and why they matter.",
        f"Students will be able to use the key vocabulary of {topic} correctly.",
        f"Students will be able to apply what they learned about {topic} to a new example.",
    ]


def _materials(s: Situation, main_title: str) -> list[str]:
    if s.lesson is not None and s.lesson.materials:
        items = list(s.lesson.materials)
    else:
        items = ["Board or chart paper for the warm-up question", "Exit ticket slips"]
        if main_title in ("Investigation", "Hands-on activity"):
            items.append("Materials for each group to explore with, and an observation table")
        elif main_title in ("Close reading", "Source work"):
            items.append(f"A short text or source on {s.topic_label}, one copy each")
        else:
            items.append(f"A task card on {s.topic_label} for each group")
    if any(n for need in s.needs for n in need.needs if n in ("reading", "vision", "language")):
        items.append("An audio or large-print version of the texts, and a key-word glossary")
    tech = s.avoided("technology")
    if tech is not None:
        items.append(f"No devices needed (you told me: \u201c{tech.content}\u201d)")
    return items


def lesson_plan(s: Situation) -> str:
    topic = s.topic_label
    warm, intro, guided, main, closure = _split_minutes(s.minutes)
    main_title, main_body, liked = _main_activity(s)
    objectives = _objectives(s)
    terms = r.key_terms(s.lesson)[:6] if s.lesson is not None else []
    facts = [f"Length: {s.minutes} minutes"]
    if s.grade_label:
        facts.insert(0, s.grade_label)
    if s.subject_label:
        facts.insert(1 if s.grade_label else 0, s.subject_label)
    lines = [f"# Lesson plan: {_title(topic)}", " \u00b7 ".join(facts), ""]
    if s.lesson is not None:
        lines += [f"Built from your lesson \u201c{s.lesson.title}\u201d.", ""]
    lines += ["## Objectives", *(f"- {o}" for o in objectives), ""]
    lines += ["## Materials", *(f"- {m}" for m in _materials(s, main_title)), ""]
    lines += [
        f"## Warm-up ({warm} min)",
        f"- On the board: \u201cWhat do you already know about {topic}?\u201d Students think, "
        "tell a partner, and a few share.",
        "",
        "## Activities",
    ]
    vocabulary = f" Key words: {', '.join(terms)}." if terms else ""
    steps = [
        (
            "Introduction",
            intro,
            f"Introduce {topic} with a short explanation and one example or "
            f"demonstration.{vocabulary} Check understanding with a quick thumbs up/down.",
        ),
    ]
    if guided:
        pairs = "students work in pairs" if not s.avoided("groupwork") else "students work"
        steps.append(
            (
                "Guided practice",
                guided,
                f"Work through one task on {topic} together, then {pairs} on a second "
                "while you circulate and give feedback.",
            )
        )
    body = main_body.format(topic=topic)
    if liked is not None:
        body += f" (You told me: \u201c{liked.content}\u201d)"
    steps.append((main_title, main, body))
    for number, (title, minutes, text) in enumerate(steps, start=1):
        lines.append(f"{number}. {title} ({minutes} min): {text}")
    lines += ["", "## Differentiation"]
    lines += accommodation_lines(s.needs) or [
        "- Support: a worked example and sentence starters for those who need them.",
        "- Extension: an extra question that asks early finishers to apply the idea.",
    ]
    lines += ["", f"## Assessment ({closure} min)"]
    first = r.objective_text(objectives[0]) if objectives else f"Explain {topic}"
    lines.append(
        f"- Exit ticket: \u201c{first}.\u201d and \u201cOne question I still have about "
        f"{topic}.\u201d Sort the tickets into got it / almost / not yet for tomorrow's groups."
    )
    if s.lesson is not None and s.lesson.assessment:
        lines.append(f"- From your lesson: {s.lesson.assessment}")
    lines += ["", "## Homework"]
    if s.lesson is not None and s.lesson.homework:
        lines.append(f"- {s.lesson.homework}")
    else:
        lines.append(
            f"- Find or draw one example of {topic} at home and write two sentences about it."
        )
    lines += _remembered(s)
    return "\n".join(lines)


def _remembered(s: Situation) -> list[str]:
    notes = []
    for memory in s.preferences[:2]:
        notes.append(f"- You prefer: \u201c{memory.content}\u201d")
    for memory in s.worked[:2]:
        notes.append(f"- Worked before: \u201c{memory.content}\u201d")
    for memory in s.failed[:2]:
        notes.append(f"- Avoided, as it did not work: \u201c{memory.content}\u201d")
    for memory in s.constraints[:2]:
        notes.append(f"- Planned within: \u201c{memory.content}\u201d")
    for memory in s.goals[:1]:
        notes.append(f"- Toward your goal: \u201c{memory.content}\u201d")
    return ["", "## From what you have told me", *notes] if notes else []


def differentiation(s: Situation) -> str:
    topic = s.topic_label
    objectives = _objectives(s)
    core = r.objective_text(objectives[0]) if objectives else f"Explain {topic}"
    terms = r.key_terms(s.lesson)[:5] if s.lesson is not None else []
    glossary = f" ({', '.join(terms)})" if terms else ""
    lines = [f"# Differentiation: {_title(topic)}", ""]
    if s.needs:
        lines += ["## For the students you told me about", *accommodation_lines(s.needs), ""]
    lines += [
        "## Three tiers",
        f"- Support: a worked example to keep, a glossary of key words{glossary}, sentence "
        f"frames, and the task in short steps with a check-in after each. Goal: {core}.",
        f"- Core: {core}, working in pairs, then alone.",
        f"- Extension: apply {topic} to a new situation, or create a question about it for "
        "a classmate, and explain why the answer is right.",
        "",
        "## In the assessment",
        "- Same objective for everyone; vary the support (read aloud, word bank, fewer items, "
        "extra time) rather than the goal.",
    ]
    if not s.needs:
        lines += [
            "",
            "Tell me about your students' needs (for example: \u201cMaya has dyslexia\u201d) and "
            "I will remember them and plan for each student next time.",
        ]
    lines += _remembered(s)
    return "\n".join(lines)


def _title(topic: str) -> str:
    return topic[:1].upper() + topic[1:] if topic else topic
