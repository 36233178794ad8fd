"""The offline guide: rules over a topic's own material, no network, deterministic.

It teaches from Topic.metadata (facts, questions, activities and words per age
group) and from the day's brain spark, and reads the conversation so far
(`ctx.history`) to know what it has already said:

- a fact, hint or question it said is not said again; facts go in the
  catalogue's order, so "tell me more" walks through them;
- a child's free text is understood by small patterns ("I don't know",
  "I think ... because ...", "wow", a question) and a question is answered with
  the topic's most relevant fact, by a TF-IDF-like word overlap; a question
  about another star is recognised from the catalogue's names and distinctive
  keywords (never from a common word like "big" or "blue", and the topic here
  wins when the question has words of it too), and offered as a jump only when
  that star is in `ctx.related`;
- a brain spark's hints come one at a time; an answer kept as the last hint
  ("Answer: ...") is revealed only after the other hints or when asked for.

It never repeats the child's own words back (what they typed may hold
something personal), keeps sentences short for Wonder Cubs, and ends every
turn with a question or with choices. Same context, same reply.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from brightpath.spark import content
from brightpath.spark.age_groups import AGE_GROUPS, CURIOUS_EXPLORERS, MIND_MASTERS, WONDER_CUBS
from brightpath.spark.questions import is_question, starts_like_question

from . import Choice, GuideContext, GuideReply, SparkMaterial, Turn

# --- words ------------------------------------------------------------------------------

_STOPWORD_LINES = (
    "a about after again all also am an and any are as at be because been before being",
    "but by can could did do does doing don dont down during each even for from get got had",
    "has have having he her here hers him his how i if in into is isn it its itself just know",
    "let like made make many me more most much my no nor not now of off on once one only or",
    "other our out over own really said same say see she should so some such tell than that",
    "the their them then there these they thing think this those through to too under up",
    "us very want was we were what when where which while who whom why will with would you",
    "your yours yes yeah ok okay please maybe something things lot lots s t d ll m re ve",
)
STOPWORDS = frozenset(word for line in _STOPWORD_LINES for word in line.split())
_WORD = re.compile(r"[a-z0-9]+")
_PUNCTUATION = re.compile(r"([?!])[.;!]")


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """A rough stem, the same on both sides of a comparison: plurals, -ing, -ed, and
    comparatives ("hotter" -> hot, "biggest" -> big)."""
    for suffix, replacement in (
        ("ies", "y"),
        ("ing", ""),
        ("est", ""),
        ("es", ""),
        ("ed", ""),
        ("er", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            stem = word[: -len(suffix)] + replacement
            if suffix in ("est", "er", "ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2]:
                stem = stem[:-1]  # "hott" -> "hot"
            return stem
    return word


def _tokens(text: str) -> list[str]:
    """Content words of `text`, lower-cased and stemmed ("Volcanoes erupt!" -> volcano, erupt)."""
    words = _WORD.findall(text.lower().replace("'", ""))
    return [_stem(w) for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


def _pick(options: tuple[str, ...] | list[str], *key: object) -> str:
    """One of `options`, the same for the same key (no randomness: replies are repeatable)."""
    digest = zlib.crc32("|".join(str(k) for k in key).encode())
    return options[digest % len(options)]


# --- what the guide says, per age group -------------------------------------------------

VOICE: dict[str, dict] = {
    WONDER_CUBS: {
        "hello": "Hi {name}!",
        "intro": "Let's explore {topic}!",
        "spark_intro": "Here's today's Brain Spark. It's {kind}!",
        "more": "Tell me more!",
        "ask": "Ask me a question",
        "story": "Tell me a story",
        "go": "Go to {topic}",
        "stay": "Stay here",
        "end": "Bye for now!",
        "hint": "Give me a hint",
        "answer": "Tell me the answer",
        "another": "Ask me another one",
        "leads": ("Guess what?", "Here's one.", "Listen to this!", "Ooh, here's a good one."),
        "prompts": ("What do you think?", "Isn't that cool?", "Can you picture it?"),
        "question": ("Here's a thinking question. {q}", "Let's think. {q}"),
        "question_tail": "What do you think?",
        "praise_reason": (
            "Wow, you said why! That's great thinking.",
            "Great thinking! You gave a reason.",
        ),
        "why": "Ooh, nice idea! Why do you think so?",
        "connect": "That fits with this: {fact}",
        "clue": "Here's a clue. {fact}",
        "dont_know": "That's OK! Wondering is how we learn.",
        "cool": ("I think so too!", "Yes, so cool!"),
        "good_question": ("Good question!", "Ooh, I know this one!"),
        "means": "'{word}' means {definition}.",
        "remember": "We talked about that one! Can you remember?",
        "unknown": "Hmm, I don't know that one. Ask a grown-up to look with you!",
        "known": "Here's something I do know. {fact}",
        "thanks": "Thanks for telling me!",
        "other_star": "That sounds like {topic}! That's another star.",
        "fly": "Want to fly there?",
        "not_open": "That star isn't open yet.",
        "jump": "Off we go to {topic}! Whoosh!",
        "story_tpl": (
            "Here's a tiny story. Pip the fox flew to a star. It was called {topic}. Pip learned "
            "this. {fact} Pip smiled. What would you tell Pip?"
        ),
        "activity": "Try this! {activity} Will you try it?",
        "done_facts": "Wow! You know all my facts on this star!",
        "no_more_q": "I asked all my questions! What do you wonder?",
        "bye": "Bye, {name}! You explored {topic}. What will you wonder about next?",
        "spark_bye": (
            "Bye, {name}! Come back tomorrow for a new Brain Spark. What will you dream about?"
        ),
        "hint_tpl": "Here's a hint. {hint}",
        "no_hints": "That was my last hint!",
        "reveal": "The answer is: {answer} Did you guess it?",
        "right": "Yes! You got it! The answer is: {answer}",
        "wrong": "Good guess! But that's not it.",
        "no_answer": "This one has no one right answer. That's the fun part!",
        "follow_up": "Here's another one. {q}",
        "think_more": "What else do you wonder?",
        "pick": "What would you like to explore?",
    },
    CURIOUS_EXPLORERS: {
        "hello": "Hi {name}!",
        "intro": "Let's explore {topic}.",
        "spark_intro": "Here's today's Brain Spark. It's {kind}!",
        "more": "Tell me more",
        "ask": "Ask me a thinking question",
        "story": "A story or something to try",
        "go": "Fly to {topic}",
        "stay": "Stay with this star",
        "end": "I'm done for now",
        "hint": "Give me a hint",
        "answer": "Tell me the answer",
        "another": "Ask me another question",
        "leads": ("Here's something amazing:", "Did you know?", "Next discovery:", "Try this one:"),
        "prompts": (
            "What do you think about that?",
            "Does that surprise you?",
            "What question does that give you?",
        ),
        "question": (
            "Here's a question to think about: {q}",
            "Time for a thinking question: {q}",
        ),
        "question_tail": "Tell me your idea, and why you think so.",
        "praise_reason": (
            "You gave a reason for your idea. That's how scientists think!",
            "Great reasoning! Explaining why is the best part.",
        ),
        "why": "Interesting idea! Why do you think so? Try starting with 'because'.",
        "connect": "Your idea connects to this: {fact}",
        "clue": "Here's a clue: {fact}",
        "dont_know": "That's fine: every discovery starts with not knowing.",
        "cool": ("I think so too!", "It really is amazing."),
        "good_question": ("Good question!", "Great question. Here's what I know:"),
        "means": "'{word}' means {definition}.",
        "remember": "We talked about that a moment ago. Can you remember what we found?",
        "unknown": (
            "That's a great question, and I'm not sure of the answer. You could look it up with a "
            "grown-up!"
        ),
        "known": "Here's something I do know: {fact}",
        "thanks": "Thanks for sharing that!",
        "other_star": "That sounds like a question about {topic}, another star in your sky.",
        "fly": "Want to fly there?",
        "not_open": "That star isn't open for you yet.",
        "jump": "Great choice! Let's fly to {topic}. It's connected to {here}.",
        "story_tpl": (
            "Here's a tiny story. Mira the explorer set off for the star called {topic}. Her first "
            "discovery was this: {fact} She wrote it in her notebook. What would you want Mira to "
            "find out next?"
        ),
        "activity": "Here's something to try: {activity} Will you give it a go?",
        "done_facts": "You've heard all my facts on this star!",
        "no_more_q": "I've asked all my questions. What do you wonder about {topic}?",
        "bye": "Thanks for exploring {topic} with me, {name}! What will you wonder about next?",
        "spark_bye": (
            "Great thinking today, {name}! A new Brain Spark comes tomorrow. What do you think it "
            "will be?"
        ),
        "hint_tpl": "Here's a hint: {hint}",
        "no_hints": "That was my last hint!",
        "reveal": "Here's the answer: {answer} Did you get close?",
        "right": "Yes, you got it! The answer is: {answer}",
        "wrong": "Good guess, but that's not it.",
        "no_answer": "This one has no single right answer. What matters is your reasons!",
        "follow_up": "Here's another question: {q}",
        "think_more": "What else do you wonder about?",
        "pick": "What would you like to explore today?",
    },
    MIND_MASTERS: {
        "hello": "Hi {name}.",
        "intro": "Let's explore {topic}.",
        "spark_intro": "Today's Brain Spark is {kind}.",
        "more": "Go deeper",
        "ask": "Give me a question to think about",
        "story": "Something to try",
        "go": "Explore {topic}",
        "stay": "Stay with this topic",
        "end": "I'm done for now",
        "hint": "Give me a hint",
        "answer": "Tell me the answer",
        "another": "Give me another question",
        "leads": ("Here's a deeper one:", "Consider this:", "Another piece of the puzzle:"),
        "prompts": ("What do you make of that?", "Why might that be?", "What follows from that?"),
        "question": ("Think about this: {q}", "Here's a question worth arguing about: {q}"),
        "question_tail": "What's your view, and what's your reasoning?",
        "praise_reason": (
            "You backed your idea with a reason. That's exactly how good arguments work.",
            "Strong reasoning: you explained why, not just what.",
        ),
        "why": "Interesting. What's your reason for thinking that?",
        "connect": "That connects to this: {fact}",
        "clue": "Here's something to work with: {fact}",
        "dont_know": "Not knowing is a fine place to start; it's where every question begins.",
        "cool": ("Agreed, it's remarkable.", "It is, isn't it?"),
        "good_question": ("Good question.", "That's a sharp question."),
        "means": "'{word}' means {definition}.",
        "remember": "We covered that earlier. What do you remember about it?",
        "unknown": (
            "I don't have a good answer to that one. It would be worth researching with a trusted "
            "source."
        ),
        "known": "Here's something related I do know: {fact}",
        "thanks": "Thanks for sharing that.",
        "other_star": "That sounds like a question about {topic}, a different topic.",
        "fly": "Want to go there?",
        "not_open": "That topic isn't unlocked yet.",
        "jump": "Good call. {topic} connects to {here}; let's head there.",
        "story_tpl": (
            "Imagine you're a researcher keeping a field journal for the topic '{topic}'. Today's "
            "entry: {fact} Every good entry ends with a question. What would yours be?"
        ),
        "activity": "Here's something to try: {activity} What do you expect to find?",
        "done_facts": "That's everything in my notes on this topic.",
        "no_more_q": "I've run out of questions. What are you still wondering about {topic}?",
        "bye": "Thanks for exploring {topic}, {name}. What question will you take away?",
        "spark_bye": (
            "Good thinking today, {name}. A new Brain Spark comes tomorrow. What will you keep "
            "thinking about?"
        ),
        "hint_tpl": "Hint: {hint}",
        "no_hints": "That was the last hint.",
        "reveal": "The answer: {answer} How close were you?",
        "right": "Correct! The answer is: {answer}",
        "wrong": "Not quite, but a reasonable guess.",
        "no_answer": (
            "There's no single right answer here; the quality of your reasons is what counts."
        ),
        "follow_up": "Take it further: {q}",
        "think_more": "What else are you wondering about?",
        "pick": "What would you like to explore?",
    },
}

SPARK_KINDS = {
    "riddle": "a riddle",
    "what_if": "a What If",
    "mystery": "a mystery",
    "challenge": "a challenge",
    "debate": "a debate",
    "philosophy": "a big question",
}

# --- understanding free text -------------------------------------------------------------

_END = re.compile(
    r"^\W*(bye|goodbye|good bye|see you|stop|i'?m done|im done|that'?s all|the end)\b"
)
_DONT_KNOW = re.compile(
    r"\b(i\s*(do\s*n[o']?t|dont|don't)\s*know|idk|dunno|no idea|not sure|i'?m not sure|"
    r"i\s*(do\s*n[o']?t|dont|don't)\s*get it|no clue)\b"
)
_REASON = re.compile(r"\b(because|cause|'cause|since|so that|that'?s why|the reason)\b")
_I_THINK = re.compile(r"\b(i think|i guess|i believe|maybe|probably|i bet)\b")
_COOL = re.compile(
    r"\b(cool|wow|whoa|awesome|amazing|neat|nice|interesting|wicked|fun|great|incredible|woah)\b"
)
_MORE = re.compile(r"\b(more|another|next|go on|keep going|continue)\b")
_STORY = re.compile(r"\b(story|stories)\b")
_QUIZ = re.compile(r"\b(quiz me|ask me|question for me)\b")
_YES = re.compile(r"^\W*(yes|yeah|yep|yup|sure|ok|okay|alright|please)\b")
_NO = re.compile(r"^\W*(no|nope|nah|not really)\b\W*$")
_HINT = re.compile(r"\b(hint|clue|help)\b")
_ANSWER = re.compile(
    r"\b(the answer|give up|i give up|tell me|what is it|what's the answer|reveal|answer please)\b"
)


# Words too common to say which star a question is about ("Why are they so big?",
# "Can it fly?", "Is it red?"): sizes, amounts, ages, speeds, colours, qualities and
# everyday verbs. They never take a child to another star.
_COMMON_LINES = (
    "big bigger biggest small smaller smallest little tiny large huge giant enormous",
    "many much more most few lot lots long longer longest short tall taller tallest wide",
    "deep high higher low heavy old older oldest new newer young first last ever never",
    "always still fast faster fastest slow slower quick quickly hot hotter cold colder",
    "warm cool good bad best worst nice real really true false fair right wrong same",
    "different easy hard strong weak special important favourite favorite funny scary",
    "cute beautiful pretty ugly alive dead awake asleep wet dry dark bright loud quiet",
    "empty full colour color colours colors red blue green yellow orange purple pink",
    "black white brown grey gray gold silver fly flies flying live lives living go goes",
    "going come comes make makes take takes get gets move moves eat eats see look work",
    "happen start stop end use help play find need keep stay turn change changes grow",
    "sleep drink breathe swim run walk jump climb talk hear feel kind kinds way ways thing",
)
COMMON_WORDS = frozenset(_stem(word) for line in _COMMON_LINES for word in line.split())
NAME_WEIGHT = 1.5  # a word of another star's name
ENOUGH_EVIDENCE = 1.0  # one keyword only that star has, or its name
STRONG_EVIDENCE = 2.0  # when the question has words of the topic here too


def _normal(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


# --- the material -------------------------------------------------------------------------


def _for_group(per_group: object, age_group: str) -> list[str]:
    """The list for the child's group, or the nearest group's when the topic has none."""
    if not isinstance(per_group, dict):
        return []
    if per_group.get(age_group):
        return [t for t in per_group[age_group] if isinstance(t, str)]
    order = sorted(
        (g for g in AGE_GROUPS if per_group.get(g)),
        key=lambda g: (abs(AGE_GROUPS.index(g) - AGE_GROUPS.index(age_group)), g != WONDER_CUBS),
    )
    return [t for t in per_group[order[0]] if isinstance(t, str)] if order else []


@dataclass
class _Material:
    slug: str
    name: str
    facts: list[str]
    questions: list[str]
    activities: list[str]
    words: dict[str, str]
    texts: list[str]  # everything the topic says, in every age group

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every content word of the topic, for "is this question about here?"."""
        return frozenset(_tokens(" ".join(self.texts)))

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The topic's own name: it is in every fact, so it tells nothing."""
        return frozenset(_tokens(f"{self.name} {self.slug.replace('-', ' ')}"))


def _material(ctx: GuideContext) -> _Material | None:
    topic = ctx.topic
    if topic is None:
        return None
    meta = topic.metadata if isinstance(topic.metadata, dict) else {}
    words = meta.get("words") if isinstance(meta.get("words"), dict) else {}
    keywords = [k for k in meta.get("keywords", []) if isinstance(k, str)]
    every_group = [
        text
        for key in ("facts", "questions")
        for texts in (meta.get(key) or {}).values()
        if isinstance(texts, list)
        for text in texts
        if isinstance(text, str)
    ]
    return _Material(
        slug=topic.slug,
        name=topic.name,
        facts=_for_group(meta.get("facts"), ctx.age_group),
        questions=_for_group(meta.get("questions"), ctx.age_group),
        activities=_for_group(meta.get("activities"), ctx.age_group),
        words={str(k): str(v) for k, v in words.items()},
        texts=[topic.name, topic.description, *keywords, *every_group, *map(str, words)],
    )


@dataclass(frozen=True)
class _Star:
    """A shipped topic as the off-topic check sees it."""

    name: str
    age_groups: frozenset[str]
    stems: frozenset[str]  # of its name and keywords
    name_stems: frozenset[str]  # of its name only


@cache
def _catalogue_index() -> tuple[dict[str, _Star], dict[str, int]]:
    """The shipped topics by slug, and each stem's document frequency (how many
    topics' names and keywords hold it), to tell which star a stray question is about."""
    index = {}
    frequency: dict[str, int] = {}
    for topic in content.read("topics.json")["topics"]:
        name_stems = frozenset(_tokens(topic["name"]))
        stems = name_stems | frozenset(_tokens(" ".join(topic["metadata"].get("keywords", []))))
        index[topic["slug"]] = _Star(
            topic["name"], frozenset(topic["age_groups"]), stems, name_stems
        )
        for stem in stems:
            frequency[stem] = frequency.get(stem, 0) + 1
    return index, frequency


# --- the conversation so far ----------------------------------------------------------------


@dataclass
class _Said:
    """What the guide has said, read from the history (the guide's own turns)."""

    turns: list[str]
    last_guide: str

    def has(self, text: str) -> bool:
        return any(text in turn for turn in self.turns)

    def next_of(self, items: list[str]) -> str | None:
        """The first item after the last one said (a window of history may have lost the
        earliest; walking on from the latest never goes back to them)."""
        said = [i for i, item in enumerate(items) if self.has(item)]
        start = said[-1] + 1 if said else 0
        return next((item for item in items[start:] if not self.has(item)), None)

    def unsaid(self, items: list[str]) -> list[str]:
        return [item for item in items if not self.has(item)]


def _said(history: tuple[Turn, ...]) -> _Said:
    guide = [t.content for t in history if t.role == "assistant"]
    return _Said(turns=guide, last_guide=guide[-1] if guide else "")


def _best_match(query: list[str], documents: list[str], corpus: list[str]) -> tuple[int, float]:
    """The document most relevant to the query's words (index, score): the words they
    share, each weighted by how rare it is in `corpus` (an IDF), over the document's
    length. (-1, 0) when they share nothing."""
    if not query or not documents:
        return -1, 0.0
    wanted = set(query)
    frequency = dict.fromkeys(wanted, 0)
    for document in corpus:
        for token in wanted & set(_tokens(document)):
            frequency[token] += 1
    n = len(corpus)
    best, best_score = -1, 0.0
    for i, document in enumerate(documents):
        tokens = set(_tokens(document))
        shared = wanted & tokens
        if not shared:
            continue
        score = sum(math.log(1 + n / (1 + frequency[t])) for t in shared)
        score /= math.sqrt(len(tokens))
        if score > best_score:
            best, best_score = i, score
    return best, best_score


# --- building replies -----------------------------------------------------------------------


class _Turn:
    """One reply being built: the voice, the material, what was said, and the choices."""

    def __init__(self, ctx: GuideContext):
        self.ctx = ctx
        self.v = VOICE.get(ctx.age_group, VOICE[CURIOUS_EXPLORERS])
        self.m = _material(ctx)
        self.said = _said(ctx.history)
        self.key = (self.m.slug if self.m else "", ctx.depth, len(ctx.history))

    # choices

    def _related(self, offset: int = 0) -> Choice | None:
        here = self.m.slug if self.m else None
        options = [(slug, name) for slug, name in self.ctx.related if slug != here]
        if not options:
            return None
        slug, name = options[(self.ctx.depth + offset) % len(options)]
        return Choice(self.v["go"].format(topic=name), "related", slug)

    def topic_choices(self, *, opening: bool = False) -> list[Choice]:
        m, v = self.m, self.v
        if m is None:
            return self.pick_choices()
        facts_left = self.next_fact() is not None
        choices: list[Choice] = []
        if facts_left:
            choices.append(Choice(v["more"], "deeper"))
        if self.said.next_of(m.questions):
            choices.append(Choice(v["ask"], "question"))
        story = (
            Choice(v["story"], "story") if facts_left or self.said.next_of(m.activities) else None
        )
        related = self._related()
        if opening:
            choices += [c for c in (story, related) if c]
        else:
            third = related if (self.ctx.depth % 2 or story is None) else story
            choices += [c for c in (third or story or related,) if c]
            choices.append(Choice(v["end"], "end"))
        if len(choices) < 2:
            extra = self._related(offset=1)
            choices += [c for c in (extra, Choice(v["end"], "end")) if c and c not in choices]
        return choices[:4]

    def spark_choices(self, spark: SparkMaterial) -> list[Choice]:
        v = self.v
        clues, answer = _spark_parts(spark)
        revealed = answer is not None and self.said.has(answer)
        choices = []
        if self.said.unsaid(clues) and not revealed:
            choices.append(Choice(v["hint"], "deeper"))
        if answer is not None and not revealed and any(self.said.has(c) for c in clues):
            choices.append(Choice(v["answer"], "question"))
        if (answer is None or revealed) and self.said.unsaid(list(spark.follow_ups)):
            choices.append(Choice(v["another"], "question"))
        if related := self._related():
            choices.append(related)
        choices = choices[:3]
        choices.append(Choice(v["end"], "end"))
        return choices

    def pick_choices(self) -> list[Choice]:
        choices = [
            Choice(self.v["go"].format(topic=name), "related", slug)
            for slug, name in self.ctx.related[:3]
        ]
        return [*choices, Choice(self.v["end"], "end")]

    # pieces of text

    def lead(self) -> str:
        return _pick(self.v["leads"], *self.key)

    def prompt(self) -> str:
        return _pick(self.v["prompts"], *self.key, "prompt")

    def fact_turn(self, fact: str, intro: str | None = None) -> str:
        return " ".join(p for p in (intro or self.lead(), fact, self.prompt()) if p)

    def next_fact(self) -> str | None:
        if self.m is None or self.said.has(self.v["done_facts"]):
            return None  # the facts ran out (and earlier turns may be out of the window)
        return self.said.next_of(self.m.facts)

    def reply(
        self, text: str, *, deeper: bool = True, aha: bool = False, choices=None
    ) -> GuideReply:
        text = _PUNCTUATION.sub(r"\1", text)  # "Who Am I?." -> "Who Am I?"
        self.said.turns.append(text)  # the choices follow what this reply says
        if choices is None:
            choices = self.spark_choices(self.ctx.spark) if self.ctx.spark else self.topic_choices()
        return GuideReply(content=text, choices=choices, deeper=deeper, aha=aha)


def _spark_parts(spark: SparkMaterial) -> tuple[list[str], str | None]:
    """A spark's hints to give one by one, and its answer (kept as the last hint), if any."""
    hints = [h for h in spark.hints if isinstance(h, str) and h.strip()]
    answer = content.spark_answer(hints)
    return (hints[:-1] if answer is not None else hints), answer


# --- the two moves --------------------------------------------------------------------------


def opening(ctx: GuideContext) -> GuideReply:
    """The first message: a greeting by name, the topic (or today's spark) at the child's
    level, and 2-4 choices."""
    turn = _Turn(ctx)
    v = turn.v
    hello = v["hello"].format(name=ctx.child_name)
    if ctx.spark is not None:
        kind = SPARK_KINDS.get(ctx.spark.spark_type, "a puzzle")
        text = f"{hello} {v['spark_intro'].format(kind=kind)} {ctx.spark.question}"
        if not text.rstrip().endswith("?"):
            text += " " + v["question_tail"]
        return turn.reply(text, deeper=False, choices=turn.spark_choices(ctx.spark))
    if turn.m is None:
        return turn.reply(f"{hello} {v['pick']}", deeper=False, choices=turn.pick_choices())
    m = turn.m
    parts = [hello, v["intro"].format(topic=m.name)]
    if interest := _shared_interest(ctx, m):
        parts.append(f"You like {interest}, so I think you'll enjoy this!")
    first = turn.next_fact()
    if first:
        parts.append(first)
    question = next(iter(m.questions), None)
    parts.append(question if question and ctx.age_group != WONDER_CUBS else v["prompts"][0])
    return turn.reply(" ".join(parts), deeper=False, choices=turn.topic_choices(opening=True))


def reply(ctx: GuideContext, text: str, choice: Choice | None) -> GuideReply:
    """The guide's answer to the child's turn: the button they pressed (`choice`, with
    its label as `text`) or what they typed."""
    turn = _Turn(ctx)
    if ctx.spark is not None:
        return _spark_reply(turn, text or "", choice)
    if turn.m is None:
        return _no_topic_reply(turn, choice)
    if choice is not None:
        return _topic_choice(turn, choice)
    return _topic_text(turn, text or "")


# --- exploring a topic ------------------------------------------------------------------------


def _topic_choice(turn: _Turn, choice: Choice) -> GuideReply:
    if choice.kind == "end":
        return _goodbye(turn)
    if choice.kind == "related":
        return _jump(turn, choice.topic)
    if choice.kind == "question":
        return _ask(turn)
    if choice.kind == "story":
        return _story(turn)
    return _deeper(turn)


def _deeper(turn: _Turn, intro: str | None = None) -> GuideReply:
    fact = turn.next_fact()
    if fact:
        return turn.reply(turn.fact_turn(fact, intro))
    done = turn.v["done_facts"]
    activity = turn.said.next_of(turn.m.activities)
    if activity:
        return turn.reply(f"{done} {turn.v['activity'].format(activity=activity)}")
    return _ask(turn, prefix=done)


def _ask(turn: _Turn, prefix: str = "") -> GuideReply:
    question = turn.said.next_of(turn.m.questions)
    if question is None:
        text = f"{prefix} {turn.v['no_more_q'].format(topic=turn.m.name)}".strip()
        return turn.reply(text, deeper=False)
    asked = _pick(turn.v["question"], *turn.key).format(q=question)
    return turn.reply(" ".join(p for p in (prefix, asked, turn.v["question_tail"]) if p))


def _story(turn: _Turn) -> GuideReply:
    """A tiny story built on the next fact, or an activity: they take turns."""
    m, v = turn.m, turn.v
    stories = sum(1 for t in turn.said.turns if v["story_tpl"].split("{")[0] in t)
    activities = sum(1 for a in m.activities if turn.said.has(a))
    fact, activity = turn.next_fact(), turn.said.next_of(m.activities)
    if fact and (stories <= activities or activity is None):
        return turn.reply(v["story_tpl"].format(topic=m.name, fact=fact))
    if activity:
        return turn.reply(v["activity"].format(activity=activity))
    return _ask(turn)


def _jump(turn: _Turn, slug: str | None) -> GuideReply:
    v = turn.v
    names = dict(turn.ctx.related)
    if slug not in names or (turn.m and slug == turn.m.slug):
        return _deeper(turn, intro=f"{v['not_open']} {turn.lead()}")
    text = v["jump"].format(topic=names[slug], here=turn.m.name)
    choices = [Choice(v["go"].format(topic=names[slug]), "related", slug)]
    if turn.next_fact():
        choices.append(Choice(v["stay"], "deeper"))
    choices.append(Choice(v["end"], "end"))
    if not text.endswith("?"):
        text += " " + _pick(("Ready?", "Shall we go?"), *turn.key)
    return turn.reply(text, deeper=False, choices=choices)


def _goodbye(turn: _Turn) -> GuideReply:
    v = turn.v
    if turn.ctx.spark is not None:
        text = v["spark_bye"].format(name=turn.ctx.child_name)
    else:
        text = v["bye"].format(name=turn.ctx.child_name, topic=turn.m.name if turn.m else "")
    return turn.reply(text, deeper=False, choices=[])


def _topic_text(turn: _Turn, text: str) -> GuideReply:
    lowered = _normal(text)
    v = turn.v
    if not lowered or _DONT_KNOW.search(lowered):
        fact = turn.next_fact()
        if fact:
            clue = v["clue"].format(fact=fact)
            return turn.reply(f"{v['dont_know']} {clue} {v['prompts'][0]}")
        return _ask(turn, prefix=v["dont_know"])
    if _END.match(lowered):
        return _goodbye(turn)
    if _REASON.search(lowered):
        return _reasoned(turn, lowered)
    if _STORY.search(lowered):
        return _story(turn)
    if _QUIZ.search(lowered):
        return _ask(turn)
    short = len(lowered.split()) <= 4 and not starts_like_question(lowered)
    if _COOL.search(lowered) and short:
        return _deeper(turn, intro=_pick(v["cool"], *turn.key))
    if is_question(lowered):
        return _answer(turn, lowered)
    if _YES.match(lowered) or _MORE.search(lowered):
        return _deeper(turn)
    if _NO.match(lowered):
        return turn.reply(f"{v['thanks']} {v['think_more']}", deeper=False)
    return _statement(turn, lowered)


def _relevant(turn: _Turn, query: list[str]) -> tuple[str | None, bool]:
    """The fact sharing the most telling words with the child's (the topic's own name
    tells nothing: it is in every fact), and whether it was said already."""
    m = turn.m
    query = [t for t in query if t not in m.name_words]
    index, score = _best_match(query, m.facts, m.facts + list(m.words.values()))
    if index < 0 or score <= 0:
        return None, False
    fact = m.facts[index]
    if not turn.said.has(fact):
        return fact, False
    unsaid = turn.said.unsaid(m.facts)
    other, other_score = _best_match(query, unsaid, m.facts + list(m.words.values()))
    if other >= 0 and other_score >= score / 2:
        return unsaid[other], False
    return fact, True


def _relevant_fact(turn: _Turn, query: list[str]) -> str | None:
    """The most relevant fact not said yet, if any."""
    fact, said = _relevant(turn, query)
    return None if said else fact


def _reasoned(turn: _Turn, lowered: str) -> GuideReply:
    """The child gave a reason: say so (an aha), then build on their idea."""
    v = turn.v
    praise = _pick(v["praise_reason"], *turn.key)
    if turn.ctx.age_group == WONDER_CUBS and turn.ctx.child_name:
        praise = f"{praise} Well done, {turn.ctx.child_name}!"
    fact = _relevant_fact(turn, _tokens(lowered))
    if fact:
        return turn.reply(f"{praise} {v['connect'].format(fact=fact)} {turn.prompt()}", aha=True)
    fact = turn.next_fact()
    if fact:
        return turn.reply(f"{praise} {v['clue'].format(fact=fact)} {turn.prompt()}", aha=True)
    question = turn.said.next_of(turn.m.questions)
    tail = _pick(v["question"], *turn.key).format(q=question) if question else v["think_more"]
    return turn.reply(f"{praise} {tail}", aha=True)


def _answer(turn: _Turn, lowered: str) -> GuideReply:
    """A question: the topic's most relevant fact or word, or the star it is about."""
    v, m = turn.v, turn.m
    query = _tokens(lowered)
    words = [(w, d) for w, d in m.words.items() if not turn.said.has(d.rstrip("."))]
    fact, said = _relevant(turn, query)
    word_hit = next(
        (
            (w, d)
            for w, d in words
            if set(_tokens(w))
            and set(_tokens(w)) <= set(query)
            and (
                "mean" in lowered or lowered.startswith(("what is", "what's", "whats", "what are"))
            )
        ),
        None,
    )
    good = _pick(v["good_question"], *turn.key)
    if word_hit:
        word, definition = word_hit
        meaning = v["means"].format(word=word, definition=definition.rstrip("."))
        return turn.reply(f"{good} {meaning} {turn.prompt()}")
    if fact and not said:
        return turn.reply(f"{good} {fact} {turn.prompt()}")
    if fact:
        return turn.reply(f"{good} {v['remember']}", deeper=False)
    if off_topic := _other_star(turn, query):
        return _elsewhere(turn, off_topic)
    fact = turn.next_fact()
    if fact:
        return turn.reply(f"{v['unknown']} {v['known'].format(fact=fact)} {turn.prompt()}")
    return turn.reply(f"{v['unknown']} {v['think_more']}", deeper=False)


def _other_star(turn: _Turn, query: list[str]) -> tuple[str, str] | None:
    """(slug, name) of another star the question is about; None when the question
    belongs here or nowhere. The guide would rather answer within the topic the child
    is exploring, so leaving it takes real evidence:

    - common words (big, many, old, blue, fly, ... COMMON_WORDS) are no evidence;
    - each other word the topic here does not know counts for a star whose name holds
      it NAME_WEIGHT, and for a star whose keywords hold it 1/(the stars holding it):
      a keyword of one star only counts 1, one shared by two counts 1/2;
    - a star needs ENOUGH_EVIDENCE, or STRONG_EVIDENCE when the question also has
      words of the topic here ("Do whales live in space?" on Oceans stays there).
    """
    words = [t for t in query if t not in COMMON_WORDS and t not in turn.m.name_words]
    stray = {t for t in words if t not in turn.m.vocabulary}
    if not stray:
        return None
    need = STRONG_EVIDENCE if len(stray) < len(set(words)) else ENOUGH_EVIDENCE
    index, frequency = _catalogue_index()
    related = dict(turn.ctx.related)
    best, best_score = None, 0.0
    for slug, star in index.items():
        if slug == turn.m.slug or (
            turn.ctx.age_group not in star.age_groups and slug not in related
        ):
            continue
        score = sum(
            NAME_WEIGHT if t in star.name_stems else 1 / frequency[t]
            for t in stray
            if t in star.stems
        )
        if score < need:
            continue
        score += 0.01 if slug in related else 0  # a tie goes to a neighbour
        if score > best_score:
            best, best_score = (slug, related.get(slug, star.name)), score
    return best


def _elsewhere(turn: _Turn, star: tuple[str, str]) -> GuideReply:
    v = turn.v
    slug, name = star
    text = v["other_star"].format(topic=name)
    if slug in dict(turn.ctx.related):
        choices = [Choice(v["go"].format(topic=name), "related", slug)]
        if turn.next_fact():
            choices.append(Choice(v["stay"], "deeper"))
        choices.append(Choice(v["end"], "end"))
        return turn.reply(f"{text} {v['fly']}", deeper=False, choices=choices)
    fact = turn.next_fact()
    if fact:
        return turn.reply(f"{text} {v['known'].format(fact=fact)} {turn.prompt()}")
    return turn.reply(f"{text} {v['think_more']}", deeper=False)


def _statement(turn: _Turn, lowered: str) -> GuideReply:
    """Something the child told: connect it to a fact, or ask them why."""
    v = turn.v
    asked = any(q in turn.said.last_guide for q in turn.m.questions)
    if asked or _I_THINK.search(lowered):
        return turn.reply(v["why"], deeper=False)
    fact = _relevant_fact(turn, _tokens(lowered))
    if fact:
        return turn.reply(f"{v['thanks']} {v['connect'].format(fact=fact)} {turn.prompt()}")
    return _ask(turn, prefix=v["thanks"])


def _shared_interest(ctx: GuideContext, m: _Material) -> str | None:
    for interest in ctx.interests:
        word = str(interest).strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z ]{1,24}", word) and set(_tokens(word)) & m.vocabulary:
            return word.lower()
    return None


def _no_topic_reply(turn: _Turn, choice: Choice | None) -> GuideReply:
    if choice is not None and choice.kind == "end":
        return _goodbye(turn)
    return turn.reply(turn.v["pick"], deeper=False, choices=turn.pick_choices())


# --- the brain spark ----------------------------------------------------------------------------


def _spark_reply(turn: _Turn, text: str, choice: Choice | None) -> GuideReply:
    spark = turn.ctx.spark
    v = turn.v
    clues, answer = _spark_parts(spark)
    revealed = answer is not None and turn.said.has(answer)
    if choice is not None:
        if choice.kind == "end":
            return _goodbye(turn)
        if choice.kind == "related":
            return _spark_jump(turn, choice.topic)
        if choice.kind == "deeper":
            return _hint(turn, clues, answer, revealed)
        if "answer" in choice.label.lower() and answer is not None and not revealed:
            return _reveal(turn, answer)
        return _follow_up(turn)
    lowered = _normal(text)
    if _END.match(lowered):
        return _goodbye(turn)
    asks_answer = bool(_ANSWER.search(lowered))
    if asks_answer and answer is not None and not revealed:
        return _reveal(turn, answer)
    if asks_answer and answer is None:
        return _hint(turn, clues, answer, revealed, prefix=v["no_answer"])
    if not lowered or _HINT.search(lowered) or _DONT_KNOW.search(lowered):
        prefix = v["dont_know"] if _DONT_KNOW.search(lowered) else ""
        return _hint(turn, clues, answer, revealed, prefix=prefix)
    if answer is not None and not revealed:
        if _guessed(lowered, answer):
            right = v["right"].format(answer=answer)
            return turn.reply(f"{right} {_follow_up_text(turn) or v['think_more']}", aha=True)
        return _hint(turn, clues, answer, revealed, prefix=v["wrong"])
    if _REASON.search(lowered):
        praise = _pick(v["praise_reason"], *turn.key)
        return turn.reply(f"{praise} {_follow_up_text(turn) or v['think_more']}", aha=True)
    if is_question(lowered) and turn.m is not None:
        fact = _relevant_fact(turn, _tokens(lowered))
        if fact:
            return turn.reply(f"{_pick(v['good_question'], *turn.key)} {fact} {turn.prompt()}")
    return turn.reply(v["why"], deeper=False)


def _hint(turn: _Turn, clues, answer, revealed, prefix: str = "") -> GuideReply:
    v = turn.v
    hint = None if revealed else turn.said.next_of(clues)
    if hint:
        text = " ".join(p for p in (prefix, v["hint_tpl"].format(hint=hint)) if p)
        if not text.endswith("?"):
            text += " " + v["question_tail"]
        return turn.reply(text)
    if answer is not None and not revealed:
        # Every hint is out: the answer may come now.
        return _reveal(turn, answer, prefix=" ".join(p for p in (prefix, v["no_hints"]) if p))
    follow = _follow_up_text(turn)
    if follow:
        return turn.reply(" ".join(p for p in (prefix, follow) if p))
    return turn.reply(" ".join(p for p in (prefix, v["think_more"]) if p), deeper=False)


def _reveal(turn: _Turn, answer: str, prefix: str = "") -> GuideReply:
    text = " ".join(p for p in (prefix, turn.v["reveal"].format(answer=answer)) if p)
    return turn.reply(text)


def _follow_up_text(turn: _Turn) -> str | None:
    follow_ups = list(turn.ctx.spark.follow_ups)
    question = turn.said.next_of(follow_ups)
    return turn.v["follow_up"].format(q=question) if question else None


def _follow_up(turn: _Turn) -> GuideReply:
    text = _follow_up_text(turn)
    if text:
        return turn.reply(text)
    return turn.reply(turn.v["think_more"], deeper=False)


def _spark_jump(turn: _Turn, slug: str | None) -> GuideReply:
    names = dict(turn.ctx.related)
    if slug not in names:
        return turn.reply(f"{turn.v['not_open']} {turn.v['think_more']}", deeper=False)
    v = turn.v
    text = v["jump"].format(topic=names[slug], here=turn.m.name if turn.m else "today's spark")
    choices = [Choice(v["go"].format(topic=names[slug]), "related", slug), Choice(v["end"], "end")]
    return turn.reply(f"{text} Ready?", deeper=False, choices=choices)


def _guessed(lowered: str, answer: str) -> bool:
    """Whether the child's guess names the answer: every number in it, and at least half
    of its other words ("a clock" for "a clock!", "5 cents" but not "10 cents")."""
    core = re.split(r"[,.;(!]", answer, maxsplit=1)[0]
    wanted = set(_tokens(core))
    if not wanted:
        return False
    guess = set(_tokens(lowered))
    numbers = {t for t in wanted if t.isdigit()}
    if numbers and not numbers <= guess:
        return False
    return len(wanted & guess) >= math.ceil(len(wanted) / 2)
