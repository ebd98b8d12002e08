"""The pure planner: rules for main reminders, follow-ups, snoozes, quiet hours,
due()/missed_summary() windows, and which slot-day a session closes."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from data.models import SessionRecord, Slot  # noqa: E402
from scheduler.plan import (  # noqa: E402
    Reminder,
    ReminderKind,
    ReminderState,
    due,
    follow_up_key,
    main_key,
    missed_key,
    missed_summary,
    moved_past,
    next_reminder,
    plan_window,
    quiet_end_after,
    replan_follow_ups,
    slot_day_for,
    snooze,
    snooze_landing,
    snooze_options,
    state_from_sessions,
    upcoming,
)
from scheduler.settings import ReminderSettings, SlotReminder  # noqa: E402

UTC = timezone.utc
TZ = "Europe/Berlin"
BERLIN = ZoneInfo(TZ)
M, E = Slot.MORNING, Slot.EVENING
D = date(2026, 6, 10)  # a Wednesday in summer time


def at(d: date, hh: int, mm: int = 0, tz: ZoneInfo = BERLIN, fold: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm), tzinfo=tz).replace(fold=fold)


def keys(rs: list[Reminder]) -> list[str]:
    return [r.key for r in rs]


def local(r: Reminder, tz: ZoneInfo = BERLIN) -> str:
    return r.fire_utc.astimezone(tz).strftime("%H:%M")


def day_plan(settings=None, state=None, d=D, tz=TZ):
    zone = ZoneInfo(tz)
    return upcoming(settings or ReminderSettings(), state or ReminderState(), tz,
                    at(d, 0, 0, zone), at(d + timedelta(days=1), 0, 0, zone))


# --- what a plain day looks like -----------------------------------------------------
def test_default_day():
    plan = day_plan()
    assert keys(plan) == [
        "2026-06-10/morning/main", "2026-06-10/morning/follow1", "2026-06-10/morning/follow2",
        "2026-06-10/evening/main", "2026-06-10/evening/follow1", "2026-06-10/evening/follow2",
    ]
    assert [local(r) for r in plan] == ["08:00", "08:30", "09:00", "20:00", "20:30", "21:00"]
    assert [r.kind for r in plan[:3]] == [ReminderKind.MAIN, ReminderKind.FOLLOW_UP, ReminderKind.FOLLOW_UP]
    assert [r.gentle for r in plan[:3]] == [False, True, True]
    assert [r.sequence for r in plan[:3]] == [0, 1, 2]
    assert all(r.fire_at.tzinfo is not None for r in plan)


def test_follow_up_settings():
    s = ReminderSettings(follow_up_minutes=45, max_follow_ups=1)
    assert [local(r) for r in day_plan(s)] == ["08:00", "08:45", "20:00", "20:45"]
    none = ReminderSettings(max_follow_ups=0)
    assert [local(r) for r in day_plan(none)] == ["08:00", "20:00"]


def test_slot_off_and_weekdays_off():
    s = ReminderSettings(evening=SlotReminder(False, "20:00"))
    assert {r.slot for r in day_plan(s)} == {M}
    weekend_only = ReminderSettings(morning=SlotReminder(True, "09:00", {5, 6}), max_follow_ups=0)
    week = upcoming(weekend_only, ReminderState(), TZ, at(D, 0), at(D + timedelta(days=7), 0))
    mornings = [r for r in week if r.slot is M]
    assert [r.date.weekday() for r in mornings] == [5, 6]
    nothing = ReminderSettings(morning=SlotReminder(True, "09:00", set()),
                               evening=SlotReminder(False, "20:00"))
    assert upcoming(nothing, ReminderState(), TZ, at(D, 0), at(D + timedelta(days=30), 0)) == []
    assert next_reminder(nothing, ReminderState(), TZ, at(D, 0)) is None


def test_next_reminder_finds_a_weekly_slot():
    weekly = ReminderSettings(morning=SlotReminder(True, "09:00", {1}),
                              evening=SlotReminder(False, "20:00"))
    nxt = next_reminder(weekly, ReminderState(), TZ, at(D, 10))  # Wednesday -> next Tuesday
    assert nxt.key == "2026-06-16/morning/main"


# --- done / skip ------------------------------------------------------------------------
def test_done_before_the_reminder_cancels_the_whole_slot_day():
    state = ReminderState().with_done(D, M)
    assert {r.slot for r in day_plan(state=state)} == {E}


def test_done_after_main_stops_follow_ups():
    state = ReminderState(delivered={"2026-06-10/morning/main"})
    assert keys(upcoming(ReminderSettings(), state, TZ, at(D, 8, 10), at(D, 12)))[:2] == [
        "2026-06-10/morning/follow1", "2026-06-10/morning/follow2"]
    state = state.with_done(D, M)
    assert upcoming(ReminderSettings(), state, TZ, at(D, 8, 10), at(D, 12)) == []


def test_skip_behaves_like_done_for_reminders():
    state = ReminderState().with_skipped(D, E)
    assert {r.slot for r in day_plan(state=state)} == {M}
    assert state.is_closed(D, E) and not state.is_closed(D, M)


# --- snooze -----------------------------------------------------------------------------
def test_snooze_replaces_follow_ups_and_fires_at_the_asked_time():
    main = day_plan()[0]
    state = snooze(ReminderState(delivered={main.key}), main, at(D, 8, 5), 30)
    plan = upcoming(ReminderSettings(), state, TZ, at(D, 8, 5), at(D, 12))
    assert keys(plan) == ["2026-06-10/morning/snooze-20260610T0635Z"]
    assert local(plan[0]) == "08:35" and plan[0].kind is ReminderKind.SNOOZE and plan[0].gentle


def test_re_snooze_replaces_the_previous_snooze():
    main = day_plan()[0]
    state = snooze(ReminderState(), main, at(D, 8, 5), 10)
    state = snooze(state, main, at(D, 8, 15), 60)
    plan = upcoming(ReminderSettings(), state, TZ, at(D, 8, 15), at(D, 12))
    assert [local(r) for r in plan] == ["09:15"]


def test_done_cancels_a_pending_snooze():
    main = day_plan()[0]
    state = snooze(ReminderState(), main, at(D, 8, 5), 30).with_done(D, M)
    assert upcoming(ReminderSettings(), state, TZ, at(D, 8, 5), at(D, 12)) == []
    assert state.snoozes == {}


def test_snooze_choices_are_10_30_60():
    main = day_plan()[0]
    with pytest.raises(ValueError):
        snooze(ReminderState(), main, at(D, 8, 5), 15)
    with pytest.raises(ValueError):
        ReminderState().with_snooze(D, M, datetime(2026, 6, 10, 9))  # naive


def test_snooze_of_a_switched_off_slot_is_not_sent():
    main = day_plan()[0]
    state = snooze(ReminderState(), main, at(D, 8, 5), 30)
    off = ReminderSettings(morning=SlotReminder(False, "08:00"))
    assert upcoming(off, state, TZ, at(D, 8, 5), at(D, 12)) == []


# --- quiet hours ------------------------------------------------------------------------
QUIET = dict(quiet_start="22:00", quiet_end="07:00")


def test_follow_ups_in_quiet_hours_are_not_sent():
    s = ReminderSettings(evening=SlotReminder(True, "21:30"), **QUIET)
    assert [local(r) for r in day_plan(s) if r.slot is E] == ["21:30"]
    s2 = ReminderSettings(evening=SlotReminder(True, "21:15"), **QUIET)
    assert [local(r) for r in day_plan(s2) if r.slot is E] == ["21:15", "21:45"]


def test_main_reminder_inside_quiet_hours_is_still_sent_by_rule():
    """Documented rule: the time the user chose wins; only add-ons are silenced."""
    s = ReminderSettings(morning=SlotReminder(True, "06:15"), **QUIET)
    mornings = [r for r in day_plan(s) if r.slot is M]
    # 06:15 main (inside quiet hours, sent), 06:45 follow-up (quiet, dropped),
    # 07:15 follow-up (quiet hours are over at 07:00, sent).
    assert [(local(r), r.kind) for r in mornings] == [
        ("06:15", ReminderKind.MAIN), ("07:15", ReminderKind.FOLLOW_UP)]
    assert mornings[1].key.endswith("/follow2")
    assert s.quiet_conflicts() == [M]


def test_snooze_into_quiet_hours_is_not_sent_and_the_ui_can_know():
    s = ReminderSettings(evening=SlotReminder(True, "21:30"), **QUIET)
    evening = [r for r in day_plan(s) if r.slot is E][0]
    opts = snooze_options(s, TZ, at(D, 21, 35))
    assert [(o.minutes, o.allowed) for o in opts] == [(10, True), (30, False), (60, False)]
    state = snooze(ReminderState(delivered={evening.key}), evening, at(D, 21, 35), 30)
    assert upcoming(s, state, TZ, at(D, 21, 35), at(D + timedelta(days=1), 7)) == []
    state = snooze(state, evening, at(D, 21, 36), 10)
    assert [local(r) for r in upcoming(s, state, TZ, at(D, 21, 36), at(D, 23))] == ["21:46"]


# --- DST and zones inside the plan ------------------------------------------------------
def test_follow_ups_count_elapsed_minutes_across_fall_back():
    s = ReminderSettings(morning=SlotReminder(True, "02:30"))
    d = date(2026, 10, 25)
    plan = [r for r in day_plan(s, d=d) if r.slot is M]
    assert [r.fire_utc.strftime("%H:%M") for r in plan] == ["00:30", "01:00", "01:30"]
    # Wall clock: 02:30 CEST, then 02:00 CET and 02:30 CET (the second pass).
    assert [(local(r), r.fire_at.utcoffset().seconds // 3600) for r in plan] == [
        ("02:30", 2), ("02:00", 1), ("02:30", 1)]


def test_plan_is_sorted_by_real_instant_not_clock_face():
    s = ReminderSettings(morning=SlotReminder(True, "02:30"), evening=SlotReminder(True, "02:15"))
    d = date(2026, 10, 25)
    plan = day_plan(s, d=d)
    instants = [r.fire_utc for r in plan]
    assert instants == sorted(instants)


def test_moving_zone_keeps_local_time():
    for tz in ("America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"):
        zone = ZoneInfo(tz)
        plan = day_plan(tz=tz)
        assert [local(r, zone) for r in plan] == ["08:00", "08:30", "09:00", "20:00", "20:30", "21:00"]


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        upcoming(ReminderSettings(), ReminderState(), TZ, datetime(2026, 6, 10), at(D, 12))


# --- due() ------------------------------------------------------------------------------
def test_due_is_the_half_open_window_and_skips_delivered():
    s, st = ReminderSettings(), ReminderState()
    assert due(s, st, TZ, at(D, 7, 59), at(D, 8, 0))[0].key == "2026-06-10/morning/main"
    assert due(s, st, TZ, at(D, 8, 0), at(D, 8, 1)) == []  # (last, now]: not again
    st = st.with_delivered(["2026-06-10/morning/main"])
    assert due(s, st, TZ, at(D, 7, 59), at(D, 8, 0)) == []
    assert due(s, st, TZ, None, at(D, 8, 0)) == []  # first run: nothing retroactive
    assert due(s, st, TZ, at(D, 9), at(D, 8)) == []  # clock went backwards


def test_due_late_within_grace_delivers_only_latest_per_slot_day():
    s = ReminderSettings(follow_up_minutes=5)
    got = due(s, ReminderState(), TZ, at(D, 7, 50), at(D, 8, 12))
    assert keys(got) == ["2026-06-10/morning/follow2"]  # not main+follow1+follow2


def test_due_never_returns_stale_reminders():
    s = ReminderSettings()
    assert due(s, ReminderState(), TZ, at(D, 7), at(D, 8, 16)) == []  # main 16 min old
    got = due(s, ReminderState(), TZ, at(D, 7), at(D, 8, 31))
    assert keys(got) == ["2026-06-10/morning/follow1"]


# --- missed_summary() -------------------------------------------------------------------
def test_closed_over_several_reminders_gives_one_calm_summary():
    s = ReminderSettings()
    last = at(D, 6)
    now = at(D + timedelta(days=2), 21, 30)  # closed for two and a half days
    assert due(s, ReminderState(), TZ, last, now) == []  # no burst
    summary = missed_summary(s, ReminderState(), TZ, last, now)
    assert summary.kind is ReminderKind.MISSED and summary.gentle
    assert summary.key == "2026-06-12/evening/missed"
    assert local(summary) == "20:00"
    told = ReminderState(delivered={summary.key})
    assert missed_summary(s, told, TZ, last, now) is None


def test_missed_summary_picks_most_recent_undone_untold_slot():
    s = ReminderSettings()
    last, now = at(D, 6), at(D, 23)
    st = ReminderState().with_done(D, E)
    assert missed_summary(s, st, TZ, last, now).key == "2026-06-10/morning/missed"
    st = st.with_done(D, M)
    assert missed_summary(s, st, TZ, last, now) is None
    told = ReminderState(delivered={"2026-06-10/evening/follow1"})
    assert missed_summary(s, told, TZ, last, now).key == "2026-06-10/morning/missed"


def test_no_summary_while_a_live_reminder_is_delivered():
    s = ReminderSettings()
    last, now = at(D, 6), at(D, 21, 0)  # morning missed; evening follow2 due now
    assert keys(due(s, ReminderState(), TZ, last, now)) == ["2026-06-10/evening/follow2"]
    assert missed_summary(s, ReminderState(), TZ, last, now) is None


def test_no_summary_when_nothing_was_missed_or_when_due_tells_anyway():
    s = ReminderSettings()
    assert missed_summary(s, ReminderState(), TZ, at(D, 8, 1), at(D, 8, 20)) is None
    assert missed_summary(s, ReminderState(), TZ, None, at(D, 23)) is None
    # Main went stale, but follow1 is fresh right now: due() tells, no summary.
    assert keys(due(s, ReminderState(), TZ, at(D, 7), at(D, 8, 35))) == ["2026-06-10/morning/follow1"]
    assert missed_summary(s, ReminderState(), TZ, at(D, 7), at(D, 8, 35)) is None


# --- sessions -> slot-days --------------------------------------------------------------
@pytest.mark.parametrize(
    "slot, started, expected",
    [
        (M, at(D + timedelta(days=1), 0, 40), D + timedelta(days=1)),  # after midnight: the new day, as Today
        (E, at(D, 14, 30), D),  # long before the 20:00 reminder: still this evening
        (M, at(D, 7, 30), D),  # early morning
        (M, at(D, 3, 0), D),  # very early riser
        (M, at(D, 13, 0), D),  # morning session done late: not tomorrow's
    ],
)
def test_the_day_a_session_counts_for(slot, started, expected):
    assert SessionRecord("s", slot, started, started).practice_day() == expected
    assert SessionRecord("s", slot, started, started).practice_day(BERLIN) == expected


def test_state_from_sessions_closes_slot_days():
    late = SessionRecord("s1", E, at(D, 22, 10), at(D, 22, 30))
    early = SessionRecord("s2", M, at(D + timedelta(days=1), 0, 10), at(D + timedelta(days=1), 0, 30))
    st = state_from_sessions([late, early])
    assert st.done == {(D, E), (D + timedelta(days=1), M)}


def test_state_round_trips_and_prunes():
    main = day_plan()[0]
    st = snooze(ReminderState(delivered={main.key}), main, at(D, 8, 5), 30)
    st = st.with_done(D - timedelta(days=20), E).with_skipped(D, E)
    back = ReminderState.from_dict(json.loads(json.dumps(st.to_dict())))
    assert back == st
    pruned = st.pruned(D - timedelta(days=1))
    assert pruned.done == frozenset() and pruned.skipped == {(D, E)}
    assert pruned.delivered == {main.key} and (D, M) in pruned.snoozes


def test_plan_window_includes_delivered_for_diagnostics():
    st = ReminderState(delivered={"2026-06-10/morning/main"})
    all_ = plan_window(ReminderSettings(), st, TZ, at(D, 0), at(D, 12))
    assert "2026-06-10/morning/main" in keys(all_)
    assert "2026-06-10/morning/main" not in keys(upcoming(ReminderSettings(), st, TZ, at(D, 0), at(D, 12)))


# --- issue 9: the rules that keep the promise across lives ----------------------------------
NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def test_a_session_keeps_the_date_of_the_offset_it_was_saved_with():
    ny_evening = datetime(2026, 6, 10, 20, 10, tzinfo=timezone(timedelta(hours=-4)))  # as stored
    record = SessionRecord("s", E, ny_evening, ny_evening + timedelta(minutes=9))
    assert record.practice_day() == D  # 01:10 on the 11th in London: still the 10th
    assert record.practice_day(LONDON) == D + timedelta(days=1)  # a calendar drawn in London's zone
    st = state_from_sessions([record])
    assert st.done == {(D, E)}
    with pytest.raises(ValueError):
        naive = datetime(2026, 6, 10, 20, 10)
        SessionRecord("s", E, naive, naive).practice_day()  # no offset: no place


def test_quiet_end_after_wraps_midnight_and_leaves_other_times_alone():
    s = ReminderSettings(quiet_start="22:00", quiet_end="07:00")
    assert quiet_end_after(s, TZ, at(D, 22, 5)) == at(D + timedelta(days=1), 7)
    assert quiet_end_after(s, TZ, at(D, 3, 0)) == at(D, 7)
    assert quiet_end_after(s, TZ, at(D, 12, 0)) == at(D, 12, 0)
    day = ReminderSettings(quiet_start="13:00", quiet_end="15:00")
    assert quiet_end_after(day, TZ, at(D, 14, 0)) == at(D, 15, 0)
    assert quiet_end_after(ReminderSettings(), TZ, at(D, 23, 0)) == at(D, 23, 0)


def test_a_snooze_landing_in_quiet_hours_lands_at_their_end():
    s = ReminderSettings(quiet_start="22:00", quiet_end="07:00")
    assert snooze_landing(s, TZ, at(D, 21, 0), 30) == at(D, 21, 30)
    assert snooze_landing(s, TZ, at(D, 21, 40), 30) == at(D + timedelta(days=1), 7, 0)
    # The spring-forward night: 07:00 exists; a quiet end in the gap moves to the next real minute.
    gap = ReminderSettings(quiet_start="01:00", quiet_end="02:30")
    assert snooze_landing(gap, TZ, at(date(2026, 3, 29), 1, 0), 10) == at(date(2026, 3, 29), 3, 0)


def test_replan_keeps_pending_follow_ups_the_new_settings_would_put_in_the_past():
    old = ReminderSettings()
    st = ReminderState(delivered={main_key(D, M)})
    shorter = replace(old, follow_up_minutes=10)
    after = replan_follow_ups(old, shorter, st, TZ, at(D, 8, 20))
    assert after.replans == {(D, M): (at(D, 8, 20).astimezone(UTC), 1)}
    assert [local(r) for r in upcoming(shorter, after, TZ, at(D, 8, 20), at(D, 12))] == ["08:30", "08:40"]
    # Later new times need no re-plan: they come at those times.
    longer = replace(old, follow_up_minutes=40)
    assert replan_follow_ups(old, longer, st, TZ, at(D, 8, 20)).replans == {}
    # Not told yet, done, or snoozed: nothing to keep.
    assert replan_follow_ups(old, shorter, ReminderState(), TZ, at(D, 8, 20)).replans == {}
    assert replan_follow_ups(old, shorter, st.with_done(D, M), TZ, at(D, 8, 20)).replans == {}
    # Nothing was pending any more under the old settings: nothing comes back.
    told = st.with_delivered([follow_up_key(D, M, 1), follow_up_key(D, M, 2)])
    assert replan_follow_ups(old, shorter, told, TZ, at(D, 9, 30)).replans == {}


def test_moved_past_is_what_a_flight_east_carried_into_the_past_unseen():
    s, st = ReminderSettings(), ReminderState()
    la, tokyo = ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Tokyo")
    check = at(D, 9, 0, la)  # last check in Los Angeles; now in Tokyo, 03:05 the next day
    now = at(D, 11, 5, la)
    assert keys(moved_past(s, st, tokyo, la, check, now)) == [main_key(D, E)]
    assert moved_past(s, st, tokyo, None, check, now) == []  # no trip
    assert moved_past(s, st, la, la, check, now) == []
    assert moved_past(s, st.with_delivered([main_key(D, E)]), tokyo, la, check, now) == []
    assert moved_past(s, st.with_delivered([missed_key(D, E)]), tokyo, la, check, now) == []
    assert moved_past(s, st.with_skipped(D, E), tokyo, la, check, now) == []
    # West: nothing is carried into the past (it comes round again, or is still ahead).
    assert moved_past(s, st, la, tokyo, at(D, 18, 0, tokyo), at(D, 19, 0, tokyo)) == []
    # The summary and the live delivery take it from there.
    assert missed_summary(s, st, tokyo, check, now, was_in=la).key == missed_key(D, E)
    assert missed_summary(s, st, tokyo, check, now) is None  # the old blind spot
    soon = at(D, 20, 5, LONDON)
    assert keys(due(s, st, LONDON, at(D, 20, 0, LONDON), soon, was_in=NY)) == [main_key(D, E)]


# --- issue 9, the midnight boundary: which slot-day a session answers ---------------------------
LATE_EVENING = ReminderSettings(evening=SlotReminder(True, "23:30"))  # follow-ups 00:00 and 00:30
NEXT = D + timedelta(days=1)


@pytest.mark.parametrize("hh, mm, expected", [
    (23, 35, (D, E)),  # answering the main reminder
    (0, 5, (D, E)),  # after midnight, within the follow-ups: still that evening
    (0, 59, (D, E)),  # one interval after the last follow-up (00:30) is still the window
    (1, 0, (NEXT, M)),  # past it: the new day's morning, as the time of day says
    (7, 50, (NEXT, M)),
])
def test_a_session_after_midnight_belongs_to_the_evening_reminder_it_answers(hh, mm, expected):
    started = at(D if hh >= 12 else NEXT, hh, mm)
    slot = E if hh >= 12 else M  # what the day split gives
    assert slot_day_for(LATE_EVENING, ReminderState(), TZ, started, slot) == expected


def test_no_open_window_means_the_date_and_slot_the_session_started_on():
    started = at(NEXT, 0, 5)
    done = ReminderState().with_done(D, E)
    skipped = ReminderState().with_skipped(D, E)
    evening_off = replace(LATE_EVENING, evening=SlotReminder(False, "23:30"))
    not_on_wednesdays = replace(LATE_EVENING, evening=SlotReminder(True, "23:30", {0, 1, 3, 4, 5, 6}))
    for settings, state in ((LATE_EVENING, done), (LATE_EVENING, skipped), (evening_off, ReminderState()),
                            (not_on_wednesdays, ReminderState())):
        assert slot_day_for(settings, state, TZ, started, M) == (NEXT, M)
    assert slot_day_for(LATE_EVENING, ReminderState(), TZ, at(D, 23, 29), E) == (D, E)  # before the reminder


def test_a_pending_snooze_keeps_the_window_open_past_the_follow_ups():
    snoozed = ReminderState().with_snooze(D, E, at(NEXT, 1, 30))
    assert slot_day_for(LATE_EVENING, snoozed, TZ, at(NEXT, 1, 10), M) == (D, E)  # before it comes
    assert slot_day_for(LATE_EVENING, snoozed, TZ, at(NEXT, 1, 50), M) == (D, E)  # just after
    assert slot_day_for(LATE_EVENING, snoozed, TZ, at(NEXT, 2, 0), M) == (NEXT, M)  # an interval later


def test_quiet_hours_silence_follow_ups_but_do_not_shorten_the_window():
    quiet = replace(LATE_EVENING, quiet_start="23:00", quiet_end="07:00")
    assert slot_day_for(quiet, ReminderState(), TZ, at(NEXT, 0, 40), M) == (D, E)


def test_the_latest_open_reminder_wins():
    early_evening = ReminderSettings(morning=SlotReminder(True, "06:00"), evening=SlotReminder(True, "23:30"),
                                     follow_up_minutes=240)  # the evening's window reaches 10:30
    assert slot_day_for(early_evening, ReminderState(), TZ, at(NEXT, 5, 0), M) == (D, E)
    assert slot_day_for(early_evening, ReminderState(), TZ, at(NEXT, 6, 10), M) == (NEXT, M)


def test_the_window_follows_a_re_plan_and_real_minutes_over_the_dst_night():
    replanned = ReminderState().with_replan(D, E, at(NEXT, 0, 20), 2)  # follow2 moved to 00:50
    assert slot_day_for(LATE_EVENING, replanned, TZ, at(NEXT, 1, 15), M) == (D, E)
    spring, sunday = date(2026, 3, 28), date(2026, 3, 29)  # Berlin skips 02:00-03:00 that night
    s = ReminderSettings(evening=SlotReminder(True, "23:30"), follow_up_minutes=60)  # window: 3 real hours
    assert slot_day_for(s, ReminderState(), TZ, at(sunday, 3, 25), M) == (spring, E)  # 2 h 55 after 23:30
    assert slot_day_for(s, ReminderState(), TZ, at(sunday, 3, 35), M) == (sunday, M)  # 3 h 05 after
