"""Spark, the parent's side: consent, the children, their caps and settings, the
dashboard (time, topics, curiosity, flagged messages) and the transcripts.

Reads are server-rendered through Spark's selectors. Writes go through the
Spark JSON API (/api/spark/) from static/web/spark/parent.js with the session
and its CSRF token, so a page and an API client meet the same rules and the
same error shape; the pages need JavaScript and say so in a <noscript>.

While a shared device is in a child's view (child mode, see
spark/apis/access.py), every parent page sends the child back to their own
pages: leaving the child's view takes the account password.
"""

import re
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from brightpath.common.errors import NotFound
from brightpath.spark.age_groups import LABELS, age_on
from brightpath.spark.apis.access import active_child_id
from brightpath.spark.avatars import AVATARS
from brightpath.spark.selectors import conversations as conversation_selectors
from brightpath.spark.selectors import dashboard as dashboard_selectors
from brightpath.spark.selectors.children import children_of, parent_timezone
from brightpath.spark.selectors.consent import consent_status
from brightpath.spark.services.children import MAX_CHILDREN, daily_limit_minutes

from .common import outside_model_label
from .spark_child import avatar

NOTICE_FILE = Path(settings.BASE_DIR) / "brightpath" / "spark" / "privacy-notice.md"
INTERESTS_HINT = "dinosaurs, space, drawing"


# --- shared by the pages ------------------------------------------------------------------


def parent_page(view):
    """Signed in, and not in a child's view (a child there goes back to their pages).
    A NotFound from a selector (another parent's row) is a 404."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if active_child_id(request):
            return redirect("web:spark_child")
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404 from exc

    return wrapped


def avatar_choices() -> list[dict]:
    """The avatars a parent picks from: the picture the child sees, and its name."""
    return [
        {
            "id": key,
            "label": key.replace("_", " ").capitalize(),
            "picture": picture,
        }
        for key, picture in AVATARS.items()
    ]


# --- the notice: brightpath/spark/privacy-notice.md, rendered simply ------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![*\w])[*_](?![*\s])(.+?)(?<![*\s])[*_](?![*\w])")
_CODE = re.compile(r"`([^`]+)`")


def _inline(text: str) -> str:
    """One line's text, escaped, with **strong**, *emphasis*, `code` and links
    (http, https, mailto or a path on this site; anything else stays text)."""
    out = escape(text)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    out = _EMPHASIS.sub(r"<em>\1</em>", out)

    def link(match: re.Match) -> str:
        label, url = match.group(1), match.group(2)
        if re.match(r"^(https?://|mailto:|/(?!/))", url.replace("&amp;", "&")):
            return f'<a href="{url}">{label}</a>'
        return f"{label} ({url})"

    return _LINK.sub(link, out)


def markdown_html(text: str, *, top_level: int = 1) -> SafeString:
    """Headings, paragraphs and lists of a Markdown text as HTML, every character
    of the text escaped; the text's `#` becomes <h{top_level}>."""
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def close() -> None:
        nonlocal list_tag
        if paragraph:
            html.append("<p>" + " ".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()
        if items:
            html.append(
                f"<{list_tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{list_tag}>"
            )
            items.clear()
            list_tag = ""

    for raw in text.splitlines():
        line = raw.rstrip()
        heading, bullet, numbered = _HEADING.match(line), _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip() or re.fullmatch(r"\s*(-{3,}|\*{3,}|_{3,})\s*", line):
            close()
        elif heading:
            close()
            level = min(6, len(heading.group(1)) + top_level - 1)
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet or numbered:
            tag = "ul" if bullet else "ol"
            if paragraph or (items and tag != list_tag):
                close()
            list_tag = tag
            items.append(_inline((bullet or numbered).group(1)))
        elif items and raw[:1].isspace():
            items[-1] += " " + _inline(line.strip())  # a list item's continued line
        else:
            if items:
                close()
            paragraph.append(line.strip())
    close()
    return mark_safe("\n".join(html))  # noqa: S308 -- every piece of text went through escape()


def notice_html(*, top_level: int) -> SafeString | None:
    """The written notice to parents (brightpath/spark/privacy-notice.md), or None when this
    installation does not carry the file."""
    try:
        text = NOTICE_FILE.read_text(encoding="utf-8")
    except OSError:
        return None
    return markdown_html(text, top_level=top_level)


# --- /spark/: consent, then the children --------------------------------------------------


def consent_signature(consent) -> str:
    """The name the parent typed to sign their consent (the latest grant's)."""
    for entry in reversed(consent.history or []):
        if entry.get("signature"):
            return entry["signature"]
    return ""


def _child_card(row, *, today) -> dict:
    """What a child's card shows: today's minutes against the cap, stars, streak,
    unseen flags and the settings form's values."""
    child = row.child
    settings_ = child.settings or {}
    cap = daily_limit_minutes(child)
    minutes = row.minutes[-1]["minutes"] if row.minutes else 0
    return {
        "child": child,
        "age": age_on(child.birth_date, today),
        "age_group": LABELS.get(child.age_group, child.age_group),
        "avatar": avatar(child),
        "minutes": minutes,
        "cap": cap,
        "used_percent": min(100, round(100 * minutes / cap)),
        "stars": row.stars,
        "streak": row.streak.current,
        "flags": row.flags_unreviewed,
        "conversations": conversation_selectors.conversations_of(child=child).count(),
        "bedtime_start": settings_.get("bedtime_start", "20:00"),
        "bedtime_end": settings_.get("bedtime_end", "07:00"),
    }


def _base_context(request: HttpRequest, page: str) -> dict:
    return {
        "status": consent_status(user=request.user),
        "has_children": children_of(user=request.user).exists(),
        "retention_days": settings.SPARK_RETENTION_DAYS,
        "llm_configured": bool(getattr(settings, "LLM_BASE_URL", "")),
        "llm_provider": outside_model_label(),
        "spark_page": page,
        "tz": parent_timezone(request.user),
    }


@parent_page
def spark_home(request: HttpRequest) -> HttpResponse:
    context = _base_context(request, "home")
    status = context["status"]
    board = dashboard_selectors.dashboard(user=request.user)
    context.update(
        cards=[_child_card(row, today=board.date) for row in board.children], today=board.date
    )
    if not status.coppa.granted:
        # Without consent nothing new is collected, but what is held stays the
        # parent's to read, download and delete.
        context["notice"] = notice_html(top_level=3)
        return render(request, "web/spark/parent_consent.html", context)
    # Consent to an older notice is in force but no longer enough: nothing new (a
    # child, a child's view, a setting) until the parent agrees to the notice again.
    current = status.coppa.current
    context.update(
        paused=not current,
        can_add=current and len(board.children) < MAX_CHILDREN,
        max_children=MAX_CHILDREN,
        avatars=avatar_choices(),
        interests_hint=INTERESTS_HINT,
        profile_timezone=str(context["tz"]),
        consent_signature=consent_signature(status.coppa.in_force),
    )
    return render(request, "web/spark/parent_home.html", context)


@parent_page
def spark_privacy(request: HttpRequest) -> HttpResponse:
    context = _base_context(request, "privacy")
    context["notice"] = notice_html(top_level=2)
    return render(request, "web/spark/parent_privacy.html", context)


# --- /spark/dashboard/ --------------------------------------------------------------------

CATEGORIES = {
    "offensive": "Unkind or rude words",
    "personal_info": "Personal information",
    "distress": "Something worrying",
}
SKILLS = (
    ("curiosity_index", "Curiosity"),
    ("critical_thinking", "Critical thinking"),
    ("creative_thinking", "Creative thinking"),
    ("logical_reasoning", "Logical reasoning"),
    ("knowledge_connection", "Connecting ideas"),
)
RECENT_CONVERSATIONS = 8


def minutes_chart(days: list[dict], cap: int) -> dict:
    """The 14 days as bars (heights in % of the chart's top: the cap, or the most
    minutes when a day went over) with the figures the text and table give."""
    top = max([cap, *(day["minutes"] for day in days)]) or 1
    bars = [
        {
            "date": day["date"],
            "minutes": day["minutes"],
            "height": round(100 * day["minutes"] / top, 1),
            "over": day["minutes"] > cap,
        }
        for day in days
    ]
    total = sum(day["minutes"] for day in days)
    busiest = max(days, key=lambda day: day["minutes"], default=None)
    return {
        "bars": bars,
        "cap": cap,
        "cap_at": round(100 * cap / top, 1),
        "top": top,
        "total": total,
        "active_days": sum(1 for day in days if day["minutes"]),
        "busiest": busiest if busiest and busiest["minutes"] else None,
    }


def growth_rows(metrics: list) -> list[dict]:
    """Each skill's first and latest estimate in the period, and the change."""
    rows = []
    for name, label in SKILLS:
        scored = [(row.assessment_date, getattr(row, name)) for row in metrics]
        scored = [(day, value) for day, value in scored if value is not None]
        if not scored:
            continue
        (first_day, first), (last_day, last) = scored[0], scored[-1]
        rows.append(
            {
                "label": label,
                "first": first,
                "first_day": first_day,
                "last": last,
                "last_day": last_day,
                "change": last - first,
                "count": len(scored),
            }
        )
    return rows


def _detail(category: str, reason: str) -> str:
    """The filter's reason without repeating its category ("personal info: phone
    number" under "Personal information" says "phone number")."""
    prefix, sep, rest = reason.partition(": ")
    return rest if sep and prefix.replace(" ", "_") == category else reason


def _category(category: str) -> str:
    return CATEGORIES.get(category, category.replace("_", " ").capitalize())


def _flag(flag) -> dict:
    return {
        "flag": flag,
        "message": flag.message,
        "category": _category(flag.category),
        "distress": flag.category == "distress",
        "reason": _detail(flag.category, flag.reason),
        "conversation": flag.message.conversation,
    }


@parent_page
def spark_dashboard(request: HttpRequest) -> HttpResponse:
    context = _base_context(request, "dashboard")
    board = dashboard_selectors.dashboard(user=request.user)
    children = []
    for row in board.children:
        children.append(
            {
                "row": row,
                "child": row.child,
                "avatar": avatar(row.child),
                "chart": minutes_chart(row.minutes, daily_limit_minutes(row.child)),
                "growth": growth_rows(row.growth),
                "assessments": len(row.growth),
                "flags": [_flag(flag) for flag in row.flags],
                "conversations": list(
                    conversation_selectors.conversations_of(child=row.child)[:RECENT_CONVERSATIONS]
                ),
            }
        )
    context.update(children=children, today=board.date, days=dashboard_selectors.DAYS)
    return render(request, "web/spark/parent_dashboard.html", context)


# --- /spark/conversations/<id>/: a transcript ---------------------------------------------


def _turn(message, child_name: str) -> dict:
    choices = message.choices or []
    chosen = (
        choices[message.selected_choice_index]["label"]
        if message.selected_choice_index is not None
        and message.selected_choice_index < len(choices)
        else None
    )
    child_turn = message.role == "user"
    return {
        "message": message,
        "who": child_name
        if child_turn
        else ("Spark’s guide" if message.role == "assistant" else "Spark"),
        "child": child_turn,
        "chosen": chosen,
        "choices": [choice.get("label", "") for choice in choices] if not child_turn else [],
        "filtered": message.was_filtered,
        "reason": _reason_text(message.filter_reason),
    }


def _reason_text(filter_reason: str) -> str:
    """ "personal_info: personal info: phone number" -> "Personal information: phone
    number"; a replaced guide reply's reason, "guide reply replaced (...)", as it is."""
    category, sep, reason = filter_reason.partition(": ")
    if sep and category in CATEGORIES:
        return f"{_category(category)}: {_detail(category, reason)}"
    return filter_reason


@parent_page
def spark_transcript(request: HttpRequest, conversation_id) -> HttpResponse:
    conversation = conversation_selectors.conversation_get(
        user=request.user, conversation_id=conversation_id
    )
    child = conversation.child
    messages_ = conversation_selectors.conversation_messages(conversation=conversation)
    turns = [_turn(message, child.name) for message in messages_]
    context = _base_context(request, "transcript")
    context.update(
        conversation=conversation,
        child=child,
        avatar=avatar(child),
        turns=turns,
        filtered=sum(1 for turn in turns if turn["filtered"]),
        minutes=round(conversation.duration_seconds / 60),
    )
    return render(request, "web/spark/parent_transcript.html", context)


urlpatterns = [
    path("spark/", spark_home, name="spark_home"),
    path("spark/privacy/", spark_privacy, name="spark_privacy"),
    path("spark/dashboard/", spark_dashboard, name="spark_dashboard"),
    path(
        "spark/conversations/<uuid:conversation_id>/",
        spark_transcript,
        name="spark_transcript",
    ),
]
