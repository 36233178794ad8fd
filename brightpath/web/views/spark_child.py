"""Spark's child view: the pages a child uses on a shared tablet or phone.

A parent opens a child's PIN screen (`enter/<child id>/`); the right PIN puts
the session in that child's view ("child mode", spark/apis/access.py), and
every page here then belongs to that child alone: the constellation of topics
with today's brain spark, and a conversation with the guide. The pages read
through Spark's selectors; every write (entering, starting and sending in a
conversation, leaving child mode) is the page's script calling the JSON API
under /api/spark/, so the child's view and an app hold the same rules.
Without JavaScript the pages still show everything, and say a grown-up must
turn it on to play.

The pages have their own base template (web/spark/child_base.html): no link
to the parent's pages, only a "Grown-ups" button that asks for the account
password to leave the child's view.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone

from brightpath.common.errors import NotFound
from brightpath.spark.apis.access import SESSION_KEY, active_child_id
from brightpath.spark.avatars import AVATARS
from brightpath.spark.models import Child
from brightpath.spark.selectors.children import bedtime, child_of, coppa_consent, is_bedtime
from brightpath.spark.selectors.consent import verification_method
from brightpath.spark.selectors.conversations import (
    conversation_get,
    conversation_messages,
    time_used_seconds,
)
from brightpath.spark.selectors.dashboard import child_progress
from brightpath.spark.selectors.sparks import spark_done, spark_today
from brightpath.spark.selectors.topics import constellation
from brightpath.spark.services.children import daily_limit_minutes
from brightpath.spark.services.conversations import TEXT_MAX

AVATAR_COLOURS = ("#ffd166", "#8ecae6", "#b8e0a8", "#f4a6c0", "#cdb4f6", "#ffb38a")

# The map: the catalogue's positions (about -500..500) at MAP_SCALE user units
# each, drawn at about a pixel a unit (the map scrolls sideways on a tablet).
MAP_SCALE, MAP_MARGIN = 1.25, 90
LABEL_LINE = 14  # characters: a longer name is split over two lines
# The script makes a talk's address from this one, with the new conversation's id.
TALK_URL_PATTERN_ID = "00000000-0000-0000-0000-000000000000"


def parent_url() -> str:
    """The parent's Spark page, where a grown-up goes back to."""
    return reverse("web:spark_home")


def avatar(child: Child) -> dict:
    """The child's picture: the avatar's emoji on a colour of its own."""
    key = child.avatar_id or ""
    colour = AVATAR_COLOURS[sum(map(ord, key)) % len(AVATAR_COLOURS)]
    return {"initial": AVATARS.get(key) or child.name[:1].upper(), "color": colour}


def motion(child: Child) -> str:
    """The child's animation setting: "full", "reduced" or "none"."""
    level = (child.settings or {}).get("animation_level")
    return level if level in ("full", "reduced", "none") else "full"


def _base_context(child: Child, page: str, *, in_child_mode: bool = True) -> dict:
    return {
        "in_child_mode": in_child_mode,
        "verification": verification_method(user=child.parent),
        "child": child,
        "avatar": avatar(child),
        "motion": motion(child),
        "page": page,
        "parent_url": parent_url(),
    }


def child_page(view: Callable) -> Callable:
    """A page of the child whose view the session is in: the parent (not in child
    mode) goes back to their Spark page; without the parent's consent the child
    is asked to fetch a grown-up."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        child_id = active_child_id(request)
        if not child_id:
            return redirect(parent_url())
        try:
            child = child_of(user=request.user, child_id=child_id)
        except NotFound:  # deleted while in their view
            request.session.pop(SESSION_KEY, None)
            return redirect(parent_url())
        if coppa_consent(user=request.user) is None:
            return render(
                request, "web/spark/child_paused.html", _base_context(child, "paused"), status=403
            )
        try:
            return view(request, child, *args, **kwargs)
        except NotFound as exc:  # another family's row, or one that is gone
            raise Http404 from exc

    return wrapped


# --- the PIN screen ---------------------------------------------------------------


def _minutes_to_wait(child: Child) -> int:
    locked_until = child.pin_locked_until
    now = timezone.now()
    if locked_until is None or locked_until <= now:
        return 0
    return max(1, math.ceil((locked_until - now).total_seconds() / 60))


def wait_text(minutes: int) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    return f"Time for a little break! Try again in {minutes} {unit}, or ask a grown-up."


@login_required
def enter(request: HttpRequest, child_id) -> HttpResponse:
    """The child's PIN screen: their picture and name, and a big number pad."""
    active = active_child_id(request)
    if active:  # already in a child's view: that child's stars
        return redirect("web:spark_child")
    try:
        child = child_of(user=request.user, child_id=child_id)
    except NotFound as exc:
        raise Http404 from exc
    if coppa_consent(user=request.user) is None:
        context = _base_context(child, "paused", in_child_mode=False)
        return render(request, "web/spark/child_paused.html", context, status=403)
    minutes = _minutes_to_wait(child)
    context = {
        **_base_context(child, "enter", in_child_mode=False),
        "locked_minutes": minutes,
        "locked_text": wait_text(minutes) if minutes else "",
    }
    return render(request, "web/spark/child_enter.html", context)


# --- the constellation ----------------------------------------------------------------


def _stars_word(count: int) -> str:
    if count == 0:
        return "no stars yet"
    return f"{count} star" if count == 1 else f"{count} stars"


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def label_lines(name: str) -> list[str]:
    """A star's name on the map: one line, or two split as evenly as the words allow."""
    words = name.split()
    if len(name) <= LABEL_LINE or len(words) < 2:
        return [name]
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda pair: max(len(pair[0]), len(pair[1]))))


def _sky(stars: list) -> dict:
    """The constellation laid out for the page: each star's place on the map, its
    words (name, stars, or what unlocks it) and the lines between stars."""
    by_slug = {star.topic.slug: star for star in stars}
    needs: dict[str, list] = {}
    for star in stars:
        for line in star.connections:
            if line.connection_type == "prerequisite" and line.to_slug in by_slug:
                needs.setdefault(line.to_slug, []).append(star)

    xs = [star.topic.position_x for star in stars] or [0]
    ys = [star.topic.position_y for star in stars] or [0]

    def place(star) -> tuple[int, int]:
        return (
            round(MAP_MARGIN + (star.topic.position_x - min(xs)) * MAP_SCALE),
            round(MAP_MARGIN + (star.topic.position_y - min(ys)) * MAP_SCALE),
        )

    rows = []
    for star in stars:
        topic = star.topic
        x, y = place(star)
        if star.locked:
            missing = [
                s.topic.name
                for s in needs.get(topic.slug, [])
                if s.depth < topic.prerequisite_depth
            ]
            hint = f"explore {_names(missing)} first" if missing else "keep exploring to open it"
            label = f"{topic.name}, locked: {hint}"
        else:
            hint = ""
            label = f"{topic.name}, {_stars_word(star.stars)}"
        rows.append(
            {
                "slug": topic.slug,
                "name": topic.name,
                "description": topic.description,
                "color": topic.color,
                "category": topic.category,
                "locked": star.locked,
                "hint": hint,
                "label": label,
                "stars": star.stars,
                "star_slots": [n < star.stars for n in range(3)],
                "stars_text": _stars_word(star.stars).capitalize(),
                "mastered": star.mastered,
                "x": x,
                "y": y,
                "lines": label_lines(topic.name),
            }
        )
    places = {row["slug"]: (row["x"], row["y"]) for row in rows}
    lines = [
        {
            "x1": places[line.from_slug][0],
            "y1": places[line.from_slug][1],
            "x2": places[line.to_slug][0],
            "y2": places[line.to_slug][1],
            "kind": line.connection_type,
            "lit": not by_slug[line.to_slug].locked and by_slug[line.from_slug].depth > 0,
        }
        for star in stars
        for line in star.connections
        if line.to_slug in places and line.from_slug in places
    ]
    # Tab order reads the map as a page: top to bottom in bands, left to right.
    band = 120
    rows.sort(key=lambda row: (round(row["y"] / band), row["x"]))
    width = round((max(xs) - min(xs)) * MAP_SCALE + 2 * MAP_MARGIN)
    height = round((max(ys) - min(ys)) * MAP_SCALE + 2 * MAP_MARGIN)
    return {
        "stars": rows,
        "list": sorted(rows, key=lambda row: row["locked"]),  # what is open first
        "lines": lines,
        "width": width,
        "height": height,
    }


@child_page
def stars(request: HttpRequest, child: Child) -> HttpResponse:
    """The child's constellation, today's brain spark and their stars and streak."""
    spark = spark_today(child=child)
    progress = child_progress(child=child)
    context = {
        **_base_context(child, "stars"),
        "sky": _sky(constellation(child=child)),
        "spark": spark,
        "spark_done": spark is not None and spark_done(child=child, spark=spark),
        "total_stars": progress.stars,
        "streak_days": progress.streak.current,
        "freezes": progress.streak.freezes,
        "badges": progress.badges,
        "start_url": reverse("spark:conversations", args=[child.pk]),
        "talk_url": reverse("web:spark_child_talk", args=[TALK_URL_PATTERN_ID]),
    }
    return render(request, "web/spark/child_stars.html", context)


# --- a conversation ---------------------------------------------------------------------


def _time_left_seconds(child: Child) -> int:
    return daily_limit_minutes(child) * 60 - time_used_seconds(child=child)


@child_page
def talk(request: HttpRequest, child: Child, conversation_id) -> HttpResponse:
    """One conversation with the guide: its messages, the guide's choices and a box
    to write in. Another child's conversation is not found."""
    conversation = conversation_get(user=request.user, conversation_id=conversation_id)
    if conversation.child_id != child.pk:
        raise Http404
    if is_bedtime(child):
        return _bedtime(request, child)
    if _time_left_seconds(child) <= 0:
        return _done(request, child)
    messages = list(conversation_messages(conversation=conversation))
    last_guide = next((m for m in reversed(messages) if m.role == "assistant"), None)
    context = {
        **_base_context(child, "talk"),
        "conversation": conversation,
        "messages": messages,
        "choices": (last_guide.choices or []) if last_guide else [],
        "ended": conversation.ended_at is not None,
        "text_limit": TEXT_MAX,
        "talk_url": reverse("web:spark_child_talk", args=[TALK_URL_PATTERN_ID]),
    }
    return render(request, "web/spark/child_talk.html", context)


def _done(request: HttpRequest, child: Child) -> HttpResponse:
    context = {**_base_context(child, "done"), "minutes": daily_limit_minutes(child)}
    return render(request, "web/spark/child_done.html", context)


def _bedtime(request: HttpRequest, child: Child) -> HttpResponse:
    window = bedtime(child)
    context = {
        **_base_context(child, "bedtime"),
        "wakes": window[1].strftime("%H:%M") if window else "",
    }
    return render(request, "web/spark/child_bedtime.html", context)


@child_page
def bedtime_page(request: HttpRequest, child: Child) -> HttpResponse:
    """Goodnight: the bedtime the parent set has begun (until it has, this is the
    child's stars)."""
    if not is_bedtime(child):
        return redirect("web:spark_child")
    return _bedtime(request, child)


@child_page
def done_page(request: HttpRequest, child: Child) -> HttpResponse:
    """That's all for today: the daily time the parent allows is used up (until
    it is, this is the child's stars)."""
    if _time_left_seconds(child) > 0:
        return redirect("web:spark_child")
    return _done(request, child)


urlpatterns = [
    path("spark/kids/", stars, name="spark_child"),
    path("spark/kids/enter/<uuid:child_id>/", enter, name="spark_child_enter"),
    path("spark/kids/talk/<uuid:conversation_id>/", talk, name="spark_child_talk"),
    path("spark/kids/done/", done_page, name="spark_child_done"),
    path("spark/kids/bedtime/", bedtime_page, name="spark_child_bedtime"),
]
