"""The foot check screen's rules (data/screens/footcheck.py): who has it on, when it is due, what a visit saves,
and which red flags a finding leads to."""
from __future__ import annotations

import errno
import os
from datetime import datetime, timedelta, timezone

import pytest

from data.health.safety import FOOT_THREATENED, HOT_SWOLLEN_FOOT, NEW_FOOT_WOUND
from data.journal.footchecks import MAX_NOTE_CHARS, Finding, FootCheck, list_foot_checks, load_setting, save_foot_check
from data.journal.questionnaires import MnsiAnswers, save_mnsi
from data.models import Slot
from data.routine.profile import Cause, Profile, save_profile
from data.screens.footcheck import (
    CHOOSE_FIRST,
    OFF_WORDS,
    ON_WORDS,
    FootCheckVisit,
    Stage,
    foot_check_due,
    foot_check_on,
    offer_after_session,
    offered_by_default,
)
from data.storage.save_errors import PHONE_FULL
from data.storage.store import open_store

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 10, 19, 5, tzinfo=TZ)


def now() -> datetime:
    return NOW


@pytest.fixture
def store(tmp_path):
    return open_store(tmp_path / "data")


@pytest.mark.parametrize("profile, offered", [
    (Profile(causes=frozenset({Cause.DIABETES})), True),
    (Profile(numb_feet=True), True),
    (Profile(foot_ulcer_or_charcot=True), True),
    (Profile(causes=frozenset({Cause.CHEMOTHERAPY}), numb_feet=False), False),
    (Profile(), False),  # nothing answered: offered on its screen, not switched on
])
def test_on_by_default_for_diabetes_or_numb_feet(profile, offered):
    assert offered_by_default(profile) is offered


def test_the_default_follows_the_answers_and_the_questionnaire_until_the_person_chooses(store):
    assert not foot_check_on(store)
    save_mnsi(store, MnsiAnswers("m", NOW, {n: n != 4 for n in range(1, 16)}))  # numb feet, among others
    assert foot_check_on(store)
    FootCheckVisit(store, now).set_on(False)
    assert not foot_check_on(store) and load_setting(store).changed_on == NOW.date()
    save_profile(store, Profile(causes=frozenset({Cause.DIABETES})))
    assert not foot_check_on(store)  # the person's own choice wins


def test_due_on_today_until_checked_and_offered_only_after_an_evening_session(store):
    save_profile(store, Profile(causes=frozenset({Cause.DIABETES})))
    assert foot_check_due(store, NOW)
    assert offer_after_session(store, NOW, Slot.EVENING)
    assert not offer_after_session(store, NOW.replace(hour=9), Slot.MORNING)  # morning: Today's card is enough
    save_foot_check(store, FootCheck("y", NOW - timedelta(days=1), True))
    assert foot_check_due(store, NOW)  # yesterday's check does not count for today
    save_foot_check(store, FootCheck("t", NOW.replace(hour=7), True))
    assert not foot_check_due(store, NOW) and not offer_after_session(store, NOW, Slot.EVENING)


def test_never_due_when_off(store):
    assert not foot_check_due(store, NOW)


def test_all_fine_is_one_tap_and_one_record_however_often_tapped(store):
    visit = FootCheckVisit(store, now)
    assert visit.view().stage is Stage.LOOK
    assert visit.all_fine() and visit.all_fine()
    assert [(c.id, c.all_fine) for c in list_foot_checks(store)] == [(visit.id, True)]
    shown = visit.view()
    assert shown.stage is Stage.SAVED and shown.saved_words == "Saved at 19:05: all fine." and shown.flags == ()
    assert FootCheckVisit(store, now).view().today_words == "You checked your feet today at 19:05: all fine."


def test_a_new_sore_leads_to_the_same_day_and_the_prompt_red_flags(store):
    visit = FootCheckVisit(store, now)
    visit.found_something()
    assert visit.save_findings() is False and visit.view().problem == CHOOSE_FIRST
    visit.toggle(Finding.NEW_SORE)
    visit.set_note("  under the left big toe ")
    assert [c.chosen for c in visit.view().choices] == [f is Finding.NEW_SORE for f in Finding]
    assert visit.save_findings()
    shown = visit.view()
    assert shown.saved_words == "Saved at 19:05: a new sore or cut."
    assert shown.flags == (FOOT_THREATENED, NEW_FOOT_WOUND)  # the most urgent first
    [saved] = list_foot_checks(store)
    assert (saved.all_fine, saved.findings, saved.note) == (False, (Finding.NEW_SORE,), "under the left big toe")


def test_heat_or_swelling_leads_to_the_foot_team_within_a_working_day(store):
    visit = FootCheckVisit(store, now)
    visit.found_something()
    visit.toggle(Finding.HEAT)
    visit.toggle(Finding.SWELLING)
    visit.toggle(Finding.BLISTER)
    visit.toggle(Finding.BLISTER)  # tapped twice: not chosen
    visit.save_findings()
    assert visit.view().flags == (HOT_SWOLLEN_FOOT,)


def test_a_pasted_long_note_is_cut_to_what_a_record_holds(store):
    visit = FootCheckVisit(store, now)
    visit.set_note("x" * (MAX_NOTE_CHARS + 50))
    visit.toggle(Finding.REDNESS)
    assert visit.save_findings()
    assert len(list_foot_checks(store)[0].note) == MAX_NOTE_CHARS


def test_a_failed_save_keeps_the_choice_and_says_why(store, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, "replace", no_space)
    visit = FootCheckVisit(store, now)
    visit.found_something()
    visit.toggle(Finding.BLISTER)
    assert not visit.save_findings()
    shown = visit.view()
    assert shown.stage is Stage.FOUND and shown.problem == PHONE_FULL
    assert [c.finding for c in shown.choices if c.chosen] == [Finding.BLISTER]


def test_the_switch_on_its_own_screen(store):
    visit = FootCheckVisit(store, now)
    assert visit.view().on_words == OFF_WORDS
    assert visit.set_on(True)
    assert visit.view().on and visit.view().on_words == ON_WORDS


def test_the_time_of_todays_check_is_said_in_the_zone_the_person_is_in_now(store):
    """A check saved in London and read after a flight to Tokyo says Tokyo's clock time."""
    tokyo = timezone(timedelta(hours=9))
    save_foot_check(store, FootCheck("f1", datetime(2026, 3, 10, 1, 0, tzinfo=timezone.utc), True))
    visit = FootCheckVisit(store, lambda: datetime(2026, 3, 10, 19, 0, tzinfo=tokyo))
    assert visit.view().today_words == "You checked your feet today at 10:00: all fine."
