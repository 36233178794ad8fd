"""Contradictions update a memory; restatements merge into it; other facts add up."""

import datetime as dt

from brightpath.coach.memory import consolidation
from brightpath.coach.memory.store import MemoryStore

T0 = dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.UTC)


def day(n: int) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def test_a_changed_class_updates_the_memory_and_keeps_the_old_in_history():
    store = MemoryStore()
    store.record_exchange("I teach 5th grade science.", at=day(0))
    [(action, memory)] = store.record_exchange("I now teach 6th grade.", at=day(30))
    assert action == consolidation.UPDATE
    assert len(store.memories) == 1
    assert memory.content == "I now teach 6th grade."
    assert memory.history[0]["content"] == "I teach 5th grade science."
    assert memory.reinforced_at == day(30)


def test_a_single_valued_slot_is_replaced_without_a_change_word():
    store = MemoryStore()
    store.record_exchange("I have 24 students in 3rd period.", at=day(0))
    store.record_exchange("I have 27 students in 3rd period.", at=day(9))
    [memory] = store.memories.values()
    assert "27" in memory.content


def test_another_class_is_added_not_replaced():
    store = MemoryStore()
    store.record_exchange("I teach 5th grade science.", at=day(0))
    store.record_exchange("I also teach a 7th grade coding elective.", at=day(3))
    assert len(store.memories) == 2


def test_a_student_who_no_longer_needs_something_updates_that_need():
    store = MemoryStore()
    store.record_exchange("Jonah needs extended time on tests.", at=day(0))
    store.record_exchange("Jonah loves soccer.", at=day(1))
    store.record_exchange("Jonah no longer needs extended time on tests.", at=day(40))
    contents = sorted(m.content for m in store.memories.values())
    assert contents == ["Jonah loves soccer.", "Jonah no longer needs extended time on tests."]


def test_a_restated_preference_merges_and_raises_confidence():
    store = MemoryStore()
    [(_, first)] = store.record_exchange("I prefer hands-on labs over worksheets.", at=day(0))
    confidence = first.confidence
    [(action, again)] = store.record_exchange(
        "Like I said, I prefer hands-on labs over worksheets.", at=day(8)
    )
    assert action == consolidation.MERGE
    assert again.id == first.id
    assert again.confidence > confidence
    assert again.mentions == 2
    assert len(store.memories) == 1


def test_a_changed_preference_replaces_the_old_one():
    store = MemoryStore()
    store.record_exchange("I prefer quizzes with 10 questions.", at=day(0))
    store.record_exchange("Actually, I now prefer quizzes with 15 questions.", at=day(20))
    [memory] = store.memories.values()
    assert "15 questions" in memory.content


def test_what_worked_never_merges_into_what_failed():
    store = MemoryStore()
    store.record_exchange("The gallery walk worked really well.", at=day(0))
    store.record_exchange("The gallery walk flopped this time.", at=day(5))
    assert len(store.memories) == 2


def test_similarity_and_reinforcement():
    jaccard, contained = consolidation.similarity(
        "Maya has dyslexia.", "Maya has dyslexia and reads slowly."
    )
    assert contained == 1.0 and jaccard < 1.0
    assert consolidation.reinforce(0.8, 0.8) == 0.96
    assert consolidation.reinforce(0.99, 0.99) == consolidation.MAX_CONFIDENCE
