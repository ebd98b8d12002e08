"""The MNSI questionnaire screen (data/screens/questionnaire.py), on a real store."""
from __future__ import annotations

import errno
import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from data.journal.questionnaires import MNSI_ITEMS, list_mnsi
from data.screens.questionnaire import MnsiForm
from data.storage.store import open_store

NOW = datetime(2026, 3, 3, 9, 12, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def now() -> datetime:
    return NOW


def answer_all(form: MnsiForm, yes: bool = True, skip: tuple[int, ...] = ()) -> None:
    for item in MNSI_ITEMS:
        if item.number not in skip:
            form.answer(item.number, yes)


def test_every_question_is_shown_numbered_and_unanswered(store):
    shown = MnsiForm(store, now).view()
    assert len(shown.questions) == 15
    assert shown.questions[0].words == "1. Are your legs or feet numb?"
    assert all(q.answer is None for q in shown.questions)
    assert (shown.problem, shown.saved_summary) == ("", "")


def test_answers_are_shown_and_can_be_changed(store):
    form = MnsiForm(store, now)
    form.answer(3, True)
    form.answer(7, False)
    form.answer(3, False)
    answers = {q.number: q.answer for q in form.view().questions}
    assert (answers[3], answers[7], answers[1]) == (False, False, None)


def test_missing_scored_answers_are_named_and_nothing_is_saved(store):
    form = MnsiForm(store, now)
    answer_all(form, skip=(4, 7, 13))  # 4 is not scored: only 7 and 13 are missing
    assert form.save() is None
    assert form.view().problem == "Almost done: please answer questions 7, 13 to get a score."
    assert list_mnsi(store) == []
    form.answer(7, False)  # answering clears the problem
    assert form.view().problem == ""


def test_an_unknown_question_is_refused_with_words(store):
    form = MnsiForm(store, now)
    answer_all(form)
    form.answer(99, True)
    assert form.save() is None
    assert form.view().problem == "Almost done: there is no question 99: questions are numbered 1 to 15."


def test_saved_answers_show_the_screening_summary_only(store):
    form = MnsiForm(store, now)
    answer_all(form, yes=False)
    saved = form.save()
    assert saved.result.score == 2  # no on items 7 and 13 score
    assert form.view().saved_summary.startswith("Screening score: 2 out of 13.")
    assert list_mnsi(store) == [saved] and saved.at == NOW


def test_one_record_per_visit_however_often_save_is_tapped(store):
    form = MnsiForm(store, now)
    answer_all(form)
    form.save()
    form.save()
    assert [r.id for r in list_mnsi(store)] == [form.id]


def test_a_failed_save_keeps_every_answer_and_says_why(store, monkeypatch):
    form = MnsiForm(store, now)
    answer_all(form, yes=False)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, "replace", no_space)
    assert form.save() is None
    shown = form.view()
    assert shown.problem == "Your phone is full: this was not saved. Free some space, then try again."
    assert shown.saved_summary == "" and all(q.answer is False for q in shown.questions)
    monkeypatch.undo()
    assert form.save() is not None and form.view().problem == ""
    assert [m.id for m in list_mnsi(store)] == [form.id]
