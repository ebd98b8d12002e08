"""A saved record of the wrong shape is set aside by its reader, and nothing that reads records stops.

Issue "Never lose, never invent, always start": one bad row must never stop Today, Progress,
the CSV, the report, the backup or the reminders; it is kept in the quarantine (never deleted)
and Today says once what was kept aside.  Also: every change made from a saved document is one
step under the store's lock, so two handles on one folder (two processes) never lose an update.
"""
from __future__ import annotations

import json
import threading
from datetime import date, datetime, time, timedelta, timezone

import pytest

from data.exports.backup import make_backup, validate_backup
from data.exports.csv_export import export_csv
from data.exports.report_pdf import report_from_store
from data.journal.checkins import (
    NOTES,
    PGIC,
    SIDE_EFFECTS,
    CheckIn,
    DayNote,
    PgicAnswer,
    SideEffect,
    SideEffectKind,
    list_checkins,
    list_notes,
    list_pgic,
    list_side_effects,
    pgic_due,
    save_checkin,
    save_note,
    save_pgic,
    save_side_effect,
)
from data.journal.checkins import COLLECTION as CHECKINS
from data.journal.questionnaires import MNSI, MnsiAnswers, list_mnsi, save_mnsi
from data.journal.records import read_records
from data.journal.sessions import COLLECTION as SESSIONS
from data.journal.sessions import parse_session, read_sessions, save_session, sessions_on
from data.models import SessionRecord, Side, Slot, StepResult
from data.routine.catalog import POINTS
from data.routine.profile import Profile
from data.routine.progression import finish_setup, load_plan, personal_plan
from data.routine.selection import load_edits
from data.screens.my_routine import remove_point
from data.screens.today import (
    KEPT_ASIDE_END,
    KEPT_ASIDE_START,
    kept_aside,
    kept_aside_words,
    today_summary,
)
from data.storage.quarantine import SetAside
from data.storage.store import Store, open_store
from scheduler.hub import ReminderHub, load_settings
from scheduler.settings_screen import louder, set_follow_ups, set_prepare_seconds, set_snooze_minutes, set_tones

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)
EARLIER = NOW - timedelta(days=40)  # October: another month file
MNSI_YES = {n: True for n in range(1, 16)}


def clock() -> datetime:
    return NOW


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data", clock=clock)


def a_session(sid: str, at: datetime, finished: bool = True) -> SessionRecord:
    return SessionRecord(sid, Slot.MORNING, at, at + timedelta(minutes=10),
                         (StepResult("LI4", Side.LEFT, 60, 60, True),), finished)


#: collection -> (save a good record, a bad row of that collection, its reader)
CASES = {
    SESSIONS: (lambda s: save_session(s, a_session("good", NOW)),
               {"id": "bad", "slot": "noon", "started_at": NOW.isoformat(), "ended_at": NOW.isoformat(),
                "steps": [], "finished": True},
               lambda s: read_sessions(s)),
    CHECKINS: (lambda s: save_checkin(s, CheckIn("good", NOW, numbness=3)),
               {"id": "bad", "at": NOW.isoformat(), "numbness": 14, "context": "daily"},
               lambda s: list_checkins(s)),
    NOTES: (lambda s: save_note(s, DayNote("good", NOW, "new shoes")),
            {"id": "bad", "at": NOW.isoformat(), "text": ["not", "text"]},
            lambda s: list_notes(s)),
    SIDE_EFFECTS: (lambda s: save_side_effect(s, SideEffect("good", NOW, SideEffectKind.BRUISING)),
                   {"id": "bad", "at": NOW.isoformat(), "kind": "bruising", "colour": "blue"},
                   lambda s: list_side_effects(s)),
    PGIC: (lambda s: save_pgic(s, PgicAnswer("good", NOW, 3)),
           {"id": "bad", "at": "yesterday", "level": 3},
           lambda s: list_pgic(s)),
    MNSI: (lambda s: save_mnsi(s, MnsiAnswers("good", NOW, MNSI_YES)),
           {"id": "bad", "at": NOW.isoformat(), "answers": {"1": "maybe"}},
           lambda s: list_mnsi(s)),
}


@pytest.mark.parametrize("collection", list(CASES))
def test_each_reader_sets_a_bad_row_aside_and_returns_the_rest(store, collection):
    save_good, bad, read = CASES[collection]
    save_good(store)
    store.replace(collection, bad, NOW)
    assert [r.id for r in read(store)] == ["good"]
    assert [r["id"] for r in store.records(collection)] == ["good"]  # taken out of use...
    [entry] = store.quarantined()
    assert (entry.kind, entry.name, entry.month) == ("record", collection, "2026-12")
    assert "not in the app's format" in entry.why
    kept = json.loads((store.directory / entry.kept_as).read_text())
    assert kept["record"] == bad  # ...and kept whole, never deleted
    assert [r.id for r in read(store)] == ["good"] and len(store.quarantined()) == 1  # set aside once


def test_the_one_reader_refuses_wrong_types_missing_and_unknown_fields(store):
    rows = [
        {"id": "a", "at": NOW.isoformat(), "numbness": "3", "context": "daily"},  # wrong type
        {"id": "b", "numbness": 3, "context": "daily"},  # missing field
        {"id": "c", "at": NOW.isoformat(), "numbness": 3, "context": "daily", "mood": "ok"},  # unknown field
        {"id": "d", "at": "2026-12-01T09:00:00", "numbness": 3, "context": "daily"},  # no time zone
    ]
    for row in rows:
        store.replace(CHECKINS, row, NOW)
    assert read_records(store, CHECKINS, CheckIn.from_dict) == []
    assert sorted(e.why.split("(")[1].split(" ")[0] for e in store.quarantined()) == [
        "at", "at", "numbness", "unknown"]


def test_a_session_is_read_strictly():
    good = a_session("s", NOW).to_dict()
    assert parse_session(good) == a_session("s", NOW)
    for broken in ({**good, "finished": "no"}, {**good, "started_at": "2026-12-01T09:00:00"},
                   {**good, "steps": [{**good["steps"][0], "side": "up"}]}, {**good, "extra": 1}):
        with pytest.raises(ValueError):
            parse_session(broken)


def damaged(store) -> None:
    """A good month and a bad row in every collection the screens and exports read."""
    save_session(store, a_session("old", EARLIER))
    save_checkin(store, CheckIn("old", EARLIER, numbness=5))
    for collection, (save_good, bad, _read) in CASES.items():
        save_good(store)
        store.replace(collection, bad, NOW)


def test_today_progress_exports_and_the_plan_still_work_with_bad_rows(store):
    damaged(store)
    finish_setup(store, Profile(), EARLIER.date())
    today = today_summary(store, NOW, "Reminders are off", time(14, 0))
    assert today.slots[0].words == "Done. Well done!"  # the good session of this morning counts
    assert today.kept_aside is not None and today.kept_aside.lines[1] == "one of your sessions of December 2026"
    assert personal_plan(store, NOW.date()) is not None
    assert [s.id for s in sessions_on(store, NOW.date())] == ["good"]
    csv = export_csv(store, TZ).decode("utf-8-sig")
    ids = [line.split(",")[1] for line in csv.splitlines()[1:]]
    assert "bad" not in ids and ids.count("old") == 2 and ids.count("good") >= 2  # sessions and check-ins
    assert report_from_store(store, NOW.date() - timedelta(days=60), NOW.date(), TZ, NOW).startswith(b"%PDF")
    assert sorted(e.name for e in store.quarantined()) == sorted(CASES)  # the report read them all
    backup = validate_backup(make_backup(store, NOW), now=NOW)
    assert {r["id"] for r in backup["collections"][CHECKINS]} == {"old", "good"}  # the backup restores cleanly


def test_the_reminder_hub_starts_with_a_bad_session(tmp_path):
    store = open_store(tmp_path / "data", clock=clock)
    save_session(store, a_session("good", NOW - timedelta(hours=1)))
    store.replace(SESSIONS, {"id": "bad", "slot": "morning"}, NOW)
    hub = ReminderHub(store, clock, zone=lambda: "Europe/Paris")
    assert hub.settings == load_settings(store)
    assert [e.name for e in store.quarantined()] == [SESSIONS]


def test_first_use_skips_a_month_whose_rows_were_all_set_aside(store):
    store.replace(CHECKINS, {"id": "bad", "at": "never", "context": "daily"}, NOW - timedelta(days=90))
    save_checkin(store, CheckIn("later", NOW - timedelta(days=8), numbness=2))
    assert pgic_due(store, NOW.date())  # first used 8 days ago, not "never"
    store.replace(SESSIONS, {"id": "bad", "slot": "morning"}, NOW - timedelta(days=90))
    assert pgic_due(store, NOW.date())


# -- what Today says ------------------------------------------------------------------------------


def entry(kind: str, name: str = "", month: str = "") -> SetAside:
    return SetAside("0001", kind, "x", "quarantine/0001-x", "it is cut short", NOW.isoformat(), name, month)


def test_what_was_kept_aside_is_said_in_plain_words():
    assert kept_aside_words(entry("month", "checkins", "2026-03")) == "your check-ins of March 2026"
    assert kept_aside_words(entry("rows", "sessions", "2025-12")) == "some of your sessions of December 2025"
    assert kept_aside_words(entry("record", "pgic", "2026-11")) == "one of your weekly answers of November 2026"
    assert kept_aside_words(entry("record", "mystery", "bad")) == "one of your saved records"
    assert kept_aside_words(entry("document", "sound")) == "your sound settings"
    assert kept_aside_words(entry("document", "reminders")) == "your reminder settings"
    assert kept_aside_words(entry("document", "unknown_doc")) == "one of your settings"
    assert kept_aside_words(entry("meta")).startswith("the app's note of which copy of your data is current")
    assert kept_aside_words(entry("strange")) == "a file the app does not know"


def test_today_says_once_what_was_kept_aside_until_ok(tmp_path):
    folder = tmp_path / "data"
    store = Store(folder, clock)
    save_checkin(store, CheckIn("a", NOW, numbness=1))
    save_checkin(store, CheckIn("b", EARLIER, numbness=2))
    october = next((p for p in folder.rglob("2026-10.json")))
    october.write_text("{garbage")
    (folder / "meta.json").write_text("not json")
    store = open_store(folder, clock=clock)
    shown = today_summary(store, NOW, "Reminders are off", time(14, 0)).kept_aside
    assert shown is not None
    assert shown.lines[0] == KEPT_ASIDE_START and shown.lines[-1] == KEPT_ASIDE_END
    assert "your check-ins of October 2026" in shown.lines
    assert any(line.startswith("the app's note of which copy") for line in shown.lines)
    assert [c.id for c in list_checkins(store)] == ["a"]  # everything else is here
    store.mark_told(shown.ids)
    assert kept_aside(store) is None
    assert today_summary(store, NOW, "Reminders are off", time(14, 0)).kept_aside is None


def test_the_same_thing_set_aside_twice_is_one_line(store):
    for n in range(3):
        store.replace(CHECKINS, {"id": f"bad{n}", "at": "never", "context": "daily"}, NOW)
    list_checkins(store)
    shown = kept_aside(store)
    assert shown is not None and len(shown.ids) == 3
    assert shown.lines == (KEPT_ASIDE_START, "one of your check-ins of December 2026", KEPT_ASIDE_END)


# -- changes from the saved document, made as one step ---------------------------------------------


def test_two_processes_removing_points_at_once_lose_nothing(tmp_path):
    folder = tmp_path / "data"
    open_store(folder)
    codes = [p.code for p in POINTS][:16]
    handles = [Store(folder, clock), Store(folder, clock)]  # two handles: as two processes see the folder

    def remove(store: Store, mine: list[str]) -> None:
        for code in mine:
            remove_point(store, code, 0)

    threads = [threading.Thread(target=remove, args=(handles[i], codes[i::2])) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert load_edits(handles[0]).removed == frozenset(codes)


def test_settings_changes_apply_to_what_another_process_saved(tmp_path):
    folder = tmp_path / "data"
    first = ReminderHub(Store(folder, clock), clock, zone=lambda: "Europe/Paris")
    second = ReminderHub(Store(folder, clock), clock, zone=lambda: "Europe/Paris")
    set_follow_ups(first, 1)
    set_snooze_minutes(second, 30)  # second's own memory still has the old follow-ups
    saved = load_settings(open_store(folder))
    assert (saved.max_follow_ups, saved.snooze_minutes) == (1, 30)
    assert second.settings == saved  # and it plans from what was saved

    a, b = Store(folder, clock), Store(folder, clock)
    set_tones(a, False)
    louder(b)
    set_prepare_seconds(a, 15)
    from data.routine.pace import load_practice_settings
    from data.routine.sound_settings import load_sound_settings

    sound = load_sound_settings(b)
    assert (sound.tones, sound.volume_percent) == (False, 70)
    assert load_practice_settings(b).prepare_seconds == 15


def test_the_plan_is_started_once_and_reviewed_from_what_is_saved(tmp_path):
    folder = tmp_path / "data"
    a, b = Store(folder, clock), Store(folder, clock)
    finish_setup(a, Profile(), date(2026, 11, 1))
    finish_setup(b, Profile(), date(2026, 11, 20))  # answers changed later: the plan carries on
    assert load_plan(a).start == date(2026, 11, 1)
    plan = personal_plan(b, NOW.date())
    assert plan is not None and plan.plan.state == load_plan(a) and load_plan(a).weeks_reviewed == 4
