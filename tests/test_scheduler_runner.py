"""The in-process runner: listeners, exactly-once delivery, rebuilds, restarts,
the process-wide registry and the APScheduler wiring (without waiting)."""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from data.models import SessionRecord, Slot  # noqa: E402
from scheduler import runner as runner_mod  # noqa: E402
from scheduler.plan import Reminder, ReminderKind, ReminderState  # noqa: E402
from scheduler.runner import (  # noqa: E402
    HEARTBEAT_JOB_ID,
    WAKE_JOB_ID,
    CallbackStore,
    MemoryStore,
    ReminderRunner,
    RunnerMemory,
    get_runner,
    reset_runner,
)
from scheduler.settings import ReminderSettings, SlotReminder  # noqa: E402

UTC = timezone.utc
TZ = "Europe/Berlin"
BERLIN = ZoneInfo(TZ)
M, E = Slot.MORNING, Slot.EVENING
D = date(2026, 6, 10)



def off_loop(fn, *args):
    """Call fn in a thread of its own: when the end-to-end tests run in the same pytest session,
    Playwright's event loop is running in this thread (asyncio.run would refuse, and tasks
    created on that loop would never run)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def run(coro):
    return off_loop(asyncio.run, coro)

def at(d: date, hh: int, mm: int = 0, ss: int = 0, tz: ZoneInfo = BERLIN) -> datetime:
    return datetime.combine(d, time(hh, mm, ss), tzinfo=tz)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Inbox:
    """A listener standing in for one open UI session."""

    def __init__(self) -> None:
        self.got: list[Reminder] = []

    def __call__(self, r: Reminder) -> None:
        self.got.append(r)

    @property
    def keys(self) -> list[str]:
        return [r.key for r in self.got]


def make(clock_at: datetime, **kw) -> tuple[ReminderRunner, FakeClock]:
    clock = FakeClock(clock_at)
    kw.setdefault("settings", ReminderSettings())
    kw.setdefault("tz", TZ)
    r = ReminderRunner(clock=clock, **kw)
    r.tick()  # first check: establishes last_check, delivers nothing
    return r, clock


def test_every_listener_gets_each_reminder_exactly_once():
    runner, clock = make(at(D, 7, 0))
    inboxes = [Inbox() for _ in range(3)]
    for box in inboxes:
        runner.subscribe(box)
    runner.subscribe(inboxes[0])  # subscribing twice does not double deliveries
    assert runner.listener_count == 3
    for t in (at(D, 7, 59), at(D, 8, 0), at(D, 8, 0), at(D, 8, 0, 30), at(D, 8, 1)):
        clock.now = t
        runner.tick()
    for box in inboxes:
        assert box.keys == ["2026-06-10/morning/main"]


def test_unsubscribed_session_gets_nothing_and_others_still_do():
    runner, clock = make(at(D, 7, 0))
    a, b = Inbox(), Inbox()
    unsubscribe_a = runner.subscribe(a)
    runner.subscribe(b)
    unsubscribe_a()
    runner.tick(at(D, 8, 0))
    assert a.keys == [] and b.keys == ["2026-06-10/morning/main"]
    runner.unsubscribe(b)
    runner.unsubscribe(b)  # harmless
    assert runner.listener_count == 0


def test_a_failing_listener_does_not_starve_the_others():
    runner, _ = make(at(D, 7, 0))

    def broken(r):
        raise RuntimeError("closed page")

    good = Inbox()
    runner.subscribe(broken)
    runner.subscribe(good)
    assert [r.key for r in runner.tick(at(D, 8, 0))] == ["2026-06-10/morning/main"]
    assert good.keys == ["2026-06-10/morning/main"]


def test_async_listener_is_awaited():
    runner, _ = make(at(D, 7, 0))
    seen = []

    async def handler(r):
        seen.append(r.key)

    runner.subscribe(handler)
    off_loop(runner.tick, at(D, 8, 0))  # no loop running there: the handler is run at once
    assert seen == ["2026-06-10/morning/main"]


def test_rebuild_on_settings_change_does_not_double_fire():
    runner, clock = make(at(D, 7, 0))
    box = Inbox()
    runner.subscribe(box)
    runner.tick(at(D, 8, 0))
    # At 08:05 the user moves the morning to 08:10 (and back, and again).
    clock.now = at(D, 8, 5)
    for hhmm in ("08:10", "08:00", "08:10"):
        runner.configure(settings=ReminderSettings(morning=SlotReminder(True, hhmm)))
    for t in (at(D, 8, 10), at(D, 8, 11), at(D, 8, 40), at(D, 9, 10), at(D, 9, 11)):
        clock.now = t
        runner.tick()
    # 08:10 main is the same key as 08:00's: not again. Follow-ups follow the new time.
    assert box.keys == ["2026-06-10/morning/main", "2026-06-10/morning/follow1",
                        "2026-06-10/morning/follow2"]
    assert [r.fire_utc.astimezone(BERLIN).strftime("%H:%M") for r in box.got] == ["08:00", "08:40", "09:10"]


def test_configure_settles_what_was_due_then_changes_the_future():
    runner, clock = make(at(D, 7, 0))
    box = Inbox()
    runner.subscribe(box)
    clock.now = at(D, 8, 3)  # 08:00 was due but no tick ran yet (heartbeat pending)
    runner.configure(settings=ReminderSettings(morning=SlotReminder(False, "08:00")))
    assert box.keys == ["2026-06-10/morning/main"]
    # Moving a reminder into the past does not fire it late.
    runner.configure(settings=ReminderSettings(morning=SlotReminder(True, "06:00")), now=at(D, 8, 4))
    runner.tick(at(D, 8, 5))
    assert box.keys == ["2026-06-10/morning/main"]


def test_time_zone_change_keeps_local_time_and_does_not_repeat_a_day():
    runner, clock = make(at(D, 7, 0))
    box = Inbox()
    runner.subscribe(box)
    runner.tick(at(D, 8, 0))
    runner.mark_done(D, M)
    # Fly to New York: arrive 13:00 New York time (19:00 Berlin) on the same date.
    ny = ZoneInfo("America/New_York")
    clock.now = at(D, 13, 0, tz=ny)
    runner.move_to("America/New_York")
    assert runner.tz == "America/New_York"
    nxt = runner.next_wake()
    assert nxt.key == "2026-06-10/evening/main"
    assert nxt.fire_at.astimezone(UTC).astimezone(ny).strftime("%H:%M") == "20:00"
    runner.tick(at(D, 20, 0, tz=ny))
    assert box.keys == ["2026-06-10/morning/main", "2026-06-10/evening/main"]


def test_restart_remembers_delivered_keys_and_catches_up_within_grace():
    store = MemoryStore()
    runner, clock = make(at(D, 7, 0), store=store)
    box = Inbox()
    runner.subscribe(box)
    runner.tick(at(D, 8, 0))
    # Process dies at 08:01 and comes back at 08:02: nothing repeats.
    clock.now = at(D, 8, 2)
    again = ReminderRunner(ReminderSettings(), TZ, store=store, clock=clock)
    box2 = Inbox()
    again.subscribe(box2)
    again.tick()
    assert box2.keys == []
    # Dies at 08:25, back at 08:35: follow1 (08:30) is 5 min old -> still sent once.
    again.tick(at(D, 8, 25))
    clock.now = at(D, 8, 35)
    third = ReminderRunner(ReminderSettings(), TZ, store=store, clock=clock)
    box3 = Inbox()
    third.subscribe(box3)
    third.tick()
    third.tick()
    assert box3.keys == ["2026-06-10/morning/follow1"]


def test_memory_survives_json_through_a_callback_store():
    saved: dict = {}
    store = CallbackStore(lambda: saved.get("doc"), lambda d: saved.update(doc=json.loads(json.dumps(d))))
    runner, clock = make(at(D, 7, 0), store=store)
    runner.tick(at(D, 8, 0))
    reminder = Reminder("2026-06-10/morning/main", M, D, ReminderKind.MAIN, at(D, 8))
    runner.snooze(reminder, 30, now=at(D, 8, 2))
    runner.mark_skipped(D, E)
    back = store.load()
    assert back.last_check == at(D, 8, 0)
    assert "2026-06-10/morning/main" in back.delivered
    assert back.state.snoozes == {(D, M): at(D, 8, 32)}
    assert back.state.skipped == {(D, E)}
    assert RunnerMemory.from_dict(None) == RunnerMemory()


def test_snooze_done_and_skip_through_the_runner():
    runner, clock = make(at(D, 7, 0))
    box = Inbox()
    runner.subscribe(box)
    [main] = runner.tick(at(D, 8, 0))
    until = runner.snooze(main, 10, now=at(D, 8, 1))
    assert until == at(D, 8, 11)
    assert runner.next_wake(at(D, 8, 1)).kind is ReminderKind.SNOOZE
    runner.tick(at(D, 8, 11))
    runner.tick(at(D, 8, 30))  # no follow-ups: the snooze replaced them
    # The session is recorded; evening skipped.
    runner.record_session(SessionRecord("s", M, at(D, 8, 20), at(D, 8, 35)))
    runner.mark_skipped(D, E)
    for t in (at(D, 9), at(D, 20), at(D, 20, 30), at(D, 21)):
        runner.tick(t)
    assert box.keys == ["2026-06-10/morning/main", "2026-06-10/morning/snooze-20260610T0611Z"]


def test_closed_app_gets_one_missed_summary_not_a_burst():
    store = MemoryStore()
    runner, _ = make(at(D, 7, 0), store=store)
    runner.tick(at(D, 7, 30))
    # Closed 07:30 on day 1 until 21:00 on day 3: 6 main reminders, 12 follow-ups.
    later = ReminderRunner(ReminderSettings(), TZ, store=store, clock=FakeClock(at(D, 7, 30)))
    box = Inbox()
    later.subscribe(box)
    reopen = at(D + timedelta(days=2), 21, 20)  # the 21:00 follow-up is 20 min old
    later.tick(reopen)
    later.tick(reopen + timedelta(seconds=1))
    assert box.keys == ["2026-06-12/evening/missed"]
    assert box.got[0].gentle and box.got[0].kind is ReminderKind.MISSED
    # Reopened at 20:05 instead: the evening reminder is fresh -> only it, no summary
    # (not even about the morning: one message on reopening).
    other = ReminderRunner(ReminderSettings(), TZ,
                           store=MemoryStore(RunnerMemory(ReminderState(), at(D, 7, 30))),
                           clock=FakeClock(at(D, 7, 30)))
    box2 = Inbox()
    other.subscribe(box2)
    other.tick(at(D + timedelta(days=2), 20, 5))
    assert box2.keys == ["2026-06-12/evening/main"]


def test_clock_going_backwards_does_not_repeat_or_lose():
    runner, clock = make(at(D, 7, 0))
    box = Inbox()
    runner.subscribe(box)
    runner.tick(at(D, 8, 0))
    runner.tick(at(D, 9, 30))  # wrong clock, jumped ahead (follow-ups went stale)
    runner.tick(at(D, 7, 50))  # corrected back
    runner.tick(at(D, 8, 0))
    runner.tick(at(D, 8, 30))
    runner.tick(at(D, 9, 0))
    assert box.keys == ["2026-06-10/morning/main", "2026-06-10/morning/follow1",
                        "2026-06-10/morning/follow2"]


def test_naive_now_is_refused():
    runner, _ = make(at(D, 7, 0))
    with pytest.raises(ValueError):
        runner.tick(datetime(2026, 6, 10, 8))


def test_one_runner_per_process():
    reset_runner()
    try:
        a = get_runner(settings=ReminderSettings(), tz=TZ, clock=FakeClock(at(D, 7)))
        b = get_runner(tz="America/New_York")  # later kwargs ignored: same runner
        assert a is b and b.tz == TZ
    finally:
        reset_runner()
    assert runner_mod._runner is None


def test_apscheduler_wakes_the_runner_at_the_planned_instant():
    """Production wiring without waiting: inspect the jobs, call the wake job."""
    future = date(2031, 6, 10)  # far enough ahead of the real clock that nothing runs
    clock = FakeClock(at(future, 7, 0))

    async def scenario():
        runner = ReminderRunner(ReminderSettings(), TZ, clock=clock)
        box = Inbox()
        runner.subscribe(box)
        runner.start()
        runner.start()  # idempotent: still one scheduler, one job of each kind
        with pytest.raises(RuntimeError):  # a second scheduler in the process is refused
            ReminderRunner(ReminderSettings(), TZ, clock=clock).start()
        sched = runner._scheduler
        assert sorted(j.id for j in sched.get_jobs()) == sorted([HEARTBEAT_JOB_ID, WAKE_JOB_ID])
        assert runner.scheduled_wake() == at(future, 8, 0)
        # A settings change moves the wake-up.
        runner.configure(settings=ReminderSettings(morning=SlotReminder(True, "07:45")))
        assert runner.scheduled_wake() == at(future, 7, 45)
        # The job fires (APScheduler would call it at 07:45): one delivery.
        clock.now = at(future, 7, 45)
        await sched.get_job(WAKE_JOB_ID).func()
        await sched.get_job(HEARTBEAT_JOB_ID).func()  # a heartbeat right after: nothing
        assert box.keys == [f"{future.isoformat()}/morning/main"]
        assert runner.scheduled_wake() == at(future, 8, 15)  # re-armed for follow1
        # Everything off: no wake job at all, only the heartbeat.
        off = ReminderSettings(morning=SlotReminder(False, "07:45"), evening=SlotReminder(False, "20:00"))
        runner.configure(settings=off)
        assert runner.scheduled_wake() is None
        assert [j.id for j in sched.get_jobs()] == [HEARTBEAT_JOB_ID]
        runner.shutdown()
        await asyncio.sleep(0)  # let the loop run the scheduled shutdown callback

    run(scenario())


def test_wake_job_waits_real_time_when_the_runner_clock_is_offset():
    """A runner on a shifted clock (the app's --clock-offset) still wakes on its own minute."""
    real = datetime.now(timezone.utc)
    clock = FakeClock((real - timedelta(days=400)).astimezone(BERLIN).replace(hour=7, minute=59, second=30,
                                                                               microsecond=0))

    async def scenario():
        runner = ReminderRunner(ReminderSettings(), TZ, clock=clock)
        runner.start()
        fire = runner.scheduled_wake()
        assert fire == clock.now.replace(hour=8, minute=0, second=0)  # on the runner's clock
        job = runner._scheduler.get_job(WAKE_JOB_ID)
        wait = job.next_run_time - datetime.now(timezone.utc)
        assert timedelta(seconds=28) < wait <= timedelta(seconds=30)  # 30 s of real time, not 400 days ago
        runner.shutdown()
        await asyncio.sleep(0)

    run(scenario())


# --- issue 9: trips, settings changes and snoozes through the runner -----------------------
def test_the_zone_of_the_last_check_survives_a_restart_and_a_trip_is_told_on_the_next_tick():
    store = MemoryStore()
    la, tokyo = ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Tokyo")
    runner, clock = make(at(D, 9, 0, tz=la), tz="America/Los_Angeles", store=store)
    assert RunnerMemory.from_dict(json.loads(json.dumps(store.memory.to_dict()))).tz == "America/Los_Angeles"
    # Reopened in Tokyo (a new process, planning in Tokyo): the Los Angeles evening it skipped is missed.
    clock.now = at(D, 11, 5, tz=la)
    again = ReminderRunner(ReminderSettings(), "Asia/Tokyo", store=store, clock=clock)
    box = Inbox()
    again.subscribe(box)
    again.tick()
    assert box.keys == ["2026-06-10/evening/missed"]
    assert store.memory.tz == "Asia/Tokyo"
    # With the app open, move_to does the same at the next tick.
    runner, clock = make(at(D, 9, 0, tz=la), tz="America/Los_Angeles")
    box = Inbox()
    runner.subscribe(box)
    clock.now = at(D, 11, 5, tz=la)
    runner.move_to("Asia/Tokyo")
    assert runner.tz == "Asia/Tokyo" and box.keys == []
    runner.tick()
    assert box.keys == ["2026-06-10/evening/missed"]
    assert tokyo.key == runner.tz


def test_a_stored_zone_that_is_not_a_zone_is_ignored():
    memory = RunnerMemory.from_dict({"state": {}, "last_check": None, "tz": "Mars/Olympus"})
    runner = ReminderRunner(ReminderSettings(), TZ, store=MemoryStore(memory), clock=FakeClock(at(D, 7)))
    runner.tick()
    assert runner.tick(at(D, 8, 0))[0].key == "2026-06-10/morning/main"
    assert RunnerMemory.from_dict({"tz": 5}).tz is None


def test_configure_re_plans_pending_follow_ups_and_moves_a_snooze_out_of_new_quiet_hours():
    store = MemoryStore()
    runner, clock = make(at(D, 7, 0), store=store)
    box = Inbox()
    runner.subscribe(box)
    runner.tick(at(D, 8, 0))
    clock.now = at(D, 8, 20)
    runner.configure(settings=ReminderSettings(follow_up_minutes=10))
    again = ReminderRunner(ReminderSettings(follow_up_minutes=10), TZ, store=store, clock=clock)
    again.subscribe(box)
    for t in (at(D, 8, 30), at(D, 8, 40)):
        again.tick(t)
    assert box.keys[1:] == ["2026-06-10/morning/follow1", "2026-06-10/morning/follow2"]
    # Evening: snoozed until 21:10, then quiet hours from 21:00 are set at 20:50.
    evening = Reminder("2026-06-10/evening/main", E, D, ReminderKind.MAIN, at(D, 20))
    again.snooze_until(evening, at(D, 21, 10))
    clock.now = at(D, 20, 50)
    again.configure(settings=ReminderSettings(quiet_start="21:00", quiet_end="07:00"))
    assert again.state.snoozes[(D, E)] == at(D + timedelta(days=1), 7, 0)
