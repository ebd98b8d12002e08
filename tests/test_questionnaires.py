"""MNSI patient questionnaire: 15 items and the published scoring rule, labelled as screening only."""
import pytest

from data.questionnaires import MNSI_ABOUT, MNSI_ITEMS, MNSI_MAX_SCORE, MnsiResult, score_mnsi

YES_SCORES = {1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15}
NO_SCORES = {7, 13}
UNSCORED = {4, 10}


def test_fifteen_items_with_the_published_scoring_answers():
    assert [i.number for i in MNSI_ITEMS] == list(range(1, 16))
    assert {i.number for i in MNSI_ITEMS if i.scoring_answer is True} == YES_SCORES
    assert {i.number for i in MNSI_ITEMS if i.scoring_answer is False} == NO_SCORES
    assert {i.number for i in MNSI_ITEMS if i.scoring_answer is None} == UNSCORED
    assert MNSI_MAX_SCORE == 13


def test_all_no_scores_the_two_reverse_items():
    assert score_mnsi({n: False for n in range(1, 16)}) == MnsiResult(2)


def test_all_yes_scores_eleven():
    assert score_mnsi({n: True for n in range(1, 16)}).score == 11


def test_worst_answers_score_thirteen_and_best_score_zero():
    worst = {n: n not in NO_SCORES for n in range(1, 16)}
    assert score_mnsi(worst).score == 13
    best = {n: n in NO_SCORES for n in range(1, 16)}
    assert score_mnsi(best).score == 0


def test_items_4_and_10_never_count_and_may_be_left_out():
    answers = {n: n in NO_SCORES for n in range(1, 16)}
    assert score_mnsi(answers | {4: True, 10: True}).score == 0
    without = {n: v for n, v in answers.items() if n not in UNSCORED}
    assert score_mnsi(without | {1: True, 13: False}).score == 2


def test_a_mixed_example_by_hand():
    # yes on 1, 3, 4, 11; can tell hot from cold (7 yes); cannot feel feet when walking (13 no)
    answers = {n: False for n in range(1, 16)} | {1: True, 3: True, 4: True, 11: True, 7: True, 13: False}
    assert score_mnsi(answers).score == 4  # 1, 3, 11 and 13


def test_missing_or_bad_answers_are_refused():
    with pytest.raises(ValueError, match="please answer questions 7, 13 to get a score"):
        score_mnsi({n: True for n in range(1, 16) if n not in (7, 13)})
    with pytest.raises(ValueError, match="no question 16"):
        score_mnsi({n: True for n in range(1, 17)})
    with pytest.raises(ValueError, match="question 2: the answer must be yes or no"):
        score_mnsi({n: True for n in range(1, 16)} | {2: 1})


def test_clearly_labelled_as_screening_not_change():
    assert "screening tool" in MNSI_ABOUT and "not made to measure change" in MNSI_ABOUT
    assert "not a measure of change" in score_mnsi({n: False for n in range(1, 16)}).summary
