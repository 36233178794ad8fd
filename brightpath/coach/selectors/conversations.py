"""A teacher's conversations and their messages, scoped to the teacher."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from brightpath.coach.models import Conversation, Message
from brightpath.common.selectors import get_owned_or_404, owned_by


def conversations_of(*, user, assistant_id=None) -> QuerySet[Conversation]:
    """The teacher's conversations, latest activity first, with their message counts."""
    rows = owned_by(Conversation.objects.select_related("assistant_profile"), user)
    if assistant_id:
        rows = rows.filter(assistant_profile_id=assistant_id)
    return rows.annotate(message_count=Count("messages")).order_by("-last_message_at")


def conversation_of(*, user, conversation_id, for_update: bool = False) -> Conversation:
    rows = Conversation.objects.select_related("assistant_profile")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    return get_owned_or_404(rows, user, id=conversation_id)


def messages_of(*, conversation: Conversation) -> QuerySet[Message]:
    return Message.objects.filter(conversation=conversation).order_by("position")


def message_of(*, user, conversation_id, message_id) -> Message:
    """One message of one of the teacher's conversations, or NotFound."""
    return get_owned_or_404(
        Message.objects.select_related("conversation__assistant_profile"),
        user,
        owner_path="conversation__user",
        conversation_id=conversation_id,
        id=message_id,
    )
