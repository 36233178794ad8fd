"""The guide: who answers a child in a Spark conversation.

A conversation asks the guide for an opening and then for a reply to each of
the child's turns. The guide is chosen per child: the offline guide (rules
over the topic's own material, no network) unless an LLM endpoint is
configured *and* the parent has consented to sharing with it (COPPA's separate
consent for disclosure to a third party); an LLM failure falls back to the
offline guide, so a child is never left without an answer.

Everything here is plain data: the conversation service builds a
`GuideContext` from the database and stores the `GuideReply` it gets back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What a button under a guide message does (Choice.kind): the one list the LLM guide
# checks a model's answer against and the API documents.
CHOICE_KINDS = ("deeper", "related", "question", "story", "end")


@dataclass(frozen=True)
class Choice:
    """A button under a guide message. kind: "deeper" (go on with this topic),
    "related" (`topic` is the slug of an unlocked neighbour to jump to),
    "question" (ask something), "story" (tell me a story about it), "end"."""

    label: str
    kind: str
    topic: str | None = None

    def as_json(self) -> dict:
        return {"label": self.label, "kind": self.kind, "topic": self.topic}


@dataclass(frozen=True)
class Turn:
    role: str  # "user" (the child) or "assistant" (the guide)
    content: str


@dataclass(frozen=True)
class TopicMaterial:
    """A topic as the guide sees it: `metadata` is Topic.metadata (facts,
    questions, activities and words per age group)."""

    slug: str
    name: str
    category: str
    description: str
    metadata: dict


@dataclass(frozen=True)
class SparkMaterial:
    """The day's brain spark, when the conversation is about it."""

    spark_type: str
    question: str
    hints: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuideContext:
    """What the guide may know. No surname, birth date, or anything the safety
    filter blocked ever goes in here; `child_name` is the profile's display
    name and is never sent to an outside provider."""

    age_group: str
    child_name: str
    topic: TopicMaterial | None = None
    spark: SparkMaterial | None = None
    depth: int = 0  # exchanges so far in this conversation
    interests: tuple[str, ...] = ()  # the offline guide's only: never sent to a model
    related: tuple[tuple[str, str], ...] = ()  # (slug, name) of unlocked neighbours
    history: tuple[Turn, ...] = ()  # the last few turns, oldest first


@dataclass
class GuideReply:
    content: str
    choices: list[Choice] = field(default_factory=list)
    deeper: bool = True  # the exchange went further into the topic (depth + 1)
    aha: bool = False  # the child showed an insight (a "because", a connection)
    provider: str = "offline"
    tokens_used: int | None = None
