"""A parent's Spark children: profiles, their PIN, and the parent's Spark profile.

A parent has at most four children in Spark (the seed's rule), counted under a
lock on the parent's user row so two requests at once cannot make a fifth.
Nothing about a child is written before the parent's consent (COPPA), and
deleting a child deletes everything about them: every Spark table that refers
to a child cascades from it.
"""

import datetime as dt
import logging
import math
import re
from collections.abc import Iterable
from zoneinfo import available_timezones

from django.conf import settings as django_settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.common.errors import Conflict, Forbidden, Invalid
from brightpath.spark.age_groups import OLDEST, YOUNGEST, age_group_for, grown_age_group
from brightpath.spark.avatars import AVATARS, DEFAULT_AVATAR
from brightpath.spark.models import Child, ParentProfile
from brightpath.spark.selectors.children import local_today, require_consent, zone_named

from .consent import EXIT, parent_verify

logger = logging.getLogger(__name__)

MAX_CHILDREN = 4
NAME_MAX = Child._meta.get_field("name").max_length
INTERESTS_MAX, INTEREST_MAX_LENGTH = 10, 30
ANIMATION_LEVELS = ("full", "reduced", "none")
DAILY_LIMIT_MIN, DAILY_LIMIT_MAX = 5, 240
PIN_PATTERN = re.compile(r"[0-9]{4}")
CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")  # "HH:MM", 24-hour
PIN_TRIES = 5  # wrong PINs in a row before the PIN locks
PIN_LOCK = dt.timedelta(minutes=15)
EXIT_TRIES = 5  # wrong passwords (or codes) in a row at leaving a child's view
EXIT_LOCK = dt.timedelta(minutes=15)

# The settings a parent may set, by their stored (snake_case) key and the API's name.
SETTING_NAMES = {
    "voice_over_enabled": "voiceOverEnabled",
    "animation_level": "animationLevel",
    "daily_time_limit_minutes": "dailyTimeLimitMinutes",
    "bedtime_start": "bedtimeStart",
    "bedtime_end": "bedtimeEnd",
}


def _default_settings() -> dict:
    return Child._meta.get_field("settings").get_default()


# --- validation ----------------------------------------------------------------


def _clean_name(name: str | None, errors: dict) -> str:
    name = " ".join((name or "").split())
    if not 1 <= len(name) <= NAME_MAX:
        errors["name"] = [f"Give a name of 1 to {NAME_MAX} characters (a first name is enough)."]
    return name


def _age_group(birth_date: dt.date | None, today: dt.date, errors: dict) -> str:
    group = age_group_for(birth_date, today) if isinstance(birth_date, dt.date) else None
    if group is None:
        errors["birthDate"] = [f"Spark is for children aged {YOUNGEST} to {OLDEST}."]
        return ""
    return group


def _clean_pin(pin: str | None, errors: dict) -> str:
    pin = pin if isinstance(pin, str) else ""
    if not PIN_PATTERN.fullmatch(pin):
        errors["pin"] = ["The PIN is exactly 4 digits."]
    return pin


def _clean_avatar(avatar_id: str | None, errors: dict) -> str:
    if avatar_id not in AVATARS:
        errors["avatarId"] = [f"Choose one of: {', '.join(AVATARS)}."]
    return avatar_id or ""


def _clean_interests(interests: Iterable[str] | None, errors: dict) -> list[str]:
    values = list(interests or ())
    if len(values) > INTERESTS_MAX:
        errors["interests"] = [f"At most {INTERESTS_MAX} interests."]
        return []
    cleaned: list[str] = []
    for index, value in enumerate(values):
        word = " ".join(value.split()).lower() if isinstance(value, str) else ""
        if not 1 <= len(word) <= INTEREST_MAX_LENGTH:
            errors[f"interests[{index}]"] = [
                f"An interest is a short word or two (1 to {INTEREST_MAX_LENGTH} characters)."
            ]
        elif word not in cleaned:
            cleaned.append(word)
    return cleaned


def _clean_settings(changes: dict | None, current: dict, errors: dict) -> dict:
    """`current` with `changes` (stored keys, snake_case) applied, each value checked.
    A stored key that is no longer a setting (an old "sound_enabled") is dropped."""
    merged = {
        key: value
        for key, value in {**_default_settings(), **current}.items()
        if key in SETTING_NAMES
    }
    if changes is None:
        return merged
    if not isinstance(changes, dict):
        errors["settings"] = ["Settings are an object."]
        return merged
    for key, value in changes.items():
        path = f"settings.{SETTING_NAMES.get(key, key)}"
        if key not in SETTING_NAMES:
            errors[path] = ["Unknown setting."]
        elif key == "voice_over_enabled" and not isinstance(value, bool):
            errors[path] = ["true or false."]
        elif key == "animation_level" and value not in ANIMATION_LEVELS:
            errors[path] = [f"Choose one of: {', '.join(ANIMATION_LEVELS)}."]
        elif key == "daily_time_limit_minutes" and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not DAILY_LIMIT_MIN <= value <= DAILY_LIMIT_MAX
        ):
            errors[path] = [f"Between {DAILY_LIMIT_MIN} and {DAILY_LIMIT_MAX} minutes a day."]
        elif key in ("bedtime_start", "bedtime_end") and not (
            isinstance(value, str) and CLOCK.fullmatch(value)
        ):
            errors[path] = ["A time of day as HH:MM (24-hour)."]
        else:
            merged[key] = value
    return merged


# --- children ------------------------------------------------------------------


@transaction.atomic
def child_create(
    *,
    parent: User,
    name: str,
    birth_date: dt.date,
    pin: str,
    avatar_id: str = DEFAULT_AVATAR,
    interests: Iterable[str] = (),
    settings: dict | None = None,
    now: dt.datetime | None = None,
) -> Child:
    """Add a child to the parent's Spark (consent first; at most four children).

    The age group follows the birth date on the parent's local today; the PIN is
    stored hashed. Bad input names each field and stores nothing; a fifth child
    is a Conflict "too_many_children".
    """
    require_consent(user=parent)
    errors: dict[str, list[str]] = {}
    values = {
        "name": _clean_name(name, errors),
        "birth_date": birth_date,
        "age_group": _age_group(birth_date, local_today(parent, now), errors),
        "avatar_id": _clean_avatar(avatar_id, errors),
        "interests": _clean_interests(interests, errors),
        "settings": _clean_settings(settings, {}, errors),
    }
    pin = _clean_pin(pin, errors)
    if errors:
        raise Invalid(errors)

    # The lock makes concurrent creations for one parent take turns, so the count holds.
    User.objects.select_for_update().filter(pk=parent.pk).exists()
    if Child.objects.filter(parent=parent).count() >= MAX_CHILDREN:
        raise Conflict(
            f"A parent can have at most {MAX_CHILDREN} children in Spark.",
            code="too_many_children",
        )
    child = Child.objects.create(parent=parent, pin_hash=make_password(pin), **values)
    logger.info("spark child created", extra={"user_id": str(parent.pk), "child_id": str(child.pk)})
    return child


_UPDATABLE = {"name", "birth_date", "pin", "avatar_id", "interests", "settings"}


@transaction.atomic
def child_update(*, child: Child, now: dt.datetime | None = None, **fields) -> Child:
    """Change a child's profile: any of name, birth_date, pin, avatar_id, interests,
    settings (a partial object: the keys given change, the others stay).

    A new PIN clears past wrong guesses and any lock.
    """
    unknown = set(fields) - _UPDATABLE
    if unknown:
        raise TypeError(f"child_update() got unexpected fields: {', '.join(sorted(unknown))}")
    require_consent(user=child.parent)
    child = Child.objects.select_for_update().select_related("parent").get(pk=child.pk)
    errors: dict[str, list[str]] = {}
    changed: dict[str, object] = {}
    if "name" in fields:
        changed["name"] = _clean_name(fields["name"], errors)
    if "birth_date" in fields:
        changed["birth_date"] = fields["birth_date"]
        changed["age_group"] = _age_group(
            fields["birth_date"], local_today(child.parent, now), errors
        )
    if "avatar_id" in fields:
        changed["avatar_id"] = _clean_avatar(fields["avatar_id"], errors)
    if "interests" in fields:
        changed["interests"] = _clean_interests(fields["interests"], errors)
    if "settings" in fields:
        changed["settings"] = _clean_settings(fields["settings"], child.settings, errors)
    pin = _clean_pin(fields["pin"], errors) if "pin" in fields else None
    if errors:
        raise Invalid(errors)
    if pin is not None:
        changed.update(pin_hash=make_password(pin), pin_failures=0, pin_locked_until=None)
    for name, value in changed.items():
        setattr(child, name, value)
    child.save()
    return child


@transaction.atomic
def child_delete(*, child: Child) -> None:
    """Delete the child and everything about them (conversations and their messages,
    progress, streak, rewards, daily activity, cognitive metrics: all cascade).
    Spark caches nothing about a child. Allowed without consent: a parent may always
    take their child's data away."""
    child_id, parent_id = child.pk, child.parent_id
    Child.objects.filter(pk=child_id).delete()
    logger.info("spark child deleted", extra={"user_id": str(parent_id), "child_id": str(child_id)})


def child_enter(*, child: Child, pin: str, now: dt.datetime | None = None) -> None:
    """Check the PIN that switches a shared device to the child's view.

    Five wrong PINs in a row lock it for 15 minutes (Forbidden "pin_locked",
    with `retryAfter` seconds); while locked, even the right PIN is refused. A
    right PIN clears the count. Needs the parent's consent.
    """
    now = now or timezone.now()
    require_consent(user=child.parent)
    outcome, detail = _pin_attempt(child_id=child.pk, pin=pin, now=now)
    if outcome == "locked":
        raise Forbidden(
            f"Too many wrong PINs. Try again in {math.ceil(detail / 60)} minutes.",
            code="pin_locked",
            retryAfter=detail,
        )
    if outcome == "wrong":
        raise Invalid(
            {"pin": [f"That PIN is not right. {detail} {'try' if detail == 1 else 'tries'} left."]},
            attemptsLeft=detail,
        )


@transaction.atomic
def _pin_attempt(*, child_id, pin: str, now: dt.datetime) -> tuple[str, int]:
    """("ok", 0), ("wrong", tries left) or ("locked", seconds to wait). Saved before
    the caller raises, so a wrong guess counts even though the request fails."""
    child = Child.objects.select_for_update().get(pk=child_id)
    if child.pin_locked_until and child.pin_locked_until > now:
        return "locked", math.ceil((child.pin_locked_until - now).total_seconds())
    right = (
        isinstance(pin, str)
        and PIN_PATTERN.fullmatch(pin) is not None
        and bool(child.pin_hash)
        and check_password(pin, child.pin_hash)
    )
    if right:
        child.pin_failures, child.pin_locked_until, child.last_active_at = 0, None, now
        # The child may have had a birthday since the daily job last ran for them.
        child.age_group = grown_age_group(child.birth_date, local_today(child.parent, now))
        child.save(
            update_fields=[
                "pin_failures",
                "pin_locked_until",
                "last_active_at",
                "age_group",
                "updated_at",
            ]
        )
        return "ok", 0
    child.pin_failures += 1
    if child.pin_failures >= PIN_TRIES:
        child.pin_failures, child.pin_locked_until = 0, now + PIN_LOCK
        child.save(update_fields=["pin_failures", "pin_locked_until", "updated_at"])
        logger.info("spark pin locked", extra={"child_id": str(child.pk)})
        return "locked", int(PIN_LOCK.total_seconds())
    child.pin_locked_until = None
    child.save(update_fields=["pin_failures", "pin_locked_until", "updated_at"])
    return "wrong", PIN_TRIES - child.pin_failures


# --- leaving a child's view ------------------------------------------------------


def child_mode_exit(
    *,
    user: User,
    password: str | None = None,
    code: str | None = None,
    child: Child | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Check that a grown-up is leaving the child's view (`child`, when known): the
    account password, or for an account without one a code emailed for it.

    A wrong one is Invalid (naming the field, with `attemptsLeft`). Five wrong in
    a row lock leaving for 15 minutes (Forbidden "exit_locked" with `retryAfter`
    seconds; while locked even the right password is refused) and email the
    parent: a child may be guessing. A right one clears the count.
    """
    now = now or timezone.now()
    outcome, detail, error = _exit_attempt(
        user=user, password=password, code=code, child=child, now=now
    )
    if outcome == "locked":
        raise Forbidden(
            f"Too many wrong tries. A grown-up can try again in {math.ceil(detail / 60)} minutes.",
            code="exit_locked",
            retryAfter=detail,
        )
    if outcome == "wrong":
        raise Invalid(error.fields, attemptsLeft=detail)


@transaction.atomic
def _exit_attempt(
    *,
    user: User,
    password: str | None,
    code: str | None,
    child: Child | None,
    now: dt.datetime,
) -> tuple[str, int, Invalid | None]:
    """("ok", 0, None), ("wrong", tries left, the error) or ("locked", seconds to
    wait, None). Saved before the caller raises, so a wrong try counts."""
    profile, _ = ParentProfile.objects.select_for_update().get_or_create(user=user)
    if profile.exit_locked_until and profile.exit_locked_until > now:
        return "locked", math.ceil((profile.exit_locked_until - now).total_seconds()), None
    try:
        parent_verify(user=user, password=password, code=code, purpose=EXIT, now=now)
    except Invalid as wrong:
        profile.exit_failures += 1
        if profile.exit_failures >= EXIT_TRIES:
            profile.exit_failures, profile.exit_locked_until = 0, now + EXIT_LOCK
            profile.save(update_fields=["exit_failures", "exit_locked_until", "updated_at"])
            logger.info("spark exit locked", extra={"user_id": str(user.pk)})
            _exit_locked_email_after_commit(user=user, child=child)
            return "locked", int(EXIT_LOCK.total_seconds()), None
        profile.save(update_fields=["exit_failures", "updated_at"])
        return "wrong", EXIT_TRIES - profile.exit_failures, wrong
    if profile.exit_failures or profile.exit_locked_until:
        profile.exit_failures, profile.exit_locked_until = 0, None
        profile.save(update_fields=["exit_failures", "exit_locked_until", "updated_at"])
    return "ok", 0, None


def _exit_locked_email_after_commit(*, user: User, child: Child | None) -> None:
    from brightpath.spark.tasks import send_exit_locked_email

    child_id = str(child.pk) if child is not None else None
    transaction.on_commit(lambda: send_exit_locked_email.delay(str(user.pk), child_id))


def exit_locked_email_send(*, user_id, child_id=None) -> None:
    """Tell the parent that leaving a child's view was locked after five wrong tries
    (and whose view it was). Nothing is sent to an account gone or closed since."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    child = Child.objects.filter(pk=child_id, parent=user).first() if child_id else None
    send_mail(
        subject="Someone tried to leave your child's view in Spark",
        message=render_to_string(
            "spark/emails/exit_locked.txt",
            {
                "user": user,
                "child": child,
                "tries": EXIT_TRIES,
                "minutes": int(EXIT_LOCK.total_seconds() // 60),
                "site_url": django_settings.SITE_URL,
            },
        ),
        from_email=django_settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


# --- age groups ------------------------------------------------------------------


def age_groups_refresh(*, now: dt.datetime | None = None) -> int:
    """Move every child whose age group changed with their age (on the parent's
    local today) to their new group; returns how many moved. The daily beat job
    `spark.refresh_age_groups`; running it twice moves nothing more."""
    now = now or timezone.now()
    moved = 0
    children = Child.objects.select_related("parent__spark_profile").only(
        "birth_date", "age_group", "parent__id", "parent__spark_profile__timezone"
    )
    for child in children.iterator(chunk_size=500):
        profile = getattr(child.parent, "spark_profile", None)
        today = now.astimezone(zone_named(profile.timezone if profile else None)).date()
        group = grown_age_group(child.birth_date, today)
        if group != child.age_group:
            moved += Child.objects.filter(pk=child.pk, age_group=child.age_group).update(
                age_group=group, updated_at=now
            )
            logger.info(
                "spark age group moved",
                extra={"child_id": str(child.pk), "age_group": group},
            )
    return moved


def daily_limit_minutes(child: Child) -> int:
    """The minutes a day the parent allows this child (the default when unset or odd)."""
    value = (child.settings or {}).get("daily_time_limit_minutes")
    if isinstance(value, bool) or not isinstance(value, int):
        return _default_settings()["daily_time_limit_minutes"]
    return max(DAILY_LIMIT_MIN, min(DAILY_LIMIT_MAX, value))


# --- the parent's Spark profile --------------------------------------------------


# Files of a zoneinfo directory that are not time zones a parent lives in: the
# server's own ("localtime"), a file of rules, and the tz database's placeholder.
NOT_TIME_ZONES = frozenset({"localtime", "posixrules", "Factory"})


def is_time_zone(name: str) -> bool:
    """An IANA time zone name ("Europe/Paris") this server knows."""
    return name not in NOT_TIME_ZONES and name in available_timezones()


@transaction.atomic
def spark_profile_update(*, user: User, timezone: str) -> ParentProfile:
    """Set the time zone a parent's children live in (an IANA name, "Europe/Paris")."""
    name = timezone.strip() if isinstance(timezone, str) else ""
    if not is_time_zone(name):
        raise Invalid({"timezone": ["Choose a time zone by its IANA name, like Europe/Paris."]})
    profile, _ = ParentProfile.objects.select_for_update().get_or_create(user=user)
    profile.timezone = name
    profile.save(update_fields=["timezone", "updated_at"])
    return profile
