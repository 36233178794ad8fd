"""Writes for calendar feeds: a secret URL per child or for the whole family,
revocable at any time (a revoked URL answers 404 from then on)."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from brightpath.accounts.models import User
from brightpath.families.selectors import child_get, family_get

from ..models import CalendarFeed
from ..selectors.feeds import calendar_feed_get


def feed_token() -> str:
    """256 random bits, URL-safe: unguessable, so the URL alone is the key."""
    return secrets.token_urlsafe(32)


@transaction.atomic
def calendar_feed_create(*, user: User, child_id=None) -> CalendarFeed:
    """A new feed for one of the user's live children, or (no child) the whole
    family. Another family's child is a 404."""
    family = family_get(user=user)
    child = child_get(user=user, child_id=child_id) if child_id is not None else None
    return CalendarFeed.objects.create(family=family, child=child, token=feed_token())


@transaction.atomic
def calendar_feed_revoke(*, user: User, feed_id) -> None:
    """Stop the feed's URL for good. A revoked or another family's feed is a 404."""
    feed = calendar_feed_get(user=user, feed_id=feed_id)
    CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
