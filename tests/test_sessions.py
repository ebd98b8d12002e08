"""Slots, saving sessions as they go, and today's status, on a real store in a temp folder."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from data.journal.sessions import (
    SlotState,
    day_status,
    parse_session,
    read_sessions,
    save_session,
    sessions_on,
    slot_for,
)
from data.models import Routine, RoutineStep, SessionRecord, Side, Slot, StepResult
from data.routine.saved import load_routine, save_routine
from data.storage.store import open_store

BERLIN = ZoneInfo("Europe/Berlin")


def record(start: datetime, slot=None, done=(True, True), finished=True, sid=None) -> SessionRecord:
    steps = tuple(StepResult("LI4", side, 60, 60 if ok else 10, ok) for side, ok in zip((Side.LEFT, Side.RIGHT), done))
    return SessionRecord(sid or start.isoformat(), slot or slot_for(start), start, start + timedelta(minutes=3),
                         steps, finished)


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


@pytest.mark.parametrize("hour, minute, slot", [(0, 5, Slot.MORNING), (13, 59, Slot.MORNING),
                                                (14, 0, Slot.EVENING), (23, 59, Slot.EVENING)])
def test_slot_by_local_time(hour, minute, slot):
    assert slot_for(datetime(2026, 3, 29, hour, minute, tzinfo=BERLIN)) is slot


def test_saved_session_round_trips_and_updates_in_place(store):
    start = datetime(2026, 11, 21, 8, 10, tzinfo=BERLIN)
    save_session(store, record(start, done=(True, False), finished=False, sid="s1"))
    save_session(store, record(start, done=(True, True), finished=True, sid="s1"))
    got = sessions_on(store, date(2026, 11, 21))
    assert len(got) == 1 and got[0].finished and got[0].completed_steps == 2
    assert got[0] == record(start, done=(True, True), finished=True, sid="s1")


def test_sessions_on_picks_the_local_day_only(store):
    late = datetime(2026, 11, 30, 23, 55, tzinfo=BERLIN)  # last minute of the month, local
    save_session(store, record(late))
    save_session(store, record(late + timedelta(minutes=10)))  # 1 December
    assert [s.started_at for s in sessions_on(store, date(2026, 11, 30))] == [late]
    assert len(sessions_on(store, date(2026, 12, 1))) == 1


def test_day_status_done_beats_partial_and_counts_steps():
    m = datetime(2026, 11, 21, 8, 0, tzinfo=timezone.utc)
    partial = record(m, done=(True, False), finished=False, sid="a")
    status = day_status([partial])
    assert status[Slot.MORNING].state is SlotState.PARTLY
    assert (status[Slot.MORNING].completed_steps, status[Slot.MORNING].total_steps) == (1, 2)
    assert status[Slot.EVENING].state is SlotState.NOT_YET
    full = record(m + timedelta(hours=1), sid="b")
    assert day_status([partial, full])[Slot.MORNING].state is SlotState.DONE


def test_no_routine_is_saved_until_one_is_and_then_it_loads_exactly(store):
    assert load_routine(store) is None  # the starting routine comes from the plan (data/routine/progression.py)
    short = Routine((RoutineStep("LI4", 5, (Side.LEFT, Side.RIGHT)), RoutineStep("LI11", 5, (Side.LEFT, Side.RIGHT))))
    save_routine(store, short)
    assert load_routine(store) == short


def test_save_routine_refuses_unknown_points(store):
    bad = Routine((RoutineStep("XX99", 5, (Side.LEFT,)),))
    with pytest.raises(ValueError, match="unknown point"):
        save_routine(store, bad)
    assert load_routine(store) is None


def test_slot_follows_the_split_it_is_given():
    from datetime import time

    at_1305 = datetime(2026, 3, 29, 13, 5, tzinfo=BERLIN)
    assert slot_for(at_1305) is Slot.MORNING
    assert slot_for(at_1305, time(9, 45)) is Slot.EVENING  # evening reminder at 13:00


def test_an_unsound_saved_routine_is_never_played(store):
    from data.routine.saved import ROUTINE_DOC

    store.put_doc(ROUTINE_DOC, {"steps": [{"point_code": "LI4", "seconds_per_side": 3600,
                                           "sides": ["middle", "left", "left"], "reason": ""}],
                                "pressure_note": ""})
    assert load_routine(store) is None
    store.put_doc(ROUTINE_DOC, {"steps": "garbage"})
    assert load_routine(store) is None


# --- the day a session counts for (issue 9: the midnight boundary) ----------------------------
LATE = datetime(2026, 2, 1, 0, 5, tzinfo=BERLIN)  # 00:05 after the 31 January evening reminder


def test_for_day_round_trips_and_older_records_without_it_stay_valid(store):
    late = SessionRecord("late", Slot.EVENING, LATE, LATE + timedelta(minutes=9), for_day=date(2026, 1, 31))
    assert late.to_dict()["for_day"] == "2026-01-31"
    assert SessionRecord.from_dict(late.to_dict()) == late == parse_session(late.to_dict())
    plain = record(datetime(2026, 1, 31, 20, 0, tzinfo=BERLIN), sid="plain")
    assert "for_day" not in plain.to_dict() and parse_session(plain.to_dict()) == plain
    assert late.practice_day() == late.practice_day(ZoneInfo("Asia/Tokyo")) == date(2026, 1, 31)
    assert plain.practice_day(ZoneInfo("Asia/Tokyo")) == date(2026, 2, 1)  # 04:00 in Tokyo


def test_a_session_counts_for_its_for_day_on_that_day_even_saved_in_the_next_month(store):
    save_session(store, SessionRecord("late", Slot.EVENING, LATE, LATE + timedelta(minutes=9),
                                      (StepResult("LI4", Side.LEFT, 60, 60, True),), True, date(2026, 1, 31)))
    save_session(store, record(datetime(2026, 1, 31, 8, 0, tzinfo=BERLIN), sid="morning"))
    assert [s.id for s in sessions_on(store, date(2026, 1, 31))] == ["morning", "late"]
    assert sessions_on(store, date(2026, 2, 1)) == []
    status = day_status(sessions_on(store, date(2026, 1, 31)))
    assert status[Slot.EVENING].state is SlotState.DONE and status[Slot.MORNING].state is SlotState.DONE


@pytest.mark.parametrize("for_day", [20260131, "31 January", "2026-01-28", "2026-02-04", "2026-02-03", None,
                                     ["2026-01-31"]])
def test_a_for_day_that_is_not_a_date_near_the_start_is_refused_and_set_aside(store, for_day):
    row = {**record(LATE, sid="bad").to_dict(), "for_day": for_day}
    with pytest.raises(ValueError, match="for_day"):
        parse_session(row)
    save_session(store, record(LATE, sid="good"))
    store.replace("sessions", row, LATE)
    assert [s.id for s in read_sessions(store)] == ["good"]
    [entry] = store.quarantined()
    assert "for_day" in entry.why


@pytest.mark.parametrize("for_day", ["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"])
def test_a_for_day_up_to_two_days_before_or_one_after_the_start_is_read(for_day):
    row = {**record(LATE, sid="ok").to_dict(), "for_day": for_day}
    assert parse_session(row).practice_day() == date.fromisoformat(for_day)
