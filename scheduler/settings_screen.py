"""The Settings screen's behaviour: the choices it offers and their words, and each change as one call.

Why in scheduler/: the screen joins the reminder settings (kept by the hub) with the
practice pacing (data/routine/pace.py), and the scheduler sits between the two.
Every change is applied to the settings as saved at the moment of the tap (another
tab may have changed others since this one was drawn) and saved through the hub,
which re-plans the in-app reminders and the phone's own notifications.  A change
the phone cannot save (a full phone) comes back as ``Unsaved``: the words to show
in the section tapped, what was chosen, and the call that tries again.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import time
from enum import Enum
from typing import Any

from data.models import Slot
from data.routine.cues import Clip, sample_clips
from data.routine.pace import DOC as PRACTICE_DOC, PracticeSettings, load_practice_settings
from data.routine.sound_settings import (
    MAX_VOLUME,
    MIN_VOLUME,
    SoundSettings,
    change_sound_settings,
    load_sound_settings,
)
from data.routine.text_size import TextSize, load_text_size, save_text_size
from data.storage.save_errors import attempt
from scheduler.hub import ReminderHub
from scheduler.notifications import PermissionStatus
from scheduler.settings import SNOOZE_CHOICES, ReminderSettings, format_hhmm

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SLOT_NAMES = {Slot.MORNING: "Morning", Slot.EVENING: "Evening"}
QUIET_DEFAULT = (time(22, 0), time(7, 0))
FOLLOW_UPS = ((0, "No"), (1, "Once"), (2, "Twice"))
FOLLOW_UP_AFTER = (15, 30, 60)
PREPARE_CHOICES = (5, 8, 15, 30)
SWITCH_CHOICES = (2, 4, 8)
QUIET_START, QUIET_END = "quiet_start", "quiet_end"  # the time picker's keys besides the slots' values
BATTERY_STEPS = (
    "If reminders come late or not at all, let PressPoint run in the background:",
    "1. Open your phone's Settings.",
    "2. Tap Apps, then PressPoint.",
    "3. Tap Battery (on some phones: App battery usage).",
    "4. Choose Unrestricted (on some phones: Don't optimise).",
)


# -- what the screen shows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    value: Any
    words: str  # "15"
    name: str  # what a screen reader says: "Each time after 15 minutes, chosen"
    chosen: bool
    choice: str  # the answer with its question, "Each time after 15 minutes" (named if it cannot be saved)


@dataclass(frozen=True)
class Question:
    """One question with a few big answers side by side."""

    words: str  # "Each time after (minutes)": the unit is shown once, in the question
    options: tuple[Option, ...]


def question(label: str, options: list[tuple[Any, str]], chosen: Any, unit: str = "") -> Question:
    """`unit` is spoken after each answer ("15" is read "15 minutes") and shown once in the question."""
    def option(value: Any, words: str) -> Option:
        choice = f"{label} {f'{words} {unit}'.strip()}"
        return Option(value, words, f"{choice}, chosen" if value == chosen else choice, value == chosen, choice)

    return Question(f"{label} ({unit})" if unit else label, tuple(option(value, words) for value, words in options))


def seconds_options(offered: tuple[int, ...], current: float) -> list[tuple[float, str]]:
    """The offered pacing choices, plus the saved value if it is another one (so one is always ticked)."""
    return [(float(n), f"{n:g}") for n in sorted({*map(float, offered), current})]


@dataclass(frozen=True)
class DayToggle:
    day: int  # 0 = Monday
    words: str  # "Mon"
    name: str  # "Monday, on"
    on: bool


@dataclass(frozen=True)
class SlotSection:
    slot: Slot
    enabled: bool
    switch: str  # "Morning reminder"
    time_label: str  # "Morning time"
    time: str  # "08:00"
    days: tuple[DayToggle, ...]
    warning: str  # why there will be no reminder, or ""


@dataclass(frozen=True)
class TimeChoice:
    """What the time picker offers for one of the screen's times."""

    help: str  # "Morning reminder time"
    value: time


@dataclass(frozen=True)
class SettingsSummary:
    next_words: str  # "Next reminder: today at 20:00" or "Reminders are off"
    slots: tuple[SlotSection, SlotSection]  # morning, evening
    follow_ups: Question
    follow_up_after: Question | None  # only while follow-ups are on
    snooze: Question
    quiet: bool
    quiet_from: str  # "22:00", "" when quiet hours are off
    quiet_until: str
    quiet_warnings: tuple[str, ...]  # slots whose time lies in quiet hours
    prepare: Question
    switch: Question
    sound: SoundSettings  # tones and voice on or off, and how loud
    sound_words: str  # "Tones and spoken words, volume 6 of 10"
    can_be_louder: bool
    can_be_quieter: bool
    sample: tuple[Clip, ...]  # what "Try the sound" plays, nothing while sound is off
    times: dict[str, TimeChoice]  # what the time picker can be opened for: Slot values, QUIET_START, QUIET_END
    text_size: Question  # Normal, Large, Largest


def _slot_section(s: ReminderSettings, slot: Slot) -> SlotSection:
    cfg = s.slot(slot)
    name = SLOT_NAMES[slot]
    return SlotSection(
        slot=slot,
        enabled=cfg.enabled,
        switch=f"{name} reminder",
        time_label=f"{name} time",
        time=format_hhmm(cfg.time),
        days=tuple(DayToggle(d, DAYS[d][:3], f"{DAYS[d]}, {'on' if d in cfg.weekdays else 'off'}", d in cfg.weekdays)
                   for d in range(7)),
        warning=(f"No day is chosen, so there is no {name.lower()} reminder."
                 if cfg.enabled and not cfg.weekdays else ""),
    )


def settings_summary(hub: ReminderHub, store) -> SettingsSummary:
    s = hub.settings
    pace = load_practice_settings(store)
    sound = load_sound_settings(store)
    times = {slot.value: TimeChoice(f"{SLOT_NAMES[slot]} reminder time", s.slot(slot).time) for slot in Slot}
    if s.quiet_enabled:
        times[QUIET_START] = TimeChoice("Quiet hours start", s.quiet_start)
        times[QUIET_END] = TimeChoice("Quiet hours end", s.quiet_end)
    after = sorted({*FOLLOW_UP_AFTER, s.follow_up_minutes})  # the saved length is always offered
    return SettingsSummary(
        next_words=hub.next_words(),
        slots=(_slot_section(s, Slot.MORNING), _slot_section(s, Slot.EVENING)),
        follow_ups=question("Remind me again", list(FOLLOW_UPS), s.max_follow_ups),
        follow_up_after=(question("Each time after", [(m, str(m)) for m in after], s.follow_up_minutes, "minutes")
                         if s.max_follow_ups else None),
        snooze=question("Snooze waits", [(m, str(m)) for m in SNOOZE_CHOICES], s.snooze_minutes, "minutes"),
        quiet=s.quiet_enabled,
        quiet_from=format_hhmm(s.quiet_start) if s.quiet_enabled else "",
        quiet_until=format_hhmm(s.quiet_end) if s.quiet_enabled else "",
        quiet_warnings=tuple(
            f"Your {slot.value} reminder at {format_hhmm(s.slot(slot).time)} is in your quiet hours. "
            "It still comes, but nothing is sent again after it."
            for slot in s.quiet_conflicts()),
        prepare=question("Time to find each point", seconds_options(PREPARE_CHOICES, pace.prepare_seconds),
                         pace.prepare_seconds, "seconds"),
        switch=question("Time to change sides", seconds_options(SWITCH_CHOICES, pace.switch_seconds),
                        pace.switch_seconds, "seconds"),
        sound=sound,
        sound_words=sound.summary,
        can_be_louder=not sound.silent and sound.volume_percent < MAX_VOLUME,
        can_be_quieter=not sound.silent and sound.volume_percent > MIN_VOLUME,
        sample=sample_clips(sound),
        times=times,
        text_size=question("Text size", [(size, size.words) for size in TextSize], load_text_size(store)),
    )


# -- what each tap changes ------------------------------------------------------------------------


def _change(hub: ReminderHub, edit) -> None:
    """Apply one change to the settings as saved now, and re-plan through the hub."""
    hub.change_settings(edit)


def _slot_edit(hub: ReminderHub, slot: Slot, **values: Any) -> None:
    _change(hub, lambda cur: cur.with_slot(slot, replace(cur.slot(slot), **values)))


def set_time(hub: ReminderHub, key: str, value: time) -> None:
    """The time picker's answer for `key` (a Slot value, QUIET_START or QUIET_END), to the minute.

    A quiet time that would make quiet hours start and end at the same minute is refused (the old one stays).
    """
    value = value.replace(second=0, microsecond=0)
    if key in (QUIET_START, QUIET_END):
        def edit(cur: ReminderSettings) -> ReminderSettings:
            start, end = (value, cur.quiet_end) if key == QUIET_START else (cur.quiet_start, value)
            return replace(cur, quiet_start=start, quiet_end=end) if start != end else cur
        _change(hub, edit)
    else:
        _slot_edit(hub, Slot(key), time=value)


def set_slot_on(hub: ReminderHub, slot: Slot, on: bool) -> None:
    _slot_edit(hub, slot, enabled=on)


def set_weekday(hub: ReminderHub, slot: Slot, day: int, on: bool) -> None:
    """Turn one day on or off (what the screen showed, applied to the days saved now)."""
    if not 0 <= day <= 6:
        raise ValueError(f"weekday {day!r} is not 0-6 (0 = Monday)")
    _change(hub, lambda cur: cur.with_slot(slot, replace(
        cur.slot(slot), weekdays=cur.slot(slot).weekdays | {day} if on else cur.slot(slot).weekdays - {day})))


def set_quiet_hours(hub: ReminderHub, on: bool) -> None:
    """Quiet hours on (from 22:00 until 07:00, to be changed after) or off."""
    start, end = QUIET_DEFAULT if on else (None, None)
    _change(hub, lambda cur: replace(cur, quiet_start=start, quiet_end=end))


def set_follow_ups(hub: ReminderHub, count: int) -> None:
    _change(hub, lambda cur: replace(cur, max_follow_ups=count))


def set_follow_up_minutes(hub: ReminderHub, minutes: int) -> None:
    _change(hub, lambda cur: replace(cur, follow_up_minutes=minutes))


def set_snooze_minutes(hub: ReminderHub, minutes: int) -> None:
    _change(hub, lambda cur: replace(cur, snooze_minutes=minutes))


def set_prepare_seconds(store, seconds: float) -> None:
    _change_pace(store, lambda pace: replace(pace, prepare_seconds=seconds))


def set_switch_seconds(store, seconds: float) -> None:
    _change_pace(store, lambda pace: replace(pace, switch_seconds=seconds))


def _change_pace(store, edit: Callable[[PracticeSettings], PracticeSettings]) -> None:
    """Apply ``edit`` to the pacing saved now, as one step under the store's lock (another tab's change
    made at the same moment is kept); read with the pace module's own reader."""
    store.update_doc(PRACTICE_DOC, lambda doc: asdict(edit(load_practice_settings(_OneDoc(doc)))))


class _OneDoc:
    """The document ``update_doc`` hands over, shown to a reader that takes a store."""

    def __init__(self, doc: dict | None) -> None:
        self._doc = doc

    def get_doc(self, name: str) -> dict | None:
        return self._doc


def set_tones(store, on: bool) -> None:
    """The soft tone at each cue on or off (applied to the sound settings as saved now)."""
    change_sound_settings(store, lambda sound: replace(sound, tones=on))


def set_voice(store, on: bool) -> None:
    """The spoken side, point and where to find it, on or off."""
    change_sound_settings(store, lambda sound: replace(sound, voice=on))


def louder(store) -> None:
    change_sound_settings(store, SoundSettings.louder)


def quieter(store) -> None:
    change_sound_settings(store, SoundSettings.quieter)


def set_text_size(store, size: TextSize) -> None:
    """Normal, Large or Largest, for every screen (anything else is refused)."""
    save_text_size(store, size)


# -- a change the phone could not save ------------------------------------------------------------


class Section(Enum):
    """The part of the screen a change belongs to: its "not saved" words are shown there, by the tap."""

    MORNING = "morning"
    EVENING = "evening"
    FOLLOW_UPS = "follow_ups"
    QUIET = "quiet"
    PRACTICE = "practice"
    SOUND = "sound"
    TEXT = "text"


SLOT_SECTIONS = {Slot.MORNING: Section.MORNING, Slot.EVENING: Section.EVENING}
TIME_SECTIONS = {Slot.MORNING.value: Section.MORNING, Slot.EVENING.value: Section.EVENING,
                 QUIET_START: Section.QUIET, QUIET_END: Section.QUIET}


@dataclass(frozen=True)
class Unsaved:
    """A change that was not saved: where to say so, in what words, and the same change to try again."""

    section: Section
    words: str  # why it was not saved, and what was chosen
    chosen: str  # "Text size Largest"
    change: Callable[[], object]

    def try_again(self) -> Unsaved | None:
        """"Try again": the same change, applied to what is saved now."""
        return save_choice(self.section, self.chosen, self.change)


def save_choice(section: Section, chosen: str, change: Callable[[], object]) -> Unsaved | None:
    """Run one tap's ``change``; None once saved, else what to show (the choice is named, so it is not lost)."""
    saved = attempt(change)
    if saved.ok:
        return None
    return Unsaved(section, f"{saved.problem} You chose: {chosen}.", chosen, change)


def choose_time(hub: ReminderHub, choice: TimeChoice, key: str, value: time) -> Unsaved | None:
    """The time picker's answer (Settings and Setup alike): saved, or what to show and retry."""
    return save_choice(TIME_SECTIONS[key], f"{choice.help} {value:%H:%M}", lambda: set_time(hub, key, value))


# -- "Check my reminders" -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderCheck:
    """What the device allows, in plain words, and which fixes to offer."""

    lines: tuple[str, ...]
    allow_notifications: bool  # offer "Allow notifications"
    allow_exact_alarms: bool  # offer "Allow reminders on the minute"
    battery_steps: tuple[str, ...]  # Android only: how to keep reminders on time


TRAVEL_WORDS = ("Travelling: reminders follow your phone's time zone once PressPoint has been opened there. "
                "After a flight, open the app once and every reminder moves to local time.")


def reminder_check(hub: ReminderHub, *, phone: bool, android: bool, exact_alarms: bool) -> ReminderCheck:
    """`phone`: the phone's notification service is in use; `android`: on an Android phone;
    `exact_alarms`: the phone allows alarms on the minute."""
    lines = ["In the app: a reminder shows on this screen while PressPoint is open."]
    allowed = hub.last_os_status is PermissionStatus.GRANTED
    if not phone:
        lines.append("Phone notifications: not available here.")
    elif allowed:
        lines.append("Phone notifications: allowed.")
    else:
        lines.append("Phone notifications: not allowed. Reminders only come while the app is open.")
    android = phone and android
    if not android:
        lines.append("Alarms on the minute: not available here.")
    elif exact_alarms:
        lines.append("Alarms on the minute: allowed.")
    else:
        lines.append("Alarms on the minute: not allowed. Reminders may come a few minutes late.")
    lines.append("Computer notifications: on." if hub.desktop_available
                 else "Computer notifications: not available here.")
    if phone:  # the phone holds reminders planned in the zone where the app last ran
        lines.append(TRAVEL_WORDS)
    return ReminderCheck(
        lines=tuple(lines),
        allow_notifications=phone and not allowed,
        allow_exact_alarms=android and not exact_alarms,
        battery_steps=BATTERY_STEPS if android else (),
    )
