"""Offline templates: a quiz from a lesson's content, and a rubric.

A quiz is written from the lesson's own sentences: a sentence that uses one of
the lesson's key terms becomes a fill-in-the-blank, or a multiple-choice
question whose wrong options are the lesson's other key terms; its objectives
become short-answer questions. Without a lesson, pasted content is used; with
neither, the quiz asks from the topic and says what would make it better.
"""

from __future__ import annotations

import hashlib
import re

from . import Lesson
from . import reading as r
from .situation import Situation

MAX_QUESTIONS = 20
BLANK = "_____"
MIN_WORDS, MAX_WORDS = 6, 40

# Criteria by the kind of work a rubric is for.
TASK_CRITERIA = {
    "writing": ["Ideas and claim", "Evidence and examples", "Organization", "Conventions"],
    "presentation": ["Content", "Organization", "Delivery", "Visuals"],
    "lab": ["Question and hypothesis", "Procedure", "Data and observations", "Conclusion"],
    "project": ["Understanding of the content", "Quality of the product", "Process", "Reflection"],
    "discussion": ["Preparation", "Use of evidence", "Listening and building on ideas"],
}
_TASK_WORDS = {  # the more specific kinds first: a "lab report" is a lab
    "lab": ("lab", "experiment", "investigation"),
    "presentation": ("presentation", "speech", "slides", "talk", "poster"),
    "discussion": ("discussion", "debate", "seminar", "socratic"),
    "project": ("project", "model", "build", "design"),
    "writing": ("essay", "paragraph", "writing", "story", "narrative", "letter", "report"),
}
GENERAL_CRITERIA = ["Understanding", "Application", "Communication", "Accuracy"]
LEVEL_WORDS = [
    ("fully and accurately", "with insight and well-chosen detail"),
    ("accurately", "with relevant detail"),
    ("partly", "with some errors or gaps"),
    ("with help, or not yet", "with major errors or missing parts"),
    ("not yet", "with little evidence"),
]


def _stable_order(items: list[str], seed: str) -> list[str]:
    """A shuffle that is the same every time for the same question."""
    return sorted(items, key=lambda item: hashlib.sha256(f"{seed}|{item}".encode()).hexdigest())


def _blanked(sentence: str, term: str) -> str | None:
    pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I)
    if not pattern.search(sentence):
        return None
    return pattern.sub(BLANK, sentence, count=1)


def _content(s: Situation) -> tuple[Lesson | None, list[str]]:
    if s.lesson is not None and s.lesson.sentences_source():
        return s.lesson, r.sentences(" ".join(s.lesson.sentences_source()))
    pasted = s.intent.work
    if pasted:
        lesson = Lesson(id="", title=s.topic_label, description=pasted)
        return lesson, r.sentences(pasted)
    return s.lesson, []


def quiz(s: Situation) -> str:
    wanted = r.count_of(s.ask) or s.defaults.get("questionCount") or 6
    wanted = max(1, min(MAX_QUESTIONS, int(wanted)))
    lesson, prose = _content(s)
    terms = r.key_terms(lesson, limit=16) if lesson is not None else []
    usable = [x for x in prose if MIN_WORDS <= len(x.split()) <= MAX_WORDS]
    objectives = list(lesson.objectives) if lesson is not None else []
    questions: list[tuple[str, str]] = []  # (question text, answer)
    used_terms: set[str] = set()
    used_sentences: set[str] = set()
    kinds = ["choice", "cloze"]
    for sentence in usable:
        if len(questions) >= wanted:
            break
        for term in terms:
            if term.lower() in used_terms:
                continue
            blanked = _blanked(sentence, term)
            if blanked is None or blanked.strip().startswith(BLANK) and len(term.split()) > 2:
                continue
            kind = kinds[len(questions) % 2]
            others = [
                t for t in terms if t.lower() != term.lower() and t.lower() not in blanked.lower()
            ]
            if kind == "choice" and len(others) >= 2:
                options = _stable_order([term, *others[:3]], sentence)
                letters = "ABCD"
                listed = "  ".join(f"{letters[i]}) {o}" for i, o in enumerate(options))
                answer = f"{letters[options.index(term)]}) {term}"
                questions.append(
                    (f"Which word or phrase completes this? {blanked}\n   {listed}", answer)
                )
            else:
                questions.append((f"Fill in the blank: {blanked}", term))
            used_terms.add(term.lower())
            used_sentences.add(sentence)
            break
    short_wanted = max(1, wanted // 3) if questions else wanted
    for objective in objectives:
        if len(questions) >= wanted or short_wanted <= 0:
            break
        task = r.objective_text(objective)
        if task:
            questions.append(
                (
                    f"Short answer: {task}.",
                    "Answers will vary; look for " + task[:1].lower() + task[1:] + ".",
                )
            )
            short_wanted -= 1
    for term in terms:
        if len(questions) >= wanted:
            break
        if term.lower() not in used_terms:
            questions.append(
                (
                    f"Short answer: In your own words, what is {term}? Give an example.",
                    f"A correct explanation of {term} with an example from the lesson.",
                )
            )
            used_terms.add(term.lower())
    topic = s.topic_label
    if not questions or (not prose and len(questions) < wanted):
        for prompt in _topic_questions(topic):
            if len(questions) >= wanted:
                break
            questions.append(prompt)
    return _render_quiz(s, lesson, questions, has_content=bool(prose))


def _topic_questions(topic: str) -> list[tuple[str, str]]:
    return [
        (
            f"Short answer: What is {topic}? Explain in your own words.",
            f"A correct definition of {topic}.",
        ),
        (
            f"Short answer: Give one example of {topic} and explain why it is one.",
            "An example that fits, with a reason.",
        ),
        (
            f"Short answer: Why does {topic} matter? Give one reason.",
            "A reasonable, explained reason.",
        ),
        (
            f"Short answer: What is one question you still have about {topic}?",
            "Any genuine question.",
        ),
        (
            f"Short answer: How would you explain {topic} to a younger student?",
            "A clear, accurate, simple explanation.",
        ),
        (
            f"Short answer: What is one mistake people make about {topic}, and what is right?",
            "A common misconception, corrected.",
        ),
    ]


def _render_quiz(
    s: Situation, lesson: Lesson | None, questions: list[tuple[str, str]], *, has_content: bool
) -> str:
    title = lesson.title if lesson is not None and lesson.title else s.topic_label
    lines = [f"# Quiz: {title[:1].upper() + title[1:]}"]
    if s.grade_label:
        lines.append(s.grade_label)
    lines.append("")
    if lesson is not None and lesson.id and has_content:
        lines += [f"Written from your lesson \u201c{lesson.title}\u201d.", ""]
    elif has_content:
        lines += ["Written from the content you pasted.", ""]
    else:
        lines += [
            "I could not find a lesson of yours with content on this, so these questions come "
            "from the topic. Add the lesson to your lessons (or paste its content) and ask "
            "again for questions written from it.",
            "",
        ]
    lines.append("## Questions")
    for number, (question, _) in enumerate(questions, start=1):
        lines.append(f"{number}. {question}")
    lines += ["", "## Answer key"]
    for number, (_, answer) in enumerate(questions, start=1):
        lines.append(f"{number}. {answer}")
    adjustments = []
    for need in s.needs:
        if "reading" in need.needs or "vision" in need.needs:
            adjustments.append(f"- {need.who}: read the questions aloud, or give them large print.")
        elif "accommodation" in need.needs or "attention" in need.needs:
            adjustments.append(f"- {need.who}: extra time, and the quiz in two short parts.")
        elif "language" in need.needs:
            adjustments.append(f"- {need.who}: a word bank of the key terms, with pictures.")
    if adjustments:
        lines += ["", "## Adjustments for your students", *adjustments]
    return "\n".join(lines)


# --- rubrics ------------------------------------------------------------------------------


def _criteria(s: Situation) -> list[str]:
    lowered = s.ask.lower()
    for task, names in _TASK_WORDS.items():
        if any(re.search(rf"\b{name}", lowered) for name in names):
            return TASK_CRITERIA[task]
    if s.lesson is not None and s.lesson.objectives:
        return [_short(r.objective_text(o)) for o in s.lesson.objectives[:5]]
    return GENERAL_CRITERIA


def _short(task: str) -> str:
    words = task.split()
    return " ".join(words[:8]) + ("\u2026" if len(words) > 8 else "")


def _levels(s: Situation) -> list[str]:
    wanted = r.levels_of(s.ask)
    levels = s.defaults.get("levels")
    if not isinstance(levels, list) or not all(isinstance(x, str) for x in levels) or not levels:
        levels = ["Exemplary", "Proficient", "Developing", "Beginning"]
    if wanted and 2 <= wanted <= 5 and wanted != len(levels):
        levels = {
            2: ["Meets", "Not yet"],
            3: ["Exceeds", "Meets", "Approaching"],
            4: ["Exemplary", "Proficient", "Developing", "Beginning"],
            5: ["Exemplary", "Proficient", "Developing", "Beginning", "Not yet"],
        }[wanted]
    return levels[:5]


def _cell(criterion: str, level: int, count: int) -> str:
    # Spread the descriptor words over however many levels there are.
    index = round(level * (len(LEVEL_WORDS) - 1) / max(1, count - 1)) if count > 1 else 0
    how, detail = LEVEL_WORDS[min(index, len(LEVEL_WORDS) - 1)]
    return f"{how[:1].upper()}{how[1:]}, {detail}"


_RUBRIC_FOR = re.compile(
    r"\brubric (?:for|on|about) (?:a |an |the |my |our )?(?P<task>[^.?!,;\n]{3,60})", re.I
)


def rubric(s: Situation) -> str:
    criteria = _criteria(s)
    levels = _levels(s)
    points = list(range(len(levels), 0, -1))
    task = _RUBRIC_FOR.search(s.ask)
    title = s.topic or (task.group("task").strip() if task else "") or s.topic_label
    lines = [f"# Rubric: {title[:1].upper() + title[1:]}", ""]
    if s.lesson is not None and s.lesson.objectives and criteria != GENERAL_CRITERIA:
        lines += [f"Criteria from the objectives of your lesson \u201c{s.lesson.title}\u201d.", ""]
    header = (
        "| Criterion | "
        + " | ".join(f"{lv} ({p})" for lv, p in zip(levels, points, strict=True))
        + " |"
    )
    lines += [header, "|" + " --- |" * (len(levels) + 1)]
    for criterion in criteria:
        cells = [_cell(criterion, i, len(levels)) for i in range(len(levels))]
        lines.append(f"| {criterion} | " + " | ".join(cells) + " |")
    total = len(criteria) * points[0]
    lines += [
        "",
        f"Total: {total} points ({len(criteria)} criteria \u00d7 {points[0]}).",
        "Share the rubric with students before the task, with one example of the top level.",
    ]
    return "\n".join(lines)
