"""Foot checks counted for Progress and the doctor's report (data/journal/footcheck_stats.py)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from data.journal.footcheck_stats import NOTHING_FOUND, adherence, counted_from, foot_check_progress, foot_check_report
from data.journal.footchecks import Finding, FootCheck, save_foot_check, save_setting
from data.storage.store import open_store

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 29)  # a Sunday


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


def check(store, day: date, *found: Finding, note: str = "", hour: int = 20) -> FootCheck:
    c = FootCheck(f"{day}-{hour}", datetime.combine(day, time(hour), TZ), not found, found, note)
    save_foot_check(store, c)
    return c


def test_adherence_counts_no_day_before_the_habit_began():
    checked = {date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 9)}
    a = adherence(checked, date(2026, 3, 1), date(2026, 3, 9), counted_from=date(2026, 3, 4))
    assert (a.first, a.days, a.done) == (date(2026, 3, 4), 6, 2)
    assert adherence(checked, date(2026, 3, 1), date(2026, 3, 9), date(2026, 3, 10)) is None


def test_counted_from_the_day_switched_on_else_the_first_check_and_never_when_off(store):
    assert counted_from(store, TZ) is None
    check(store, date(2026, 3, 20))
    check(store, date(2026, 2, 27))
    assert counted_from(store, TZ) == date(2026, 2, 27)  # never chose: from the first check
    save_setting(store, True, date(2026, 3, 25))
    assert counted_from(store, TZ) == date(2026, 3, 25)
    save_setting(store, False, date(2026, 3, 26))
    assert counted_from(store, TZ) is None


def test_progress_says_the_last_7_days_and_the_last_4_weeks(store):
    save_setting(store, True, date(2026, 2, 1))
    for n in (0, 1, 3, 10, 20):
        check(store, TODAY - timedelta(days=n))
    check(store, TODAY - timedelta(days=3), Finding.BLISTER, hour=21)  # a second check the same day counts once
    shown = foot_check_progress(store, TODAY, TZ)
    assert (shown.week.done, shown.week.days, shown.four_weeks.done, shown.four_weeks.days) == (3, 7, 5, 28)
    assert shown.lines == (
        "In the last 7 days: feet checked on 3 of 7 days.",
        "In the last 4 weeks: feet checked on 5 of 28 days.",
        "Something was found on 1 of these days; it is in the report for your doctor.",
    )


def test_progress_counts_from_the_day_it_began_and_says_so(store):
    save_setting(store, True, TODAY - timedelta(days=2))
    check(store, TODAY)
    assert foot_check_progress(store, TODAY, TZ).lines == (
        "Since you began on Friday 27 March: feet checked on 1 of 3 days.",)


def test_progress_shows_nothing_when_switched_off(store):
    check(store, TODAY)
    save_setting(store, False, TODAY)
    assert foot_check_progress(store, TODAY, TZ).lines == ()


def test_the_report_counts_the_period_and_lists_what_was_found(store):
    save_setting(store, True, date(2026, 3, 1))
    check(store, date(2026, 3, 3), Finding.NEW_SORE, Finding.REDNESS, note="under the left big toe")
    check(store, date(2026, 3, 4))
    report = foot_check_report(store, date(2026, 3, 2), TODAY, TZ)
    assert report.summary == "Feet checked on 2 of the 28 days from 2 March 2026 to 29 March 2026."
    assert report.found == (("Tue 3 Mar, 20:00: A new sore or cut, redness", "under the left big toe"),)


def test_the_report_counts_from_the_day_switched_on_and_says_when_nothing_was_found(store):
    save_setting(store, True, date(2026, 3, 20))
    check(store, date(2026, 3, 21))
    report = foot_check_report(store, date(2026, 3, 2), TODAY, TZ)
    assert report.summary == "Feet checked on 1 of the 10 days from 20 March 2026 to 29 March 2026."
    assert report.found == () and report.nothing_found == NOTHING_FOUND


def test_no_report_section_when_off_and_nothing_done(store):
    assert foot_check_report(store, date(2026, 3, 2), TODAY, TZ) is None
    save_setting(store, False, date(2026, 3, 1))
    assert foot_check_report(store, date(2026, 3, 2), TODAY, TZ) is None
    check(store, date(2026, 3, 5), Finding.HEAT)  # done while off: still reported
    assert foot_check_report(store, date(2026, 3, 2), TODAY, TZ).found[0][0] == (
        "Thu 5 Mar, 20:00: One foot warmer than the other")
