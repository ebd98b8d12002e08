"""CSV export: documented header, one row per check-in and per session, local times, safe notes."""
import csv
import io
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from data.exports.csv_export import COLUMNS, export_csv, to_csv
from data.journal.checkins import CheckIn, Context, Where, save_checkin
from data.journal.sessions import save_session
from data.models import SessionRecord, Side, Slot, StepResult
from data.storage.store import open_store

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN)
STEPS = (StepResult("LI4", Side.LEFT, 60, 60, True), StepResult("LI4", Side.RIGHT, 60, 20, False))


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def sample() -> tuple[list[CheckIn], list[SessionRecord]]:
    session = SessionRecord("s1", Slot.MORNING, START, START + timedelta(minutes=4, seconds=30), STEPS, True)
    checkins = [
        CheckIn("c2", START + timedelta(minutes=5), numbness=3, context=Context.AFTER_SESSION, session_id="s1"),
        CheckIn("c1", START - timedelta(minutes=1), numbness=5, tingling=2, where=Where.FEET,
                note="Kalte Füße, \"sehr\" schlimm, new line\nhere", context=Context.BEFORE_SESSION, session_id="s1"),
        CheckIn("c3", datetime(2026, 3, 2, 23, 15, tzinfo=timezone.utc), pain=0),  # 00:15 on 3 March in Berlin
    ]
    return checkins, [session]


def test_header_is_the_documented_columns():
    text = to_csv([], [], BERLIN)
    assert text == ",".join(COLUMNS) + "\r\n"
    assert COLUMNS[:6] == ("record", "id", "date", "time", "timestamp", "context")
    assert COLUMNS[6:13] == ("numbness", "tingling", "pain", "touch_sensitivity", "cold_sensitivity",
                             "weakness_balance", "sleep_disturbed")
    assert COLUMNS[13:] == ("where", "note", "session_id", "slot", "finished", "duration_minutes",
                            "steps_completed", "steps_total",
                            "points_pressed",  # issue 12: the points pressed, a tender spot by its name
                            "side_effect",  # issue 11: side_effect added
                            "foot_check")  # issue 12: the daily foot check


def test_rows_in_time_order_with_local_dates():
    checkins, sessions = sample()
    rows = rows_of(to_csv(checkins, sessions, BERLIN))
    assert [(r["record"], r["id"]) for r in rows] == [("checkin", "c1"), ("session", "s1"), ("checkin", "c2"),
                                                      ("checkin", "c3")]
    before, session, after, midnight = rows
    assert before == {
        "record": "checkin", "id": "c1", "date": "2026-03-02", "time": "07:59",
        "timestamp": "2026-03-02T07:59:00+01:00", "context": "before_session", "numbness": "5", "tingling": "2",
        "pain": "", "touch_sensitivity": "", "cold_sensitivity": "", "weakness_balance": "", "sleep_disturbed": "",
        "where": "feet", "note": "Kalte Füße, \"sehr\" schlimm, new line\nhere", "session_id": "s1", "slot": "",
        "finished": "", "duration_minutes": "", "steps_completed": "", "steps_total": "", "points_pressed": "",
        "side_effect": "",  # issue 11: a column for side-effect rows
        "foot_check": "",
    }
    assert {k: v for k, v in session.items() if v} == {
        "record": "session", "id": "s1", "date": "2026-03-02", "time": "08:00",
        "timestamp": "2026-03-02T08:00:00+01:00", "session_id": "s1", "slot": "morning", "finished": "yes",
        "duration_minutes": "4.5", "steps_completed": "1", "steps_total": "2", "points_pressed": "LI4 Hegu",
    }
    assert (after["numbness"], after["context"], after["session_id"]) == ("3", "after_session", "s1")
    assert (midnight["date"], midnight["time"], midnight["pain"]) == ("2026-03-03", "00:15", "0")


def test_unfinished_session_says_no():
    s = SessionRecord("s2", Slot.EVENING, START, START, (), False)
    row = rows_of(to_csv([], [s], BERLIN))[0]
    assert (row["finished"], row["duration_minutes"], row["steps_total"]) == ("no", "0.0", "0")


@pytest.mark.parametrize("note", ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)"])
def test_notes_cannot_run_as_spreadsheet_formulas(note):
    c = CheckIn("c1", START, numbness=1, note=note)
    assert rows_of(to_csv([c], [], BERLIN))[0]["note"] == "'" + note


def test_export_from_store_is_utf8_with_bom(tmp_path):
    store = open_store(tmp_path / "data")
    checkins, sessions = sample()
    for c in checkins:
        save_checkin(store, c)
    save_session(store, sessions[0])
    raw = export_csv(store, BERLIN)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == to_csv(checkins, sessions, BERLIN)


def test_notes_and_side_effects_get_their_own_rows(tmp_path):
    """Issue 11: the CSV holds what the Progress screen and the report show: notes and side effects."""
    from zoneinfo import ZoneInfo

    from data.exports.csv_export import COLUMNS, export_csv
    from data.journal.checkins import DayNote, SideEffect, save_note, save_side_effect
    from data.storage.store import open_store

    tz = ZoneInfo("Europe/Berlin")
    store = open_store(tmp_path / "csv")
    save_note(store, DayNote("n1", datetime(2026, 3, 2, 20, tzinfo=tz), "=new tablets"))
    save_side_effect(store, SideEffect("e1", datetime(2026, 3, 3, 9, tzinfo=tz), "bruising", note="left hand"))
    rows = list(csv.DictReader(io.StringIO(export_csv(store, tz).decode("utf-8-sig"))))
    assert COLUMNS[-2:] == ("side_effect", "foot_check")
    assert [(r["record"], r["date"], r["note"], r["side_effect"]) for r in rows] == [
        ("note", "2026-03-02", "'=new tablets", ""),  # never run as a formula
        ("side_effect", "2026-03-03", "left hand", "Bruising"),
    ]


def test_foot_checks_get_their_own_rows_with_what_was_found(tmp_path):
    """Issue 12: the daily foot check is in the CSV beside the check-ins, findings in words."""
    from data.journal.footchecks import FootCheck, save_foot_check

    tz = ZoneInfo("Europe/Berlin")
    store = open_store(tmp_path / "csv")
    save_foot_check(store, FootCheck("f1", datetime(2026, 3, 2, 21, tzinfo=tz), True))
    save_foot_check(store, FootCheck("f2", datetime(2026, 3, 3, 21, tzinfo=tz), False, ("new_sore",), "+left heel"))
    rows = list(csv.DictReader(io.StringIO(export_csv(store, tz).decode("utf-8-sig"))))
    assert [(r["record"], r["date"], r["note"]) for r in rows] == [
        ("foot_check", "2026-03-02", ""),
        ("foot_check", "2026-03-03", "'+left heel"),
    ]
    assert rows[0]["foot_check"] == "All fine"
    assert "sore" in rows[1]["foot_check"].lower()


def test_points_pressed_name_a_tender_spot_by_its_name_even_once_deleted(tmp_path):
    """Issue 12: a step saved with a spot's code ("spot-1") shows the spot's name, never the code; a spot
    deleted since shows "a tender spot"; a name that looks like a formula is kept from running."""
    from data.models import Region
    from data.routine.profile import Profile, Zone
    from data.routine.spots import add_spot, delete_spot

    store = open_store(tmp_path / "data")
    arms = Profile(zones=frozenset({Zone.FINGERS}))
    sore = add_spot(store, "Sore spot", Region.FOREARM, Side.LEFT, arms, START.date())
    gone = add_spot(store, "=Old spot", Region.HAND, Side.RIGHT, arms, START.date())
    steps = (*STEPS, StepResult(sore.code, Side.LEFT, 30, 30, True), StepResult("GV14", Side.MIDDLE, 30, 0, False))
    save_session(store, SessionRecord("s1", Slot.MORNING, START, START + timedelta(minutes=5), steps, True))
    save_session(store, SessionRecord("s2", Slot.EVENING, START + timedelta(hours=10),
                                      START + timedelta(hours=10, minutes=2),
                                      (StepResult(gone.code, Side.RIGHT, 30, 30, True),), True))
    first = rows_of(export_csv(store, BERLIN).decode("utf-8-sig"))
    assert [r["points_pressed"] for r in first] == ["LI4 Hegu; Sore spot (left forearm)", "'=Old spot (right hand)"]
    delete_spot(store, gone.id)
    after = rows_of(export_csv(store, BERLIN).decode("utf-8-sig"))
    assert after[1]["points_pressed"] == "a tender spot"
    assert "spot-" not in export_csv(store, BERLIN).decode("utf-8-sig")
