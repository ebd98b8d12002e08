"""The day-note screen and the "Something felt wrong" log (data/screens/notes.py), on a real store."""
from __future__ import annotations

import errno
import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from data.journal.checkins import SideEffectKind, list_notes, list_side_effects
from data.screens.notes import DayNoteDraft, FeltWrongLog
from data.storage.store import open_store

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 3, 9, 12, tzinfo=BERLIN)  # a Tuesday


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def now() -> datetime:
    return NOW


# --- "Something felt wrong" ------------------------------------------------------------------------


def test_nothing_logged_shows_the_choices(store):
    shown = FeltWrongLog(store, now).view()
    assert (shown.logged, shown.saved_line, shown.words_line) == (False, "", "")


def test_one_tap_logs_at_once_linked_to_the_session(store):
    log = FeltWrongLog(store, now, session_id="s1")
    log.log(SideEffectKind.DIZZINESS)
    shown = log.view()
    assert shown.logged and shown.saved_line == "Saved: dizziness, at 09:12." and shown.words_line == ""
    assert [(e.kind, e.session_id, e.at, e.note) for e in list_side_effects(store)] == [
        (SideEffectKind.DIZZINESS, "s1", NOW, "")]


def test_from_today_the_log_has_no_session(store):
    log = FeltWrongLog(store, now)
    log.log(SideEffectKind.SKIN_MARK)
    assert log.view().saved_line == "Saved: mark on the skin, at 09:12."
    assert list_side_effects(store)[0].session_id is None


def test_words_change_the_record_just_logged_not_add_one(store):
    log = FeltWrongLog(store, now)
    log.log(SideEffectKind.BRUISING)
    log.set_words("  bruise on the left wrist ")
    assert log.add_words()
    assert log.view().words_line == "Your words are saved: bruise on the left wrist"
    assert [(e.kind, e.note) for e in list_side_effects(store)] == [
        (SideEffectKind.BRUISING, "bruise on the left wrist")]


def test_no_words_or_nothing_logged_saves_nothing(store):
    log = FeltWrongLog(store, now)
    log.set_words("something")
    assert not log.add_words()  # nothing logged yet
    assert list_side_effects(store) == []
    log.log(SideEffectKind.OTHER)
    log.set_words("   ")
    assert not log.add_words()
    assert log.view().words_line == "" and list_side_effects(store)[0].note == ""


def test_a_second_log_on_the_same_visit_asks_for_words_again(store):
    log = FeltWrongLog(store, now)
    log.log(SideEffectKind.BRUISING)
    log.set_words("bruise")
    log.add_words()
    log.log(SideEffectKind.MORE_PAIN)
    assert log.view().words_line == "" and len(list_side_effects(store)) == 2


def test_an_unreadable_session_link_is_dropped_and_the_log_still_saved(store):
    """The session id comes from the screen's address: a damaged one must not stop the tap (it used to raise)."""
    assert FeltWrongLog(store, now, session_id="x" * 101).log(SideEffectKind.OTHER) is not None
    assert [e.session_id for e in list_side_effects(store)] == [None]


# --- a note on any day ------------------------------------------------------------------------------


def test_note_day_words_step_back_from_today(store):
    draft = DayNoteDraft(store, now)
    shown = draft.view()
    assert (shown.day_words, shown.day_label, shown.can_go_later) == (
        "Today, Tuesday 3 March", "Note for Tuesday 3 March", False)
    draft.earlier()
    shown = draft.view()
    assert (shown.day_words, shown.day_label, shown.can_go_later) == (
        "Yesterday, Monday 2 March", "Note for Monday 2 March", True)
    draft.earlier()
    assert draft.view().day_words == "Sunday 1 March"
    draft.earlier()
    assert draft.view().day_words == "Saturday 28 February"


def test_later_never_goes_past_today(store):
    draft = DayNoteDraft(store, now)
    draft.later()
    assert draft.view().day_words.startswith("Today")
    draft.earlier()
    draft.later()
    draft.later()
    assert draft.view().day_words.startswith("Today") and not draft.view().can_go_later


def test_an_empty_note_is_not_saved_and_says_why(store):
    draft = DayNoteDraft(store, now)
    draft.set_text("  \n ")
    assert draft.save() is None
    assert draft.view().problem == "Write a few words first."
    assert list_notes(store) == []


def test_todays_note_keeps_its_time(store):
    draft = DayNoteDraft(store, now)
    draft.set_text(" new tablets from today ")
    note = draft.save()
    assert (note.at, note.text) == (NOW, "new tablets from today")
    assert list_notes(store) == [note]


def test_an_earlier_days_note_is_filed_at_midday_of_that_day(store):
    draft = DayNoteDraft(store, now)
    draft.earlier()
    draft.earlier()
    draft.set_text("a fall")
    assert draft.save().at == datetime(2026, 3, 1, 12, 0, tzinfo=BERLIN)


def test_one_note_per_visit_however_often_save_is_tapped(store):
    draft = DayNoteDraft(store, now)
    draft.set_text("slept badly")
    draft.save()
    draft.set_text("slept badly, woke at four")
    draft.save()
    assert [(n.id, n.text) for n in list_notes(store, since=NOW.date() - timedelta(days=1))] == [
        (draft.id, "slept badly, woke at four")]


# --- issue 10: the main button saves what was typed; a failed save keeps it ------------------------


def disk_full(store, monkeypatch) -> None:
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, "replace", no_space)


def test_done_saves_the_words_typed_under_something_felt_wrong(store):
    log = FeltWrongLog(store, now)
    log.log(SideEffectKind.BRUISING)
    log.set_words(" bruise on the left wrist ")
    assert log.done()  # the main button, without "Save these words"
    assert [(e.kind, e.note) for e in list_side_effects(store)] == [
        (SideEffectKind.BRUISING, "bruise on the left wrist")]


def test_done_with_no_words_or_words_already_saved_saves_nothing_more(store, monkeypatch):
    log = FeltWrongLog(store, now)
    assert log.done()  # nothing logged: just close
    log.log(SideEffectKind.DIZZINESS)
    assert log.done() and list_side_effects(store)[0].note == ""
    log.set_words("after LI4")
    log.add_words()
    disk_full(store, monkeypatch)  # nothing left to save: Done does not write again
    assert log.done()


def test_a_failed_done_keeps_the_words_and_says_why(store, monkeypatch):
    log = FeltWrongLog(store, now)
    log.log(SideEffectKind.MORE_PAIN)
    log.set_words("worse at night")
    disk_full(store, monkeypatch)
    assert not log.done()
    shown = log.view()
    assert shown.problem.startswith("Your phone is full") and shown.words == "worse at night"
    assert shown.words_line == ""
    monkeypatch.undo()
    assert log.done() and list_side_effects(store)[0].note == "worse at night"
    assert log.view().problem == ""


def test_a_failed_one_tap_log_logs_nothing_and_says_why(store, monkeypatch):
    log = FeltWrongLog(store, now)
    disk_full(store, monkeypatch)
    assert log.log(SideEffectKind.SKIN_MARK) is None
    shown = log.view()
    assert not shown.logged and shown.problem.startswith("Your phone is full")
    monkeypatch.undo()
    assert log.log(SideEffectKind.SKIN_MARK) is not None and log.view().problem == ""


def test_a_failed_note_keeps_its_text_and_day(store, monkeypatch):
    draft = DayNoteDraft(store, now)
    draft.earlier()
    draft.set_text("a fall on the stairs")
    disk_full(store, monkeypatch)
    assert draft.save() is None
    shown = draft.view()
    assert shown.problem == "Your phone is full: this was not saved. Free some space, then try again."
    assert shown.text == "a fall on the stairs" and shown.day_words.startswith("Yesterday")
    monkeypatch.undo()
    assert draft.save().text == "a fall on the stairs" and draft.view().problem == ""


def test_logged_dizziness_says_to_stop_and_sit_not_to_press_more_lightly(tmp_path):
    from datetime import datetime, timezone

    from data.journal.checkins import SideEffectKind
    from data.screens.notes import FeltWrongLog
    from data.storage.store import open_store

    log = FeltWrongLog(open_store(tmp_path / "d"), lambda: datetime(2026, 3, 2, 9, tzinfo=timezone.utc), None)
    log.log(SideEffectKind.DIZZINESS)
    advice = log.view().advice
    assert advice.startswith("Stop") and "sit down" in advice and "blood sugar" in advice
    assert "lightly" not in advice
    log = FeltWrongLog(open_store(tmp_path / "e"), lambda: datetime(2026, 3, 2, 9, tzinfo=timezone.utc), None)
    log.log(SideEffectKind.BRUISING)
    assert "more lightly" in log.view().advice
