"""The daily foot check screen, Today's card and the offer after the evening session, as plain rules.

Why here: who is offered the check by default (people with diabetes or numb feet:
IWGDF 2023; NICE NG19), whether it is still to do today, what one visit saves and
which red flags a finding leads to are rules, tested here; the screens only draw
them.  One visit saves one record (one id), so a double tap never makes two, and a
failed save keeps what was chosen and says why (data/storage/save_errors.py).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from data.health.safety import RedFlag, foot_finding_flags
from data.journal.footchecks import (
    FINDING_LABELS,
    MAX_NOTE_CHARS,
    Finding,
    FootCheck,
    list_foot_checks,
    load_setting,
    save_foot_check,
    save_setting,
)
from data.journal.records import new_id
from data.models import Slot
from data.routine.profile import Cause, Profile, load_rules_profile
from data.storage.save_errors import attempt

ON_WORDS = "The daily foot check is on: Today shows it each day until your feet are checked."
OFF_WORDS = "The daily foot check is off. Switch it on to see it on Today each day."
CHOOSE_FIRST = "Tap what you found first, then save."


def offered_by_default(profile: Profile) -> bool:
    """On by default for people whose feet cannot warn them: diabetes, numb feet, or a foot ulcer or
    Charcot foot now or before (IWGDF 2023; NICE NG19).  Off for everyone else until they switch it on."""
    return (Cause.DIABETES in profile.causes or profile.numb_feet is True
            or profile.foot_ulcer_or_charcot is True)


def foot_check_on(store) -> bool:
    """The person's own choice, else the default from their answers and newest questionnaire."""
    setting = load_setting(store)
    if setting is not None:
        return setting.on
    return offered_by_default(load_rules_profile(store))


def checks_today(store, now: datetime) -> list[FootCheck]:
    """Today's foot checks (local day of ``now``), oldest first."""
    return list_foot_checks(store, now.date(), now.date(), now.tzinfo)


def foot_check_due(store, now: datetime) -> bool:
    """Today's card: the check is on and the feet have not been checked yet today."""
    return foot_check_on(store) and not checks_today(store, now)


def offer_after_session(store, now: datetime, slot: Slot) -> bool:
    """After the summary of a session that counts for an evening (one begun after midnight in answer to
    the evening reminder too), offer the check if it is still due today."""
    return slot is Slot.EVENING and foot_check_due(store, now)


class Stage(StrEnum):
    LOOK = "look"  # the guided look, then "All fine" or "I found something"
    FOUND = "found"  # choose what was found
    SAVED = "saved"  # thanks, and what to do about what was found


@dataclass(frozen=True)
class FindingChoice:
    finding: Finding
    label: str  # "A blister"
    chosen: bool


@dataclass(frozen=True)
class FootCheckView:
    stage: Stage
    on: bool
    on_words: str  # ON_WORDS or OFF_WORDS
    today_words: str  # "You checked your feet today at 19:05: all fine." or ""
    choices: tuple[FindingChoice, ...]  # FOUND
    note: str  # what was typed, so a redrawn screen shows it again
    saved_words: str  # SAVED: "Saved at 19:05: all fine." / "Saved at 19:05: a blister."
    flags: tuple[RedFlag, ...]  # SAVED with findings: what to do, the most urgent first
    problem: str  # why the last save saved nothing, else ""


def today_words(checks: list[FootCheck], now: datetime) -> str:
    """The last check today, its time in the zone the person is in now (it may have been saved in another)."""
    if not checks:
        return ""
    last = checks[-1]
    return f"You checked your feet today at {last.at.astimezone(now.tzinfo):%H:%M}: {last.words.lower()}."


class FootCheckVisit:
    """One visit to the foot check: the look, one tap for "All fine" or what was found, and the advice."""

    def __init__(self, store, now: Callable[[], datetime]) -> None:
        self.store = store
        self.now = now
        self.id = new_id()  # one record per visit: a second save changes it, never adds one
        self.stage = Stage.LOOK
        self.chosen: set[Finding] = set()
        self.note = ""
        self.saved: FootCheck | None = None
        self.problem = ""

    def view(self) -> FootCheckView:
        on, now = foot_check_on(self.store), self.now()
        saved_words = flags = None
        if self.saved is not None:
            saved_words = f"Saved at {self.saved.at.astimezone(now.tzinfo):%H:%M}: {self.saved.words.lower()}."
            flags = foot_finding_flags(f.value for f in self.saved.findings)
        return FootCheckView(
            stage=self.stage,
            on=on,
            on_words=ON_WORDS if on else OFF_WORDS,
            today_words="" if self.saved else today_words(checks_today(self.store, now), now),
            choices=tuple(FindingChoice(f, FINDING_LABELS[f], f in self.chosen) for f in Finding),
            note=self.note,
            saved_words=saved_words or "",
            flags=flags or (),
            problem=self.problem,
        )

    def all_fine(self) -> bool:
        """One tap: the feet were checked and nothing was found."""
        return self._save(FootCheck(self.id, self.now(), True))

    def found_something(self) -> None:
        self.stage, self.problem = Stage.FOUND, ""

    def back_to_look(self) -> None:
        self.stage, self.problem = Stage.LOOK, ""

    def toggle(self, finding: Finding) -> None:
        self.chosen ^= {Finding(finding)}
        self.problem = ""

    def set_note(self, text: str) -> None:
        """The note as typed, cut to what a record may hold (the text box stops there too)."""
        self.note = str(text)[:MAX_NOTE_CHARS]

    def save_findings(self) -> bool:
        if not self.chosen:
            self.problem = CHOOSE_FIRST
            return False
        return self._save(FootCheck(self.id, self.now(), False, tuple(self.chosen), self.note.strip()))

    def _save(self, check: FootCheck) -> bool:
        saved = attempt(lambda: save_foot_check(self.store, check))
        self.problem = saved.problem
        if saved.ok:
            self.saved, self.stage = check, Stage.SAVED
        return saved.ok

    def set_on(self, on: bool) -> bool:
        """Switch the daily check on or off from its own screen; False (``problem`` says why) if not saved."""
        today: date = self.now().date()
        saved = attempt(lambda: save_setting(self.store, bool(on), today))
        self.problem = saved.problem
        return saved.ok
