"""Random lives through the hub (issue 9's proof): two months of a phone owner's reminders.

A life: sessions started from reminders (or not, or early), skips, snoozes from the prompt
and from the phone's buttons, the app opened and closed (each opening is a new process, as
on a phone), settings changed, and flights east, west and across the date line. It runs
through the app's own ReminderHub on a fake clock, with the phone as a recording fake of
flet-notifications that shows what falls due while the app is closed. APScheduler only
decides *when* the runner ticks, so the simulation ticks it at its own next wake-up instead.

Properties, for every life:
* every reminder is given once: by the app or by the phone, never both, never twice;
* nothing is given for a slot-day after its session was saved or it was skipped;
* a main reminder comes at the chosen local time (in the zone the person is in, or for
  the phone's own notifications the zone the app last ran in) and on time: late only
  by the grace after the app was reopened or the zone changed;
* every slot-day whose time came round where the person was (or that a flight skipped
  over) was done or skipped before, or was reminded, or the check that followed said
  something (a live reminder or the one calm "you missed" of that gap);
* a session is saved for the slot-day the hub says (as the player does), so one begun after
  midnight in answer to a late evening reminder closes that evening: nothing more of it comes,
  and the next morning is still reminded (sessions near midnight are part of every life);
* the phone never holds more than its platform keeps, and when the app closes it holds
  the next reminder due; while the app is in the foreground the phone shows nothing.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import heapq
import random
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import flet as ft
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from data.journal.sessions import save_session, slot_for
from data.models import SessionRecord, Slot
from data.storage.store import open_store
from scheduler import hub as hub_mod
from scheduler.hub import ReminderHub, parse_reminder_key
from scheduler.notifications import NOTICE_ID, notification_id
from scheduler.plan import DEFAULT_GRACE, Reminder, ReminderKind, key_date
from scheduler.runner import ReminderRunner, reset_runner
from scheduler.settings import SNOOZE_CHOICES, ReminderSettings, SlotReminder
from scheduler.wallclock import fire_on, resolve_wall_time, utc
from tests.test_reminder_lives import Clock, FakePlugin, Phone, Zone
from views.notifiers import FletNotificationsService

UTC = timezone.utc
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # spans the spring DST changes on both hemispheres
DAYS = 60
END = START + timedelta(days=DAYS)
ZONES = ("America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata",
         "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "Pacific/Kiritimati", "Pacific/Honolulu",
         "Pacific/Pago_Pago")
LIMITS = {ft.PagePlatform.IOS: 64, ft.PagePlatform.ANDROID: 400}
MIN = timedelta(minutes=1)


def random_settings(rng: random.Random) -> ReminderSettings:
    def hhmm(lo: int, hi: int) -> str:
        minute = rng.randrange(lo * 60, hi * 60)
        return f"{minute // 60:02d}:{minute % 60:02d}"

    def days() -> frozenset[int]:
        return frozenset(range(7)) if rng.random() < 0.8 else frozenset(rng.sample(range(7), rng.randint(1, 6)))

    quiet = rng.random() < 0.5  # (an evening after 22:00 is common: its follow-ups cross midnight)
    return ReminderSettings(
        morning=SlotReminder(rng.random() < 0.9, hhmm(5, 12), days()),
        evening=SlotReminder(rng.random() < 0.9, hhmm(22, 24) if rng.random() < 0.4 else hhmm(16, 22), days()),
        follow_up_minutes=rng.choice([10, 20, 30, 45]),
        max_follow_ups=rng.randint(0, 2),
        quiet_start=hhmm(21, 24) if quiet else None,
        quiet_end=hhmm(5, 8) if quiet else None,
        snooze_minutes=rng.choice(SNOOZE_CHOICES),
    )


@dataclass
class Given:
    at: datetime
    key: str
    kind: ReminderKind
    fire: datetime
    by: str  # "app" or "phone"
    zone: ZoneInfo  # where the person is (app) or where the app last planned (phone)


@dataclass
class Life:
    rng: random.Random
    platform: ft.PagePlatform
    folder: Path
    clock: Clock = field(default_factory=lambda: Clock(START))
    given: list[Given] = field(default_factory=list)
    ticks: list[tuple[datetime, list[str]]] = field(default_factory=list)
    closed_at: dict[tuple[date, Slot], datetime] = field(default_factory=dict)
    zones: list[tuple[datetime, ZoneInfo]] = field(default_factory=list)
    plans: list[tuple[datetime, ZoneInfo]] = field(default_factory=list)  # zone of each phone sync
    settings: list[tuple[datetime, ReminderSettings]] = field(default_factory=list)
    shown_in_foreground: list[tuple[datetime, int]] = field(default_factory=list)
    answers: list[tuple[Given, datetime, tuple[date, Slot], bool, timedelta]] = field(default_factory=list)
    sessions: list[tuple[datetime, SessionRecord]] = field(default_factory=list)
    uncovered_next: list[tuple[datetime, str]] = field(default_factory=list)
    opened_first: datetime | None = None
    armed: dict[int, tuple[str, str]] = field(default_factory=dict)  # what the app handed the phone
    hub: ReminderHub | None = None
    prompt: Prompt | None = None
    events: list = field(default_factory=list)
    seq: int = 0
    generation: int = 0  # an opening or a closing makes the other's pending event stale

    def __post_init__(self) -> None:
        self.zone = Zone(ZoneInfo(self.rng.choice(ZONES)))
        self.zones.append((START, ZoneInfo(self.zone.name)))
        self.settings.append((START, ReminderSettings()))
        self.phone = Phone(limit=LIMITS[self.platform])

    # --- the script ----------------------------------------------------------------------
    def push(self, when: datetime, *what) -> None:
        heapq.heappush(self.events, (when, self.seq, what))
        self.seq += 1

    def script(self) -> None:
        rng, t, here = self.rng, START, self.zone.name
        while (t := t + timedelta(hours=rng.uniform(48, 14 * 24))) < END:
            here = rng.choice([z for z in ZONES if z != here])  # east, west, over the date line
            self.push(t, "flight", here)
        t = START
        while (t := t + timedelta(hours=rng.uniform(3 * 24, 20 * 24))) < END:
            self.push(t, "settings")
        for day in range(DAYS):
            if rng.random() < 0.15:  # a session without any reminder, at some hour
                self.push(START + timedelta(days=day, hours=rng.uniform(0, 24)), "practise", None)
            if rng.random() < 0.3:  # one near midnight where the person then is
                self.push(START + timedelta(days=day, hours=rng.uniform(0, 24)), "midnight")
        self.push(START + timedelta(minutes=rng.randrange(0, 600)), "open", 0)

    # --- the app ---------------------------------------------------------------------------
    async def open(self) -> None:
        reset_runner()  # a new process
        clock = self.clock
        hub = ReminderHub(open_store(self.folder), clock, zone=self.zone)
        hub.use_os(FletNotificationsService(FakePlugin(self.phone), self.platform))
        runner_tick = hub.runner.tick

        def tick(now: datetime | None = None) -> list[Reminder]:
            out = runner_tick(now)
            self.ticks.append((clock.now, [r.key for r in out]))
            return out

        hub.runner.tick = tick  # every check, wherever it comes from, is recorded
        self.prompt = Prompt(self)
        hub.attach(self.prompt)
        self.hub = hub
        await hub.start()
        hub.set_foreground(True)
        await self.synced()
        self.opened_first = self.opened_first or clock.now
        self.generation += 1
        self.push(clock.now + timedelta(minutes=self.rng.uniform(3, 40)), "close", self.generation)
        self.push(clock.now + 5 * MIN, "housekeep", self.generation)

    async def close(self) -> None:
        hub = self.hub
        hub.set_foreground(False)
        await self.synced()
        nxt = hub.next_reminder()
        if nxt is not None and notification_id(nxt.key) not in self.phone.pending:
            self.uncovered_next.append((self.clock.now, nxt.key))
        hub.detach(self.prompt)  # the last session: the runner stops
        await hub.drain()
        reset_runner()
        self.hub = None
        self.generation += 1
        away = timedelta(hours=self.rng.uniform(1, 36)) if self.rng.random() < 0.85 else \
            timedelta(days=self.rng.uniform(2, 12))
        self.push(self.clock.now + away, "open", self.generation)

    async def synced(self) -> None:
        """Let the phone syncs the hub started on its own finish (the app does not wait)."""
        await self.hub.drain()
        self.plans.append((self.clock.now, ZoneInfo(self.hub.runner.tz)))
        self.armed.update({row[0]: (row[1], row[2]) for row in self.hub.os.memory()["armed"]})

    async def ensure_open(self) -> ReminderHub:
        if self.hub is None:
            await self.open()
        return self.hub

    # --- what the person does ----------------------------------------------------------------
    def react(self, reminder: Reminder, nid: int | None) -> None:
        rng, now = self.rng, self.clock.now
        roll = rng.random()
        if reminder.kind is ReminderKind.MISSED:
            if roll < 0.5:
                self.push(now + 2 * MIN, "practise", None)
            return
        if roll < 0.35:
            return  # ignored
        if roll < 0.65:
            self.push(now + timedelta(minutes=rng.uniform(1, 40)), "practise", nid, self.given[-1])
        elif roll < 0.75:
            self.push(now + timedelta(minutes=rng.uniform(1, 10)), "skip", reminder, nid)
        else:
            self.push(now + timedelta(minutes=rng.uniform(1, 5)), "snooze", reminder, nid)

    async def answer(self, reminder: Reminder, nid: int | None) -> Reminder | None:
        """The reminder a button answers (a phone button opens the app), None if already dealt with."""
        hub = await self.ensure_open()
        if nid is not None:
            reminder = hub.reminder_for_notification(nid)
        if reminder is None or hub.runner.state.is_closed(reminder.date, reminder.slot):
            return None
        return reminder

    async def practise(self, answering: Given | None = None) -> None:
        """A session saved as the player saves it: for the slot-day the hub says as pressing begins."""
        hub = await self.ensure_open()
        started = hub.local_now()
        day, slot = hub.slot_day_for(started, slot_for(started, hub.settings.day_split()))
        record = SessionRecord(f"s{len(self.sessions)}", slot, started, started + timedelta(minutes=12),
                               for_day=day if day != started.date() else None)
        if answering is not None:
            still_open = not hub.runner.state.is_closed(key_date(answering.key), Slot(answering.key.split("/")[1]))
            self.answers.append((answering, self.clock.now, (day, slot), still_open,
                                 timedelta(minutes=hub.settings.follow_up_minutes)))
        save_session(hub.store, record)
        hub.session_saved(record)
        self.sessions.append((self.clock.now, record))
        self.closed_at.setdefault((record.practice_day(), record.slot), self.clock.now)
        await self.synced()

    # --- the clock ---------------------------------------------------------------------------
    async def live(self) -> None:
        self.script()
        while True:
            t_evt = self.events[0][0] if self.events else None
            wake = self.hub.runner.next_wake(self.clock.now) if self.hub else None
            t_wake = wake.fire_utc if wake else None
            t_os = min((utc(kw["when"]) for kw in self.phone.pending.values()), default=None)
            t = min(x for x in (t_evt, t_wake, t_os, END) if x is not None)
            if t >= END:
                return
            self.clock.now = t.astimezone(ZoneInfo(self.zone.name))
            if t_os == t:
                self.phone_shows()
            elif t_wake == t:
                self.hub.runner.tick()
            else:
                _, _, what = heapq.heappop(self.events)
                await self.handle(*what)

    def phone_shows(self) -> None:
        for nid in self.phone.show_due(self.clock.now):
            if self.hub is not None:
                self.shown_in_foreground.append((self.clock.now, nid))
            if nid == NOTICE_ID:
                continue
            key, fire_iso = self.armed[nid]
            reminder, fire = parse_reminder_key(key, self.clock.now), datetime.fromisoformat(fire_iso)
            zone = next(z for when, z in reversed(self.plans) if when <= self.clock.now)
            self.given.append(Given(self.clock.now, reminder.key, reminder.kind, fire, "phone", zone))
            self.react(reminder, nid)

    async def handle(self, kind: str, *args) -> None:
        if kind in ("open", "close", "housekeep") and args[0] != self.generation:
            return  # stale: the app was opened or closed in between
        if kind == "open":
            await self.open()
        elif kind == "close":
            await self.close()
        elif kind == "housekeep":
            await self.hub.housekeep()
            await self.synced()
            self.push(self.clock.now + 5 * MIN, "housekeep", self.generation)
        elif kind == "flight":
            self.zone.name = args[0]
            self.zones.append((self.clock.now, ZoneInfo(args[0])))
            if self.hub is not None:  # the minute's check notices the new zone
                await self.hub.housekeep()
                await self.synced()
        elif kind == "settings":
            hub = await self.ensure_open()
            new = random_settings(self.rng)
            hub.save_settings(new)
            self.settings.append((self.clock.now, new))
            await self.synced()
        elif kind == "practise":
            await self.practise(*args[1:])
        elif kind == "midnight":
            here = ZoneInfo(self.zone.name)
            midnight = datetime.combine(self.clock.now.astimezone(here).date() + timedelta(days=1),
                                        datetime.min.time(), tzinfo=here)
            self.push(utc(midnight) + timedelta(minutes=self.rng.uniform(-30, 60)), "practise", None)
        elif kind in ("skip", "snooze"):
            reminder = await self.answer(*args)
            if reminder is None:
                return
            if kind == "skip":
                self.hub.skip(reminder)
                self.closed_at.setdefault(reminder.slot_day, self.clock.now)
            else:
                self.hub.snooze(reminder)
            await self.synced()


class Prompt:
    """The in-app prompt of the one open session (a SessionLink)."""

    def __init__(self, life: Life) -> None:
        self.life = life

    def show(self, reminder: Reminder) -> None:
        life = self.life
        life.given.append(Given(life.clock.now, reminder.key, reminder.kind, reminder.fire_utc, "app",
                                ZoneInfo(life.zone.name)))
        life.react(reminder, None)

    def dismiss(self, handled) -> None:
        pass


# --- what must hold ---------------------------------------------------------------------------
def in_force(life: Life, since: datetime, until: datetime) -> list[ReminderSettings]:
    """Every settings the person had at some moment in [since, until]."""
    out = [s for when, s in life.settings if since <= when <= until]
    before = [s for when, s in life.settings if when < since]
    return out + before[-1:]


def zone_at(life: Life, instant: datetime) -> ZoneInfo:
    return [z for when, z in life.zones if when <= instant][-1]


def crossings(life: Life) -> dict[tuple[date, Slot], datetime]:
    """When each slot-day's time first came round on the person's wall clock: in a zone they
    were in (with the settings of that moment), or skipped over by a flight."""
    marks = sorted({START, END, *(w for w, _ in life.zones), *(w for w, _ in life.settings)})
    first: dict[tuple[date, Slot], datetime] = {}

    def note(sd, when):
        if sd not in first or when < first[sd]:
            first[sd] = when

    for a, b in zip(marks, marks[1:]):
        zone, s = zone_at(life, a), [x for w, x in life.settings if w <= a][-1]
        day = (a - timedelta(days=2)).date()
        while day <= (b + timedelta(days=2)).date():
            for slot in Slot:
                cfg = s.slot(slot)
                f = fire_on(cfg.time, cfg.weekdays, zone, day) if cfg.active else None
                if f is not None and a <= utc(f) < b:
                    note((day, slot), utc(f))
                if a in [w for w, _ in life.zones] and a != START and f is not None:
                    before = zone_at(life, a - MIN)
                    f_old = fire_on(cfg.time, cfg.weekdays, before, day)
                    if f_old is not None and utc(f_old) > a >= utc(f):
                        note((day, slot), a)  # the flight carried it into the past
            day += timedelta(days=1)
    return first


def check(life: Life) -> None:
    keys = [g.key for g in life.given]
    assert len(keys) == len(set(keys)), "given twice: " + str(sorted(k for k in keys if keys.count(k) > 1)[:4])
    assert life.shown_in_foreground == [], "the phone showed a notification while the app was open"
    assert life.uncovered_next == [], "the phone did not hold the next reminder when the app closed"
    for g in life.given:
        slot_day = (key_date(g.key), Slot(g.key.split("/")[1]))
        closed = life.closed_at.get(slot_day)
        assert closed is None or g.at <= closed, f"{g.key} given at {g.at} after it was closed at {closed}"
        if g.kind is ReminderKind.MISSED:
            continue
        late = g.at - utc(g.fire)
        assert timedelta(0) <= late <= (DEFAULT_GRACE if g.by == "app" else timedelta(0)), (g, "not on time")
        choices = in_force(life, utc(g.fire) - timedelta(days=2), g.at)
        if g.kind is ReminderKind.MAIN:
            slot = Slot(g.key.split("/")[1])
            assert any(utc(resolve_wall_time(datetime.combine(slot_day[0], s.slot(slot).time), g.zone))
                       == utc(g.fire) for s in choices), (g, "not at the chosen local time")
        else:  # follow-ups and snoozes keep out of quiet hours
            local = utc(g.fire).astimezone(g.zone).time()
            assert any(not s.in_quiet_hours(local) for s in choices), (g, "in quiet hours")
    told = {(key_date(g.key), Slot(g.key.split("/")[1])) for g in life.given}
    for slot_day, when in crossings(life).items():
        if when < life.opened_first + timedelta(hours=1) or when > END - timedelta(days=1):
            continue
        if slot_day in told or life.closed_at.get(slot_day, END) <= when:
            continue
        after = [out for t, out in life.ticks if t >= when]
        assert after and after[0], f"{slot_day} came round at {when} and nothing was said"
    assert check_answers(life), "no session answered a reminder plainly enough to check"


def check_answers(life: Life) -> list[tuple[datetime, tuple[date, Slot]]]:
    """A session begun within one follow-up interval of the reminder it answers closes that
    reminder's slot-day, across midnight too, when nothing blurs which one it answers: the
    slot-day was still open, no flight or settings change since the day before, and no other
    slot-day's reminder in the three hours before (its window would be the later one).
    Returns the sessions checked: when they began and the slot-day they closed."""
    checked = []
    for g, started, closed, still_open, step in life.answers:
        mine = (key_date(g.key), Slot(g.key.split("/")[1]))
        since = utc(g.fire) - timedelta(days=1)
        others = [o for o in life.given if since + timedelta(hours=21) <= o.at <= started
                  and (key_date(o.key), Slot(o.key.split("/")[1])) != mine]
        changed = [w for w, _ in life.zones + life.settings if since <= w <= started]
        if (g.kind is ReminderKind.MISSED or not still_open or started - utc(g.fire) >= step or others
                or changed or zone_at(life, started) != g.zone):
            continue
        assert closed == mine, (g, started, "the session closed", closed)
        checked.append((started, closed))
    return checked


def run(coro):
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), platform=st.sampled_from(list(LIMITS)))
def test_random_lives_keep_every_promise(seed, platform):
    live_one(seed, platform)


def test_a_life_whose_sessions_answer_evening_reminders_after_midnight():
    """A known life (seed 0) where sessions begun after midnight answer the evening's reminders."""
    life = live_one(0, ft.PagePlatform.IOS)
    crossed = [(started, closed) for started, closed in check_answers(life) if closed[0] != started.date()]
    assert crossed and all(slot is Slot.EVENING for _, (_, slot) in crossed)
    assert any(r.for_day is not None for _, r in life.sessions)


def live_one(seed: int, platform: ft.PagePlatform) -> Life:
    """One life, checked (also handy to replay a failing seed by hand)."""
    # A memory-backed folder where there is one: months of the store's fsyncs would take minutes on disk.
    memory_disk = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory(dir=memory_disk) as folder:
        mp.setattr(ReminderRunner, "start", lambda self: self.tick())  # the simulation ticks itself
        mp.setattr(hub_mod, "WATCH_SECONDS", 10**9)  # ...and does the minute's housekeeping itself
        life = Life(random.Random(seed), platform, Path(folder) / "data")
        try:
            run(life.live())
        finally:
            reset_runner()
        check(life)
        assert len(life.given) > 40 and len(life.zones) > 1
    return life
