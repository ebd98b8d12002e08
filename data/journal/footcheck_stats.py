"""How often the feet were checked, and what was found: for Progress and for the doctor's report.

Why here, beside the records: Progress (data/screens) and the report (data/exports)
both need the same counts, and the report's room sits below the screens.  Days are
counted from the day the daily check was switched on (or, when the person never
chose, from their first check), never before: a day before the habit began is not
a missed day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from data.dates import long_date, long_day, short_day
from data.journal.footchecks import COLLECTION, FootCheck, days_checked, list_foot_checks, load_setting
from data.journal.records import local_day

WEEK_DAYS = 7
FOUR_WEEKS_DAYS = 28


@dataclass(frozen=True)
class Adherence:
    """Days with a foot check, of the days counted in a period."""

    first: date  # the first day counted
    last: date
    done: int

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def adherence(checked: set[date], start: date, end: date, counted_from: date) -> Adherence | None:
    """Days checked in [start, end], counting no day before ``counted_from``; None when no day is counted."""
    first = max(start, counted_from)
    if first > end:
        return None
    return Adherence(first, end, sum(1 for day in checked if first <= day <= end))


def counted_from(store, tz: tzinfo | None) -> date | None:
    """The first day the habit counts from: the day it was switched on, else the first check ever.

    None when it is switched off, or when the person never chose and never checked.
    """
    setting = load_setting(store)
    if setting is not None:
        return setting.changed_on if setting.on else None
    for month in store.months(COLLECTION):  # the first month with a readable check; no need to read all history
        found = list_foot_checks(store, month, month + timedelta(days=31), tz)
        if found:
            return local_day(found[0].at, tz)
    return None


@dataclass(frozen=True)
class FootCheckProgress:
    """The foot-check lines of Progress: the last 7 days, the last 4 weeks, and whether anything was found."""

    week: Adherence | None
    four_weeks: Adherence | None
    lines: tuple[str, ...]  # empty: the check is off and was never used, show nothing


def _line(label: str, a: Adherence, window_start: date) -> str:
    if a.first > window_start:
        label = f"Since you began on {long_day(a.first)}"
    return f"{label}: feet checked on {a.done} of {a.days} day{'s' if a.days != 1 else ''}."


def foot_check_progress(store, today: date, tz: tzinfo) -> FootCheckProgress:
    """Days with a foot check this week (the last 7 days) and in the last 4 weeks, in words."""
    start = counted_from(store, tz)
    if start is None:
        return FootCheckProgress(None, None, ())
    four_start = today - timedelta(days=FOUR_WEEKS_DAYS - 1)
    week_start = today - timedelta(days=WEEK_DAYS - 1)
    checks = list_foot_checks(store, four_start, today, tz)
    checked = days_checked(checks, tz)
    week = adherence(checked, week_start, today, start)
    four = adherence(checked, four_start, today, start)
    if week is None or four is None:
        return FootCheckProgress(None, None, ())
    lines = [_line("In the last 7 days", week, week_start)]
    if four.first < week.first:  # otherwise the 4 weeks say the same as the week
        lines.append(_line("In the last 4 weeks", four, four_start))
    found_days = {local_day(c.at, tz) for c in checks if not c.all_fine and local_day(c.at, tz) >= start}
    if found_days:
        lines.append(f"Something was found on {len(found_days)} of these days; it is in the report for your "
                     "doctor.")
    return FootCheckProgress(week, four, tuple(lines))


@dataclass(frozen=True)
class FootCheckReport:
    """The report's "Daily foot checks" section."""

    summary: str  # "Feet checked on 20 of the 28 days from 2 March 2026 to 29 March 2026."
    found: tuple[tuple[str, str], ...]  # ("Tue 3 Mar, 19:05: A blister", the note): what was found, oldest first
    nothing_found: str  # said instead of ``found`` when it is empty


NOTHING_FOUND = "Nothing was found at any foot check in this period."


def found_entry(check: FootCheck, tz: tzinfo) -> tuple[str, str]:
    local = check.at.astimezone(tz)
    return f"{short_day(local.date())}, {local:%H:%M}: {check.words}", check.note


def foot_check_report(store, start: date, end: date, tz: tzinfo) -> FootCheckReport | None:
    """What the doctor reads about foot checks in [start, end]; None when there is nothing to say
    (the check is off and none was done in the period)."""
    checks = list_foot_checks(store, start, end, tz)
    first = counted_from(store, tz)
    if first is None and not checks:
        return None
    checked = days_checked(checks, tz)
    counted = adherence(checked, start, end, first if first is not None else start)
    if counted is None:  # switched on after the period: count the checks done in it over the whole period
        counted = adherence(checked, start, end, start)
    summary = (f"Feet checked on {counted.done} of the {counted.days} day{'s' if counted.days != 1 else ''} from "
               f"{long_date(counted.first)} to {long_date(end)}.")
    found = tuple(found_entry(c, tz) for c in checks if not c.all_fine)
    return FootCheckReport(summary, found, NOTHING_FOUND)
