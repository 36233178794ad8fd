"""Spark's starter catalogue: topics and their connections, and the daily brain sparks.

The shipped files are `spark/content/topics.json` and `sparks.json` (their `notes`
describe them). `catalogue_load` writes the constellation, idempotently by slug,
and `sparks_schedule` fills the days ahead with the shipped sparks, in order. The
management command `spark_catalogue` runs both; `make run` runs the command.

Operators edit content in the admin. A reload must not undo their work, so a
topic row remembers the hash of the shipped version it was last written from
(`metadata["catalogue_hash"]`): a reload updates a topic only while it still
equals what the catalogue wrote, and keeps (and counts) one an operator changed.
Sparks are only ever added on days that have none, so an edited day stays as it is.
"""

import copy
import datetime as dt
import hashlib
import json
import logging
import math
import re
from collections.abc import Iterable

from django.db import transaction

from brightpath.common.errors import Invalid
from brightpath.spark import content
from brightpath.spark.age_groups import AGE_GROUPS, rank
from brightpath.spark.content import ANSWER_PREFIX, spark_answer
from brightpath.spark.models import BrainSpark, Topic, TopicConnection

logger = logging.getLogger(__name__)

TOPICS_FILE, SPARKS_FILE = "topics.json", "sparks.json"
HASH_KEY = "catalogue_hash"  # in Topic.metadata: the shipped version the row was written from
MATERIAL_KEYS = ("facts", "questions", "activities")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
NOTES_KEY = re.compile(r"^Catalogue spark ([a-z]{2}-\d+)\.")
MAX_DEPTH = 10  # Progress.depth_level runs 0-10


def _invalid(errors: dict[str, list[str]]) -> Invalid:
    """Invalid whose message itself names what is wrong (a command prints only that)."""
    error = Invalid(errors)
    lines = [f"{path}: {'; '.join(messages)}" for path, messages in list(error.fields.items())[:5]]
    more = len(error.fields) - len(lines)
    error.message = (
        "Bad catalogue data: " + " | ".join(lines) + (f" (and {more} more)" if more > 0 else "")
    )
    error.args = (error.message,)
    return error


# --- validation ---------------------------------------------------------------------------


def _text_list(value, *, at_least: int = 0) -> str | None:
    """Why `value` is not a list of non-empty strings (with `at_least` items), or None."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return "must be a list of non-empty texts"
    if len(value) < at_least:
        return f"needs at least {at_least}"
    return None


def metadata_errors(metadata, age_groups: Iterable[str]) -> dict[str, list[str]]:
    """Problems with a Topic.metadata value, by key ("facts.wonder_cubs": [...]).

    The shape is the one documented on Topic.metadata; every age group the topic is
    open to needs at least one fact, question and activity (the offline guide teaches
    from them). The shipped catalogue holds itself to more (see its tests).
    """
    if not isinstance(metadata, dict):
        return {"": ["must be an object"]}
    errors: dict[str, list[str]] = {}
    summary = metadata.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        errors["summary"] = ["is required"]
    if problem := _text_list(metadata.get("keywords")):
        errors["keywords"] = [problem]
    words = metadata.get("words", {})
    if not isinstance(words, dict) or not all(
        isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
        for k, v in words.items()
    ):
        errors["words"] = ["must map each word to a child's definition"]
    for key in MATERIAL_KEYS:
        per_group = metadata.get(key)
        if not isinstance(per_group, dict):
            errors[key] = ["must map each age group to a list"]
            continue
        unknown = sorted(set(per_group) - set(AGE_GROUPS))
        if unknown:
            errors[key] = [f"unknown age group {', '.join(unknown)}"]
        for group in age_groups:
            if problem := _text_list(per_group.get(group), at_least=1):
                errors[f"{key}.{group}"] = [f"{problem} (the topic is open to {group})"]
    return errors


def topic_errors(entry: dict) -> dict[str, list[str]]:
    """Problems with one topic's own fields (as in topics.json), by field name."""
    errors: dict[str, list[str]] = {}

    def bad(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    slug = entry.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug) or len(slug) > 100:
        bad("slug", "must be lowercase letters, digits and hyphens (at most 100)")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 100:
        bad("name", "is required (at most 100 characters)")
    if entry.get("category") not in Topic.CATEGORIES:
        bad("category", f"must be one of {', '.join(Topic.CATEGORIES)}")
    if len(entry.get("subcategory") or "") > 50:
        bad("subcategory", "at most 50 characters")
    groups = entry.get("age_groups")
    if (
        not isinstance(groups, list)
        or not groups
        or len(set(groups)) != len(groups)
        or not set(groups) <= set(AGE_GROUPS)
    ):
        bad("age_groups", f"must list some of {', '.join(AGE_GROUPS)}, each once")
        groups = []
    youngest = entry.get("min_age_group") or ""
    if youngest and youngest not in AGE_GROUPS:
        bad("min_age_group", f"must be blank or one of {', '.join(AGE_GROUPS)}")
    elif youngest and any(rank(g) < rank(youngest) for g in groups):
        bad("min_age_group", "is older than a group the topic is open to")
    for field, low, high in (("difficulty", 1, 5), ("prerequisite_depth", 1, MAX_DEPTH)):
        value = entry.get(field, 1)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            bad(field, f"must be a whole number from {low} to {high}")
    for field in ("position_x", "position_y"):
        value = entry.get(field, 0)
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
        ):
            bad(field, "must be a number")
    icon = entry.get("icon")
    if not isinstance(icon, str) or not icon.strip() or len(icon) > 50:
        bad("icon", "is required (a short name, at most 50 characters)")
    if not isinstance(entry.get("color"), str) or not COLOR.match(entry["color"]):
        bad("color", "must be a hex color like #4B0082")
    for key, messages in metadata_errors(entry.get("metadata"), groups).items():
        errors[f"metadata.{key}" if key else "metadata"] = messages
    return errors


def _depths(topics: dict[str, dict], errors: dict) -> dict[str, int]:
    """Each topic's depth in the tree, from its parent chain; a loop is an error."""
    depths: dict[str, int] = {}
    for slug in topics:
        chain, current = [], slug
        while current is not None and current not in depths:
            if current in chain:
                errors.setdefault(f"topics[{slug}].parent", []).append(
                    "parents form a loop: " + " -> ".join([*chain, current])
                )
                return depths
            chain.append(current)
            current = topics[current].get("parent")
        base = -1 if current is None else depths[current]
        for offset, member in enumerate(reversed(chain), start=1):
            depths[member] = base + offset
    return depths


def _prerequisite_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A prerequisite cycle (as a path of slugs), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [*path, nxt]
            if state.get(nxt) is None and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(edges):
        if state.get(start) is None and (cycle := visit(start, [start])):
            return cycle
    return None


def catalogue_validate(data: dict) -> tuple[list[dict], list[dict], dict[str, int]]:
    """The catalogue's topics (parents first), connections and tree depths, or Invalid
    naming every bad topic by slug ("topics[planets].difficulty") and every bad
    connection by its ends ("connections[space->planets].type")."""
    errors: dict[str, list[str]] = {}
    raw_topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(raw_topics, list) or not raw_topics:
        raise _invalid({"topics": ["The catalogue has no topics."]})
    topics: dict[str, dict] = {}
    for index, entry in enumerate(raw_topics):
        slug = entry.get("slug") if isinstance(entry, dict) else None
        label = slug if isinstance(slug, str) and slug else f"#{index}"
        if not isinstance(entry, dict):
            errors[f"topics[{label}]"] = ["must be an object"]
            continue
        for field, messages in topic_errors(entry).items():
            errors[f"topics[{label}].{field}"] = messages
        if slug in topics:
            errors.setdefault(f"topics[{label}].slug", []).append("is used by another topic")
        elif isinstance(slug, str):
            topics[slug] = entry
    for slug, entry in topics.items():
        parent = entry.get("parent")
        if parent is not None and (parent not in topics or parent == slug):
            errors[f"topics[{slug}].parent"] = [f"names no other topic: {parent!r}"]
    if errors:
        raise _invalid(errors)
    depths = _depths(topics, errors)

    connections, pairs = [], set()
    prerequisites: dict[str, set[str]] = {}
    for index, link in enumerate(data.get("connections") or []):
        if not isinstance(link, dict):
            errors[f"connections[#{index}]"] = ["must be an object"]
            continue
        origin, target = link.get("from"), link.get("to")
        at = f"connections[{origin}->{target}]"
        for end, slug in (("from", origin), ("to", target)):
            if slug not in topics:
                errors.setdefault(f"{at}.{end}", []).append(f"names no topic: {slug!r}")
        if origin == target:
            errors.setdefault(at, []).append("joins a topic to itself")
        if frozenset((origin, target)) in pairs:
            errors.setdefault(at, []).append("joins two topics already joined")
        pairs.add(frozenset((origin, target)))
        kind = link.get("type", TopicConnection.RELATED)
        if kind not in (TopicConnection.PREREQUISITE, TopicConnection.RELATED):
            errors.setdefault(f"{at}.type", []).append("must be 'prerequisite' or 'related'")
        if link.get("strength", "normal") not in TopicConnection.STRENGTHS:
            errors.setdefault(f"{at}.strength", []).append(
                f"must be one of {', '.join(TopicConnection.STRENGTHS)}"
            )
        if kind == TopicConnection.PREREQUISITE and origin in topics and target in topics:
            prerequisites.setdefault(origin, set()).add(target)
            closed = set(topics[target]["age_groups"]) - set(topics[origin]["age_groups"])
            if closed:
                errors.setdefault(at, []).append(
                    f"{target} could never unlock for {', '.join(sorted(closed))}: "
                    f"{origin} is not open to them"
                )
        connections.append(link)
    if cycle := _prerequisite_cycle(prerequisites):
        errors.setdefault(f"topics[{cycle[0]}].prerequisites", []).append(
            "prerequisites form a cycle: " + " -> ".join(cycle)
        )
    if errors:
        raise _invalid(errors)
    ordered = sorted(topics.values(), key=lambda entry: depths[entry["slug"]])
    return ordered, connections, depths


def spark_errors(spark_type, hints, follow_ups) -> dict[str, list[str]]:
    """Problems with a brain spark's hints and follow-ups, by field: 2-3 hints, and a
    riddle keeps its answer as the last one ("Answer: ..."); at least one follow-up."""
    errors: dict[str, list[str]] = {}
    if problem := _text_list(hints, at_least=2):
        errors["hints"] = [problem]
    elif len(hints) > 3:
        errors["hints"] = ["at most 3"]
    elif spark_type == "riddle" and not hints[-1].startswith(ANSWER_PREFIX):
        errors["hints"] = [f"a riddle's last hint is its answer, starting {ANSWER_PREFIX!r}"]
    if problem := _text_list(follow_ups, at_least=1):
        errors["follow_ups"] = [problem]
    return errors


def prerequisite_loops(*, from_topic: Topic, to_topic: Topic, ignore=None) -> bool:
    """Whether a prerequisite line from_topic -> to_topic would close a cycle with the
    stored ones (`ignore`: the id of the line being edited)."""
    lines = TopicConnection.objects.filter(connection_type=TopicConnection.PREREQUISITE)
    if ignore is not None:
        lines = lines.exclude(pk=ignore)
    onward: dict = {}
    for origin, target in lines.values_list("from_topic_id", "to_topic_id"):
        onward.setdefault(origin, set()).add(target)
    seen, stack = set(), [to_topic.pk]
    while stack:
        node = stack.pop()
        if node == from_topic.pk:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(onward.get(node, ()))
    return False


@transaction.atomic
def topic_depths_refresh() -> int:
    """Set every topic's depth_in_tree from its parent chain (after an operator moves a
    topic); returns how many changed. A parent loop leaves its members at their depth."""
    rows = list(Topic.objects.select_for_update().only("id", "parent_topic_id", "depth_in_tree"))
    parents = {row.id: row.parent_topic_id for row in rows}
    changed = 0
    for row in rows:
        depth, node, seen = 0, parents[row.id], {row.id}
        while node is not None and node not in seen:
            seen.add(node)
            depth, node = depth + 1, parents.get(node)
        if node is None and row.depth_in_tree != depth:
            row.depth_in_tree = depth
            row.save(update_fields=["depth_in_tree", "updated_at"])
            changed += 1
    return changed


def sparks_validate(data: dict, *, topics: list[dict]) -> dict[str, list[dict]]:
    """The shipped sparks per age group, or Invalid naming each bad one by its key
    ("sparks[wc-03].hints")."""
    errors: dict[str, list[str]] = {}
    groups = data.get("sparks") if isinstance(data, dict) else None
    if not isinstance(groups, dict) or set(groups) != set(AGE_GROUPS):
        raise _invalid({"sparks": [f"must list sparks for each of {', '.join(AGE_GROUPS)}"]})
    open_to = {t["slug"]: set(t["age_groups"]) for t in topics}
    keys: set[str] = set()
    for group, sparks in groups.items():
        if not isinstance(sparks, list) or not sparks:
            errors[f"sparks.{group}"] = ["needs at least one spark"]
            continue
        questions: set[str] = set()
        for index, spark in enumerate(sparks):
            key = spark.get("key") if isinstance(spark, dict) else None
            at = f"sparks[{key or f'{group}#{index}'}]"

            def bad(field: str, message: str, at: str = at) -> None:
                errors.setdefault(f"{at}.{field}", []).append(message)

            if not isinstance(spark, dict):
                errors[at] = ["must be an object"]
                continue
            if not isinstance(key, str) or not re.fullmatch(r"[a-z]{2}-\d+", key) or key in keys:
                bad("key", "must be a unique key like 'wc-01'")
            keys.add(key)
            if spark.get("spark_type") not in BrainSpark.TYPES:
                bad("spark_type", f"must be one of {', '.join(BrainSpark.TYPES)}")
            question = spark.get("question")
            if not isinstance(question, str) or not question.strip():
                bad("question", "is required")
            elif question in questions:
                bad("question", f"is asked twice for {group}")
            questions.add(question)
            for field, messages in spark_errors(
                spark.get("spark_type"), spark.get("hints"), spark.get("follow_ups")
            ).items():
                for message in messages:
                    bad(field, message)
            topic = spark.get("topic")
            if topic not in open_to:
                bad("topic", f"names no topic: {topic!r}")
            elif group not in open_to[topic]:
                bad("topic", f"{topic} is not open to {group}")
            difficulty = spark.get("difficulty", 1)
            if not isinstance(difficulty, int) or not 1 <= difficulty <= 5:
                bad("difficulty", "must be a whole number from 1 to 5")
    if errors:
        raise _invalid(errors)
    return groups


# --- loading the constellation ----------------------------------------------------------

_FIELDS = (
    "name",
    "category",
    "subcategory",
    "description",
    "age_groups",
    "min_age_group",
    "difficulty",
    "prerequisite_depth",
    "position_x",
    "position_y",
    "icon",
    "color",
)


def _version(fields: dict) -> str:
    """A hash of a topic's content, the same for an entry and the row written from it."""
    body = {key: fields[key] for key in (*_FIELDS, "parent", "depth_in_tree")}
    body["position_x"], body["position_y"] = float(body["position_x"]), float(body["position_y"])
    body["metadata"] = {k: v for k, v in fields["metadata"].items() if k != HASH_KEY}
    encoded = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]


def _row_fields(row: Topic, parent_slugs: dict) -> dict:
    fields = {key: getattr(row, key) for key in _FIELDS}
    fields["parent"] = parent_slugs.get(row.parent_topic_id)
    fields["depth_in_tree"] = row.depth_in_tree
    fields["metadata"] = row.metadata if isinstance(row.metadata, dict) else {}
    return fields


@transaction.atomic
def catalogue_load(*, data: dict | None = None, force: bool = False) -> dict:
    """Write the shipped constellation (or `data` in its shape): topics by slug, then
    their connections by (from, to). Idempotent. A topic an operator edited since the
    last load is kept unless `force`. Returns the counts."""
    data = copy.deepcopy(content.read(TOPICS_FILE) if data is None else data)
    entries, links, depths = catalogue_validate(data)
    rows = {row.slug: row for row in Topic.objects.select_for_update().filter(slug__in=depths)}
    parent_slugs = {row.id: row.slug for row in Topic.objects.only("id", "slug")}
    counts = {"topics": len(entries), "created": 0, "updated": 0, "unchanged": 0, "kept": []}
    for entry in entries:  # parents first
        fields = {key: entry.get(key, getattr(Topic, key).field.get_default()) for key in _FIELDS}
        fields |= {
            "parent": entry.get("parent"),
            "depth_in_tree": depths[entry["slug"]],
            "metadata": entry["metadata"],
        }
        version = _version(fields)
        values = {key: fields[key] for key in _FIELDS}
        values |= {
            "parent_topic": rows[fields["parent"]] if fields["parent"] else None,
            "depth_in_tree": fields["depth_in_tree"],
            "metadata": {**entry["metadata"], HASH_KEY: version},
        }
        row = rows.get(entry["slug"])
        if row is None:
            row = Topic.objects.create(slug=entry["slug"], **values)
            counts["created"] += 1
        else:
            current = _version(_row_fields(row, parent_slugs))
            written = row.metadata.get(HASH_KEY) if isinstance(row.metadata, dict) else None
            if current == version:
                counts["unchanged"] += 1
                if written != version:  # same content, not yet stamped
                    row.metadata = values["metadata"]
                    row.save(update_fields=["metadata", "updated_at"])
            elif current != written and not force:
                counts["kept"].append(row.slug)
            else:
                for key, value in values.items():
                    setattr(row, key, value)
                row.save()
                counts["updated"] += 1
        rows[row.slug] = row
        parent_slugs[row.id] = row.slug
    connections_created = 0
    for link in links:
        _, created = TopicConnection.objects.update_or_create(
            from_topic=rows[link["from"]],
            to_topic=rows[link["to"]],
            defaults={
                "connection_type": link.get("type", TopicConnection.RELATED),
                "strength": link.get("strength", "normal"),
                "description": link.get("description", ""),
            },
        )
        connections_created += created
    if counts["kept"]:
        logger.info("catalogue: kept operator edits to %s", ", ".join(counts["kept"]))
    return counts | {"connections": len(links), "connections_created": connections_created}


# --- scheduling the brain sparks --------------------------------------------------------


def _notes(spark: dict) -> str:
    answer = spark_answer(spark["hints"])
    return f"Catalogue spark {spark['key']}." + (f" Answer: {answer}" if answer else "")


def _shipped_index(row: dict, by_key: dict[str, int], by_question: dict[str, int]) -> int | None:
    """Which shipped spark a scheduled row came from (by the key in its notes, else by
    its question), or None for a spark an operator wrote."""
    match = NOTES_KEY.match(row["curator_notes"] or "")
    if match and match.group(1) in by_key:
        return by_key[match.group(1)]
    return by_question.get(row["question"])


@transaction.atomic
def sparks_schedule(*, today: dt.date, days: int = 30, data: dict | None = None) -> int:
    """Give every age group a brain spark on each day of [today, today + days) that has
    none: the shipped spark after the one on the latest earlier day (cycling after the
    last; the first when none came from the catalogue). Days that have a spark, edited
    or not, are left alone. Returns how many sparks it added."""
    if not isinstance(days, int) or days < 1 or days > 366:
        raise Invalid({"days": ["must be a whole number from 1 to 366"]})
    topics = content.read(TOPICS_FILE)["topics"]
    data = copy.deepcopy(content.read(SPARKS_FILE) if data is None else data)
    groups = sparks_validate(data, topics=topics)
    end = today + dt.timedelta(days=days)
    linked = {t.slug: t for t in Topic.objects.filter(slug__in={t["slug"] for t in topics})}
    added = 0
    for group, sparks in groups.items():
        by_key = {spark["key"]: i for i, spark in enumerate(sparks)}
        by_question = {spark["question"]: i for i, spark in enumerate(sparks)}
        scheduled = BrainSpark.objects.filter(age_group=group)
        earlier = scheduled.filter(spark_date__lt=today).order_by("-spark_date")
        last = next(
            (
                index
                for row in earlier.values("question", "curator_notes").iterator()
                if (index := _shipped_index(row, by_key, by_question)) is not None
            ),
            None,
        )
        taken = {
            row["spark_date"]: _shipped_index(row, by_key, by_question)
            for row in scheduled.filter(spark_date__gte=today, spark_date__lt=end).values(
                "spark_date", "question", "curator_notes"
            )
        }
        day = today
        while day < end:
            if day in taken:
                last = taken[day] if taken[day] is not None else last
            else:
                last = 0 if last is None else (last + 1) % len(sparks)
                spark = sparks[last]
                if spark["topic"] not in linked:
                    logger.warning("sparks: topic %s is not loaded yet", spark["topic"])
                _, created = BrainSpark.objects.get_or_create(
                    spark_date=day,
                    age_group=group,
                    defaults={
                        "spark_type": spark["spark_type"],
                        "question": spark["question"],
                        "hints": spark["hints"],
                        "follow_ups": spark["follow_ups"],
                        "topic": linked.get(spark["topic"]),
                        "difficulty": spark.get("difficulty", 1),
                        "source": "catalogue",
                        "curator_notes": _notes(spark),
                    },
                )
                added += created
            day += dt.timedelta(days=1)
    return added
