"""How the app writes a day, in one place so every screen and the report spell a date the same way.

Why at the bottom of the core: the screens, the exports and the journal all show dates,
and each may import this. The day is always passed in, never read from the clock.
"""
from __future__ import annotations

from datetime import date


def long_day(day: date) -> str:
    """ "Monday 3 March": the weekday, the day without a leading zero, the month."""
    return f"{day:%A} {day.day} {day:%B}"


def short_day(day: date) -> str:
    """ "Mon 3 Mar": for lists where many days follow each other."""
    return f"{day:%a} {day.day} {day:%b}"


def day_month(day: date) -> str:
    """ "3 Mar": a chart's date label."""
    return f"{day.day} {day:%b}"


def long_date(day: date) -> str:
    """ "3 March 2026": a date that may lie in another year (a report's period, a backup's age)."""
    return f"{day.day} {day:%B %Y}"
