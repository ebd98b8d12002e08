"""The reminder prompt's rules: its words, which buttons it offers (a snooze only outside quiet hours),
the snooze's words, and what a tap on a phone notification does."""
import asyncio
import concurrent.futures
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from data.models import Slot
from data.storage.store import open_store
from scheduler.hub import ReminderHub
from scheduler.notifications import PermissionStatus, notification_id
from scheduler.plan import Reminder, ReminderKind, main_key, missed_key
from scheduler.prompt import (
    Answer,
    Buttons,
    answer_notification,
    ask_phone_permission,
    prompt,
    prompt_words,
    snooze,
)
from scheduler.runner import reset_runner
from scheduler.settings import ReminderSettings, SlotReminder

TZ = "Europe/Berlin"
BERLIN = ZoneInfo(TZ)
D = date(2026, 6, 10)


def at(hh: int, mm: int = 0) -> datetime:
    return datetime.combine(D, time(hh, mm), tzinfo=BERLIN)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class FakeOs:
    """A phone that accepts every notification it is handed."""

    pending: dict[int, str] = field(default_factory=dict)

    def schedule(self, id, title, body, fire_at, actions):  # noqa: A002
        self.pending[id] = title

    def cancel(self, id):  # noqa: A002
        self.pending.pop(id, None)

    def cancel_all(self):
        self.pending.clear()

    def pending_ids(self):
        return set(self.pending)

    def permission_status(self):
        return PermissionStatus.GRANTED


def run(coro):
    """asyncio.run in a thread of its own (an end-to-end test's event loop may run in this one)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(autouse=True)
def one_runner_per_test():
    reset_runner()
    yield
    reset_runner()


@pytest.fixture
def clock():
    return Clock(at(8, 0))


@pytest.fixture
def hub(tmp_path, clock):
    return ReminderHub(open_store(tmp_path / "data"), clock, zone=lambda: TZ)


def due(kind: ReminderKind = ReminderKind.MAIN) -> Reminder:
    key = main_key(D, Slot.MORNING) if kind is ReminderKind.MAIN else missed_key(D, Slot.MORNING)
    return Reminder(key, Slot.MORNING, D, kind, at(8, 0))


def test_the_words_of_each_kind_of_prompt(hub):
    assert prompt_words(hub.test_reminder()) == (
        "This is a test reminder",
        "Your reminders look like this, with buttons to start, to be reminded a little later, or to skip.")
    assert prompt_words(due())[0] == "Time for your morning acupressure"
    assert prompt_words(due(ReminderKind.MISSED)) == ("You missed your morning session",
                                                      "That is fine. Pick it up again next time.")


def test_which_buttons_show(hub):
    assert prompt(hub, hub.test_reminder()).buttons is Buttons.CLOSE
    missed = prompt(hub, due(ReminderKind.MISSED))
    assert missed.buttons is Buttons.START_OR_NOT_NOW and missed.snooze == "" and missed.no_snooze == ""
    now = prompt(hub, due())
    assert (now.buttons, now.snooze, now.no_snooze) == (Buttons.START_SNOOZE_SKIP, "Snooze 10 minutes", "")
    assert now.title == "Time for your morning acupressure"


def test_no_snooze_when_it_would_end_in_quiet_hours(hub, clock):
    hub.save_settings(ReminderSettings(snooze_minutes=30, quiet_start=time(21, 0), quiet_end=time(7, 0)))
    clock.now = at(20, 45)  # 30 minutes later is 21:15, in quiet hours
    late = prompt(hub, due())
    assert late.buttons is Buttons.START_SNOOZE_SKIP and late.snooze == ""
    assert late.no_snooze == "Snooze is off now: in 30 minutes it would be your quiet hours."
    clock.now = at(20, 15)
    assert prompt(hub, due()).snooze == "Snooze 30 minutes"


def test_snooze_says_when_the_reminder_comes_back(hub, clock):
    clock.now = at(8, 2)
    assert snooze(hub, due()) == "I will remind you again at 08:12."


def test_ask_the_phone_only_while_reminders_are_on_and_not_allowed(hub):
    assert ask_phone_permission(hub, PermissionStatus.NOT_DETERMINED)
    assert ask_phone_permission(hub, PermissionStatus.DENIED)
    assert not ask_phone_permission(hub, PermissionStatus.GRANTED)
    hub.save_settings(ReminderSettings(morning=SlotReminder(False), evening=SlotReminder(True, "20:00", ())))
    assert not ask_phone_permission(hub, PermissionStatus.NOT_DETERMINED)


def test_taps_on_phone_notifications(hub, clock):
    clock.now = at(7, 0)
    hub.use_os(FakeOs())
    run(hub.sync_os())  # today's reminders are handed to the phone
    nid = notification_id(main_key(D, Slot.MORNING))
    clock.now = at(8, 0)

    plain = answer_notification(hub, nid, "")
    assert plain.answer is Answer.SHOW and plain.reminder.key == main_key(D, Slot.MORNING)
    assert answer_notification(hub, nid, None).answer is Answer.SHOW
    assert answer_notification(hub, 12345, "start").answer is Answer.NOTHING  # not ours (the test notification)

    started = answer_notification(hub, nid, "start")
    assert started.answer is Answer.START

    snoozed = answer_notification(hub, nid, "snooze-10")
    assert snoozed.answer is Answer.DONE
    assert hub.runner.state.snoozes == {(D, Slot.MORNING): at(8, 10)}

    skipped = answer_notification(hub, nid, "skip")
    assert skipped.answer is Answer.DONE and hub.runner.state.is_closed(D, Slot.MORNING)
    assert answer_notification(hub, nid, "start").answer is Answer.NOTHING  # already dealt with
    assert hub.next_reminder().fire_at == at(20, 0)  # nothing more this morning: the evening one is next
