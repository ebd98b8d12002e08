"""ReminderSettings: defaults, validation, storage round trip, quiet hours."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
from hypothesis import given, strategies as st  # noqa: E402

from data.models import Slot  # noqa: E402
from scheduler.settings import ALL_DAYS, SNOOZE_CHOICES, ReminderSettings, SlotReminder, parse_hhmm  # noqa: E402


def test_defaults_match_the_issue():
    s = ReminderSettings()
    assert s.morning == SlotReminder(True, time(8, 0), ALL_DAYS)
    assert s.evening == SlotReminder(True, time(20, 0), ALL_DAYS)
    assert (s.follow_up_minutes, s.max_follow_ups) == (30, 2)
    assert not s.quiet_enabled and not s.in_quiet_hours(time(3, 0))


def test_strings_are_accepted_and_normalised():
    cfg = SlotReminder(True, "7:05", [0, 1, 1])
    assert cfg.time == time(7, 5) and cfg.weekdays == frozenset({0, 1})
    s = ReminderSettings(quiet_start="22:00", quiet_end="07:00")
    assert s.quiet_start == time(22) and s.quiet_end == time(7)


@pytest.mark.parametrize("bad", ["24:00", "8", "08:60", "08:00:00", "", "ab:cd", 800, None])
def test_bad_times_are_refused(bad):
    with pytest.raises(ValueError):
        SlotReminder(True, bad)


def test_time_with_seconds_or_zone_is_refused():
    from datetime import timezone

    with pytest.raises(ValueError):
        parse_hhmm(time(8, 0, 30))
    with pytest.raises(ValueError):
        parse_hhmm(time(8, 0, tzinfo=timezone.utc))


@pytest.mark.parametrize("days", [[7], [-1], ["mon"], "0123", [True]])
def test_bad_weekdays_are_refused(days):
    with pytest.raises(ValueError):
        SlotReminder(True, "08:00", days)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"follow_up_minutes": 0},
        {"follow_up_minutes": 4},
        {"follow_up_minutes": 241},
        {"follow_up_minutes": 30.0},
        {"max_follow_ups": 3},
        {"max_follow_ups": -1},
        {"max_follow_ups": True},
        {"quiet_start": "22:00"},
        {"quiet_end": "07:00"},
        {"quiet_start": "22:00", "quiet_end": "22:00"},
        {"morning": {"enabled": True}},
    ],
)
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        ReminderSettings(**kwargs)


def test_enabled_must_be_bool():
    with pytest.raises(ValueError):
        SlotReminder("yes", "08:00")


def test_quiet_hours_wrap_midnight_half_open():
    s = ReminderSettings(quiet_start="22:00", quiet_end="07:00")
    assert s.in_quiet_hours(time(22, 0)) and s.in_quiet_hours(time(23, 59))
    assert s.in_quiet_hours(time(0, 0)) and s.in_quiet_hours(time(6, 59))
    assert not s.in_quiet_hours(time(7, 0)) and not s.in_quiet_hours(time(21, 59))
    day = ReminderSettings(quiet_start="13:00", quiet_end="15:00")
    assert day.in_quiet_hours(time(13)) and not day.in_quiet_hours(time(15))
    assert not day.in_quiet_hours(time(12, 59))


def test_quiet_conflicts_lists_enabled_slots_inside_quiet_hours():
    s = ReminderSettings(
        morning=SlotReminder(True, "06:30"),
        evening=SlotReminder(True, "22:30"),
        quiet_start="22:00",
        quiet_end="07:00",
    )
    assert s.quiet_conflicts() == [Slot.MORNING, Slot.EVENING]
    off = s.with_slot(Slot.EVENING, SlotReminder(False, "22:30"))
    assert off.quiet_conflicts() == [Slot.MORNING]
    assert off.slot(Slot.EVENING).enabled is False


def test_from_dict_fills_missing_keys_with_defaults():
    assert ReminderSettings.from_dict({}) == ReminderSettings()
    assert ReminderSettings.from_dict(None) == ReminderSettings()
    partial = ReminderSettings.from_dict({"evening": {"time": "21:15"}})
    assert partial.evening == SlotReminder(True, time(21, 15), ALL_DAYS)
    with pytest.raises(ValueError):
        ReminderSettings.from_dict({"max_follow_ups": "2"})
    with pytest.raises(ValueError):
        ReminderSettings.from_dict([])


hhmm = st.builds(time, st.integers(0, 23), st.integers(0, 59))
slots = st.builds(SlotReminder, st.booleans(), hhmm, st.frozensets(st.integers(0, 6)))


@st.composite
def settings_strategy(draw):
    quiet = draw(st.none() | st.tuples(hhmm, hhmm).filter(lambda p: p[0] != p[1]))
    return ReminderSettings(
        morning=draw(slots),
        evening=draw(slots),
        follow_up_minutes=draw(st.integers(5, 240)),
        max_follow_ups=draw(st.integers(0, 2)),
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
        snooze_minutes=draw(st.sampled_from(SNOOZE_CHOICES)),
    )


def test_snooze_length_is_one_of_the_offered_choices():
    assert ReminderSettings().snooze_minutes == 10
    assert ReminderSettings.from_dict({"snooze_minutes": 60}).snooze_minutes == 60
    for bad in (15, 0, True, "30", 30.0):
        with pytest.raises(ValueError):
            ReminderSettings(snooze_minutes=bad)


@given(settings_strategy())
def test_round_trip_through_json(s):
    assert ReminderSettings.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_scheduler_package_imports_no_flet():
    code = (
        "import sys; import scheduler, scheduler.settings, scheduler.plan, scheduler.wallclock, "
        "scheduler.notifications, scheduler.runner; "
        "bad = [m for m in sys.modules if m == 'flet' or m.startswith('flet.')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_day_split_is_halfway_between_the_chosen_times():
    from datetime import time

    from scheduler.settings import ReminderSettings, SlotReminder

    assert ReminderSettings().day_split() == time(14, 0)
    early = ReminderSettings(morning=SlotReminder(time="06:30"), evening=SlotReminder(time="13:00"))
    assert early.day_split() == time(9, 45)
    upside_down = ReminderSettings(morning=SlotReminder(time="15:00"), evening=SlotReminder(time="13:00"))
    assert upside_down.day_split() == time(14, 0)
