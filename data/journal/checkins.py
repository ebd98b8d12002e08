"""Symptom check-ins, day notes, side effects and the weekly PGIC question.

Why this module: the only way to tell whether practising helps is a steady
record of how the nerves feel, kept in the person's own hands.  Scores use the
0-10 numeric rating scale with our own item wording (domain.md, section 3);
PGIC is public domain and worded here in our own plain words.  Every record
validates itself strictly on the way in and out, so a damaged store or backup
is reported with a clear message instead of quietly turning "14" into a score.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from data.journal.records import (  # the checks are also the backup's, imported from here
    check_fields,
    check_id,
    check_text,
    new_id,
    oldest_month,
    parse_time,
    read_dated,
    read_records,
    shown,
)
from data.journal.sessions import COLLECTION as SESSIONS, parse_session

COLLECTION = "checkins"
NOTES = "notes"
SIDE_EFFECTS = "side_effects"
PGIC = "pgic"

#: Asked at every check-in.
CORE_SYMPTOMS: tuple[str, ...] = ("numbness", "tingling", "pain")
#: Offered as "more questions"; each may be left out.
EXTRA_SYMPTOMS: tuple[str, ...] = ("touch_sensitivity", "cold_sensitivity", "weakness_balance", "sleep_disturbed")
SYMPTOMS: tuple[str, ...] = CORE_SYMPTOMS + EXTRA_SYMPTOMS

#: Short names for sliders, charts and table headings.
LABELS: dict[str, str] = {
    "numbness": "Numbness",
    "tingling": "Tingling",
    "pain": "Pain",
    "touch_sensitivity": "Sensitivity to touch",
    "cold_sensitivity": "Sensitivity to cold",
    "weakness_balance": "Weakness or balance",
    "sleep_disturbed": "Sleep disturbed",
}

#: Our own item wording (not DN4/NPSI/QLQ-CIPN20); "{when}" is filled with the time frame.
_QUESTIONS: dict[str, str] = {
    "numbness": "How much numbness do you feel in your hands or feet {when}?",
    "tingling": "How much tingling or pins and needles do you feel {when}?",
    "pain": "How much nerve pain (burning, stabbing or aching) do you feel {when}?",
    "touch_sensitivity": "How much does light touch, such as socks or bed covers, bother you {when}?",
    "cold_sensitivity": "How much does cold bother your hands or feet {when}?",
    "weakness_balance": "How much trouble do you have with weakness or keeping your balance {when}?",
    "sleep_disturbed": "How much did your nerve symptoms disturb your sleep {when}?",
}

#: One plain word or phrase per point of the 0-10 scale.
SCORE_WORDS: tuple[str, ...] = (
    "none",
    "barely noticeable",
    "very mild",
    "mild",
    "mild to moderate",
    "moderate",
    "moderate to strong",
    "strong",
    "very strong",
    "severe",
    "worst imaginable",
)


class Context(StrEnum):
    """When a check-in was made; before/after pairs measure one session's short-term change."""

    DAILY = "daily"
    BEFORE_SESSION = "before_session"
    AFTER_SESSION = "after_session"


class Where(StrEnum):
    HANDS = "hands"
    FEET = "feet"
    BOTH = "both"


class SideEffectKind(StrEnum):
    BRUISING = "bruising"
    MORE_PAIN = "more_pain"
    SKIN_MARK = "skin_mark"
    DIZZINESS = "dizziness"
    OTHER = "other"


SIDE_EFFECT_LABELS: dict[SideEffectKind, str] = {
    SideEffectKind.BRUISING: "Bruising",
    SideEffectKind.MORE_PAIN: "More pain",
    SideEffectKind.SKIN_MARK: "Mark on the skin",
    SideEffectKind.DIZZINESS: "Dizziness",
    SideEffectKind.OTHER: "Something else",
}

PGIC_QUESTION = (
    "Compared with before you started using this app, how would you describe your nerve "
    "symptoms overall now?"
)
#: Level 1 is best, 7 is worst, as in the public-domain PGIC (NINDS common data elements).
PGIC_LEVELS: dict[int, str] = {
    1: "Very much improved",
    2: "Much improved",
    3: "A little improved",
    4: "No change",
    5: "A little worse",
    6: "Much worse",
    7: "Very much worse",
}
PGIC_INTERVAL = timedelta(days=7)


# -- wording --------------------------------------------------------------------------------------


def score_word(value: int) -> str:
    """Plain word for a 0-10 score, e.g. 4 -> "mild to moderate"."""
    _check_score("score", value)
    return SCORE_WORDS[value]


def accessible_value(symptom: str, value: int | None) -> str:
    """What a screen reader says for a slider, e.g. "Numbness, 4 of 10"."""
    label = LABELS[symptom]
    return f"{label}, not answered" if value is None else f"{label}, {value} of 10"


def question(symptom: str, context: Context) -> str:
    """Item wording: daily check-ins ask about the past 24 hours, session ones about right now."""
    when = "over the past 24 hours" if context is Context.DAILY else "right now"
    return _QUESTIONS[symptom].format(when=when)


def _check_score(name: str, value: Any) -> None:
    if type(value) is not int or not 0 <= value <= 10:
        raise ValueError(f"{name} must be a whole number from 0 to 10, found {shown(value)}")


def _check_aware(name: str, value: Any) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be a time-zone aware datetime, found {shown(value)}")


def _enum(kind: type[StrEnum], name: str, value: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(m.value for m in kind)
        raise ValueError(f"{name} must be one of {choices}, found {shown(value)}") from None


# -- records --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckIn:
    """One rating of the symptoms; a skipped question is None."""

    id: str
    at: datetime  # time-zone aware
    numbness: int | None = None
    tingling: int | None = None
    pain: int | None = None
    touch_sensitivity: int | None = None
    cold_sensitivity: int | None = None
    weakness_balance: int | None = None
    sleep_disturbed: int | None = None
    where: Where | None = None
    note: str = ""
    context: Context = Context.DAILY
    session_id: str | None = None  # links before/after ratings to one session

    def __post_init__(self) -> None:
        check_id(self.id)
        _check_aware("at", self.at)
        for name in SYMPTOMS:
            value = getattr(self, name)
            if value is not None:
                _check_score(name, value)
        if all(getattr(self, name) is None for name in SYMPTOMS):
            raise ValueError("a check-in needs at least one score")
        if self.where is not None:
            object.__setattr__(self, "where", _enum(Where, "where", self.where))
        check_text(self.note, "note")
        object.__setattr__(self, "context", _enum(Context, "context", self.context))
        if self.session_id is not None:
            check_id(self.session_id, "session_id")

    def score(self, symptom: str) -> int | None:
        return getattr(self, symptom)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            **{name: getattr(self, name) for name in SYMPTOMS},
            "where": None if self.where is None else self.where.value,
            "note": self.note,
            "context": self.context.value,
            "session_id": self.session_id,
        }

    @classmethod
    def from_dict(cls, d: Any) -> CheckIn:
        d = check_fields(d, {"id", "at", "context"}, {*SYMPTOMS, "where", "note", "session_id"})
        where = d.get("where")
        return cls(
            id=check_id(d["id"]),
            at=parse_time(d["at"]),
            **{name: d.get(name) for name in SYMPTOMS},
            where=None if where is None else _enum(Where, "where", where),
            note=check_text(d.get("note", ""), "note"),
            context=_enum(Context, "context", d["context"]),
            session_id=None if d.get("session_id") is None else check_id(d["session_id"], "session_id"),
        )


@dataclass(frozen=True)
class DayNote:
    """Free text about a day: a new medicine, a bad night, a fall."""

    id: str
    at: datetime
    text: str

    def __post_init__(self) -> None:
        check_id(self.id)
        _check_aware("at", self.at)
        check_text(self.text, "text")
        if not self.text.strip():
            raise ValueError("text is empty")

    def to_dict(self) -> dict:
        return {"id": self.id, "at": self.at.isoformat(), "text": self.text}

    @classmethod
    def from_dict(cls, d: Any) -> DayNote:
        d = check_fields(d, {"id", "at", "text"}, set())
        return cls(check_id(d["id"]), parse_time(d["at"]), check_text(d["text"], "text"))


@dataclass(frozen=True)
class SideEffect:
    """Something unwanted after pressing, logged with one tap."""

    id: str
    at: datetime
    kind: SideEffectKind
    note: str = ""
    session_id: str | None = None

    def __post_init__(self) -> None:
        check_id(self.id)
        _check_aware("at", self.at)
        object.__setattr__(self, "kind", _enum(SideEffectKind, "kind", self.kind))
        check_text(self.note, "note")
        if self.session_id is not None:
            check_id(self.session_id, "session_id")

    @property
    def label(self) -> str:
        return SIDE_EFFECT_LABELS[self.kind]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "kind": self.kind.value,
            "note": self.note,
            "session_id": self.session_id,
        }

    @classmethod
    def from_dict(cls, d: Any) -> SideEffect:
        d = check_fields(d, {"id", "at", "kind"}, {"note", "session_id"})
        return cls(
            id=check_id(d["id"]),
            at=parse_time(d["at"]),
            kind=_enum(SideEffectKind, "kind", d["kind"]),
            note=check_text(d.get("note", ""), "note"),
            session_id=None if d.get("session_id") is None else check_id(d["session_id"], "session_id"),
        )


@dataclass(frozen=True)
class PgicAnswer:
    """One weekly answer to PGIC_QUESTION: level 1 (very much improved) to 7 (very much worse)."""

    id: str
    at: datetime
    level: int

    def __post_init__(self) -> None:
        check_id(self.id)
        _check_aware("at", self.at)
        if type(self.level) is not int or self.level not in PGIC_LEVELS:
            raise ValueError(f"level must be a whole number from 1 to 7, found {shown(self.level)}")

    @property
    def label(self) -> str:
        return PGIC_LEVELS[self.level]

    def to_dict(self) -> dict:
        return {"id": self.id, "at": self.at.isoformat(), "level": self.level}

    @classmethod
    def from_dict(cls, d: Any) -> PgicAnswer:
        d = check_fields(d, {"id", "at", "level"}, set())
        return cls(check_id(d["id"]), parse_time(d["at"]), d["level"])


# -- saving and listing ---------------------------------------------------------------------------


def save_checkin(store, checkin: CheckIn) -> None:
    """Insert or update by id, so a double tap on "Save" never makes two check-ins."""
    store.replace(COLLECTION, checkin.to_dict(), checkin.at)


def save_note(store, note: DayNote) -> None:
    store.replace(NOTES, note.to_dict(), note.at)


def save_pgic(store, answer: PgicAnswer) -> None:
    store.replace(PGIC, answer.to_dict(), answer.at)


def save_side_effect(store, effect: SideEffect) -> None:
    """Insert or update by id, so words added after the one-tap log change that record, not add one."""
    store.replace(SIDE_EFFECTS, effect.to_dict(), effect.at)


def list_checkins(
    store, since: date | None = None, until: date | None = None, tz: tzinfo | None = None
) -> list[CheckIn]:
    """Check-ins from `since` to `until` (inclusive, local dates), oldest first."""
    return read_dated(store, COLLECTION, CheckIn.from_dict, since, until, tz)


def list_notes(
    store, since: date | None = None, until: date | None = None, tz: tzinfo | None = None
) -> list[DayNote]:
    return read_dated(store, NOTES, DayNote.from_dict, since, until, tz)


def list_side_effects(
    store, since: date | None = None, until: date | None = None, tz: tzinfo | None = None
) -> list[SideEffect]:
    return read_dated(store, SIDE_EFFECTS, SideEffect.from_dict, since, until, tz)


def list_pgic(
    store, since: date | None = None, until: date | None = None, tz: tzinfo | None = None
) -> list[PgicAnswer]:
    return read_dated(store, PGIC, PgicAnswer.from_dict, since, until, tz)


# -- helpers for the check-in screen --------------------------------------------------------------


@dataclass(frozen=True)
class LastValues:
    """Where the sliders start: each symptom's most recent answered score, and the last body area."""

    scores: dict[str, int | None]
    where: Where | None

    @property
    def empty(self) -> bool:
        return all(v is None for v in self.scores.values())


def last_values(store) -> LastValues:
    """Per symptom the latest score that was answered (a skipped question does not reset it)."""
    scores: dict[str, int | None] = dict.fromkeys(SYMPTOMS)
    where: Where | None = None
    for checkin in _newest_first(store):
        for name in SYMPTOMS:
            if scores[name] is None:
                scores[name] = checkin.score(name)
        if where is None:
            where = checkin.where
        if where is not None and all(v is not None for v in scores.values()):
            break
    return LastValues(scores, where)


def same_as_last(
    store, now: datetime, context: Context = Context.DAILY, session_id: str | None = None
) -> CheckIn | None:
    """One-tap check-in: save what the sliders would start at; None when there is nothing to copy."""
    last = last_values(store)
    if last.empty:
        return None
    checkin = CheckIn(new_id(), now, **last.scores, where=last.where, context=context, session_id=session_id)
    save_checkin(store, checkin)
    return checkin


def main_symptom(store) -> str:
    """The symptom a session's before/after question asks about.

    One question keeps the session quick, so ask about what bothers the person
    most: the core symptom scored highest at the latest check-in that scored
    any (ties go to the first in CORE_SYMPTOMS), and numbness before any check-in.
    """
    for checkin in _newest_first(store):
        scored = [
            (value, -i, name) for i, name in enumerate(CORE_SYMPTOMS) if (value := checkin.score(name)) is not None
        ]
        if scored:
            return max(scored)[2]
    return CORE_SYMPTOMS[0]


def pgic_due(store, today: date) -> bool:
    """Ask PGIC once a week: once the app has been used for a week, and a week after the last answer.

    "Used" means the first check-in or session; days are the local dates the records were saved in.
    """
    latest = latest_pgic(store)
    if latest is not None:
        return latest.at.date() <= today - PGIC_INTERVAL
    first_days = [c.at.date() for c in oldest_month(store, COLLECTION, CheckIn.from_dict)]
    first_days += [s.practice_day() for s in oldest_month(store, SESSIONS, parse_session)]
    return bool(first_days) and min(first_days) <= today - PGIC_INTERVAL


def latest_pgic(store) -> PgicAnswer | None:
    """The latest weekly answer, reading the newest months only (not years of them).

    Months are those of the time each answer was saved in its own zone, so the latest instant
    is in the newest month with an answer or, after a change of zone, the month before it.
    """
    months = store.months(PGIC)
    for n in range(len(months) - 1, -1, -1):
        found = read_records(store, PGIC, PgicAnswer.from_dict, months[n], months[n])
        if found:
            earlier = months[n - 1] if n else None
            if earlier is not None and (months[n] - earlier).days <= 31:
                found = read_records(store, PGIC, PgicAnswer.from_dict, earlier, earlier) + found
            return sorted(found, key=lambda a: a.at)[-1]
    return None


def _newest_first(store) -> Iterator[CheckIn]:
    """Check-ins newest first, one month at a time, so a reader can stop as soon as it has enough."""
    for month in reversed(store.months(COLLECTION)):
        rows = read_records(store, COLLECTION, CheckIn.from_dict, month, month)
        yield from sorted(rows, key=lambda c: c.at, reverse=True)


# -- correcting the record ------------------------------------------------------------------------


def delete_checkin(store, checkin: CheckIn) -> bool:
    """Remove a check-in (from the history list); False if it was already gone.  ``save_checkin`` puts it back."""
    return store.delete(COLLECTION, checkin.id, checkin.at)


def delete_note(store, note: DayNote) -> bool:
    return store.delete(NOTES, note.id, note.at)


def delete_side_effect(store, effect: SideEffect) -> bool:
    return store.delete(SIDE_EFFECTS, effect.id, effect.at)


def delete_pgic(store, answer: PgicAnswer) -> bool:
    return store.delete(PGIC, answer.id, answer.at)
