"""A whole year, event by event, against an independent oracle.

The runner is driven with a fake clock: the loop jumps to whichever comes
first, the runner's own next wake-up or a scripted event (the user doing,
skipping or snoozing a session, a settings change, a move to another time
zone, a process restart, a spurious or duplicated tick). Every delivery is
recorded with the instant it happened.

The oracle knows nothing of CronTrigger or the planner: a main reminder is
due at the first real minute whose wall clock reads the chosen time or later
(so a non-existent time lands on the next valid minute and an ambiguous one
on its first pass), follow-ups are elapsed minutes after it, quiet hours and
the user's script decide the rest. The test asserts that the deliveries are
exactly the oracle's: same keys, same instants, each once, nothing else.
"""
from __future__ import annotations

import heapq
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from data.models import Slot  # noqa: E402
from scheduler.plan import Reminder, ReminderKind  # noqa: E402
from scheduler.runner import MemoryStore, ReminderRunner  # noqa: E402
from scheduler.settings import ReminderSettings, SlotReminder  # noqa: E402

UTC = timezone.utc
MIN = timedelta(minutes=1)
YEAR_START = date(2026, 1, 1)
YEAR_END = date(2027, 1, 1)


def first_reading_at_or_after(naive: datetime, tz: ZoneInfo) -> datetime:
    """The first real minute at which the wall clock in tz reads >= naive."""
    a, b = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if a.utcoffset() == b.utcoffset():  # an ordinary time: exactly one instant
        return a.astimezone(UTC)
    probe = naive.replace(tzinfo=UTC) - timedelta(hours=14, minutes=1)
    while probe.astimezone(tz).replace(tzinfo=None) < naive:
        probe += MIN
    return probe


# --- the scripted user ------------------------------------------------------------------
@dataclass(frozen=True)
class Act:
    """What the user does about one slot-day (decided by a seeded coin)."""

    kind: str  # ignore | early | done | skip | snooze | snooze_then_done
    delay: int = 0  # minutes after the main reminder
    snooze: int = 0  # minutes


def act_for(seed: int, d: date, slot: Slot) -> Act:
    rng = random.Random(f"{seed}/{d}/{slot.value}")
    roll = rng.random()
    if roll < 0.25:
        return Act("ignore")
    if roll < 0.35:
        return Act("early", delay=-20)
    if roll < 0.60:
        return Act("done", delay=rng.choice([7, 41, 77, 200]))
    if roll < 0.70:
        return Act("skip", delay=rng.choice([3, 52]))
    kind = "snooze" if roll < 0.88 else "snooze_then_done"
    return Act(kind, delay=rng.choice([3, 33]), snooze=rng.choice([10, 30, 60]))


# --- the scenario ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """Settings and zone in force from `start` (exclusive) to `end` (inclusive)."""

    start: datetime
    end: datetime
    settings: ReminderSettings
    tz: ZoneInfo


@dataclass(frozen=True)
class Expected:
    key: str
    at: datetime  # UTC: when it falls due (for MISSED, when the missed main reminder was due)
    kind: ReminderKind
    told_at: datetime | None = None  # when it is told, if not at `at` (a flight carried it into the past)


def oracle(
    periods: list[Period], seed: int, forced: dict | None = None
) -> tuple[dict[str, Expected], list[tuple]]:
    """Expected deliveries, and the user's scripted actions that produce them."""
    forced = forced or {}
    expected: dict[str, Expected] = {}
    actions: list[tuple] = []

    def add(key, when, kind, p):
        assert p.start < when <= p.end, "scenario must not straddle a change"
        assert key not in expected
        expected[key] = Expected(key, when, kind)

    day = YEAR_START - timedelta(days=1)
    while day <= YEAR_END:
        for slot in Slot:
            located = None
            for p in periods:  # the first period in which that day's time comes round
                cfg = p.settings.slot(slot)
                if not cfg.active or day.weekday() not in cfg.weekdays:
                    continue
                main = first_reading_at_or_after(datetime.combine(day, cfg.time), p.tz)
                if p.start < main <= p.end:
                    located = (p, main)
                    break
            if located is None:
                continue
            p, main = located
            s = p.settings
            act = forced.get((day, slot)) or act_for(seed, day, slot)
            base = f"{day.isoformat()}/{slot.value}/"

            def quiet(instant):
                return s.in_quiet_hours(instant.astimezone(p.tz).time())

            if act.kind == "early":
                actions.append((main - timedelta(minutes=20), "done", day, slot))
                continue
            add(base + "main", main, ReminderKind.MAIN, p)
            acted = main + timedelta(minutes=act.delay) if act.kind != "ignore" else None
            for n in range(1, s.max_follow_ups + 1):
                f = main + timedelta(minutes=s.follow_up_minutes * n)
                if (acted is None or f < acted) and not quiet(f):
                    add(base + f"follow{n}", f, ReminderKind.FOLLOW_UP, p)
            if act.kind in ("done", "skip"):
                actions.append((acted, act.kind, day, slot))
            elif act.kind.startswith("snooze"):
                until = acted + timedelta(minutes=act.snooze)
                actions.append((acted, "snooze", day, slot, act.snooze, main))
                if not quiet(until):
                    add(base + "snooze-" + until.strftime("%Y%m%dT%H%MZ"), until, ReminderKind.SNOOZE, p)
                if act.kind == "snooze_then_done":
                    actions.append((until + timedelta(minutes=4), "done", day, slot))
        day += timedelta(days=1)
    for before, after in zip(periods, periods[1:]):
        if before.tz.key != after.tz.key:
            flown(before, after, expected)
    return expected, actions


def flown(before: Period, after: Period, expected: dict[str, Expected]) -> None:
    """What the device moving from `before`'s zone to `after`'s (at after.start) must tell.

    A slot-day whose time had already come in the new zone but was still ahead in the old
    one came round in neither period: the move skipped it. It is told at the move, live if
    its new time is within the grace, else (the latest one) as the one calm "you missed".
    """
    move, grace = after.start, timedelta(minutes=15)
    skipped = []
    for offset in range(-8, 2):
        day = move.astimezone(after.tz).date() + timedelta(days=offset)
        for slot in Slot:
            cfg = after.settings.slot(slot)
            if not cfg.active or day.weekday() not in cfg.weekdays:
                continue
            new = first_reading_at_or_after(datetime.combine(day, cfg.time), after.tz)
            old = first_reading_at_or_after(datetime.combine(day, before.settings.slot(slot).time), before.tz)
            if new <= move < old and move - new <= timedelta(days=7):
                skipped.append((new, day, slot))
    live = [(new, d, s) for new, d, s in skipped if move - new < grace]
    for new, d, s in live:
        key = f"{d.isoformat()}/{s.value}/main"
        expected[key] = Expected(key, new, ReminderKind.MAIN, told_at=move)
    if skipped and not live:
        new, d, s = max(skipped)
        key = f"{d.isoformat()}/{s.value}/missed"
        expected[key] = Expected(key, new, ReminderKind.MISSED, told_at=move)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Run:
    deliveries: list[tuple[datetime, Reminder]] = field(default_factory=list)
    second_listener: list[str] = field(default_factory=list)
    ticks: int = 0
    restarts: int = 0
    reopened: list[tuple[datetime, list[Reminder]]] = field(default_factory=list)


def simulate(
    periods: list[Period], actions: list[tuple], seed: int,
    closures: list[tuple[datetime, datetime]] = (),
) -> Run:
    """Drive the runner through the year; during `closures` the app is closed
    (no wake-ups, no ticks; reopening is a fresh process)."""
    rng = random.Random(seed)
    start, end = periods[0].start, periods[-1].end
    clock = Clock(start)
    store = MemoryStore()
    run = Run()

    def listener(r: Reminder) -> None:
        run.deliveries.append((clock.now, r))
        if r.kind is ReminderKind.MISSED:
            assert not runner.state.is_closed(r.date, r.slot), "missed summary for a done session"

    def other_session(r: Reminder) -> None:
        run.second_listener.append(r.key)

    def new_runner(p: Period) -> ReminderRunner:
        runner = ReminderRunner(p.settings, p.tz.key, store=store, clock=clock)
        runner.subscribe(listener)
        runner.subscribe(other_session)
        return runner

    events: list[tuple] = []
    seq = 0

    def push(when: datetime, *what) -> None:
        nonlocal seq
        heapq.heappush(events, (when, seq, what))
        seq += 1

    for a in actions:
        push(a[0], *a[1:])
    for p in periods[1:]:
        push(p.start, "configure", p)
    for close, reopen in closures:
        push(close, "close")
        push(reopen, "open")
    closed = False
    # Noise the runner must shrug off: spurious and duplicated ticks, restarts.
    t = start
    while t < end:
        t += timedelta(minutes=rng.randrange(60, 2 * 24 * 60))
        push(t, rng.choice(["tick", "tick", "restart"]))

    period = periods[0]
    runner = new_runner(period)
    runner.tick(start)
    now = start
    while True:
        wake = None if closed else runner.next_wake(now)
        t_wake = wake.fire_utc if wake else None
        t_evt = events[0][0] if events else None
        if t_wake is not None and (t_evt is None or t_wake <= t_evt):
            if t_wake > end:
                break
            now = clock.now = t_wake
            runner.tick()
            if rng.random() < 0.05:
                runner.tick()  # a duplicate wake-up (heartbeat at the same second)
            run.ticks += 1
            continue
        if t_evt is None or t_evt > end:
            break
        when, _, what = heapq.heappop(events)
        now = clock.now = when
        kind = what[0]
        if kind == "done":
            runner.mark_done(what[1], what[2])
        elif kind == "skip":
            runner.mark_skipped(what[1], what[2])
        elif kind == "snooze":
            _, d, slot, minutes, main = what
            runner.snooze(Reminder(f"{d}/{slot.value}/main", slot, d, ReminderKind.MAIN, main), minutes)
        elif kind == "configure":
            period = what[1]
            if period.settings != runner.settings:
                runner.configure(settings=period.settings)
            if period.tz.key != runner.tz:  # a flight: as the hub's zone check does it
                runner.move_to(period.tz.key)
                runner.tick()
        elif kind == "close":
            closed = True
        elif kind == "open":
            closed = False
            runner = new_runner(period)
            run.reopened.append((now, runner.tick()))
        elif closed:
            continue  # a closed app neither ticks nor restarts
        elif kind == "tick":
            runner.tick()
        elif kind == "restart":
            runner = new_runner(period)
            runner.tick()
            run.restarts += 1
    return run


def check(periods: list[Period], seed: int, forced: dict | None = None) -> Run:
    expected, actions = oracle(periods, seed, forced)
    run = simulate(periods, actions, seed)
    got_keys = [r.key for _, r in run.deliveries]
    assert len(got_keys) == len(set(got_keys)), "a reminder was delivered twice"
    assert run.second_listener == got_keys, "every session gets every reminder"
    got = {r.key: (when, r) for when, r in run.deliveries}
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    assert not missing, f"never fired: {missing[:5]} ({len(missing)})"
    assert not extra, f"fired but should not: {extra[:5]} ({len(extra)})"
    for key, exp in expected.items():
        when, r = got[key]
        assert r.fire_utc == exp.at, (key, r.fire_utc, exp.at)
        told_at = exp.told_at or exp.at
        assert when == told_at, (key, "delivered late", when, told_at)  # on time, not on a later tick
        assert r.kind is exp.kind
        assert r.gentle == (exp.kind is not ReminderKind.MAIN)
    assert all(r.key in expected for _, r in run.deliveries if r.kind is ReminderKind.MISSED)
    assert run.restarts > 20 and len(expected) > 700
    return run


def year(settings: ReminderSettings, tz: str) -> list[Period]:
    zone = ZoneInfo(tz)
    return [Period(datetime.combine(YEAR_START, time(0), tzinfo=zone).astimezone(UTC),
                   datetime.combine(YEAR_END, time(0), tzinfo=zone).astimezone(UTC), settings, zone)]


def local_keys(run: Run, tz: str, kind: ReminderKind) -> dict[date, list[str]]:
    zone = ZoneInfo(tz)
    out: dict[date, list[str]] = {}
    for _, r in run.deliveries:
        if r.kind is kind:
            out.setdefault(r.date, []).append(r.fire_utc.astimezone(zone).strftime("%H:%M"))
    return out


# --- the scenarios ----------------------------------------------------------------------
IGNORE = Act("ignore")


def fired(run: Run, key_part: str) -> list[str]:
    """ISO UTC instants of deliveries whose key contains key_part."""
    return [r.fire_utc.strftime("%m-%d %H:%M") for _, r in run.deliveries if key_part in r.key]


def test_year_in_berlin_with_dst_edge_time():
    """Morning 02:30: in the March gap it fires at 03:00, on the October night once."""
    s = ReminderSettings(
        morning=SlotReminder(True, "02:30", {0, 1, 2, 3, 4, 6}),  # Saturdays off
        evening=SlotReminder(True, "20:00"),
    )
    forced = {(date(2026, 3, 29), Slot.MORNING): IGNORE, (date(2026, 10, 25), Slot.MORNING): IGNORE}
    run = check(year(s, "Europe/Berlin"), seed=1, forced=forced)
    # 2026-03-29: 02:30 does not exist -> 03:00 CEST (01:00 UTC); follow-ups 30/60 min later.
    assert fired(run, "2026-03-29/morning/") == ["03-29 01:00", "03-29 01:30", "03-29 02:00"]
    # 2026-10-25: 02:30 happens twice -> once, at 02:30 CEST (00:30 UTC); follow-ups
    # in elapsed minutes: 02:00 CET and 02:30 CET (the second pass is not a main).
    assert fired(run, "2026-10-25/morning/") == ["10-25 00:30", "10-25 01:00", "10-25 01:30"]
    saturdays = [r for _, r in run.deliveries if r.slot is Slot.MORNING and r.date.weekday() == 5]
    assert saturdays == []


def ny_quiet(hhmm: str) -> bool:
    return hhmm >= "22:00" or hhmm < "07:00"


def test_year_in_new_york_with_quiet_hours_and_a_settings_change():
    ny = ZoneInfo("America/New_York")
    before = ReminderSettings(
        morning=SlotReminder(True, "06:45", {0, 1, 2, 3, 4}),  # inside quiet hours: still sent
        evening=SlotReminder(True, "21:15", {0, 1, 2, 3, 4, 6}),
        quiet_start="22:00", quiet_end="07:00",
    )
    after = ReminderSettings(  # from mid-June: 01:30 (ambiguous on Nov 1) and 02:30 evenings
        morning=SlotReminder(True, "01:30"),
        evening=SlotReminder(True, "21:15", {0, 1, 2, 3, 4, 6}),
        follow_up_minutes=20, max_follow_ups=1,
        quiet_start="22:00", quiet_end="07:00",
    )
    change = datetime(2026, 6, 15, 12, tzinfo=ny).astimezone(UTC)
    (whole,) = year(before, "America/New_York")
    periods = [Period(whole.start, change, before, ny), Period(change, whole.end, after, ny)]
    forced = {(date(2026, 11, 1), Slot.MORNING): IGNORE, (date(2026, 3, 9), Slot.MORNING): IGNORE,
              (date(2026, 3, 9), Slot.EVENING): IGNORE}
    run = check(periods, seed=2, forced=forced)
    # 01:30 on 2026-11-01 happens twice: one main, at the first pass (EDT, 05:30 UTC).
    # It lies in quiet hours: sent anyway (the user's own time); its follow-up
    # at 01:50 is quiet, so not sent.
    assert fired(run, "2026-11-01/morning/") == ["11-01 05:30"]
    # A weekday before the change: 06:45 main (in quiet hours, sent), 07:15 follow-up
    # (sent), 07:45 follow-up (sent); evening 21:15, 21:45, and 22:15 is quiet.
    assert fired(run, "2026-03-09/morning/") == ["03-09 10:45", "03-09 11:15", "03-09 11:45"]
    assert fired(run, "2026-03-09/evening/") == ["03-10 01:15", "03-10 01:45"]
    follow = local_keys(run, "America/New_York", ReminderKind.FOLLOW_UP)
    assert all(not ny_quiet(t) for v in follow.values() for t in v)
    snoozes = local_keys(run, "America/New_York", ReminderKind.SNOOZE)
    assert all(not ny_quiet(t) for v in snoozes.values() for t in v)
    assert not [r for _, r in run.deliveries if r.slot is Slot.EVENING and r.date.weekday() == 5]


def test_year_on_lord_howe_half_hour_dst():
    s = ReminderSettings(
        morning=SlotReminder(True, "01:45"),  # ambiguous on 2026-04-05 (02:00 -> 01:30)
        evening=SlotReminder(True, "02:15"),  # missing on 2026-10-04 (02:00 -> 02:30)
        follow_up_minutes=20,
    )
    forced = {(date(2026, 4, 5), Slot.MORNING): IGNORE, (date(2026, 10, 4), Slot.EVENING): IGNORE}
    run = check(year(s, "Australia/Lord_Howe"), seed=3, forced=forced)
    # 01:45 on 2026-04-05 happens twice (+11:00 then +10:30): once, at the first.
    assert fired(run, "2026-04-05/morning/") == ["04-04 14:45", "04-04 15:05", "04-04 15:25"]
    # 02:15 on 2026-10-04 does not exist (02:00 -> 02:30 +11:00): fires at 02:30.
    assert fired(run, "2026-10-04/evening/") == ["10-03 15:30", "10-03 15:50", "10-03 16:10"]
    lh = ZoneInfo("Australia/Lord_Howe")
    mains = [r for _, r in run.deliveries if r.kind is ReminderKind.MAIN and r.slot is Slot.MORNING]
    assert all(r.fire_utc.astimezone(lh).strftime("%H:%M") == "01:45" for r in mains)


def test_year_with_moves_berlin_new_york_lord_howe():
    berlin, ny, lh = (ZoneInfo(z) for z in ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe"))
    s = ReminderSettings(
        morning=SlotReminder(True, "08:00"),
        evening=SlotReminder(True, "21:30"),  # follow-ups 22:00 / 22:30 are in quiet hours
        quiet_start="22:00", quiet_end="07:00",
    )
    start = datetime(2026, 1, 1, 0, tzinfo=berlin).astimezone(UTC)
    move1 = datetime(2026, 7, 1, 12, tzinfo=berlin).astimezone(UTC)  # fly west
    move2 = datetime(2026, 9, 15, 12, tzinfo=ny).astimezone(UTC)  # fly east across the date line
    end = datetime(2027, 1, 1, 0, tzinfo=lh).astimezone(UTC)
    periods = [Period(start, move1, s, berlin), Period(move1, move2, s, ny), Period(move2, end, s, lh)]
    run = check(periods, seed=4)
    # 08:00 stays 08:00 local in each zone, winter and summer.
    for _, r in run.deliveries:
        if r.kind is ReminderKind.MAIN and r.slot is Slot.MORNING:
            zone = next(p.tz for p in periods if p.start < r.fire_utc <= p.end)
            assert r.fire_utc.astimezone(zone).strftime("%H:%M") == "08:00"
    # One morning per local date, even across the moves.
    dates = [r.date for _, r in run.deliveries if r.kind is ReminderKind.MAIN and r.slot is Slot.MORNING]
    assert len(dates) == len(set(dates))
    # Flying east over the date line skipped Lord Howe's 15 September evening: told once, at the move.
    assert [(when, r.key) for when, r in run.deliveries if r.kind is ReminderKind.MISSED] == [
        (move2, "2026-09-15/evening/missed")]


@pytest.mark.parametrize("tz", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"])
def test_oracle_sanity_dst_days_exist(tz):
    """The scenarios above really cross a gap and a fold in each zone."""
    zone = ZoneInfo(tz)
    offsets = {datetime.combine(YEAR_START + timedelta(days=i), time(12), tzinfo=zone).utcoffset()
               for i in range(365)}
    assert len(offsets) == 2


def test_year_with_the_app_often_closed_gives_summaries_not_bursts():
    """Random closures (2 h to 3 days); reopening is a fresh process."""
    berlin = ZoneInfo("Europe/Berlin")
    s = ReminderSettings(quiet_start="22:00", quiet_end="07:00")
    periods = year(s, "Europe/Berlin")
    rng = random.Random(7)
    closures, t = [], periods[0].start + timedelta(days=2)
    while t < periods[0].end - timedelta(days=4):
        length = timedelta(minutes=rng.randrange(120, 3 * 24 * 60))
        closures.append((t, t + length))
        t += length + timedelta(minutes=rng.randrange(60, 10 * 24 * 60))
    expected, actions = oracle(periods, 5)
    run = simulate(periods, actions, 5, closures)

    def closed_at(instant):
        return any(a < instant <= b for a, b in closures)

    keys = [r.key for _, r in run.deliveries]
    assert len(keys) == len(set(keys)), "a reminder was delivered twice"
    grace = timedelta(minutes=15)
    for when, r in run.deliveries:
        if r.kind is ReminderKind.MISSED:
            continue
        assert r.key in expected, r.key
        assert timedelta(0) <= when - r.fire_utc <= grace, (r.key, "stale delivery")
    # While open, everything the oracle expects arrives on time.
    for key, exp in expected.items():
        if not closed_at(exp.at) and not any(b < exp.at <= b + grace for _, b in closures):
            assert key in keys, key
    # Reopening: at most one live reminder per slot and one calm summary, never both
    # a summary and a live one, and never a burst.
    summaries = 0
    for _, got in run.reopened:
        kinds = [r.kind for r in got]
        summaries += kinds.count(ReminderKind.MISSED)
        assert kinds.count(ReminderKind.MISSED) <= 1
        assert len(got) <= 2
        if ReminderKind.MISSED in kinds:
            assert len(got) == 1
    assert summaries > 10  # the scenario really exercised it
    # A summary names the most recent main reminder that passed unseen.
    for when, got in run.reopened:
        for r in got:
            if r.kind is ReminderKind.MISSED:
                assert r.fire_utc < when - grace
                assert r.key.endswith("/missed")
                assert r.fire_utc.astimezone(berlin).strftime("%H:%M") in ("08:00", "20:00")
