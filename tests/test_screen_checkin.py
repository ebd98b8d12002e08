"""The check-in screen, Today's check-in card and the session's before/after rating (data/screens/checkin.py).

A real store in a temp folder; the clock is passed in.
"""
from __future__ import annotations

import errno
import os
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from data.journal.checkins import (
    EXTRA_SYMPTOMS,
    CheckIn,
    Context,
    PgicAnswer,
    Where,
    last_values,
    list_checkins,
    list_pgic,
    save_checkin,
    save_pgic,
)
from data.screens.checkin import (
    CheckInForm,
    SessionRating,
    answer_pgic,
    clock,
    same_as_last_button,
    save_same_as_last,
    scores_words,
    tracking_card,
)
from data.screens.progress import progress_summary
from data.storage.store import open_store

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 10, 18, 30, tzinfo=BERLIN)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def now() -> datetime:
    return NOW


# --- words ----------------------------------------------------------------------------------------


def test_scores_words_list_the_answered_core_scores_only():
    assert scores_words({"numbness": 4, "tingling": 3, "pain": 5}) == "numbness 4, tingling 3, pain 5"
    assert scores_words({"numbness": None, "tingling": 0, "pain": 2, "sleep_disturbed": 7}) == "tingling 0, pain 2"
    assert scores_words({}) == ""


def test_clock_is_hours_and_minutes():
    assert clock(datetime(2026, 3, 10, 9, 5, tzinfo=BERLIN)) == "09:05"


def test_same_as_last_is_offered_only_with_something_to_copy(store):
    assert same_as_last_button(last_values(store)) is None
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=4, tingling=3, pain=5))
    button = same_as_last_button(last_values(store))
    assert button.label == "Same as last time (numbness 4, tingling 3, pain 5)"
    assert button.name == "Same as last time: numbness 4, tingling 3, pain 5"


def test_same_as_last_with_extra_scores_only_has_no_numbers_in_its_label(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), sleep_disturbed=6))
    button = same_as_last_button(last_values(store))
    assert (button.label, button.name) == ("Same as last time", "Same as last time: ")


# --- Today's card --------------------------------------------------------------------------------


def test_before_any_check_in_the_card_invites_one(store):
    card = tracking_card(store, NOW)
    assert not card.checked_in and card.same_as_last is None and not card.pgic_due
    assert card.lines == ("Rate numbness, tingling and pain from 0 to 10. It takes a few seconds.",)


def test_yesterdays_check_in_offers_same_as_last_time(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=4, tingling=3, pain=5))
    card = tracking_card(store, NOW)
    assert not card.checked_in
    assert card.same_as_last.name == "Same as last time: numbness 4, tingling 3, pain 5"


def test_todays_latest_daily_check_in_is_shown_in_local_time(store):
    save_checkin(store, CheckIn("a", datetime(2026, 3, 10, 7, 0, tzinfo=BERLIN), numbness=6, tingling=3, pain=5))
    save_checkin(store, CheckIn("b", datetime(2026, 3, 10, 8, 12, tzinfo=timezone.utc), numbness=4, pain=2))
    save_checkin(store, CheckIn("c", datetime(2026, 3, 10, 17, 0, tzinfo=BERLIN), numbness=1,
                                context=Context.AFTER_SESSION, session_id="s"))  # not a daily check-in
    card = tracking_card(store, NOW)
    assert card.checked_in and card.same_as_last is None
    assert card.lines == ("You checked in at 09:12: numbness 4, pain 2.",)


def test_a_check_in_of_extra_questions_only_says_so(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(hours=1), weakness_balance=3))
    assert tracking_card(store, NOW).lines == ("You checked in at 17:30: other questions only.",)


def test_session_ratings_alone_are_not_todays_check_in(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(hours=1), numbness=3, context=Context.BEFORE_SESSION,
                                session_id="s"))
    card = tracking_card(store, NOW)
    assert not card.checked_in and card.same_as_last.label == "Same as last time (numbness 3)"


def test_pgic_is_due_a_week_after_first_use_and_its_answer_thanks(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=8), numbness=3))
    assert tracking_card(store, NOW).pgic_due
    assert answer_pgic(store, 2, NOW) == "Thank you. Saved: much improved."
    assert [(a.level, a.at) for a in list_pgic(store)] == [(2, NOW)]
    assert not tracking_card(store, NOW).pgic_due


def test_pgic_answer_outside_the_scale_is_refused(store):
    with pytest.raises(ValueError):
        answer_pgic(store, 8, NOW)
    assert list_pgic(store) == []


def test_pgic_not_due_within_a_week_of_the_last_answer(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=30), numbness=3))
    save_pgic(store, PgicAnswer("p", NOW - timedelta(days=3), 4))
    assert not tracking_card(store, NOW).pgic_due


# --- the check-in screen -------------------------------------------------------------------------


def test_sliders_start_at_last_time_and_never_rated_ones_start_not_answered(store):
    form = CheckInForm(store, now)
    shown = form.view()
    assert shown.same_as_last is None
    # Issue 10: an untouched symptom is "not answered" (None), never 0.
    assert shown.scores == {"numbness": None, "tingling": None, "pain": None, **dict.fromkeys(EXTRA_SYMPTOMS)}
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=4, pain=5, cold_sensitivity=2,
                                where=Where.FEET))
    shown = CheckInForm(store, now).view()
    assert shown.scores["numbness"] == 4 and shown.scores["tingling"] is None and shown.scores["pain"] == 5
    assert shown.scores["cold_sensitivity"] == 2 and shown.scores["sleep_disturbed"] is None
    assert shown.where is Where.FEET and not shown.more
    assert shown.same_as_last.label == "Same as last time (numbness 4, pain 5)"


def test_folded_save_keeps_only_core_scores_and_last_body_area(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=4, cold_sensitivity=2, where=Where.FEET))
    form = CheckInForm(store, now)
    form.toggle_more()
    form.set_score("sleep_disturbed", 8)
    form.pick_where(Where.HANDS)
    form.set_note("new tablets")
    form.toggle_more()  # folded again: the optional answers are not saved
    form.set_score("numbness", 3)
    saved = form.save()
    assert (saved.numbness, saved.tingling, saved.pain) == (3, None, None)  # untouched: not answered
    assert saved.sleep_disturbed is None and saved.cold_sensitivity is None
    assert saved.where is Where.FEET and saved.note == "" and saved.context is Context.DAILY and saved.at == NOW


def test_unfolded_save_keeps_extras_where_and_the_trimmed_note(store):
    form = CheckInForm(store, now)
    form.toggle_more()
    assert form.view().more
    form.set_score("weakness_balance", 6)
    form.pick_where(Where.BOTH)
    form.set_note("  slept badly \n")
    saved = form.save()
    assert saved.weakness_balance == 6 and saved.touch_sensitivity is None
    assert saved.where is Where.BOTH and saved.note == "slept badly"


def test_tapping_the_chosen_area_again_clears_it(store):
    form = CheckInForm(store, now)
    form.pick_where(Where.HANDS)
    assert form.view().where is Where.HANDS
    form.pick_where(Where.HANDS)
    assert form.view().where is None
    form.pick_where(Where.FEET)
    form.pick_where(Where.BOTH)
    assert form.view().where is Where.BOTH


def test_one_record_per_visit_however_often_save_is_tapped(store):
    form = CheckInForm(store, now)
    form.set_score("pain", 2)
    form.save()
    form.set_score("pain", 3)
    form.save()
    assert [(c.id, c.pain) for c in list_checkins(store)] == [(form.id, 3)]
    assert CheckInForm(store, now).id != form.id


def test_unknown_symptom_or_score_outside_the_scale_is_refused(store):
    form = CheckInForm(store, now)
    with pytest.raises(ValueError):
        form.set_score("mood", 3)
    form.set_score("pain", 11)
    with pytest.raises(ValueError):
        form.save()
    assert list_checkins(store) == []


def test_same_as_last_time_on_the_screen_copies_the_last_scores(store):
    assert CheckInForm(store, now).same_as_last() is None
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=4, tingling=3, pain=5))
    copied = CheckInForm(store, now).same_as_last()
    assert (copied.numbness, copied.tingling, copied.pain, copied.at) == (4, 3, 5, NOW)


# --- the session's before and after rating -------------------------------------------------------


def test_rating_asks_about_the_worst_symptom_and_starts_at_its_last_score(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=2, tingling=6, pain=1))
    shown = SessionRating(store, "s1", now).view()
    assert (shown.symptom, shown.value, shown.can_save) == ("tingling", 6, True)
    assert shown.before_question == "How much tingling do you feel right now?"
    assert shown.after_question == "How much tingling do you feel now?"
    assert shown.after_open and shown.after_words == ""


def test_rating_without_any_score_cannot_be_saved_until_picked(store):
    rating = SessionRating(store, "s1", now)
    assert (rating.view().symptom, rating.view().value, rating.view().can_save) == ("numbness", None, False)
    rating.pick(3)
    assert rating.view().can_save


def test_before_and_after_are_saved_with_their_context_and_the_session_id(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=5))
    rating = SessionRating(store, "s1", now)
    rating.pick(4)
    rating.save_before()
    assert rating.view().value == 4  # the after question starts where the before rating was
    rating.pick(2)
    rating.save_after()
    shown = rating.view()
    assert not shown.after_open and shown.after_words == "Saved. Numbness: 4 before, 2 just after."
    rated = [(c.context, c.numbness, c.session_id, c.at) for c in list_checkins(store) if c.session_id]
    assert rated == [(Context.BEFORE_SESSION, 4, "s1", NOW), (Context.AFTER_SESSION, 2, "s1", NOW)]


def test_after_rating_without_a_before_one_says_only_after(store):
    rating = SessionRating(store, "s1", now)
    rating.pick(3)
    rating.save_after()
    assert rating.view().after_words == "Saved. Numbness: 3 just after."


def test_skipping_the_after_question_closes_it_and_saves_nothing(store):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=5))
    rating = SessionRating(store, "s1", now)
    rating.skip_after()
    shown = rating.view()
    assert not shown.after_open and shown.after_words == ""
    assert [c.id for c in list_checkins(store)] == ["a"]


# --- issue 10: never invent a score, never lose what was typed ------------------------------------


def disk_full(store, monkeypatch) -> None:
    """Every write to the store fails as it does on a full phone."""
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, "replace", no_space)


def test_an_untouched_symptom_is_saved_as_not_answered_and_a_touched_one_is_saved(store):
    form = CheckInForm(store, now)
    form.set_score("pain", 0)  # touched: 0 is an answer
    saved = form.save()
    assert (saved.numbness, saved.tingling, saved.pain) == (None, None, 0)
    assert [(c.numbness, c.tingling, c.pain) for c in list_checkins(store)] == [(None, None, 0)]


def test_progress_never_shows_a_symptom_the_person_did_not_rate(store):
    form = CheckInForm(store, now)
    form.set_score("numbness", 4)
    form.save()
    summary = progress_summary(store, NOW.date(), BERLIN)
    assert [p.symptom for p in summary.symptoms] == ["numbness"]  # no "pain from 0 to 0"
    assert "from 4 to 4" in summary.symptoms[0].summary


def test_save_with_nothing_rated_saves_nothing_and_says_why(store):
    form = CheckInForm(store, now)
    assert form.save() is None
    assert form.view().problem == "Move at least one slider first: nothing is saved until you rate something."
    assert list_checkins(store) == []
    form.set_score("tingling", 2)
    assert form.save().tingling == 2 and form.view().problem == ""


def test_a_failed_save_keeps_the_form_and_says_the_phone_is_full(store, monkeypatch):
    form = CheckInForm(store, now)
    form.toggle_more()
    form.set_score("numbness", 5)
    form.set_score("sleep_disturbed", 7)
    form.pick_where(Where.FEET)
    form.set_note("new tablets")
    disk_full(store, monkeypatch)
    assert form.save() is None
    shown = form.view()
    assert shown.problem == "Your phone is full: this was not saved. Free some space, then try again."
    assert (shown.scores["numbness"], shown.scores["sleep_disturbed"], shown.where, shown.note, shown.more) == (
        5, 7, Where.FEET, "new tablets", True)
    monkeypatch.undo()  # space freed: the same tap now saves, with the same record id
    saved = form.save()
    assert (saved.id, saved.numbness, saved.note) == (form.id, 5, "new tablets") and form.view().problem == ""
    assert len(list_checkins(store)) == 1


def test_a_failed_same_as_last_time_says_why_and_saves_nothing(store, monkeypatch):
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=4))
    form = CheckInForm(store, now)
    disk_full(store, monkeypatch)
    assert form.same_as_last() is None
    assert form.view().problem.startswith("Your phone is full")
    monkeypatch.undo()
    assert [c.id for c in list_checkins(store)] == ["a"]


def test_correcting_a_check_in_shows_its_answers_and_keeps_its_id_time_and_kind(store):
    before = CheckIn("b", NOW - timedelta(days=2), numbness=6, cold_sensitivity=3, where=Where.HANDS,
                     note="cold day", context=Context.BEFORE_SESSION, session_id="s1")
    save_checkin(store, before)
    form = CheckInForm.correcting(store, now, before)
    shown = form.view()
    assert shown.editing and shown.more and shown.same_as_last is None
    assert (shown.scores["numbness"], shown.scores["cold_sensitivity"], shown.scores["pain"]) == (6, 3, None)
    assert (shown.where, shown.note) == (Where.HANDS, "cold day")
    form.set_score("numbness", 2)
    form.save()
    assert [(c.id, c.at, c.numbness, c.cold_sensitivity, c.context, c.session_id, c.note)
            for c in list_checkins(store)] == [("b", before.at, 2, 3, Context.BEFORE_SESSION, "s1", "cold day")]


def test_same_as_last_time_is_one_core_call_for_today_and_the_check_in_screen(store, monkeypatch):
    assert save_same_as_last(store, NOW).value is None  # nothing to copy yet
    save_checkin(store, CheckIn("a", NOW - timedelta(days=1), numbness=4, pain=2))
    disk_full(store, monkeypatch)
    failed = save_same_as_last(store, NOW)
    assert not failed.ok and failed.problem.startswith("Your phone is full")
    monkeypatch.undo()
    copied = save_same_as_last(store, NOW).value
    assert (copied.numbness, copied.pain, copied.at) == (4, 2, NOW)
    assert [c.id for c in list_checkins(store)] == ["a", copied.id]
