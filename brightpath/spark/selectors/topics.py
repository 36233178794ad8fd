"""The constellation as one child sees it: which stars are open, lit, or still locked.

A topic is *open* to a child when its `age_groups` holds the child's group and
its `min_age_group` (if any) is no older than the child's. An open topic is
*unlocked* when the child has explored every prerequisite (a TopicConnection of
type "prerequisite" into it) to at least `topic.prerequisite_depth`; a topic
with no prerequisites (a root) is always unlocked. A prerequisite that is not
open to the child's age group is left out of the rule: a child cannot explore
it, so it must not lock them out of its successors for ever.

Every read here is a fixed number of queries whatever the size of the
catalogue: the topics, the connections and the child's progress are each
read once and joined in Python (the catalogue is a few dozen stars).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brightpath.spark.age_groups import rank
from brightpath.spark.models import Child, Progress, Topic, TopicConnection


@dataclass(frozen=True)
class Line:
    """A connection line between two open stars (slugs)."""

    from_slug: str
    to_slug: str
    connection_type: str
    strength: str


@dataclass
class Star:
    """One open topic with the child's state on it."""

    topic: Topic
    locked: bool
    unlock_hint: str | None
    depth: int = 0
    stars: int = 0
    mastered: bool = False
    conversations: int = 0
    connections: list[Line] = field(default_factory=list)


def topic_open(topic: Topic, age_group: str) -> bool:
    """The topic is offered to this age group at all."""
    if age_group not in (topic.age_groups or []):
        return False
    return not topic.min_age_group or rank(topic.min_age_group) <= rank(age_group)


def open_topics(*, age_group: str) -> list[Topic]:
    """Every topic open to the age group, in the catalogue's order (one query)."""
    return [topic for topic in Topic.objects.all() if topic_open(topic, age_group)]


def _progress_by_topic(child: Child) -> dict:
    """The child's Progress rows by topic id."""
    return {p.topic_id: p for p in Progress.objects.filter(child=child)}


def _missing(topic: Topic, prerequisites: list[Topic], progress: dict) -> list[Topic]:
    """The open prerequisites the child has not yet explored deep enough."""
    need = topic.prerequisite_depth
    return [
        prereq
        for prereq in prerequisites
        if (progress[prereq.id].depth_level if prereq.id in progress else 0) < need
    ]


def unlock_hint(topic: Topic, missing: list[Topic]) -> str | None:
    """What the child still has to do: "Explore Space to depth 2" (and ...)."""
    if not missing:
        return None
    names = [prereq.name for prereq in missing]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Explore {listed} to depth {topic.prerequisite_depth}"


def constellation(*, child: Child) -> list[Star]:
    """The child's constellation: every open topic, lit or locked, with its lines.

    Three queries: topics, connections, the child's progress."""
    topics = open_topics(age_group=child.age_group)
    by_id = {topic.id: topic for topic in topics}
    connections = [
        c
        for c in TopicConnection.objects.all()
        if c.from_topic_id in by_id and c.to_topic_id in by_id
    ]
    progress = _progress_by_topic(child)
    prerequisites: dict = {}
    for c in connections:
        if c.connection_type == TopicConnection.PREREQUISITE:
            prerequisites.setdefault(c.to_topic_id, []).append(by_id[c.from_topic_id])
    stars = []
    for topic in topics:
        missing = _missing(topic, prerequisites.get(topic.id, []), progress)
        row = progress.get(topic.id)
        star = Star(
            topic=topic,
            locked=bool(missing),
            unlock_hint=unlock_hint(topic, missing),
            depth=row.depth_level if row else 0,
            stars=row.stars if row else 0,
            mastered=bool(row and row.mastered_at),
            conversations=row.conversations_count if row else 0,
        )
        star.connections = [
            Line(
                from_slug=topic.slug,
                to_slug=by_id[c.to_topic_id].slug,
                connection_type=c.connection_type,
                strength=c.strength,
            )
            for c in connections
            if c.from_topic_id == topic.id
        ]
        stars.append(star)
    return stars


def _open_prerequisites(topic: Topic, age_group: str) -> list[Topic]:
    rows = TopicConnection.objects.filter(
        to_topic=topic, connection_type=TopicConnection.PREREQUISITE
    ).select_related("from_topic")
    return [c.from_topic for c in rows if topic_open(c.from_topic, age_group)]


def topic_unlocked(child: Child, topic: Topic) -> bool:
    """Every open prerequisite explored to `topic.prerequisite_depth` (roots: always)."""
    prerequisites = _open_prerequisites(topic, child.age_group)
    if not prerequisites:
        return True
    progress = {
        p.topic_id: p
        for p in Progress.objects.filter(child=child, topic__in=[p.id for p in prerequisites])
    }
    return not _missing(topic, prerequisites, progress)


def topic_for_child(*, child: Child, slug: str) -> Topic | None:
    """The topic with this slug if it is open to the child's age group, else None."""
    topic = Topic.objects.filter(slug=slug).first() if isinstance(slug, str) else None
    return topic if topic is not None and topic_open(topic, child.age_group) else None


def related_unlocked(*, child: Child, topic: Topic) -> list[Topic]:
    """The topic's neighbours (a line either way) the child may go to next."""
    stars = {star.topic.slug: star for star in constellation(child=child)}
    if topic.slug not in stars:
        return []
    neighbours: list[str] = []
    for star in stars.values():
        for line in star.connections:
            other = (
                line.to_slug
                if line.from_slug == topic.slug
                else line.from_slug
                if line.to_slug == topic.slug
                else None
            )
            if other and other not in neighbours:
                neighbours.append(other)
    return [stars[slug].topic for slug in neighbours if not stars[slug].locked]


def dependants(*, topic: Topic) -> list[Topic]:
    """Topics that have `topic` as a prerequisite (may unlock when it deepens)."""
    return [
        c.to_topic
        for c in TopicConnection.objects.filter(
            from_topic=topic, connection_type=TopicConnection.PREREQUISITE
        ).select_related("to_topic")
    ]
