"""Spark's shipped content: the starter constellation and the brain sparks.

- `topics.json`: {"version", "notes", "topics": [...], "connections": [...]}; each
  topic carries its Topic fields by name (parent as a slug) and `metadata` in the
  shape documented on `Topic.metadata`.
- `sparks.json`: {"version", "notes", "sparks": {age_group: [...]}}, each spark with a
  stable `key`; a spark with one right answer (every riddle) keeps it as its last
  hint, "Answer: ...".

The files are read by `services/catalogue.py` (loading and scheduling) and by the
offline guide (which topic a child's off-topic question is about). Both files'
`notes` say the rest.
"""

import json
from functools import cache
from importlib import resources


@cache
def read(name: str) -> dict:
    """One of the shipped files, parsed once per process (treat it as read-only)."""
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))


ANSWER_PREFIX = "Answer:"


def spark_answer(hints) -> str | None:
    """The answer a spark keeps as its last hint ("Answer: a clock!" -> "a clock!"), if any."""
    hints = list(hints)
    if hints and isinstance(hints[-1], str) and hints[-1].startswith(ANSWER_PREFIX):
        return hints[-1][len(ANSWER_PREFIX) :].strip()
    return None
