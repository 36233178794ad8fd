"""The demo family in Spark: Sarah has agreed to the notice, and Noah and Ava
have profiles (PIN 1234) and one short exploration each, so the parent
dashboard and the constellation show something on a fresh install.

The consent is recorded with method "demo": it stands for the form a real
parent fills in at /spark/ (password and signature), which a fixture cannot.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from brightpath.accounts.models import Consent, User
from brightpath.accounts.services import consent_grant
from brightpath.spark.services.catalogue import catalogue_load
from brightpath.spark.services.children import child_create, spark_profile_update
from brightpath.spark.services.conversations import conversation_start, message_send

DEMO_PIN = "1234"
DEMO_CHILDREN = (
    # name, birth date, avatar, interests, what they explore and say
    ("Noah", dt.date(2019, 9, 14), "rocket", ["space", "dinosaurs"], "space",
     ["Why is the sun so hot?", None]),
    ("Ava", dt.date(2015, 5, 1), "owl", ["animals", "drawing"], "animals",
     ["I think owls hunt at night because it is quiet", None]),
)  # fmt: skip


@transaction.atomic
def demo_spark_load(*, user: User) -> None:
    """Idempotent: a parent who already has Spark children is left as they are."""
    if user.spark_children.exists():
        return
    catalogue_load()  # the topics the children explore (idempotent)
    spark_profile_update(user=user, timezone="America/New_York")
    consent_grant(
        user=user,
        consent_type=Consent.COPPA,
        version=settings.SPARK_NOTICE_VERSION,
        method="demo",
        ip_address=None,
        user_agent="make run",
        signature=user.name,
    )
    start = timezone.now() - dt.timedelta(minutes=30)
    for name, birth_date, avatar, interests, topic, turns in DEMO_CHILDREN:
        child = child_create(
            parent=user,
            name=name,
            birth_date=birth_date,
            pin=DEMO_PIN,
            avatar_id=avatar,
            interests=interests,
        )
        conversation = conversation_start(child=child, topic=topic, now=start)
        for minute, text in enumerate(turns, start=1):
            at = start + dt.timedelta(minutes=minute)
            if text is None:  # the child presses the first button ("tell me more")
                message_send(conversation=conversation, choice_index=0, now=at)
            else:
                message_send(conversation=conversation, text=text, now=at)
