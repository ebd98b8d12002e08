"""The Settings screen's rules: the choices and their words, each change applied to what is saved at the
moment of the tap, and the "Check my reminders" words from the hub's state."""
import errno
import os
from dataclasses import replace
from datetime import datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

import data.storage.files as files
from data.models import Slot
from data.routine.pace import PracticeSettings, load_practice_settings, save_practice_settings
from data.routine.sound_settings import SoundSettings, load_sound_settings, save_sound_settings
from data.routine.text_size import TextSize, load_text_size
from data.storage.save_errors import PHONE_FULL
from data.storage.store import open_store
from scheduler.hub import ReminderHub, load_settings
from scheduler.notifications import PermissionStatus
from scheduler.runner import reset_runner
from scheduler.settings import ReminderSettings, SlotReminder
from scheduler.settings_screen import (
    BATTERY_STEPS,
    QUIET_END,
    QUIET_START,
    TRAVEL_WORDS,
    Section,
    louder,
    question,
    quieter,
    reminder_check,
    save_choice,
    seconds_options,
    set_follow_up_minutes,
    set_follow_ups,
    set_prepare_seconds,
    set_quiet_hours,
    set_slot_on,
    set_snooze_minutes,
    set_switch_seconds,
    set_text_size,
    set_time,
    set_tones,
    set_voice,
    set_weekday,
    settings_summary,
)

TZ = "Europe/Berlin"
NOW = datetime(2026, 6, 10, 7, 0, tzinfo=ZoneInfo(TZ))


@pytest.fixture(autouse=True)
def one_runner_per_test():
    reset_runner()
    yield
    reset_runner()


@pytest.fixture
def hub(tmp_path):
    return ReminderHub(open_store(tmp_path / "data"), lambda: NOW, zone=lambda: TZ)


def other_tab_saves(hub: ReminderHub, **values) -> None:
    """Another open tab changed the settings since this one was drawn."""
    hub.save_settings(replace(hub.settings, **values))


# -- choices and their words ----------------------------------------------------------------------


def test_seconds_options_always_hold_the_saved_value():
    assert seconds_options((2, 4, 8), 4.0) == [(2.0, "2"), (4.0, "4"), (8.0, "8")]
    assert seconds_options((2, 4, 8), 3.5) == [(2.0, "2"), (3.5, "3.5"), (4.0, "4"), (8.0, "8")]


def test_a_question_speaks_its_unit_after_each_answer_and_says_which_is_chosen():
    asked = question("Snooze waits", [(10, "10"), (30, "30")], 30, "minutes")
    assert asked.words == "Snooze waits (minutes)"
    assert [(o.words, o.name, o.chosen) for o in asked.options] == [
        ("10", "Snooze waits 10 minutes", False), ("30", "Snooze waits 30 minutes, chosen", True)]
    plain = question("Remind me again", [(0, "No"), (1, "Once")], 0)
    assert plain.words == "Remind me again" and plain.options[0].name == "Remind me again No, chosen"


def test_the_default_screen(hub):
    summary = settings_summary(hub, hub.store)
    assert summary.next_words == "Next reminder: today at 08:00"
    morning, evening = summary.slots
    assert (morning.switch, morning.time_label, morning.time, morning.enabled) == (
        "Morning reminder", "Morning time", "08:00", True)
    assert evening.time == "20:00" and morning.warning == ""
    assert [(d.words, d.name) for d in morning.days[:2]] == [("Mon", "Monday, on"), ("Tue", "Tuesday, on")]
    assert [o.words for o in summary.follow_ups.options] == ["No", "Once", "Twice"]
    assert summary.follow_ups.options[2].chosen  # two follow-ups by default
    assert summary.follow_up_after.words == "Each time after (minutes)"
    assert [o.value for o in summary.follow_up_after.options] == [15, 30, 60]
    assert [o.value for o in summary.snooze.options] == [10, 30, 60] and summary.snooze.options[0].chosen
    assert not summary.quiet and summary.quiet_from == "" and summary.quiet_warnings == ()
    assert summary.prepare.words == "Time to find each point (seconds)"
    assert [o.words for o in summary.prepare.options] == ["5", "8", "15", "30"]
    assert summary.prepare.options[1].name == "Time to find each point 8 seconds, chosen"
    assert [o.words for o in summary.switch.options] == ["2", "4", "8"]
    assert set(summary.times) == {"morning", "evening"}
    assert summary.times["morning"].help == "Morning reminder time"
    assert summary.times["morning"].value == time(8, 0)


def test_odd_saved_values_still_show_ticked(hub):
    hub.save_settings(ReminderSettings(follow_up_minutes=45, max_follow_ups=0))
    save_practice_settings(hub.store, PracticeSettings(prepare_seconds=6.5))
    summary = settings_summary(hub, hub.store)
    assert summary.follow_up_after is None  # no follow-ups: no question about their length
    set_follow_ups(hub, 1)
    summary = settings_summary(hub, hub.store)
    assert [o.value for o in summary.follow_up_after.options] == [15, 30, 45, 60]
    assert [o.words for o in summary.prepare.options] == ["5", "6.5", "8", "15", "30"]
    assert summary.prepare.options[1].chosen


def test_warnings_for_a_slot_without_days_and_a_time_in_quiet_hours(hub):
    hub.save_settings(ReminderSettings(morning=SlotReminder(True, time(6, 30), frozenset()),
                                       quiet_start=time(22, 0), quiet_end=time(7, 0)))
    summary = settings_summary(hub, hub.store)
    assert summary.slots[0].warning == "No day is chosen, so there is no morning reminder."
    assert summary.slots[0].days[0].name == "Monday, off" and not summary.slots[0].days[0].on
    assert summary.quiet and (summary.quiet_from, summary.quiet_until) == ("22:00", "07:00")
    assert summary.quiet_warnings == ()  # the morning slot has no day: nothing comes at 06:30
    set_weekday(hub, Slot.MORNING, 0, True)
    assert settings_summary(hub, hub.store).quiet_warnings == (
        "Your morning reminder at 06:30 is in your quiet hours. It still comes, but nothing is sent again after it.",)
    times = settings_summary(hub, hub.store).times
    assert (times[QUIET_START].help, times[QUIET_START].value) == ("Quiet hours start", time(22, 0))
    assert (times[QUIET_END].help, times[QUIET_END].value) == ("Quiet hours end", time(7, 0))


# -- each change ----------------------------------------------------------------------------------


def test_each_change_is_saved_through_the_hub_and_keeps_what_another_tab_saved(hub):
    other_tab_saves(hub, follow_up_minutes=60)
    set_time(hub, "morning", time(7, 45, 30, 12))  # a picker's seconds are dropped
    set_slot_on(hub, Slot.EVENING, False)
    set_weekday(hub, Slot.MORNING, 6, False)
    set_snooze_minutes(hub, 30)
    set_follow_ups(hub, 1)
    saved = load_settings(hub.store)
    assert saved == hub.settings
    assert saved.morning.time == time(7, 45) and saved.morning.weekdays == frozenset(range(6))
    assert not saved.evening.enabled and saved.snooze_minutes == 30 and saved.max_follow_ups == 1
    assert saved.follow_up_minutes == 60  # the other tab's change survived
    set_follow_up_minutes(hub, 15)
    set_weekday(hub, Slot.MORNING, 6, True)
    assert load_settings(hub.store).follow_up_minutes == 15 and hub.settings.morning.weekdays == frozenset(range(7))
    assert settings_summary(hub, hub.store).next_words == "Next reminder: today at 07:45"


def test_quiet_hours_on_off_and_their_times(hub):
    set_quiet_hours(hub, True)
    assert (hub.settings.quiet_start, hub.settings.quiet_end) == (time(22, 0), time(7, 0))
    set_time(hub, QUIET_START, time(21, 30))
    set_time(hub, QUIET_END, time(21, 30))  # would start and end at the same minute: refused, nothing lost
    assert (hub.settings.quiet_start, hub.settings.quiet_end) == (time(21, 30), time(7, 0))
    set_quiet_hours(hub, False)
    assert load_settings(hub.store).quiet_start is None and not hub.settings.quiet_enabled


def test_wrong_values_are_refused(hub):
    with pytest.raises(ValueError):
        set_snooze_minutes(hub, 7)
    with pytest.raises(ValueError):
        set_weekday(hub, Slot.MORNING, 7, True)
    with pytest.raises(ValueError):
        set_time(hub, "noon", time(12, 0))
    with pytest.raises(ValueError):
        set_prepare_seconds(hub.store, 500)
    assert load_settings(hub.store) == ReminderSettings()


def test_pace_changes_keep_the_other_pace(hub):
    save_practice_settings(hub.store, PracticeSettings(prepare_seconds=15, switch_seconds=2))
    set_switch_seconds(hub.store, 8)
    assert load_practice_settings(hub.store) == PracticeSettings(15, 8)
    set_prepare_seconds(hub.store, 5)
    assert load_practice_settings(hub.store) == PracticeSettings(5, 8)


def test_sound_is_on_at_a_moderate_volume_and_can_be_tried(hub):
    shown = settings_summary(hub, hub.store)
    assert shown.sound_words == "Tones and spoken words, volume 6 of 10"
    assert shown.can_be_louder and shown.can_be_quieter
    assert [c.src for c in shown.sample][0].startswith("audio/")
    assert any(c.spoken for c in shown.sample) and any(not c.spoken for c in shown.sample)


def test_sound_changes_apply_to_what_is_saved_now_and_stop_at_the_ends(hub):
    save_sound_settings(hub.store, SoundSettings(tones=True, voice=True, volume_percent=90))  # another tab
    set_voice(hub.store, False)
    assert load_sound_settings(hub.store) == SoundSettings(True, False, 90)
    louder(hub.store)
    louder(hub.store)  # already at the top: stays there
    shown = settings_summary(hub, hub.store)
    assert shown.sound_words == "Tones only, volume 10 of 10" and not shown.can_be_louder
    assert all(not c.spoken for c in shown.sample)  # the voice is off: the sample is the tone alone
    for _ in range(12):
        quieter(hub.store)
    assert load_sound_settings(hub.store).volume_percent == 10 and not settings_summary(hub, hub.store).can_be_quieter


def test_with_all_sound_off_there_is_nothing_to_try_or_turn_up(hub):
    set_tones(hub.store, False)
    set_voice(hub.store, False)
    shown = settings_summary(hub, hub.store)
    assert shown.sound_words == "No sound during sessions"
    assert shown.sample == () and not shown.can_be_louder and not shown.can_be_quieter


# -- "Check my reminders" -------------------------------------------------------------------------


def test_the_check_in_a_browser(hub):
    check = reminder_check(hub, phone=False, android=False, exact_alarms=False)
    assert check.lines == (
        "In the app: a reminder shows on this screen while PressPoint is open.",
        "Phone notifications: not available here.",
        "Alarms on the minute: not available here.",
        "Computer notifications: not available here.",
    )
    assert not check.allow_notifications and not check.allow_exact_alarms and check.battery_steps == ()
    computer = SimpleNamespace(last_os_status=PermissionStatus.UNAVAILABLE, desktop_available=True)
    assert reminder_check(computer, phone=False, android=False, exact_alarms=False).lines[-1] == (
        "Computer notifications: on.")


def test_the_check_on_phones(hub):
    hub.last_os_status = PermissionStatus.GRANTED
    android = reminder_check(hub, phone=True, android=True, exact_alarms=False)
    assert android.lines[1:3] == ("Phone notifications: allowed.",
                                  "Alarms on the minute: not allowed. Reminders may come a few minutes late.")
    assert not android.allow_notifications and android.allow_exact_alarms and android.battery_steps == BATTERY_STEPS
    assert reminder_check(hub, phone=True, android=True, exact_alarms=True).lines[2] == "Alarms on the minute: allowed."

    hub.last_os_status = PermissionStatus.DENIED
    iphone = reminder_check(hub, phone=True, android=False, exact_alarms=False)
    assert iphone.lines[1] == "Phone notifications: not allowed. Reminders only come while the app is open."
    assert iphone.lines[2] == "Alarms on the minute: not available here."
    assert iphone.allow_notifications and not iphone.allow_exact_alarms and iphone.battery_steps == ()
    assert iphone.lines[-1] == android.lines[-1] == TRAVEL_WORDS  # after a flight, open the app once
    # "android" without the phone's notification service (flet run on a phone) is no phone at all
    assert reminder_check(hub, phone=False, android=True, exact_alarms=False).battery_steps == ()


# -- text size ------------------------------------------------------------------------------------


def test_text_size_is_offered_with_the_saved_one_chosen(hub):
    shown = settings_summary(hub, hub.store).text_size
    assert shown.words == "Text size"
    assert [(o.words, o.name) for o in shown.options] == [
        ("Normal", "Text size Normal, chosen"), ("Large", "Text size Large"), ("Largest", "Text size Largest")]
    set_text_size(hub.store, TextSize.LARGEST)
    assert load_text_size(hub.store) is TextSize.LARGEST
    assert [o.chosen for o in settings_summary(hub, hub.store).text_size.options] == [False, False, True]
    with pytest.raises(ValueError):
        set_text_size(hub.store, "largest")  # hostile input is refused, nothing saved over the choice
    assert load_text_size(hub.store) is TextSize.LARGEST


# -- a full phone: every change says it was not saved, names the choice, and can be tried again -----


def phone_full(monkeypatch) -> None:
    """The store's own atomic write fails as it does on a full disk."""
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", no_space)


CHANGES = [  # (section, chosen words, the change, what it saved)
    (Section.MORNING, "Morning reminder time 09:15", lambda hub: set_time(hub, "morning", time(9, 15)),
     lambda hub: load_settings(hub.store).morning.time == time(9, 15)),
    (Section.EVENING, "Evening reminder off", lambda hub: set_slot_on(hub, Slot.EVENING, False),
     lambda hub: not load_settings(hub.store).evening.enabled),
    (Section.MORNING, "Sunday, off", lambda hub: set_weekday(hub, Slot.MORNING, 6, False),
     lambda hub: 6 not in load_settings(hub.store).morning.weekdays),
    (Section.FOLLOW_UPS, "Remind me again Once", lambda hub: set_follow_ups(hub, 1),
     lambda hub: load_settings(hub.store).max_follow_ups == 1),
    (Section.FOLLOW_UPS, "Each time after 60 minutes", lambda hub: set_follow_up_minutes(hub, 60),
     lambda hub: load_settings(hub.store).follow_up_minutes == 60),
    (Section.FOLLOW_UPS, "Snooze waits 30 minutes", lambda hub: set_snooze_minutes(hub, 30),
     lambda hub: load_settings(hub.store).snooze_minutes == 30),
    (Section.QUIET, "Quiet hours on", lambda hub: set_quiet_hours(hub, True),
     lambda hub: load_settings(hub.store).quiet_enabled),
    (Section.PRACTICE, "Time to find each point 15 seconds", lambda hub: set_prepare_seconds(hub.store, 15),
     lambda hub: load_practice_settings(hub.store).prepare_seconds == 15),
    (Section.SOUND, "Spoken words off", lambda hub: set_voice(hub.store, False),
     lambda hub: not load_sound_settings(hub.store).voice),
    (Section.SOUND, "Sound louder", lambda hub: louder(hub.store),
     lambda hub: load_sound_settings(hub.store).volume_percent == 70),
    (Section.TEXT, "Text size Largest", lambda hub: set_text_size(hub.store, TextSize.LARGEST),
     lambda hub: load_text_size(hub.store) is TextSize.LARGEST),
]


@pytest.mark.parametrize("section, chosen, change, saved", CHANGES)
def test_a_change_on_a_full_phone_says_so_keeps_the_choice_and_can_be_tried_again(
        hub, monkeypatch, section, chosen, change, saved):
    before = (load_settings(hub.store), load_practice_settings(hub.store), load_sound_settings(hub.store),
              load_text_size(hub.store))
    phone_full(monkeypatch)
    unsaved = save_choice(section, chosen, lambda: change(hub))
    assert unsaved is not None and unsaved.section is section and unsaved.chosen == chosen
    assert unsaved.words == f"{PHONE_FULL} You chose: {chosen}."
    assert not saved(hub)
    assert (load_settings(hub.store), load_practice_settings(hub.store), load_sound_settings(hub.store),
            load_text_size(hub.store)) == before  # nothing half-saved
    assert unsaved.try_again() == unsaved  # still full: the same words, the same choice
    monkeypatch.undo()  # space was freed
    assert unsaved.try_again() is None and saved(hub)


def test_a_change_that_is_saved_reports_nothing(hub):
    assert save_choice(Section.FOLLOW_UPS, "Remind me again Once", lambda: set_follow_ups(hub, 1)) is None
    assert load_settings(hub.store).max_follow_ups == 1


def test_a_refused_value_is_not_saved_either_and_says_so_plainly(hub):
    unsaved = save_choice(Section.FOLLOW_UPS, "Snooze waits 7 minutes", lambda: set_snooze_minutes(hub, 7))
    assert unsaved.words.startswith("Something went wrong: this was not saved.")
    assert load_settings(hub.store) == ReminderSettings()


def test_a_picked_time_on_a_full_phone_names_it_and_saves_on_try_again(hub, monkeypatch):
    """Settings and Setup save a picked reminder time through one call: its words name the time chosen."""
    from datetime import time

    from scheduler.settings_screen import choose_time

    choice = settings_summary(hub, hub.store).times["morning"]
    phone_full(monkeypatch)
    unsaved = choose_time(hub, choice, "morning", time(7, 15, 30))
    assert unsaved.section is Section.MORNING and unsaved.chosen == "Morning reminder time 07:15"
    assert load_settings(hub.store) == ReminderSettings()
    monkeypatch.undo()
    assert unsaved.try_again() is None and load_settings(hub.store).morning.time == time(7, 15)
    assert choose_time(hub, choice, "morning", time(6, 0)) is None and load_settings(hub.store).morning.time == time(6)
