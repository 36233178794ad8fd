"""A teacher's own configured assistants, and the rules every assistant profile keeps.

A teacher picks a catalogue assistant as it is, or configures their own: from
scratch or `based_on` one they can see (its settings and capabilities are
copied, then the teacher's changes applied). Capabilities are chosen by name
from those the catalogue offers (`capability_kinds`): their parameters (the
offline template, keywords, instructions) come from the catalogue; a teacher
may only change their `defaults` (how many questions, how long a lesson).

Validation follows seed 004: names and descriptions are not empty or
whitespace, numbers stay in their ranges (temperature 0-2, top_p in (0, 1],
penalties -2..2, max tokens within the context length), and a grade band runs
from a lower grade to a higher one. Fields are named as the API names them.
"""

from __future__ import annotations

import copy
import math

from django.db import IntegrityError, transaction

from brightpath.coach.assistant.offline import TEMPLATES
from brightpath.coach.models import (
    GRADE_LEVELS,
    AssistantCapability,
    AssistantProfile,
    SubjectAssistant,
    SubjectCategory,
)
from brightpath.coach.selectors.assistants import (
    assistant_listed,
    capability_kinds,
    own_assistant_of,
)
from brightpath.common.errors import Conflict, Invalid

NAME_MAX = 100
DESCRIPTION_MAX = 2000
INSTRUCTIONS_MAX = 2000
GREETING_MAX = 500
OWN_ASSISTANTS_MAX = 20
CAPABILITIES_MAX = 20
PRIORITY_MAX = 100
KEYWORDS_MAX, KEYWORD_MAX = 60, 60
CONTEXT_MIN, CONTEXT_MAX = 256, 200_000
MAX_TOKENS_MAX = 16_384
OUTPUT_FORMATS = ("markdown", "outline", "table")
SUBJECTS_MAX = 10

# The GPT parameters: (API name, low, high, low inclusive).
NUMBERS = {
    "temperature": ("temperature", 0.0, 2.0, True),
    "top_p": ("topP", 0.0, 1.0, False),
    "frequency_penalty": ("frequencyPenalty", -2.0, 2.0, True),
    "presence_penalty": ("presencePenalty", -2.0, 2.0, True),
}


# --- validation (shared with the catalogue) ------------------------------------------------


def text_error(value, limit: int, *, required: bool = True) -> str | None:
    """Why `value` is not acceptable text (empty/whitespace when required, too long)."""
    if not isinstance(value, str):
        return "Must be text."
    if required and not value.strip():
        return "This field may not be blank."
    if len(value) > limit:
        return f"At most {limit} characters."
    return None


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def profile_errors(values: dict) -> dict[str, list[str]]:
    """Problems with an assistant profile's fields (python names in, API names out)."""
    errors: dict[str, list[str]] = {}
    for key, field, limit, required in (
        ("name", "name", NAME_MAX, True),
        ("description", "description", DESCRIPTION_MAX, True),
        ("instructions", "instructions", INSTRUCTIONS_MAX, False),
        ("greeting", "greeting", GREETING_MAX, False),
    ):
        if key in values and (problem := text_error(values[key], limit, required=required)):
            errors[field] = [problem]
    if "tone" in values and values["tone"] not in AssistantProfile.TONES:
        errors["tone"] = [f"One of: {', '.join(AssistantProfile.TONES)}."]
    low, high = values.get("grade_from", ""), values.get("grade_to", "")
    for key, field in (("grade_from", "gradeBand.from"), ("grade_to", "gradeBand.to")):
        if key in values and values[key] not in ("", *GRADE_LEVELS):
            errors[field] = [f"One of: {', '.join(GRADE_LEVELS)}."]
    checkable = not errors.keys() & {"gradeBand.from", "gradeBand.to"} and low and high
    if checkable and GRADE_LEVELS.index(low) > GRADE_LEVELS.index(high):
        errors["gradeBand.to"] = ["Must be the same grade as `from` or a later one."]
    if bool(low) != bool(high) and ("grade_from" in values or "grade_to" in values):
        errors.setdefault("gradeBand", ["Give both `from` and `to`, or neither."])
    for key, (field, lowest, highest, inclusive) in NUMBERS.items():
        if key not in values:
            continue
        value = values[key]
        ok = (
            _number(value)
            and value <= highest
            and (value >= lowest if inclusive else value > lowest)
        )
        if not ok:
            bound = "from" if inclusive else "above"
            errors[field] = [f"A number {bound} {lowest:g} to {highest:g}."]
    context = values.get("context_length")
    if "context_length" in values and not (
        _whole(context) and CONTEXT_MIN <= context <= CONTEXT_MAX
    ):
        errors["contextLength"] = [f"A whole number from {CONTEXT_MIN} to {CONTEXT_MAX}."]
    tokens = values.get("max_tokens")
    if "max_tokens" in values:
        if not (_whole(tokens) and 1 <= tokens <= MAX_TOKENS_MAX):
            errors["maxTokens"] = [f"A whole number from 1 to {MAX_TOKENS_MAX}."]
        elif _whole(context) and tokens > context:
            errors["maxTokens"] = ["Must fit in the context length."]
    if "is_active" in values and not isinstance(values["is_active"], bool):
        errors["isActive"] = ["Must be true or false."]
    return errors


def defaults_errors(defaults, path: str) -> dict[str, list[str]]:
    """Problems with a capability's `defaults` ({"questionCount", "durationMinutes", "levels"})."""
    if not isinstance(defaults, dict):
        return {path: ["Must be an object."]}
    errors: dict[str, list[str]] = {}
    for key, value in defaults.items():
        if key == "questionCount":
            if not (_whole(value) and 1 <= value <= 20):
                errors[f"{path}.questionCount"] = ["A whole number from 1 to 20."]
        elif key == "durationMinutes":
            if not (_whole(value) and 1 <= value <= 240):
                errors[f"{path}.durationMinutes"] = ["A whole number of minutes from 1 to 240."]
        elif key == "levels":
            if (
                not isinstance(value, list)
                or not 2 <= len(value) <= 5
                or not all(isinstance(v, str) and 0 < len(v.strip()) <= 40 for v in value)
                or len({v.strip().lower() for v in value}) != len(value)
            ):
                errors[f"{path}.levels"] = ["2 to 5 different level names of 1-40 characters."]
        else:
            errors[f"{path}.{key}"] = ["Unknown setting: questionCount, durationMinutes, levels."]
    return errors


def parameters_errors(parameters, path: str) -> dict[str, list[str]]:
    """Problems with a capability's parameters (the shape on AssistantCapability)."""
    if not isinstance(parameters, dict):
        return {path: ["Must be an object."]}
    errors: dict[str, list[str]] = {}
    template = parameters.get("template", "")
    if template not in ("", *TEMPLATES):
        errors[f"{path}.template"] = [f"One of: {', '.join(TEMPLATES)}."]
    keywords = parameters.get("keywords", [])
    if (
        not isinstance(keywords, list)
        or len(keywords) > KEYWORDS_MAX
        or not all(isinstance(k, str) and 0 < len(k.strip()) <= KEYWORD_MAX for k in keywords)
    ):
        errors[f"{path}.keywords"] = [
            f"At most {KEYWORDS_MAX} words of 1-{KEYWORD_MAX} characters."
        ]
    if problem := text_error(parameters.get("instructions", ""), INSTRUCTIONS_MAX, required=False):
        errors[f"{path}.instructions"] = [problem]
    if parameters.get("outputFormat", "markdown") not in OUTPUT_FORMATS:
        errors[f"{path}.outputFormat"] = [f"One of: {', '.join(OUTPUT_FORMATS)}."]
    errors.update(defaults_errors(parameters.get("defaults", {}), f"{path}.defaults"))
    unknown = set(parameters) - {"template", "keywords", "instructions", "outputFormat", "defaults"}
    if unknown:
        errors[path] = [f"Unknown keys: {', '.join(sorted(unknown))}."]
    return errors


# --- the teacher's own assistants ------------------------------------------------------------

FIELDS = (
    "name",
    "description",
    "tone",
    "grade_from",
    "grade_to",
    "instructions",
    "greeting",
    "temperature",
    "top_p",
    "max_tokens",
    "context_length",
    "frequency_penalty",
    "presence_penalty",
    "is_active",
)
CONFIGURATION_KEYS = ("tone", "grade_from", "grade_to", "instructions", "greeting")


def _current(profile: AssistantProfile) -> dict:
    config = profile.configuration or {}
    band = config.get("gradeBand") or {}
    return {
        "name": profile.name,
        "description": profile.description,
        "tone": config.get("tone", "warm"),
        "grade_from": band.get("from", ""),
        "grade_to": band.get("to", ""),
        "instructions": config.get("instructions", ""),
        "greeting": config.get("greeting", ""),
        "temperature": profile.temperature,
        "top_p": profile.top_p,
        "max_tokens": profile.max_tokens,
        "context_length": profile.context_length,
        "frequency_penalty": profile.frequency_penalty,
        "presence_penalty": profile.presence_penalty,
        "is_active": profile.is_active,
    }


def _subjects(subject_ids, errors: dict) -> list[SubjectCategory] | None:
    if subject_ids is None:
        return None
    if not isinstance(subject_ids, list) or len(subject_ids) > SUBJECTS_MAX:
        errors["subjects"] = [f"A list of at most {SUBJECTS_MAX} subject ids."]
        return None
    found = {
        str(s.id): s for s in SubjectCategory.objects.filter(id__in=[str(i) for i in subject_ids])
    }
    missing = [i for i, sid in enumerate(subject_ids) if str(sid) not in found]
    for i in missing:
        errors[f"subjects[{i}]"] = ["No such subject."]
    return [found[str(sid)] for sid in dict.fromkeys(subject_ids) if str(sid) in found]


def _capabilities(chosen, errors: dict) -> list[dict] | None:
    """The capability rows to give the assistant: [{name, description, parameters,
    is_enabled, priority}], or None when `chosen` is None (leave them as they are)."""
    if chosen is None:
        return None
    if not isinstance(chosen, list) or len(chosen) > CAPABILITIES_MAX:
        errors["capabilities"] = [f"A list of at most {CAPABILITIES_MAX} capabilities."]
        return None
    kinds = capability_kinds()
    rows, seen = [], set()
    for i, item in enumerate(chosen):
        path = f"capabilities[{i}]"
        item = {"name": item} if isinstance(item, str) else item
        if not isinstance(item, dict):
            errors[path] = ["A capability name, or {name, isEnabled, priority, defaults}."]
            continue
        name = item.get("name")
        kind = kinds.get(name) if isinstance(name, str) else None
        if kind is None:
            errors[f"{path}.name"] = [f"One of: {', '.join(kinds) or 'none (load the catalogue)'}."]
            continue
        if name in seen:
            errors[f"{path}.name"] = ["Listed twice."]
            continue
        seen.add(name)
        enabled = item.get("is_enabled", True)
        if not isinstance(enabled, bool):
            errors[f"{path}.isEnabled"] = ["Must be true or false."]
        priority = item.get("priority", i)
        if not (_whole(priority) and 0 <= priority <= PRIORITY_MAX):
            errors[f"{path}.priority"] = [f"A whole number from 0 to {PRIORITY_MAX}."]
        parameters = copy.deepcopy(kind.parameters or {})
        defaults = item.get("defaults")
        if defaults is not None:
            problems = defaults_errors(defaults, f"{path}.defaults")
            errors.update(problems)
            if not problems:
                parameters["defaults"] = {**parameters.get("defaults", {}), **defaults}
        rows.append(
            {
                "name": name,
                "description": kind.description,
                "parameters": parameters,
                "is_enabled": enabled,
                "priority": priority,
            }
        )
    return rows


def _write(
    profile: AssistantProfile,
    values: dict,
    subjects: list[SubjectCategory] | None,
    capabilities: list[dict] | None,
) -> AssistantProfile:
    profile.name = " ".join(values["name"].split())
    profile.description = values["description"].strip()
    profile.temperature = float(values["temperature"])
    profile.top_p = float(values["top_p"])
    profile.max_tokens = values["max_tokens"]
    profile.context_length = values["context_length"]
    profile.frequency_penalty = float(values["frequency_penalty"])
    profile.presence_penalty = float(values["presence_penalty"])
    profile.is_active = values["is_active"]
    configuration = {
        "tone": values["tone"],
        "instructions": values["instructions"].strip(),
        "greeting": values["greeting"].strip(),
    }
    if values["grade_from"] and values["grade_to"]:
        configuration["gradeBand"] = {"from": values["grade_from"], "to": values["grade_to"]}
    profile.configuration = configuration
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:
        raise Invalid({"name": ["You already have an assistant with this name."]}) from exc
    if subjects is not None:
        SubjectAssistant.objects.filter(assistant_profile=profile).delete()
        SubjectAssistant.objects.bulk_create(
            SubjectAssistant(assistant_profile=profile, subject_category=s) for s in subjects
        )
    if capabilities is not None:
        keep = [c["name"] for c in capabilities]
        AssistantCapability.objects.filter(assistant_profile=profile).exclude(
            name__in=keep
        ).delete()
        for row in capabilities:
            AssistantCapability.objects.update_or_create(
                assistant_profile=profile, name=row.pop("name"), defaults=row
            )
    return profile


def _check_name_free(teacher, name: str, exclude=None) -> None:
    taken = AssistantProfile.objects.filter(owner=teacher, name=" ".join(name.split()))
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise Invalid({"name": ["You already have an assistant with this name."]})


@transaction.atomic
def assistant_create(
    *,
    teacher,
    based_on=None,
    subject_ids: list | None = None,
    capabilities: list | None = None,
    **fields,
) -> AssistantProfile:
    """The teacher's own assistant: from scratch, or `based_on` one they can see (its id)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if AssistantProfile.objects.filter(owner=teacher).count() >= OWN_ASSISTANTS_MAX:
        raise Conflict(
            f"You can have at most {OWN_ASSISTANTS_MAX} assistants of your own.",
            code="too_many_assistants",
        )
    base = assistant_listed(user=teacher, assistant_id=based_on) if based_on else None
    values = _current(base if base is not None else AssistantProfile(name="", description=""))
    values["is_active"] = True
    if base is not None:
        values["name"] = f"My {base.name}"[:NAME_MAX]
    values.update(fields)
    errors = profile_errors(values)
    chosen_subjects = _subjects(subject_ids, errors)
    if chosen_subjects is None and base is not None and "subjects" not in errors:
        chosen_subjects = list(base.subjects.all())
    if capabilities is None and base is not None:
        capabilities = [
            {"name": c.name, "is_enabled": c.is_enabled, "priority": c.priority,
             "defaults": (c.parameters or {}).get("defaults", {})}
            for c in base.capabilities.all()
            if c.name in capability_kinds()
        ]  # fmt: skip
    rows = _capabilities(capabilities if capabilities is not None else [], errors)
    if errors:
        raise Invalid(errors)
    _check_name_free(teacher, values["name"])
    profile = AssistantProfile(owner=teacher, name="", description="")
    if base is not None:
        profile.model_version = base.model_version
    return _write(profile, values, chosen_subjects or [], rows)


@transaction.atomic
def assistant_update(
    *,
    teacher,
    assistant_id,
    subject_ids: list | None = None,
    capabilities: list | None = None,
    **fields,
) -> AssistantProfile:
    """Change the teacher's own assistant; given capabilities replace its set."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    profile = own_assistant_of(user=teacher, assistant_id=assistant_id, for_update=True)
    values = {**_current(profile), **fields}
    errors = profile_errors(values)
    chosen_subjects = _subjects(subject_ids, errors)
    rows = _capabilities(capabilities, errors)
    if errors:
        raise Invalid(errors)
    _check_name_free(teacher, values["name"], exclude=profile)
    return _write(profile, values, chosen_subjects, rows)


@transaction.atomic
def assistant_delete(*, teacher, assistant_id) -> None:
    """Delete the teacher's own assistant. Their conversations, memories and lessons
    with it stay (without an assistant)."""
    own_assistant_of(user=teacher, assistant_id=assistant_id, for_update=True).delete()
