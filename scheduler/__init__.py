"""Reminder planning core: settings, pure planning, OS sync and the in-app runner.

Imports no UI toolkit (no flet): the views subscribe to the runner and hand a
platform NotificationService to OsReminderSync. See plan.py for the rules.
"""
from scheduler.plan import (
    Reminder,
    ReminderKind,
    ReminderState,
    due,
    missed_summary,
    next_reminder,
    upcoming,
)
from scheduler.settings import ReminderSettings, SlotReminder

__all__ = [
    "Reminder",
    "ReminderKind",
    "ReminderSettings",
    "ReminderState",
    "SlotReminder",
    "due",
    "missed_summary",
    "next_reminder",
    "upcoming",
]
