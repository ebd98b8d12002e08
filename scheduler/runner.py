"""The in-process reminder runner: one per process, many listeners.

Every open UI session subscribes a listener; when a reminder falls due the
runner calls each listener once with it. Exactly-once does not depend on
APScheduler: the only thing that delivers is `tick(now)`, which asks the pure
planner what fell due since the last check, records the keys as delivered
(through the app's persistence callback) *before* calling listeners, and so
never delivers a key twice, whatever rebuilds, restarts or duplicate wake-ups
happen in between. (Persisting first means a crash in the middle loses a
reminder rather than repeating it; the brief asks for never twice.)

APScheduler's AsyncIOScheduler only decides *when* to call tick: one job at
the next planned instant (re-armed after every tick and every change) plus a
one-minute heartbeat, which bounds the delay after the machine slept or the
wall clock jumped. Tests drive tick(now) directly with a fake clock.
"""
from __future__ import annotations

import asyncio
import inspect
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from data.models import SessionRecord, Slot
from scheduler.plan import (
    DEFAULT_GRACE,
    Reminder,
    ReminderState,
    due,
    missed_summary,
    next_reminder,
    quiet_end_after,
    replan_follow_ups,
    snooze_until,
)
from scheduler.settings import ReminderSettings
from scheduler.wallclock import UTC, utc

log = logging.getLogger(__name__)

Listener = Callable[[Reminder], Any]
Clock = Callable[[], datetime]
WAKE_JOB_ID = "presspoint-reminders-wake"
HEARTBEAT_JOB_ID = "presspoint-reminders-heartbeat"
KEEP_STATE = timedelta(days=10)  # slot-days older than this can never be due again


def system_clock() -> datetime:
    return datetime.now(UTC)


def _zone_or(name: str | None, default: ZoneInfo) -> ZoneInfo:
    """A stored zone name, or `default` when there is none or it is not a zone."""
    try:
        return ZoneInfo(name) if name else default
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError; bad paths a ValueError
        return default


@dataclass(frozen=True)
class RunnerMemory:
    """What must survive a restart: the reminder state, the last check and its zone.

    The state carries delivered keys (exactly-once), snoozes and skips (the
    user asked for them; a restart must not forget them) and done slot-days
    (the app may also re-feed those from its session store). `tz` is the zone
    in force at the last check: reopened after a flight, the runner can tell
    what the person missed in the zone they were in (plan.moved_past).
    """

    state: ReminderState = field(default_factory=ReminderState)
    last_check: datetime | None = None
    tz: str | None = None

    @property
    def delivered(self) -> frozenset[str]:
        return self.state.delivered

    def to_dict(self) -> dict:
        return {
            "state": self.state.to_dict(),
            "last_check": utc(self.last_check).isoformat() if self.last_check else None,
            "tz": self.tz,
        }

    @classmethod
    def from_dict(cls, d: dict | None) -> RunnerMemory:
        if not d:
            return cls()
        last = d.get("last_check")
        tz = d.get("tz")
        return cls(
            ReminderState.from_dict(d.get("state")),
            datetime.fromisoformat(last) if last else None,
            tz if isinstance(tz, str) else None,
        )


class RunnerStore(Protocol):
    """The app's persistence callback (a tinydb document, a JSON file...)."""

    def load(self) -> RunnerMemory: ...

    def save(self, memory: RunnerMemory) -> None: ...


@dataclass
class MemoryStore:
    """A RunnerStore kept in memory (tests; platforms without storage)."""

    memory: RunnerMemory = field(default_factory=RunnerMemory)
    saves: int = 0

    def load(self) -> RunnerMemory:
        return self.memory

    def save(self, memory: RunnerMemory) -> None:
        self.memory = memory
        self.saves += 1


@dataclass
class CallbackStore:
    """A RunnerStore from two plain callables working on JSON-ready dicts."""

    load_dict: Callable[[], dict | None]
    save_dict: Callable[[dict], None]

    def load(self) -> RunnerMemory:
        return RunnerMemory.from_dict(self.load_dict())

    def save(self, memory: RunnerMemory) -> None:
        self.save_dict(memory.to_dict())


class ReminderRunner:
    """Delivers due reminders to every subscribed listener, exactly once each."""

    def __init__(
        self,
        settings: ReminderSettings | None = None,
        tz: str = "UTC",
        *,
        state: ReminderState | None = None,
        store: RunnerStore | None = None,
        clock: Clock = system_clock,
        grace: timedelta = DEFAULT_GRACE,
        heartbeat: timedelta = timedelta(minutes=1),
    ) -> None:
        self._lock = threading.RLock()
        self._settings = settings or ReminderSettings()
        self._tz = ZoneInfo(tz)
        self._store: RunnerStore = store or MemoryStore()
        memory = self._store.load()
        self._state = memory.state.merged(state) if state is not None else memory.state
        self._last_check = memory.last_check
        self._last_tz = _zone_or(memory.tz, self._tz)  # the zone of the last check
        self._clock = clock
        self._grace = grace
        self._heartbeat = heartbeat
        self._listeners: list[Listener] = []
        self._tasks: set[asyncio.Task] = set()  # async listeners still running
        self._scheduler: Any = None  # AsyncIOScheduler once start() ran
        self._wake_at: datetime | None = None  # what the wake job waits for (runner clock)

    # --- listeners -------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener (one per UI session); returns its unsubscribe function."""
        with self._lock:
            if listener not in self._listeners:  # == so a bound method counts once
                self._listeners.append(listener)
        return lambda: self.unsubscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    @property
    def listener_count(self) -> int:
        return len(self._listeners)

    # --- inputs ----------------------------------------------------------------------------
    @property
    def settings(self) -> ReminderSettings:
        return self._settings

    @property
    def tz(self) -> str:
        return self._tz.key

    @property
    def state(self) -> ReminderState:
        return self._state

    def configure(
        self,
        settings: ReminderSettings | None = None,
        state: ReminderState | None = None,
        now: datetime | None = None,
    ) -> None:
        """Apply new settings / state and rebuild the wake-ups.

        First settles what fell due under the old configuration (a tick), so
        the change only affects the future: a main reminder that the change
        moves into the past is not fired late, and nothing due a moment ago is
        lost. New settings re-plan from now: follow-ups still pending come at
        the new times, or one interval after the change where the new times are
        already past (plan.replan_follow_ups), and a pending snooze the new
        quiet hours would eat moves to their end. A new `state` is merged into
        the current one (delivered keys, snoozes and skips are never forgotten
        by a reconfiguration). The device moving to another zone is move_to().
        """
        self.tick(now)
        with self._lock:
            at = now or self._clock()
            if settings is not None:
                replanned = replan_follow_ups(self._settings, settings, self._state, self._tz, at)
                self._state = self._out_of_quiet(replanned, settings, at)
                self._settings = settings
            if state is not None:
                self._state = self._state.merged(state)
            self._save()
        self.rebuild()

    def move_to(self, tz: str) -> None:
        """The device is now in `tz` (a trip): plan there; the next tick tells what the move skipped.

        08:00 stays 08:00 where the person is. The zone of the last check is kept,
        so the next tick gives a slot-day the move carried from the future into the
        past (flying east) at once if its new time is within the grace, else in the
        "you missed" summary; one already told is not told again (flying west).
        """
        with self._lock:
            self._tz = ZoneInfo(tz)
            self._state = self._out_of_quiet(self._state, self._settings, self._clock())
            self._save()
        self.rebuild()

    def _out_of_quiet(self, state: ReminderState, settings: ReminderSettings, now: datetime) -> ReminderState:
        """`state` with every pending snooze that now lands in quiet hours (new quiet hours,
        or another zone's evening) moved to their end: a snooze replaced the follow-ups, so it
        must still come."""
        for (day, slot), until in state.snoozes.items():
            if utc(until) > utc(now):
                moved = quiet_end_after(settings, self._tz, until)
                if utc(moved) != utc(until):
                    state = state.with_snooze(day, slot, moved)
        return state

    def mark_done(self, day: date, slot: Slot) -> None:
        with self._lock:
            self._state = self._state.with_done(day, slot)
            self._save()
        self.rebuild()

    def mark_skipped(self, day: date, slot: Slot) -> None:
        with self._lock:
            self._state = self._state.with_skipped(day, slot)
            self._save()
        self.rebuild()

    def mark_delivered(self, keys: Iterable[str]) -> None:
        """Keys told by another path (the OS showed them): never deliver them here."""
        with self._lock:
            self._state = self._state.with_delivered(keys)
            self._save()
        self.rebuild()

    def record_session(self, session: SessionRecord) -> None:
        """A saved session closes the slot-day it counts for (SessionRecord.practice_day)."""
        self.mark_done(session.practice_day(), session.slot)

    def mark_open(self, day: date, slot: Slot) -> None:
        """The slot-day is no longer done (its session was deleted): what is still ahead of it comes."""
        with self._lock:
            self._state = self._state.without_done(day, slot)
            self._save()
        self.rebuild()

    def snooze(self, reminder: Reminder, minutes: int, now: datetime | None = None) -> datetime:
        """Snooze a delivered reminder for exactly `minutes`; returns the instant it comes back.

        Such a snooze is not sent if it lands in quiet hours; the app snoozes through
        ReminderHub.snooze, which moves it to their end (plan.snooze_landing).
        """
        return self.snooze_until(reminder, snooze_until(now or self._clock(), minutes))

    def snooze_until(self, reminder: Reminder, until: datetime) -> datetime:
        """Bring `reminder` back at the instant `until` (it replaces what was pending)."""
        with self._lock:
            self._state = self._state.with_snooze(reminder.date, reminder.slot, until)
            self._save()
        self.rebuild()
        return until

    # --- the one delivering path -----------------------------------------------------------
    def tick(self, now: datetime | None = None) -> list[Reminder]:
        """Deliver what fell due since the last tick; returns what was delivered.

        Safe to call at any time and any number of times: duplicate or early
        calls deliver nothing, late calls deliver fresh ones and at most one
        "missed" summary, never a burst of stale reminders.
        """
        with self._lock:
            now = now or self._clock()
            utc(now)
            last, was_in = self._last_check, self._last_tz
            fired = due(self._settings, self._state, self._tz, last, now, self._grace, was_in=was_in)
            missed = missed_summary(self._settings, self._state, self._tz, last, now, self._grace,
                                    was_in=was_in)
            out = fired + ([missed] if missed else [])
            oldest = (utc(now) - KEEP_STATE).date()
            self._state = self._state.with_delivered(r.key for r in out).pruned(oldest)
            # A clock that went backwards resets last_check to now: delivered
            # keys prevent repeats, and nothing in between is skipped.
            self._last_check, self._last_tz = now, self._tz
            self._save()  # before the listeners: never twice beats at least once
            listeners = list(self._listeners)
        for r in out:
            for listener in listeners:
                self._call(listener, r)
        self._arm_wake()
        return out

    def next_wake(self, now: datetime | None = None) -> Reminder | None:
        """The next reminder the runner will deliver (what the wake job waits for)."""
        with self._lock:
            return next_reminder(self._settings, self._state, self._tz, now or self._clock())

    def _call(self, listener: Listener, reminder: Reminder) -> None:
        """Call one listener; a failing one must not starve the other sessions."""
        try:
            result = listener(reminder)
            if inspect.isawaitable(result):  # async handler (Flet allows both)
                try:
                    task = asyncio.get_running_loop().create_task(result)
                except RuntimeError:  # no loop here (tests, scripts): run it now
                    asyncio.run(result)
                else:
                    self._tasks.add(task)
                    task.add_done_callback(self._task_done)
        except Exception:
            log.exception("reminder listener failed for %s", reminder.key)

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("async reminder listener failed", exc_info=task.exception())

    @property
    def last_check(self) -> datetime | None:
        return self._last_check

    def _save(self) -> None:
        self._store.save(RunnerMemory(self._state, self._last_check, self._last_tz.key))

    # --- production wake-ups (APScheduler) -------------------------------------------------
    def start(self) -> None:
        """Start the process's AsyncIOScheduler (needs a running event loop).

        Idempotent. Runs a first tick so a reminder that fell due while the
        process was restarting (within the grace) is still delivered.
        """
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from apscheduler.triggers.interval import IntervalTrigger

        global _started
        with self._lock:
            if self._scheduler is not None and self._scheduler.running:
                return
            with _registry_lock:
                if _started is not None and _started is not self:
                    raise RuntimeError(
                        "another ReminderRunner is already started in this process; "
                        "share it through get_runner() so reminders are not delivered twice"
                    )
                _started = self
            self._scheduler = AsyncIOScheduler(timezone=UTC)
            self._scheduler.add_job(
                self._wake, IntervalTrigger(seconds=self._heartbeat.total_seconds(), timezone=UTC),
                id=HEARTBEAT_JOB_ID, replace_existing=True,
                coalesce=True, misfire_grace_time=None, max_instances=1,
            )
            self._scheduler.start()
        self.tick()

    def shutdown(self) -> None:
        global _started
        with self._lock:
            if self._scheduler is not None and self._scheduler.running:
                self._scheduler.shutdown(wait=False)
            self._scheduler = None
            with _registry_lock:
                if _started is self:
                    _started = None

    def rebuild(self) -> None:
        """Re-plan after a change: only the wake job moves, nothing is delivered."""
        self._arm_wake()

    def _arm_wake(self) -> None:
        """Point the wake job at the next reminder.

        APScheduler counts in real time while the plan counts on the runner's
        clock (which a test run may offset), so the job waits for the real
        time still to go until that instant, never the instant itself.
        """
        with self._lock:
            sched = self._scheduler
            if sched is None:
                return
            nxt = self.next_wake()
            if nxt is None:
                if sched.get_job(WAKE_JOB_ID):
                    sched.remove_job(WAKE_JOB_ID)
                self._wake_at = None
                return
            from apscheduler.triggers.date import DateTrigger

            wait = max(nxt.fire_utc - utc(self._clock()), timedelta(0))
            sched.add_job(
                self._wake, DateTrigger(run_date=system_clock() + wait, timezone=UTC),
                id=WAKE_JOB_ID, replace_existing=True,
                coalesce=True, misfire_grace_time=None, max_instances=1,
            )
            self._wake_at = nxt.fire_utc

    async def _wake(self) -> None:
        """APScheduler entry point; a coroutine so it runs on the UI's loop."""
        self.tick()

    def scheduled_wake(self) -> datetime | None:
        """The instant, on the runner's clock, the wake job is armed for (tests, diagnostics)."""
        sched = self._scheduler
        if sched is None or sched.get_job(WAKE_JOB_ID) is None:
            return None
        return self._wake_at


# --- the one runner per process ------------------------------------------------------------
_runner: ReminderRunner | None = None
_started: ReminderRunner | None = None  # the runner whose scheduler is running
_registry_lock = threading.Lock()  # always taken after a runner's own lock, never before


def get_runner(**kwargs: Any) -> ReminderRunner:
    """The process-wide runner, created on first use with `kwargs`.

    Later calls return the same runner and ignore kwargs (use configure() to
    change settings): several Flet sessions in one process must share one
    scheduler or every reminder would be delivered once per session.
    """
    global _runner
    with _registry_lock:
        if _runner is None:
            _runner = ReminderRunner(**kwargs)
        return _runner


def reset_runner() -> None:
    """Drop the process runner (tests, or app shutdown)."""
    global _runner
    with _registry_lock:
        runner, _runner = _runner, None
    if runner is not None:  # outside the registry lock: shutdown takes the runner's lock
        runner.shutdown()
