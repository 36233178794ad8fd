import pytest

from brightpath.surveys.scoring import DIMENSIONS, dimension_of, dimension_scores

SEED_REVERSED = {2, 4, 7, 13, 22}
ALL = range(1, 26)


def test_all_fives_score_reverse_items_as_ones():
    # flexibility: 5, 6-5, 5, 6-5, 5 -> 17/5; rotation, time, priority: one reversed item each.
    scores = dimension_scores(dict.fromkeys(ALL, 5), SEED_REVERSED)
    assert scores == {
        "flexibilityVsStructure": 3.4,
        "subjectRotation": 4.2,
        "timeManagement": 4.2,
        "longTermScheduling": 5.0,
        "prioritization": 4.2,
    }


def test_all_ones_mirror_all_fives():
    scores = dimension_scores(dict.fromkeys(ALL, 1), SEED_REVERSED)
    assert scores == {
        "flexibilityVsStructure": 2.6,
        "subjectRotation": 1.8,
        "timeManagement": 1.8,
        "longTermScheduling": 1.0,
        "prioritization": 1.8,
    }


def test_agreeing_with_structure_and_disagreeing_with_its_opposite_is_the_top_score():
    ratings = {number: 1 if number in SEED_REVERSED else 5 for number in ALL}
    assert set(dimension_scores(ratings, SEED_REVERSED).values()) == {5.0}


def test_only_answered_items_count_and_unanswered_dimensions_are_absent():
    # time management: 3, 4 and reversed 5 -> (3 + 4 + 1) / 3 = 2.666...
    scores = dimension_scores({1: 4, 2: 2, 11: 3, 12: 4, 13: 5}, SEED_REVERSED)
    assert scores == {"flexibilityVsStructure": 4.0, "timeManagement": 2.67}


def test_reverse_items_are_the_ones_given_not_a_fixed_list():
    assert dimension_scores({16: 5, 17: 4}, {16}) == {"longTermScheduling": 2.5}
    assert dimension_scores({2: 5}, set()) == {"flexibilityVsStructure": 5.0}


def test_no_answers_no_scores():
    assert dimension_scores({}, SEED_REVERSED) == {}


@pytest.mark.parametrize("ratings", [{1: 0}, {1: 6}, {0: 3}, {26: 3}])
def test_out_of_range_ratings_and_numbers_are_refused(ratings):
    with pytest.raises(ValueError):
        dimension_scores(ratings, SEED_REVERSED)


def test_seed_blocks_of_five_cover_questions_1_to_25_once():
    numbers = [number for _, _, block in DIMENSIONS for number in block]
    assert numbers == list(ALL)
    assert [dimension_of(n) for n in (1, 6, 11, 16, 21, 25)] == [
        "flexibility_vs_structure",
        "subject_rotation",
        "time_management",
        "long_term_scheduling",
        "prioritization",
        "prioritization",
    ]
