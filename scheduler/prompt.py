"""The in-app reminder prompt's behaviour: its words, which buttons it offers, and what a tap on a phone
notification does.

Why here: whether a snooze is offered depends on the quiet hours, and the words on
the kind of reminder; kept beside the hub they are tested without a screen.  How
the prompt reaches every open session (links, inboxes, page tasks) stays in the view.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from scheduler.hub import TEST_KEY, ReminderHub
from scheduler.notifications import PermissionStatus, default_wording
from scheduler.plan import Reminder, ReminderKind

TEST_WORDS = ("This is a test reminder", "Your reminders look like this, with buttons to start, "
              "to be reminded a little later, or to skip.")


class Buttons(Enum):
    """Which buttons the prompt offers."""

    CLOSE = "close"  # the test reminder: Close
    START_OR_NOT_NOW = "start or not now"  # "you missed": Start now, Not now
    START_SNOOZE_SKIP = "start, snooze or skip"  # a reminder now: Start now, Snooze (if allowed), Skip today


@dataclass(frozen=True)
class Prompt:
    title: str
    words: str
    buttons: Buttons
    snooze: str  # the Snooze button's words ("Snooze 10 minutes"); "" when no snooze is offered
    no_snooze: str  # why there is no Snooze button now; "" when there is one (or none is due)


def prompt_words(reminder: Reminder) -> tuple[str, str]:
    """The prompt's title and words."""
    return TEST_WORDS if reminder.key == TEST_KEY else default_wording(reminder)


def prompt(hub: ReminderHub, reminder: Reminder) -> Prompt:
    """The prompt for `reminder`, with a snooze only when it would not end in quiet hours."""
    title, words = prompt_words(reminder)
    if reminder.key == TEST_KEY:
        return Prompt(title, words, Buttons.CLOSE, "", "")
    if reminder.kind is ReminderKind.MISSED:
        return Prompt(title, words, Buttons.START_OR_NOT_NOW, "", "")
    minutes = hub.settings.snooze_minutes
    if hub.snooze_allowed():
        return Prompt(title, words, Buttons.START_SNOOZE_SKIP, f"Snooze {minutes} minutes", "")
    return Prompt(title, words, Buttons.START_SNOOZE_SKIP, "",
                  f"Snooze is off now: in {minutes} minutes it would be your quiet hours.")


def snooze(hub: ReminderHub, reminder: Reminder) -> str:
    """Snooze `reminder`; returns when it comes back, in the words the person reads."""
    until = hub.snooze(reminder).astimezone(hub.local_now().tzinfo)
    return f"I will remind you again at {until:%H:%M}."


def ask_phone_permission(hub: ReminderHub, status: PermissionStatus) -> bool:
    """Ask the phone for notifications while reminders are on and they are not allowed yet."""
    wanted = hub.settings.morning.active or hub.settings.evening.active
    return wanted and status is not PermissionStatus.GRANTED


class Answer(Enum):
    """What a tap on a phone notification (or one of its buttons) leaves for the screen to do."""

    NOTHING = "nothing"  # the test notification, or a reminder already dealt with: opening the app is enough
    START = "start"  # open the session
    SHOW = "show"  # show the reminder's prompt here, with its buttons
    DONE = "done"  # snoozed or skipped


@dataclass(frozen=True)
class NotificationAnswer:
    answer: Answer
    reminder: Reminder | None = None


def answer_notification(hub: ReminderHub, nid: int, action: str | None) -> NotificationAnswer:
    """A tap on a phone notification (`action` "" or None), or on its Start now / Snooze / Skip today button."""
    action = action or ""
    reminder = hub.reminder_for_notification(nid)
    if reminder is None or hub.runner.state.is_closed(reminder.date, reminder.slot):
        return NotificationAnswer(Answer.NOTHING)
    if action == "start":
        hub.dismiss(reminder)
        return NotificationAnswer(Answer.START, reminder)
    if action.startswith("snooze"):
        hub.snooze(reminder)
        return NotificationAnswer(Answer.DONE, reminder)
    if action == "skip":
        hub.skip(reminder)
        return NotificationAnswer(Answer.DONE, reminder)
    return NotificationAnswer(Answer.SHOW, reminder)
