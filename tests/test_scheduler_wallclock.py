"""APScheduler 3.11 CronTrigger around DST, and the app's correction of it.

The first tests pin down what CronTrigger itself does (so an APScheduler
upgrade that changes it is noticed); the rest check the app's rule: a
non-existent local time fires at the next valid minute, an ambiguous one
fires once (first occurrence), everything else at the chosen wall time.
"""
from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402
from apscheduler.triggers.cron import CronTrigger  # noqa: E402
from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from scheduler.wallclock import (  # noqa: E402
    daily_fires,
    is_repeated_pass,
    resolve_wall_time,
    wall_exists,
)

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
EVERY_DAY = frozenset(range(7))


def raw_fires(tz: ZoneInfo, at: time, start: datetime, n: int) -> list[datetime]:
    """What CronTrigger alone yields, the way APScheduler's scheduler asks it."""
    trig = CronTrigger(hour=at.hour, minute=at.minute, second=0, timezone=tz)
    prev, now, out = None, start, []
    for _ in range(n):
        prev = now = trig.get_next_fire_time(prev, now)
        out.append(now)
    return out


# --- what APScheduler 3.11 does ---------------------------------------------------------
def test_apscheduler_gap_returns_an_impossible_wall_time_half_an_hour_late():
    fires = raw_fires(BERLIN, time(2, 30), datetime(2026, 3, 28, 12, tzinfo=BERLIN), 2)
    gap_day = fires[0]
    assert gap_day.replace(tzinfo=None) == datetime(2026, 3, 29, 2, 30)  # never on a clock
    assert not wall_exists(gap_day.replace(tzinfo=None), BERLIN)
    # As an instant it is 01:30 UTC = 03:30 CEST, not the next valid minute 03:00.
    assert gap_day.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_apscheduler_ambiguous_time_fires_twice():
    fires = raw_fires(BERLIN, time(2, 30), datetime(2026, 10, 24, 12, tzinfo=BERLIN), 3)
    on_day = [f for f in fires if f.date() == date(2026, 10, 25)]
    assert [f.astimezone(UTC).hour for f in on_day] == [0, 1]  # 02:30 CEST and 02:30 CET
    assert [f.fold for f in on_day] == [0, 1]


def test_apscheduler_keeps_0800_local_across_dst():
    fires = raw_fires(NEW_YORK, time(8, 0), datetime(2026, 3, 6, 12, tzinfo=NEW_YORK), 2)
    assert [f.astimezone(UTC).astimezone(NEW_YORK).hour for f in fires] == [8, 8]
    assert [f.utcoffset() for f in fires] == [timedelta(hours=-5), timedelta(hours=-4)]


def test_apscheduler_lord_howe_half_hour_gap_also_late():
    # Lord Howe springs forward 02:00 -> 02:30 on 2026-10-04.
    fires = raw_fires(LORD_HOWE, time(2, 15), datetime(2026, 10, 3, 12, tzinfo=LORD_HOWE), 1)
    # (astimezone to the same ZoneInfo is a no-op: go through UTC to see the real reading)
    real = fires[0].astimezone(UTC).astimezone(LORD_HOWE)
    assert real.replace(tzinfo=None) == datetime(2026, 10, 4, 2, 45)


def test_apscheduler_chained_fires_lose_the_day_after_spring_forward():
    """Times in the first hour of the day: 2026-03-30 never fires in Berlin."""
    fires = raw_fires(BERLIN, time(0, 30), datetime(2026, 3, 28, 12, tzinfo=BERLIN), 3)
    assert [f.date() for f in fires] == [date(2026, 3, 29), date(2026, 3, 31), date(2026, 4, 1)]


@pytest.mark.parametrize(
    "tz, at, lost_day",
    [
        (BERLIN, time(0, 30), date(2026, 3, 30)),
        (NEW_YORK, time(0, 0), date(2026, 3, 9)),
        (LORD_HOWE, time(0, 15), date(2026, 10, 5)),
    ],
)
def test_app_keeps_the_day_apscheduler_loses(tz, at, lost_day):
    start = datetime.combine(lost_day - timedelta(days=3), time(12))
    days = [d for d, _ in fires_between(tz, at, start, start + timedelta(days=6))]
    assert lost_day in days
    assert days == [start.date() + timedelta(days=i) for i in range(1, 7)]


def test_app_keeps_monday_after_spring_forward_with_weekday_filter():
    start = datetime(2026, 3, 1, 0, 0)
    days = [d for d, _ in fires_between(BERLIN, time(0, 30), start, datetime(2026, 4, 30), frozenset({0}))]
    assert date(2026, 3, 30) in days and all(d.weekday() == 0 for d in days)
    assert len(days) == 9


# --- the app's rule ---------------------------------------------------------------------
def fires_between(tz, at, start, end, weekdays=EVERY_DAY):
    return list(daily_fires(at, weekdays, tz, start.replace(tzinfo=tz), end.replace(tzinfo=tz)))


@pytest.mark.parametrize(
    "tz, at, day, expected_local, expected_offset_h",
    [
        (BERLIN, time(2, 30), date(2026, 3, 29), datetime(2026, 3, 29, 3, 0), 2),
        (BERLIN, time(2, 0), date(2026, 3, 29), datetime(2026, 3, 29, 3, 0), 2),
        (BERLIN, time(2, 59), date(2026, 3, 29), datetime(2026, 3, 29, 3, 0), 2),
        (BERLIN, time(3, 0), date(2026, 3, 29), datetime(2026, 3, 29, 3, 0), 2),
        (NEW_YORK, time(2, 30), date(2026, 3, 8), datetime(2026, 3, 8, 3, 0), -4),
        (LORD_HOWE, time(2, 15), date(2026, 10, 4), datetime(2026, 10, 4, 2, 30), 11),
    ],
)
def test_gap_fires_at_next_valid_minute(tz, at, day, expected_local, expected_offset_h):
    start = datetime.combine(day - timedelta(days=1), time(12))
    got = dict(fires_between(tz, at, start, start + timedelta(days=2)))
    fire = got[day]
    assert fire.replace(tzinfo=None) == expected_local
    assert fire.utcoffset() == timedelta(hours=expected_offset_h)
    assert wall_exists(fire.replace(tzinfo=None), tz)


@pytest.mark.parametrize(
    "tz, at, day, first_utc",
    [
        (BERLIN, time(2, 30), date(2026, 10, 25), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (NEW_YORK, time(1, 30), date(2026, 11, 1), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        # Lord Howe falls back 02:00 -> 01:30 on 2026-04-05: 01:45 happens twice.
        (LORD_HOWE, time(1, 45), date(2026, 4, 5), datetime(2026, 4, 4, 14, 45, tzinfo=UTC)),
    ],
)
def test_ambiguous_fires_once_at_first_occurrence(tz, at, day, first_utc):
    start = datetime.combine(day - timedelta(days=1), time(12))
    fires = fires_between(tz, at, start, start + timedelta(days=2))
    on_day = [f for d, f in fires if d == day]
    assert len(on_day) == 1
    assert on_day[0].astimezone(UTC) == first_utc
    assert on_day[0].fold == 0
    assert len(fires) == 2  # the day before/after each once: no third firing


def test_ambiguous_started_between_the_two_passes_does_not_fire_again():
    # The clock already went 02:30 CEST -> 03:00 -> 02:00 CET; now 02:10 CET.
    now = datetime(2026, 10, 25, 2, 10, tzinfo=BERLIN, fold=1)
    assert now.utcoffset() == timedelta(hours=1)
    fires = list(daily_fires(time(2, 30), EVERY_DAY, BERLIN, now, now + timedelta(hours=30)))
    assert [d for d, _ in fires] == [date(2026, 10, 26)]


def test_weekdays_are_monday_zero():
    start = datetime(2026, 6, 1, 0, 0)  # a Monday
    fires = fires_between(BERLIN, time(8), start, start + timedelta(days=14), frozenset({0, 6}))
    assert [d.weekday() for d, _ in fires] == [0, 6, 0, 6]


def test_0800_stays_local_all_year_in_three_zones():
    for tz in (BERLIN, NEW_YORK, LORD_HOWE):
        fires = fires_between(tz, time(8), datetime(2026, 1, 1), datetime(2027, 1, 1))
        assert len(fires) == 365
        assert all(f.replace(tzinfo=None).time() == time(8) for _, f in fires)
        assert all(f.date() == d for d, f in fires)
        offsets = {f.utcoffset() for _, f in fires}
        assert len(offsets) == 2  # winter and summer both covered


ZONE_LIST = [
    BERLIN, NEW_YORK, LORD_HOWE, ZoneInfo("Europe/London"), ZoneInfo("America/Santiago"),
    ZoneInfo("Pacific/Chatham"), ZoneInfo("Asia/Kathmandu"), ZoneInfo("Pacific/Apia"),
]


def transition_days(tz: ZoneInfo, first: int, last: int) -> list[date]:
    """Local dates on which the UTC offset changes (found by a daily scan)."""
    out, d = [], date(first, 1, 1)
    while d.year <= last:
        a = datetime.combine(d, time(0)).replace(tzinfo=tz).utcoffset()
        b = datetime.combine(d + timedelta(days=1), time(0)).replace(tzinfo=tz).utcoffset()
        if a != b:
            out.append(d)
        d += timedelta(days=1)
    return out


# (zone, day) pairs biased to the days that matter: DST changes (and Samoa's
# skipped 2011-12-30), plus ordinary days.
_TRANSITIONS = [(tz, d) for tz in ZONE_LIST for d in transition_days(tz, 2011, 2030)]
ZONE_DAYS = st.one_of(
    st.sampled_from(_TRANSITIONS),
    st.tuples(st.sampled_from(ZONE_LIST), st.dates(date(2011, 1, 1), date(2030, 12, 31))),
)


def first_reading_at_or_after(naive: datetime, tz: ZoneInfo) -> datetime:
    """Independent oracle: the first real minute whose wall clock reads >= naive.

    Scans real minutes from before any zone could read `naive` (UTC offsets
    lie within -12 h..+14 h), so it needs no knowledge of transitions.
    """
    probe = naive.replace(tzinfo=UTC, second=0, microsecond=0) - timedelta(hours=14, minutes=1)
    while probe.astimezone(tz).replace(tzinfo=None) < naive:
        probe += timedelta(minutes=1)
    return probe


def test_transition_table_is_not_empty():
    assert date(2011, 12, 30) in [d for tz, d in _TRANSITIONS if tz.key == "Pacific/Apia"]
    assert date(2026, 10, 4) in [d for tz, d in _TRANSITIONS if tz is LORD_HOWE]


@hsettings(max_examples=400, deadline=None)
@given(zone_day=ZONE_DAYS, minute_of_day=st.integers(0, 24 * 60 - 1))
def test_resolve_equals_first_moment_the_clock_reads_that_time(zone_day, minute_of_day):
    tz, day = zone_day
    naive = datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60))
    got = resolve_wall_time(naive, tz)
    assert got.astimezone(UTC) == first_reading_at_or_after(naive, tz)
    assert not is_repeated_pass(got)


@hsettings(max_examples=200, deadline=None)
@given(zone_day=ZONE_DAYS, minute_of_day=st.integers(0, 24 * 60 - 1))
def test_daily_fires_matches_oracle_around_transitions(zone_day, minute_of_day):
    tz, day = zone_day
    at = time(minute_of_day // 60, minute_of_day % 60)
    start = datetime.combine(day - timedelta(days=1), time(0)).replace(tzinfo=tz)
    fires = list(daily_fires(at, EVERY_DAY, tz, start, start + timedelta(days=3)))
    instants = [f.astimezone(UTC) for _, f in fires]
    assert instants == sorted(set(instants))  # strictly increasing: never two at once
    assert len({d for d, _ in fires}) == len(fires)  # at most one per day
    for d, f in fires:
        assert f.astimezone(UTC) == first_reading_at_or_after(datetime.combine(d, at), tz)
    # Every day of the window is covered unless its resolved time coincides with
    # the next day's (a whole skipped day, Samoa 2011).
    expected_days = {
        start.date() + timedelta(days=i) for i in range(4)
        if start.astimezone(UTC)
        <= first_reading_at_or_after(datetime.combine(start.date() + timedelta(days=i), at), tz)
        <= (start + timedelta(days=3)).astimezone(UTC)
    }
    missing = expected_days - {d for d, _ in fires}
    for d in missing:
        same = first_reading_at_or_after(datetime.combine(d, at), tz)
        assert same in instants  # merged into the next day's reminder, not lost
