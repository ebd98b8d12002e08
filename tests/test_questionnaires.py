"""MNSI patient questionnaire: 15 items, the published scoring rule, screening-only wording, saved results."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from data.journal.questionnaires import (
    MNSI,
    MNSI_ABOUT,
    MNSI_ITEMS,
    MNSI_MAX_SCORE,
    MnsiAnswers,
    MnsiResult,
    list_mnsi,
    save_mnsi,
    score_mnsi,
)
from data.storage.store import open_store

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


# -- saved questionnaires -------------------------------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")
ALL_NO = {n: False for n in range(1, 16)}


def test_completed_questionnaire_round_trips_and_keeps_its_answers(tmp_path):
    store = open_store(tmp_path / "data")
    assert list_mnsi(store) == []
    later = MnsiAnswers("m2", datetime(2026, 4, 2, 9, tzinfo=BERLIN), ALL_NO | {1: True})
    first = MnsiAnswers("m1", datetime(2026, 3, 1, 9, tzinfo=BERLIN), ALL_NO)
    save_mnsi(store, later)
    save_mnsi(store, first)
    assert list_mnsi(store) == [first, later]
    assert [r.result.score for r in list_mnsi(store)] == [2, 3]
    assert later.to_dict()["answers"]["1"] is True and MnsiAnswers.from_dict(later.to_dict()) == later
    assert store.records(MNSI)  # its own collection, so backups carry it


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["answers"].pop("13"), "please answer question 13"),
        (lambda d: d["answers"].update({"2": "yes"}), "question 2: the answer must be yes or no"),
        (lambda d: d["answers"].update({"02": True}), "'02' is not a question number"),
        (lambda d: d.update(answers=[True] * 15), "answers must be a set of numbered answers"),
        (lambda d: d.update(at="2026-03-01T09:00:00"), "at has no time zone"),
        (lambda d: d.update(score=2), "unknown field 'score'"),
    ],
)
def test_damaged_questionnaire_records_are_refused(change, message):
    d = MnsiAnswers("m1", datetime(2026, 3, 1, 9, tzinfo=BERLIN), ALL_NO).to_dict()
    change(d)
    with pytest.raises(ValueError, match=message):
        MnsiAnswers.from_dict(d)
