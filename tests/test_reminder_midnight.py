"""Issue 9, item 4, "The midnight boundary": through the app's own hub and player, on a fake clock.

A session started within the follow-up window of a reminder (or a snooze) belongs to that
reminder's slot-day: begun at 00:05 after the 23:30 evening reminder, it closes that evening
(its follow-ups stop at once) and the next morning is still reminded. The session is made by
the player (data/screens/session.py) wired as the app wires it (views/session.py): the hub's
slot_day_for as pressing begins, the hub's session_saved on every save. Deleting a session
from the history list opens its slot-day again (hub.session_deleted).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from data.journal.sessions import SlotState, day_status, delete_session, save_session, sessions_on
from data.journal.stats import adherence_calendar
from data.models import SessionRecord, Slot
from data.screens.session import PracticeSession
from scheduler.hub import ReminderHub, parse_reminder_key
from scheduler.plan import follow_up_key, main_key, snooze_key
from scheduler.runner import reset_runner
from scheduler.settings import ReminderSettings, SlotReminder
from tests.test_reminder_lives import LONDON, Clock, Zone, at, first_check, open_app, tick_at

M, E = Slot.MORNING, Slot.EVENING
D = date(2026, 6, 10)  # a Wednesday
NEXT = D + timedelta(days=1)
BERLIN = ZoneInfo("Europe/Berlin")
LATE_EVENING = ReminderSettings(evening=SlotReminder(True, "23:30"))  # follow-ups 00:00 and 00:30


@pytest.fixture(autouse=True)
def one_runner_per_test():
    reset_runner()
    yield
    reset_runner()


def press(hub: ReminderHub) -> SessionRecord:
    """A session pressed in the player now, wired as views/session.py wires it; the record saved."""
    timer = [100.0]
    saved: list[SessionRecord] = []

    def on_saved(record: SessionRecord) -> None:
        saved.append(record)
        hub.session_saved(record)

    session = PracticeSession(hub.store, hub.local_now, lambda: timer[0], hub.settings.day_split(),
                              on_saved, hub.slot_day_for)
    session.start()
    timer[0] += 60
    session.advance()
    while not session.player.finished:  # the whole routine, point by point
        timer[0] += 60
        session.advance()
    session.leave()
    assert saved and saved[-1].finished, "the routine was gone through and saved"
    return saved[-1]


def evening_app(tmp_path, start: datetime, settings: ReminderSettings = LATE_EVENING, zone: ZoneInfo = LONDON):
    clock, device = Clock(start), Zone(zone)
    hub, link = open_app(tmp_path, clock, device)
    hub.save_settings(settings)
    first_check(hub)
    return hub, link, clock, device


def test_a_session_at_00_05_closes_the_23_30_evening_and_the_morning_still_comes(tmp_path):
    hub, link, clock, _ = evening_app(tmp_path, at(D, 23, 0))
    tick_at(hub, clock, at(D, 23, 30), at(NEXT, 0, 0))
    assert link.shown == [main_key(D, E), follow_up_key(D, E, 1)]
    clock.now = at(NEXT, 0, 5)
    record = press(hub)
    assert (record.slot, record.for_day, record.started_at.date()) == (E, D, NEXT)
    assert link.open is None  # the open prompt closed at once
    tick_at(hub, clock, at(NEXT, 0, 30), at(NEXT, 1, 0))
    assert link.shown == [main_key(D, E), follow_up_key(D, E, 1)]  # no 00:30 nag
    # Today, the calendar and the next process agree: the evening of the 10th is done.
    assert day_status(sessions_on(hub.store, D))[E].state is SlotState.DONE
    assert sessions_on(hub.store, NEXT) == []
    assert [(d.day, d.evening) for d in adherence_calendar([record], LONDON, D, NEXT)] == [(D, True), (NEXT, False)]
    hub, link = open_app(tmp_path, clock, Zone(LONDON))
    first_check(hub)
    assert (D, E) in hub.runner.state.done and (NEXT, M) not in hub.runner.state.done
    tick_at(hub, clock, at(NEXT, 8, 0), at(NEXT, 8, 30), at(NEXT, 9, 0))
    assert link.shown == [main_key(NEXT, M), follow_up_key(NEXT, M, 1), follow_up_key(NEXT, M, 2)]
    assert link.when == [at(NEXT, 8, 0), at(NEXT, 8, 30), at(NEXT, 9, 0)]


def test_a_snooze_across_midnight_keeps_the_session_for_the_evening(tmp_path):
    settings = ReminderSettings(evening=SlotReminder(True, "23:00"), snooze_minutes=30)
    hub, link, clock, _ = evening_app(tmp_path, at(D, 22, 30), settings)
    tick_at(hub, clock, at(D, 23, 0), at(D, 23, 30))
    clock.now = at(D, 23, 50)
    until = hub.snooze(parse_reminder_key(follow_up_key(D, E, 1), clock.now))
    assert until == at(NEXT, 0, 20)
    clock.now = at(NEXT, 0, 10)  # before the snooze comes back: past every follow-up's window
    record = press(hub)
    assert (record.slot, record.for_day) == (E, D)
    tick_at(hub, clock, at(NEXT, 0, 20), at(NEXT, 1, 0))
    assert snooze_key(D, E, until) not in link.shown
    tick_at(hub, clock, at(NEXT, 8, 0))
    assert link.shown[-1] == main_key(NEXT, M)


def test_a_session_just_after_the_snooze_came_back_is_still_the_evening(tmp_path):
    settings = ReminderSettings(evening=SlotReminder(True, "23:00"), snooze_minutes=60, max_follow_ups=0)
    hub, link, clock, _ = evening_app(tmp_path, at(D, 22, 30), settings)
    tick_at(hub, clock, at(D, 23, 0))
    clock.now = at(D, 23, 5)
    hub.snooze(parse_reminder_key(main_key(D, E), clock.now))
    tick_at(hub, clock, at(NEXT, 0, 5))
    assert link.shown[-1] == snooze_key(D, E, at(NEXT, 0, 5))
    clock.now = at(NEXT, 0, 25)
    record = press(hub)
    assert (record.slot, record.practice_day()) == (E, D)


def test_a_session_at_00_05_with_no_reminder_pending_counts_for_the_new_day(tmp_path):
    hub, link, clock, _ = evening_app(tmp_path, at(D, 21, 0))
    clock.now = at(D, 21, 10)
    evening = press(hub)  # the evening done early: no reminder is pending at midnight
    assert (evening.slot, evening.for_day) == (E, None)
    tick_at(hub, clock, at(D, 23, 30))
    clock.now = at(NEXT, 0, 5)
    record = press(hub)
    assert (record.slot, record.for_day, record.practice_day()) == (M, None, NEXT)
    tick_at(hub, clock, at(NEXT, 8, 0), at(NEXT, 8, 30))
    assert link.shown == []  # the morning of the 11th is done: nothing to remind
    # With the evening's reminder off, a 00:05 session is the new day's too.
    hub.save_settings(hub.settings.with_slot(E, SlotReminder(False, "23:30")))
    clock.now = at(NEXT + timedelta(days=1), 0, 5)
    assert press(hub).practice_day() == NEXT + timedelta(days=1)


def test_the_dst_night_counts_real_minutes(tmp_path):
    spring, sunday = date(2026, 3, 28), date(2026, 3, 29)  # London skips 01:00-02:00 on the 29th
    settings = ReminderSettings(evening=SlotReminder(True, "23:30"), follow_up_minutes=45)
    hub, link, clock, _ = evening_app(tmp_path, at(spring, 23, 0), settings)
    tick_at(hub, clock, at(spring, 23, 30), at(sunday, 0, 15), at(sunday, 2, 0))  # 01:00 GMT = 02:00 BST
    assert link.shown == [main_key(spring, E), follow_up_key(spring, E, 1), follow_up_key(spring, E, 2)]
    clock.now = at(sunday, 2, 40)  # 3 h 10 on the wall clock, 2 h 10 in real time after 23:30
    record = press(hub)
    assert (record.slot, record.for_day) == (E, spring)
    tick_at(hub, clock, at(sunday, 8, 0))
    assert link.shown[-1] == main_key(sunday, M)
    clock.now = at(sunday + timedelta(days=1), 1, 50)  # no DST: 2 h 20 after, past the window (2 h 15)
    tick_at(hub, clock, clock.now)
    assert press(hub).practice_day() == sunday + timedelta(days=1)


def test_a_flight_east_around_midnight_keeps_the_evening_it_answers(tmp_path):
    hub, link, clock, device = evening_app(tmp_path, at(D, 23, 0))
    tick_at(hub, clock, at(D, 23, 30))
    # At 23:40 in London the phone lands in Berlin's zone: 00:40 on the 11th there.
    device.name = BERLIN.key
    clock.now = at(D, 23, 40)
    hub.check_zone()
    clock.now = at(NEXT, 0, 45, BERLIN)
    record = press(hub)
    assert record.started_at.date() == NEXT and (record.slot, record.for_day) == (E, D)
    tick_at(hub, clock, at(NEXT, 1, 0, BERLIN), at(NEXT, 1, 30, BERLIN))
    assert [k for k in link.shown if k.startswith(D.isoformat())] == [main_key(D, E)]
    tick_at(hub, clock, at(NEXT, 8, 0, BERLIN))
    assert link.shown[-1] == main_key(NEXT, M) and link.when[-1] == at(NEXT, 8, 0, BERLIN)


def test_a_deleted_session_brings_back_what_is_still_due_of_its_slot_day(tmp_path):
    hub, link, clock, _ = evening_app(tmp_path, at(D, 19, 0), ReminderSettings())
    tick_at(hub, clock, at(D, 20, 0))
    clock.now = at(D, 20, 5)
    record = press(hub)
    assert (D, E) in hub.runner.state.done
    clock.now = at(D, 20, 10)
    assert delete_session(hub.store, record)  # the history list's delete...
    hub.session_deleted(record)  # ...then the one call that tells the reminders
    assert (D, E) not in hub.runner.state.done
    tick_at(hub, clock, at(D, 20, 30), at(D, 21, 0))
    assert link.shown == [main_key(D, E), follow_up_key(D, E, 1), follow_up_key(D, E, 2)]  # main not again
    # Undo puts it back: saved again and told again, the slot-day is done again.
    clock.now = at(D, 21, 5)
    save_session(hub.store, record)
    hub.session_saved(record)
    assert (D, E) in hub.runner.state.done


def test_deleting_one_of_two_sessions_of_a_slot_day_keeps_it_done(tmp_path):
    hub, link, clock, _ = evening_app(tmp_path, at(D, 19, 0), ReminderSettings())
    tick_at(hub, clock, at(D, 20, 0))
    clock.now = at(D, 20, 5)
    first = press(hub)
    clock.now = at(D, 20, 25)
    second = press(hub)
    assert first.id != second.id and first.slot == second.slot == E
    delete_session(hub.store, first)
    hub.session_deleted(first)
    assert (D, E) in hub.runner.state.done
    tick_at(hub, clock, at(D, 20, 30), at(D, 21, 0))
    assert link.shown == [main_key(D, E)]
    # The late 00:05 session of a 23:30 evening: deleting it opens that evening, not the new morning.
    hub.save_settings(LATE_EVENING)
    tick_at(hub, clock, at(NEXT, 23, 30))
    clock.now = at(NEXT + timedelta(days=1), 0, 5)
    late = press(hub)
    assert late.practice_day() == NEXT
    delete_session(hub.store, late)
    hub.session_deleted(late)
    assert (NEXT, E) not in hub.runner.state.done
    tick_at(hub, clock, at(NEXT + timedelta(days=1), 0, 30))
    assert link.shown[-1] == follow_up_key(NEXT, E, 2)
