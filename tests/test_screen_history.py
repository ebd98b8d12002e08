"""The history list (data/screens/history.py): every entry listed, corrected or deleted, with Undo.

What the person corrects must change what Progress, the CSV and the report read, so each
test reads them back through their own functions.
"""
from __future__ import annotations

import csv
import errno
import io
import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from data.exports.csv_export import export_csv
from data.exports.report_pdf import report_from_store
from data.journal.checkins import (
    CheckIn,
    Context,
    DayNote,
    PgicAnswer,
    SideEffect,
    SideEffectKind,
    list_checkins,
    list_notes,
    list_side_effects,
    save_checkin,
    save_note,
    save_pgic,
    save_side_effect,
)
from data.journal.sessions import read_sessions, save_session
from data.models import SessionRecord, Side, Slot, StepResult
from data.screens.checkin import CheckInForm
from data.screens.history import (
    NOTHING_YET,
    Kind,
    WordsEdit,
    day_title,
    delete_entry,
    find,
    history_summary,
    open_editor,
    read_history,
    undo_delete,
)
from data.screens.progress import progress_summary
from data.storage.store import open_store

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 10, 18, 30, tzinfo=BERLIN)  # a Tuesday
TODAY = NOW.date()


def now() -> datetime:
    return NOW


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def at(days_ago: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), BERLIN).replace(
        hour=hour, minute=minute)


def session(sid: str, start: datetime, finished: bool = True) -> SessionRecord:
    steps = (StepResult("LI4", Side.LEFT, 60, 60, True), StepResult("LI4", Side.RIGHT, 60, 0, False))
    return SessionRecord(sid, Slot.MORNING, start, start + timedelta(minutes=3), steps, finished)


@pytest.fixture
def full(store):
    """One of each kind, over three days."""
    save_checkin(store, CheckIn("c1", at(0, 9, 12), numbness=4, pain=2, note="slept badly"))
    save_checkin(store, CheckIn("c2", at(2, 8, 5), numbness=6, tingling=5, pain=3))
    save_note(store, DayNote("n1", at(1, 12), "new tablets from today"))
    save_side_effect(store, SideEffect("e1", at(0, 10), SideEffectKind.BRUISING, "left wrist"))
    save_pgic(store, PgicAnswer("p1", at(1, 20), 3))
    save_session(store, session("s1", at(0, 8), finished=False))
    return store


def csv_rows(store) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export_csv(store, BERLIN).decode("utf-8-sig"))))


def report_text(store) -> str:
    pdf = report_from_store(store, TODAY - timedelta(days=27), TODAY, BERLIN, NOW)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


# --- the list --------------------------------------------------------------------------------------


def test_nothing_recorded_says_so(store):
    summary = history_summary(read_history(store), TODAY, BERLIN)
    assert (summary.days, summary.empty, summary.more) == ((), NOTHING_YET, False)


def test_every_kind_is_listed_newest_first_grouped_by_day(full):
    summary = history_summary(read_history(full), TODAY, BERLIN)
    assert summary.empty == "" and not summary.more
    assert [d.title for d in summary.days] == ["Today, Tuesday 10 March", "Yesterday, Monday 9 March",
                                               "Sunday 8 March"]
    assert [[(e.kind, e.title) for e in d.entries] for d in summary.days] == [
        [(Kind.SIDE_EFFECT, "Side effect at 10:00"), (Kind.CHECKIN, "Check-in at 09:12"),
         (Kind.SESSION, "Morning session at 08:00")],
        [(Kind.PGIC, "Weekly question at 20:00"), (Kind.NOTE, "Note at 12:00")],
        [(Kind.CHECKIN, "Check-in at 08:05")],
    ]
    today = {e.kind: e for e in summary.days[0].entries}
    assert today[Kind.CHECKIN].words == "Numbness 4, pain 2. Not answered: tingling. Note: slept badly"
    assert today[Kind.SIDE_EFFECT].words == "Bruising: left wrist"
    assert today[Kind.SESSION].words == "Stopped early: 1 of 2 steps done."
    assert summary.days[1].entries[0].words == "Overall: a little improved."
    assert summary.days[2].entries[0].words == "Numbness 6, tingling 5, pain 3."


def test_each_entry_names_its_buttons_and_only_words_and_scores_can_be_edited(full):
    entries = [e for d in history_summary(read_history(full), TODAY, BERLIN).days for e in d.entries]
    check_in = next(e for e in entries if e.id == "c1")
    assert (check_in.edit_name, check_in.delete_name) == ("Edit check-in at 09:12: numbness 4, pain 2",
                                                          "Delete check-in at 09:12: numbness 4, pain 2")
    note = next(e for e in entries if e.id == "n1")
    assert note.delete_name == "Delete note at 12:00: new tablets from today"
    assert {e.kind for e in entries if e.can_edit} == {Kind.CHECKIN, Kind.NOTE, Kind.SIDE_EFFECT}


def test_session_ratings_and_times_are_shown_in_the_local_zone(store):
    save_checkin(store, CheckIn("b", datetime(2026, 3, 10, 7, 0, tzinfo=ZoneInfo("UTC")), numbness=5,
                                context=Context.BEFORE_SESSION, session_id="s"))
    entry = history_summary(read_history(store), TODAY, BERLIN).days[0].entries[0]
    assert entry.title == "Rating before a session at 08:00"


def test_a_long_note_is_cut_short_in_button_names(store):
    save_note(store, DayNote("n", at(0, 12), "Slept badly. " + "x" * 60))
    save_note(store, DayNote("m", at(0, 13), "y" * 60))
    names = [e.edit_name for e in history_summary(read_history(store), TODAY, BERLIN).days[0].entries]
    assert names == ["Edit note at 13:00: " + "y" * 39 + "…", "Edit note at 12:00: slept badly"]


def test_a_long_history_shows_a_page_then_more(store):
    for i in range(5):
        save_note(store, DayNote(f"n{i}", at(i, 12), f"note {i}"))
    summary = history_summary(read_history(store), TODAY, BERLIN, shown=3)
    assert summary.more and sum(len(d.entries) for d in summary.days) == 3
    assert not history_summary(read_history(store), TODAY, BERLIN, shown=6).more


def test_day_titles_name_the_year_only_when_it_is_not_this_one():
    assert day_title(date(2026, 3, 1), TODAY) == "Sunday 1 March"
    assert day_title(date(2025, 12, 31), TODAY) == "Wednesday 31 December 2025"


# --- deleting, with Undo ---------------------------------------------------------------------------


def test_a_deleted_check_in_is_gone_from_progress_the_csv_and_the_report(full):
    assert "Numbness" in [p.name for p in progress_summary(full, TODAY, BERLIN).symptoms]
    records = read_history(full)
    for record_id in ("c1", "c2"):
        deleted = delete_entry(full, find(records, Kind.CHECKIN, record_id), BERLIN)
        assert deleted.ok
    assert deleted.value.words == "Deleted: check-in at 08:05."
    assert list_checkins(full) == []
    assert progress_summary(full, TODAY, BERLIN).symptoms == ()
    assert "checkin" not in [r["record"] for r in csv_rows(full)]
    assert "No daily symptom scores were recorded in this period." in report_text(full)


def test_undo_puts_the_entry_back_exactly_as_it_was(full):
    before = list_checkins(full)
    record = find(read_history(full), Kind.CHECKIN, "c1")
    deleted = delete_entry(full, record, BERLIN).value
    assert [c.id for c in list_checkins(full)] == ["c2"]
    assert undo_delete(full, deleted).ok
    assert list_checkins(full) == before
    assert [r["id"] for r in csv_rows(full) if r["record"] == "checkin"] == ["c2", "c1"]


def test_every_kind_can_be_deleted_and_undone(full):
    records = read_history(full)
    deleted = [delete_entry(full, record, BERLIN) for record in records]
    assert all(d.ok for d in deleted)
    assert read_history(full) == []
    assert progress_summary(full, TODAY, BERLIN).notes == ("Nothing written in the last 28 days.",)
    assert progress_summary(full, TODAY, BERLIN).pgic == ()
    assert read_sessions(full) == [] and len(csv_rows(full)) == 0
    assert all(undo_delete(full, d.value).ok for d in deleted)
    assert read_history(full) == records


def test_a_deleted_note_and_side_effect_are_gone_from_progress_and_the_report(full):
    text = report_text(full)
    assert "new tablets from today" in text and "left wrist" in text
    records = read_history(full)
    delete_entry(full, find(records, Kind.NOTE, "n1"), BERLIN)
    delete_entry(full, find(records, Kind.SIDE_EFFECT, "e1"), BERLIN)
    notes = " ".join(progress_summary(full, TODAY, BERLIN).notes)
    assert "new tablets" not in notes and "Bruising" not in notes
    text = report_text(full)
    assert "new tablets from today" not in text and "left wrist" not in text


def test_a_failed_delete_changes_nothing_and_says_why(full, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(full, "delete", no_space)
    result = delete_entry(full, find(read_history(full), Kind.NOTE, "n1"), BERLIN)
    assert not result.ok and result.problem.startswith("Your phone is full")
    monkeypatch.undo()
    assert [n.id for n in list_notes(full)] == ["n1"]


# --- correcting ------------------------------------------------------------------------------------


def test_a_corrected_check_in_changes_progress_the_csv_and_the_report(full):
    assert "from 4 to 6" in progress_summary(full, TODAY, BERLIN).symptoms[0].summary
    form = CheckInForm.correcting(full, now, find(read_history(full), Kind.CHECKIN, "c2"))
    form.set_score("numbness", 1)
    assert form.save() is not None
    assert [(c.id, c.numbness) for c in list_checkins(full)] == [("c2", 1), ("c1", 4)]
    assert "from 1 to 4" in progress_summary(full, TODAY, BERLIN).symptoms[0].summary
    assert [r["numbness"] for r in csv_rows(full) if r["record"] == "checkin"] == ["1", "4"]
    entry = history_summary(read_history(full), TODAY, BERLIN).days[-1].entries[0]
    assert entry.words == "Numbness 1, tingling 5, pain 3."


def test_a_note_is_corrected_by_its_words_and_cannot_be_emptied(full):
    edit = WordsEdit(full, find(read_history(full), Kind.NOTE, "n1"), BERLIN)
    shown = edit.view()
    assert (shown.title, shown.label, shown.text) == ("Note at 12:00", "Your note", "new tablets from today")
    edit.set_text("   ")
    assert edit.save() is None and edit.view().problem == "Write a few words first, or delete the note."
    edit.set_text(" new tablets from Monday ")
    assert edit.save().text == "new tablets from Monday"
    assert [(n.id, n.at, n.text) for n in list_notes(full)] == [("n1", at(1, 12), "new tablets from Monday")]
    assert "new tablets from Monday" in " ".join(progress_summary(full, TODAY, BERLIN).notes)


def test_a_side_effects_words_can_be_changed_or_removed(full):
    edit = WordsEdit(full, find(read_history(full), Kind.SIDE_EFFECT, "e1"), BERLIN)
    assert edit.view().title == "Side effect at 10:00: bruising" and edit.view().text == "left wrist"
    edit.set_text("")
    assert edit.save() is not None
    assert [(e.kind, e.note) for e in list_side_effects(full)] == [(SideEffectKind.BRUISING, "")]


def test_edit_opens_the_sliders_for_a_check_in_the_words_for_a_note_and_nothing_else(full):
    records = read_history(full)
    form = open_editor(full, now, BERLIN, records, Kind.CHECKIN, "c2")
    assert isinstance(form, CheckInForm) and form.view().editing and form.view().scores["numbness"] == 6
    words = open_editor(full, now, BERLIN, records, Kind.SIDE_EFFECT, "e1")
    assert isinstance(words, WordsEdit) and words.view().text == "left wrist"
    assert open_editor(full, now, BERLIN, records, Kind.NOTE, "n1").view().label == "Your note"
    assert open_editor(full, now, BERLIN, records, Kind.SESSION, "s1") is None  # sessions are deleted, not edited
    assert open_editor(full, now, BERLIN, records, Kind.PGIC, "p1") is None
    assert open_editor(full, now, BERLIN, records, Kind.NOTE, "gone") is None  # a stale tap opens nothing


def test_a_failed_correction_keeps_the_new_words(full, monkeypatch):
    edit = WordsEdit(full, find(read_history(full), Kind.NOTE, "n1"), BERLIN)
    edit.set_text("changed")

    def no_space(*args, **kwargs):
        raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))

    monkeypatch.setattr(full, "replace", no_space)
    assert edit.save() is None
    assert edit.view().text == "changed" and edit.view().problem.startswith("Your phone is full")
    monkeypatch.undo()
    assert list_notes(full)[0].text == "new tablets from today"


def test_an_entry_already_deleted_elsewhere_says_so_and_offers_no_undo(full):
    stale = read_history(full)  # the list as another tab still shows it
    note = find(stale, Kind.NOTE, "n1")
    first = delete_entry(full, note, BERLIN).value
    assert (first.words, first.can_undo) == ("Deleted: note at 12:00.", True)
    again = delete_entry(full, note, BERLIN)
    assert again.ok and again.value.already_gone and not again.value.can_undo
    assert again.value.words == "Already deleted: note at 12:00. It was deleted on another screen."
    assert list_notes(full) == []


def test_deleting_a_session_hands_it_to_the_reminders_once(full):
    session_record = find(read_history(full), Kind.SESSION, "s1")
    deleted = delete_entry(full, session_record, BERLIN).value
    assert deleted.session_gone == session_record  # views/history.py tells the reminder hub
    assert delete_entry(full, session_record, BERLIN).value.session_gone is None  # gone already: nothing new
    checkin = delete_entry(full, find(read_history(full), Kind.CHECKIN, "c1"), BERLIN).value
    assert checkin.session_gone is None
