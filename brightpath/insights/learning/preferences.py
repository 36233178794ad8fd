"""Preferences that adapt: per child and subject, the time of day the family
keeps it at, and the engine's soft-preference weights, learned from Examples
(signals.py), each change with a sentence the parent can read.

The state is a FamilyPreferences, stored as JSON (to_json / from_json) and
turned into the engine's input by engine_input():
- weights: keyword arguments for engine.model.Preferences (child_interest,
  learning_times, parent_involvement, subject_coherence, learned_times);
- learned times: engine.model.LearnedTime per (child, subject).

Cold start (cold_start): the questionnaire's best learning times stay the
engine's own term until the family's behaviour says otherwise, and the Likert
survey's dimension scores scale the soft weights.

The update rule (update), once a week or whenever logs arrive:
- every piece of evidence is an anchor: a start time the family wants, with a
  weight. A move is the strongest (MOVE_WEIGHT, at where the parent put it);
  a session done where it was planned confirms that place (DONE_WEIGHT, more
  with high engagement, less with low);
- anchors fade by DECAY per week since the last update (an extra update
  mid-week fades them by the days elapsed, not a whole week), so a family
  whose rhythm changes is followed within a few weeks;
- a session skipped, or left undone until carry-over moved it, weakens the
  anchors where it was;
- a subject the parent has moved gets a learned window: centred on the
  weighted median of its anchors, as wide as their spread (within
  HALF_WIDTH), with a strength from the weight of evidence. Sessions completed
  inside it keep it alive after the moves stop;
- a child's subject with no evidence of its own borrows the window of the
  same subject learned for a sibling, at half strength (the family's rhythm,
  the child's own where it differs);
- the questionnaire's best-times weight goes down when the parent keeps
  moving sessions out of those times, up when they move them in.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from brightpath.planner.engine.model import (
    LEARNING_WINDOWS,
    SLOT,
    LearnedTime,
    Preferences,
    WeekInput,
)

from .explain import forget_sentence, time_sentence, weeks_between
from .signals import CARRY_OVER, COMPLETE, MOVE, SKIP, Example

VERSION = 1

MOVE_WEIGHT = 1.0  # where the parent put a session: the clearest signal there is
DONE_WEIGHT = 0.25  # a session done where it was planned: a quiet yes
DECAY = 0.8  # per week: evidence halves in about three weeks
FORGET_BELOW = 0.05  # anchors lighter than this are dropped
# A window is learned once a subject has been moved, and kept while its anchors
# weigh at least this much (moves, then the completions inside it).
KEEP_WEIGHT = 0.5
# Half the width of a learned window, in minutes: at least enough for the
# engine to find room, at most so much that it says nothing.
HALF_WIDTH = (30, 75)
# Moves this far (minutes) or less along the clock are tidying, not a direction.
SMALL_SHIFT = 15
# A window whose centre moves by this much (minutes) is news for the parent.
NEWS_SHIFT = 30
EXPLAIN_WEEKS = 4  # how far back explanations count moves
SIBLING_SHARE = 0.5  # strength of a window borrowed from a sibling

DEFAULT_WEIGHTS = {
    "child_interest": Preferences.child_interest,
    "learning_times": Preferences.learning_times,
    "parent_involvement": Preferences.parent_involvement,
    "subject_coherence": Preferences.subject_coherence,
    "learned_times": Preferences.learned_times,
}
# The questionnaire's best-times weight moves by this factor per update, within bounds.
BEST_TIMES_STEP = 0.75
BEST_TIMES_RANGE = (0.05, 0.6)
# Likert dimension (seed 002, surveys.scoring) -> the soft weight it scales: a
# score of 3 (neutral) keeps the default, 5 makes it 5/3 as strong, 1 a third.
LIKERT_WEIGHTS = {
    # a set timetable: the same subject at the same time across days
    "flexibilityVsStructure": "subject_coherence",
    # time-boxed days: the clock (best learning times) matters
    "timeManagement": "learning_times",
    # clear priorities: what the child cares about comes first among optional sessions
    "prioritization": "child_interest",
}


# --- the inputs of a cold start -------------------------------------------


@dataclass(frozen=True)
class SubjectSeed:
    subject_id: str
    name: str


@dataclass(frozen=True)
class ChildSeed:
    child_id: str
    name: str
    best_times: tuple[str, ...] = ()  # the questionnaire's LEARNING_WINDOWS keys
    subjects: tuple[SubjectSeed, ...] = ()


def seeds_from_week(week: WeekInput) -> list[ChildSeed]:
    """The cold start's inputs from an engine week (its children and subjects)."""
    return [
        ChildSeed(
            child_id=child.id,
            name=child.name,
            best_times=tuple(child.best_times),
            subjects=tuple(SubjectSeed(s.id, s.name) for s in child.subjects),
        )
        for child in week.children
    ]


# --- the state --------------------------------------------------------------


@dataclass
class SubjectPreference:
    """What is known about when one child's subject fits."""

    child_id: str
    subject_id: str
    subject_name: str
    child_name: str = ""
    # [start minute, weight, kind]: kind "move" (where the parent put it) or
    # "done" (completed where it was planned)
    anchors: list[list] = field(default_factory=list)
    # The parent's recent moves: {"on", "direction", "shift", "to" (where it went)}
    moves: list[dict] = field(default_factory=list)
    window: tuple[int, int] | None = None  # learned start window [start, end), minutes
    strength: float = 0.0
    moved: bool = False  # ever moved by the parent: only then is a window learned
    last_moved: str | None = None  # ISO date of the parent's latest move

    @property
    def weight(self) -> float:
        return sum(w for _, w, _ in self.anchors)

    def to_json(self) -> dict:
        return {
            "childId": self.child_id,
            "subjectId": self.subject_id,
            "subjectName": self.subject_name,
            "childName": self.child_name,
            "anchors": [[round(m, 1), round(w, 4), k] for m, w, k in self.anchors],
            "moves": self.moves,
            "windows": [list(self.window)] if self.window else [],
            "strength": round(self.strength, 3),
            "moved": self.moved,
            "lastMoved": self.last_moved,
        }

    @classmethod
    def from_json(cls, data: dict) -> SubjectPreference:
        windows = data.get("windows") or []
        return cls(
            child_id=data["childId"],
            subject_id=data["subjectId"],
            subject_name=data.get("subjectName", ""),
            child_name=data.get("childName", ""),
            anchors=[[float(m), float(w), str(k)] for m, w, k in data.get("anchors", [])],
            moves=list(data.get("moves", [])),
            window=tuple(windows[0]) if windows else None,
            strength=float(data.get("strength", 0.0)),
            moved=bool(data.get("moved", False)),
            last_moved=data.get("lastMoved"),
        )


@dataclass(frozen=True)
class Change:
    """One thing learned, told to the parent in `text`."""

    child_id: str
    subject_id: str | None  # None: a family-wide weight
    subject_name: str
    kind: str  # "time" (a subject's window), "weight" (a soft weight)
    text: str
    on: dt.date

    def to_json(self) -> dict:
        return {
            "childId": self.child_id,
            "subjectId": self.subject_id,
            "subjectName": self.subject_name,
            "kind": self.kind,
            "text": self.text,
            "at": self.on.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict) -> Change:
        return cls(
            child_id=data["childId"],
            subject_id=data.get("subjectId"),
            subject_name=data.get("subjectName", ""),
            kind=data.get("kind", "time"),
            text=data["text"],
            on=dt.date.fromisoformat(data["at"]),
        )


@dataclass
class FamilyPreferences:
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    subjects: dict[tuple[str, str], SubjectPreference] = field(default_factory=dict)
    best_times: dict[str, tuple[str, ...]] = field(default_factory=dict)  # child -> keys
    explanations: list[Change] = field(default_factory=list)  # all changes so far, oldest first
    updated_on: dt.date | None = None  # the `today` of the latest update

    # --- storage ---

    def to_json(self) -> dict:
        return {
            "version": VERSION,
            "weights": {k: round(v, 4) for k, v in self.weights.items()},
            "bestTimes": {k: list(v) for k, v in self.best_times.items()},
            "subjects": [p.to_json() for p in self.subjects.values()],
            "explanations": [c.to_json() for c in self.explanations],
            "updatedOn": self.updated_on.isoformat() if self.updated_on else None,
        }

    @classmethod
    def from_json(cls, data: dict) -> FamilyPreferences:
        subjects = [SubjectPreference.from_json(s) for s in data.get("subjects", [])]
        return cls(
            weights={**DEFAULT_WEIGHTS, **data.get("weights", {})},
            subjects={(p.child_id, p.subject_id): p for p in subjects},
            best_times={k: tuple(v) for k, v in data.get("bestTimes", {}).items()},
            explanations=[Change.from_json(c) for c in data.get("explanations", [])],
            updated_on=(
                dt.date.fromisoformat(data["updatedOn"]) if data.get("updatedOn") else None
            ),
        )

    # --- into the engine ---

    def engine_input(self) -> tuple[dict[str, float], tuple[LearnedTime, ...]]:
        """(keyword arguments for engine Preferences, the learned times for WeekInput)."""
        learned = []
        by_name: dict[str, list[SubjectPreference]] = {}
        for pref in self.subjects.values():
            if pref.window:
                by_name.setdefault(_name_key(pref.subject_name), []).append(pref)
        for pref in self.subjects.values():
            if pref.window:
                learned.append(
                    LearnedTime(pref.child_id, pref.subject_id, (pref.window,), pref.strength)
                )
            elif not pref.anchors:  # nothing of its own: a sibling's, at half strength
                siblings = [
                    p
                    for p in by_name.get(_name_key(pref.subject_name), [])
                    if p.child_id != pref.child_id
                ]
                if siblings:
                    best = max(siblings, key=lambda p: p.strength)
                    learned.append(
                        LearnedTime(
                            pref.child_id,
                            pref.subject_id,
                            (best.window,),
                            round(best.strength * SIBLING_SHARE, 3),
                        )
                    )
        return dict(self.weights), tuple(learned)

    def engine_json(self) -> dict:
        """engine_input() as JSON, for the planner to store and read back without
        importing insights: {"weights": {...}, "learnedTimes": [{"childId",
        "subjectId", "windows": [[start, end]], "strength"}]}."""
        weights, learned = self.engine_input()
        return {
            "weights": weights,
            "learnedTimes": [
                {
                    "childId": t.child_id,
                    "subjectId": t.subject_id,
                    "windows": [list(w) for w in t.windows],
                    "strength": t.strength,
                }
                for t in learned
            ],
        }


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


# --- cold start -------------------------------------------------------------


def cold_start(
    children: Sequence[ChildSeed], *, style_scores: dict[str, float] | None = None
) -> FamilyPreferences:
    """Before any use: no learned windows (the questionnaire's best times plan as
    they always did), and soft weights scaled by the Likert dimension scores."""
    weights = dict(DEFAULT_WEIGHTS)
    for dimension, weight in LIKERT_WEIGHTS.items():
        score = (style_scores or {}).get(dimension)
        if score is not None:
            weights[weight] = round(DEFAULT_WEIGHTS[weight] * float(score) / 3, 4)
    prefs = FamilyPreferences(weights=weights)
    for child in children:
        prefs.best_times[child.child_id] = tuple(child.best_times)
        for subject in child.subjects:
            prefs.subjects[(child.child_id, subject.subject_id)] = SubjectPreference(
                child_id=child.child_id,
                subject_id=subject.subject_id,
                subject_name=subject.name,
                child_name=child.name,
            )
    return prefs


# --- the update rule --------------------------------------------------------


def update(
    prefs: FamilyPreferences, examples: Iterable[Example], *, today: dt.date
) -> tuple[FamilyPreferences, list[Change]]:
    """The preferences after this batch of examples (a week's, typically), and
    what changed, explained. `prefs` itself is left as it was."""
    prefs = copy.deepcopy(prefs)
    examples = list(examples)
    # One week's fading unless the last update's date says otherwise.
    weeks = 1.0 if prefs.updated_on is None else max(0, (today - prefs.updated_on).days) / 7
    fade = DECAY**weeks
    prefs.updated_on = today
    for pref in prefs.subjects.values():
        pref.anchors = [[m, w * fade, k] for m, w, k in pref.anchors if w * fade >= FORGET_BELOW]
        pref.moves = [m for m in pref.moves if weeks_between(m["on"], today) <= EXPLAIN_WEEKS]
    for example in examples:
        pref = prefs.subjects.get((example.child_id, example.subject_id))
        if pref is None:
            child_name = next(
                (p.child_name for p in prefs.subjects.values() if p.child_id == example.child_id),
                "",
            )
            pref = prefs.subjects[(example.child_id, example.subject_id)] = SubjectPreference(
                example.child_id, example.subject_id, example.subject_name, child_name
            )
        _absorb(pref, example)
    changes = []
    several_children = len({p.child_id for p in prefs.subjects.values()}) > 1
    for pref in prefs.subjects.values():
        change = _relearn(pref, today, several_children)
        if change:
            changes.append(change)
    changes += _best_times_weight(prefs, examples, today)
    prefs.explanations.extend(changes)
    return prefs, changes


def _absorb(pref: SubjectPreference, example: Example) -> None:
    if example.kind == MOVE and example.to_start is not None:
        pref.anchors.append([float(example.to_start), MOVE_WEIGHT, "move"])
        pref.moved = True
        pref.last_moved = max(pref.last_moved or "", example.on.isoformat())
        if abs(example.shift) > SMALL_SHIFT:
            pref.moves.append(
                {
                    "on": example.on.isoformat(),
                    "direction": example.direction,
                    "shift": example.shift,
                    "to": example.to_start,
                }
            )
    elif example.kind == COMPLETE:
        weight = DONE_WEIGHT
        if example.engagement is not None:
            weight *= 1.5 if example.engagement >= 4 else 0.5 if example.engagement <= 2 else 1
        pref.anchors.append([float(example.start), weight, "done"])
    elif example.kind in (SKIP, CARRY_OVER):
        # Skipped, or left undone until carry-over moved it: whatever kept it
        # there counts for less. (Where carry-over put it says nothing.)
        pref.anchors = [
            [m, w * 0.5 if abs(m - example.start) <= SMALL_SHIFT else w, k]
            for m, w, k in pref.anchors
        ]


def _relearn(pref: SubjectPreference, today: dt.date, several_children: bool) -> Change | None:
    """Recompute the subject's window from its anchors; the change, if news."""
    before = pref.window
    weight = pref.weight
    if not pref.moved or weight < KEEP_WEIGHT:
        pref.window, pref.strength = None, 0.0
        if before is None:
            return None
        return Change(
            child_id=pref.child_id,
            subject_id=pref.subject_id,
            subject_name=pref.subject_name,
            kind="time",
            text=forget_sentence(pref, today, several_children),
            on=today,
        )
    # Where the parent put it says where it belongs; completions where the engine
    # put it only confirm that (their weight keeps the window), so they place
    # the centre only once the moves are forgotten: else the window would drift
    # after the engine's choices within it.
    moves = [[m, w] for m, w, k in pref.anchors if k == "move"]
    points = moves or [[m, w] for m, w, _ in pref.anchors]
    centre = _weighted_median(points)
    spread = _weighted_median([[abs(m - centre), w] for m, w in points])
    half = min(HALF_WIDTH[1], max(HALF_WIDTH[0], 1.5 * spread))
    start = int(round((centre - half) / SLOT)) * SLOT
    end = int(round((centre + half) / SLOT)) * SLOT + SLOT
    pref.window = (start, end)
    pref.strength = round(min(1.0, 0.4 + 0.3 * weight), 3)
    if before is not None and abs(_centre(before) - centre) < NEWS_SHIFT:
        return None
    return Change(
        child_id=pref.child_id,
        subject_id=pref.subject_id,
        subject_name=pref.subject_name,
        kind="time",
        text=time_sentence(pref, centre, today, several_children),
        on=today,
    )


def _centre(window: tuple[int, int]) -> float:
    return (window[0] + window[1] - SLOT) / 2


def _weighted_median(points: list[list[float]]) -> float:
    ordered = sorted(points)
    total = sum(w for _, w in ordered)
    running = 0.0
    for minute, weight in ordered:
        running += weight
        if running >= total / 2:
            return minute
    return ordered[-1][0]


def _best_times_weight(
    prefs: FamilyPreferences, examples: list[Example], today: dt.date
) -> list[Change]:
    """The questionnaire's best-times weight, down when the parent moves sessions
    out of those times and up when they move them in (two moves at least)."""
    out_of, into = 0, 0
    for e in examples:
        if e.kind != MOVE or e.to_start is None:
            continue
        windows = [
            LEARNING_WINDOWS[t]
            for t in prefs.best_times.get(e.child_id, ())
            if t in LEARNING_WINDOWS
        ]
        if not windows:
            continue
        was = any(a <= e.start < b for a, b in windows)
        now = any(a <= e.to_start < b for a, b in windows)
        out_of += was and not now
        into += now and not was
    weight = prefs.weights.get("learning_times", DEFAULT_WEIGHTS["learning_times"])
    low, high = BEST_TIMES_RANGE
    if out_of >= 2 and out_of > into and weight > low:
        prefs.weights["learning_times"] = round(max(low, weight * BEST_TIMES_STEP), 4)
        text = (
            "The best learning times from your questionnaire now count for less: "
            f"you moved {out_of} sessions out of them this week."
        )
    elif into >= 2 and into > out_of and weight < high:
        prefs.weights["learning_times"] = round(min(high, weight / BEST_TIMES_STEP), 4)
        text = (
            "The best learning times from your questionnaire now count for more: "
            f"you moved {into} sessions into them this week."
        )
    else:
        return []
    return [Change("", None, "", "weight", text, today)]
