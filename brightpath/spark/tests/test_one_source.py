"""Each of Spark's rules is written once: the places that use one share it."""

from brightpath.accounts import selectors as account_selectors
from brightpath.spark import avatars, guide
from brightpath.spark.apis import access
from brightpath.spark.apis import children as children_apis
from brightpath.spark.apis import conversations as conversation_apis
from brightpath.spark.guide import llm
from brightpath.spark.selectors import children as child_selectors
from brightpath.spark.selectors import consent as consent_selectors
from brightpath.spark.serializers import children as child_serializers
from brightpath.spark.serializers import conversations as conversation_serializers
from brightpath.spark.services import children as child_services
from brightpath.spark.services import consent as consent_services


def test_the_kinds_of_a_button():
    assert conversation_serializers.ChoiceSerializer().fields["kind"].choices == {
        kind: kind for kind in guide.CHOICE_KINDS
    }
    assert not hasattr(llm, "KINDS")
    assert llm.CHOICE_KINDS is guide.CHOICE_KINDS


def test_the_avatars():
    assert child_services.AVATARS is avatars.AVATARS  # the pages' too: test_spark_child_views
    assert list(child_serializers.SparkChildWriteSerializer().fields["avatarId"].choices) == list(
        avatars.AVATARS
    )


def test_consent_in_force_and_the_spark_consent_types():
    assert consent_services.SPARK_CONSENT_TYPES is consent_selectors.SPARK_CONSENT_TYPES
    assert child_selectors.consent_in_force is account_selectors.consent_in_force
    assert consent_services.consent_in_force is account_selectors.consent_in_force
    assert not hasattr(child_selectors, "_in_force")


def test_the_parents_endpoints_and_the_childs_conversations():
    assert children_apis.ParentApi is access.ParentApi
    assert conversation_apis.ParentApi is access.ParentApi
    assert not hasattr(conversation_apis, "_conversation")


def test_nothing_is_cached_about_a_child():
    assert not hasattr(child_services, "CHILD_CACHE_PARTS")
    assert not hasattr(child_services, "child_cache_key")
