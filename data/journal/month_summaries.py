"""Small per-month summaries of the journal, so whole-history figures never need a full scan.

Why: Progress and the doctor's report show a few weeks, but four of their figures
span all history: the before/after means, the baseline week (it starts at the first
score ever), the streak and the first day of use.  Computing them by reading every
check-in and session made Progress slower every year (20 years: ~37,000 check-ins
and ~14,600 sessions parsed per render).  Instead each month partition gets a
summary of a few hundred bytes, kept in one store document (``DOC``):

* check-ins: per context and symptom the count and sum of scores and the earliest
  time scored; per symptom the before/after pairs complete inside the month (count,
  sum before, sum after), and the latest before or after rating of each session
  whose pair is not complete inside the month ("loose": paired across months later);
* sessions: the earliest start, and per local day a 2-bit mark of the finished
  morning (1) and evening (2) sessions.  Local days depend on the time zone, so the
  marks are kept per zone (``MAX_ZONES`` at most: summer and winter offsets).

A month's summary is rebuilt from its records when its partition file changed
(another process, a restore, a migration, a correction in the history list): each
summary keeps the file's stamp (generation, inode, size, mtime) and a changed or
missing stamp means "read this month again".  ``note_saved`` rebuilds the month
of a save at once, so the next read finds it current.  Only months that cannot
hold records after `today` are summarised (``open_from``): the open ones are read
whole, as the screens read them anyway for their charts.

Exact, not estimated: every figure equals the full scan of data/journal/stats.py
(tests/test_month_summaries.py checks it on random histories).  One limit: a
session's before/after pair complete inside one month is assumed not to be rated
again in another month (the app asks once at the start and once at the end).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

from data.journal.checkins import COLLECTION as CHECKINS, SYMPTOMS, CheckIn, Context, list_checkins
from data.journal.records import read_records
from data.journal.sessions import COLLECTION as SESSIONS, parse_session
from data.journal.stats import (
    BASELINE_DAYS,
    RECENT_DAYS,
    BaselineComparison,
    BeforeAfter,
    compare_with_baseline,
    local_day,
)
from data.models import SessionRecord, Slot

DOC = "month_summaries"
VERSION = 1
MAX_ZONES = 2
#: A record is saved in the month of its own local time; in another zone its day moves by up to 2 days.
ZONE_SHIFT_DAYS = 2
_MARKS = {Slot.MORNING: 1, Slot.EVENING: 2}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_SESSION_CONTEXTS = (Context.BEFORE_SESSION, Context.AFTER_SESSION)

Stamp = list[int]


# -- one month --------------------------------------------------------------------------------------


def _micros(at: datetime) -> int:
    """An instant as whole microseconds since 1970: exact, small in JSON, and ordered."""
    delta = at - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _instant(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _latest_ratings(checkins: Iterable[CheckIn], symptom: str) -> tuple[dict[str, CheckIn], dict[str, CheckIn]]:
    """Per session id the latest before and the latest after rating of `symptom` (stats.before_after's rule)."""
    before: dict[str, CheckIn] = {}
    after: dict[str, CheckIn] = {}
    for c in checkins:  # oldest first: a later rating replaces an earlier one
        if c.session_id is None or c.score(symptom) is None:
            continue
        if c.context is Context.BEFORE_SESSION:
            before[c.session_id] = c
        elif c.context is Context.AFTER_SESSION:
            after[c.session_id] = c
    return before, after


def summarise_checkins(checkins: Iterable[CheckIn]) -> dict:
    """The summary of one month's check-ins (any order): see the module's docstring."""
    ordered = sorted(checkins, key=lambda c: c.at)
    counts: dict[str, dict[str, list[int]]] = {}
    first: dict[str, dict[str, int]] = {}
    for c in ordered:
        for symptom in SYMPTOMS:
            value = c.score(symptom)
            if value is None:
                continue
            count = counts.setdefault(c.context.value, {}).setdefault(symptom, [0, 0])
            count[0] += 1
            count[1] += value
            first.setdefault(c.context.value, {}).setdefault(symptom, _micros(c.at))
    pairs: dict[str, list[int]] = {}
    loose: list[list] = []
    for symptom in SYMPTOMS:
        before, after = _latest_ratings(ordered, symptom)
        paired = before.keys() & after.keys()
        if paired:
            pairs[symptom] = [len(paired), sum(before[s].score(symptom) for s in paired),
                              sum(after[s].score(symptom) for s in paired)]
        for kind, ratings in ((Context.BEFORE_SESSION, before), (Context.AFTER_SESSION, after)):
            loose += [[sid, kind.value, _micros(c.at), symptom, c.score(symptom)]
                      for sid, c in ratings.items() if sid not in paired]
    return {"counts": counts, "first": first, "pairs": pairs, "loose": loose,
            "first_at": _micros(ordered[0].at) if ordered else None}


def zone_key(tz: tzinfo) -> str:
    """A name for `tz` that survives a restart: the zone's key, or a fixed offset in seconds."""
    key = getattr(tz, "key", None)
    if isinstance(key, str):
        return key
    offset = tz.utcoffset(None)
    return f"fixed{int(offset.total_seconds())}" if offset is not None else repr(tz)


def _marks(sessions: Iterable[SessionRecord], tz: tzinfo) -> list | None:
    """[first local day (ISO), "0312..."]: one digit per day, bit 1 morning and bit 2 evening finished."""
    done: dict[date, int] = {}
    for s in sessions:
        if s.finished:
            day = local_day(s.started_at, tz)
            done[day] = done.get(day, 0) | _MARKS[s.slot]
    if not done:
        return None
    low, high = min(done), max(done)
    return [low.isoformat(), "".join(str(done.get(low + timedelta(days=i), 0)) for i in range((high - low).days + 1))]


def summarise_sessions(sessions: list[SessionRecord], tz: tzinfo) -> dict:
    """The summary of one month's sessions, its day marks for `tz` only."""
    return {"first_at": min((_micros(s.started_at) for s in sessions), default=None),
            "done": {zone_key(tz): _marks(sessions, tz)}}


# -- keeping them current ---------------------------------------------------------------------------


def _month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _month_start(key: str) -> date:
    return date(int(key[:4]), int(key[5:]), 1)


def open_from(today: date) -> date:
    """The first day of the first month that may hold a record of a local day after `today` (in any zone):
    months before it are summarised, this one and later ones are read whole."""
    return (today - timedelta(days=ZONE_SHIFT_DAYS)).replace(day=1)


def partition_stamps(store, collection: str) -> dict[str, Stamp]:
    """Each month file's [generation, inode, size, mtime_ns].

    Stand-in for the store method this needs (``Store.partition_stamps(collection)``, taken under the
    store's lock): it follows the layout documented in data/storage/store.py.  Every store write
    replaces the file by a new one (a new inode while the old one still exists), so a write always
    changes the stamp; a restore or a migration changes the generation, so every stamp.
    """
    try:
        generation = json.loads((Path(store.directory) / "meta.json").read_text(encoding="utf-8"))["generation"]
        folder = Path(store.directory) / f"gen-{int(generation):06d}" / "collections" / collection
        entries = list(os.scandir(folder))
    except (OSError, ValueError, TypeError, KeyError):
        return {}  # no stamps: every month is read again, which is always right
    stamps: dict[str, Stamp] = {}
    for entry in entries:
        if len(entry.name) == 12 and entry.name.endswith(".json"):
            try:
                st = entry.stat()
            except OSError:
                continue
            stamps[entry.name[:7]] = [int(generation), st.st_ino, st.st_size, st.st_mtime_ns]
    return stamps


def _read_month(store, collection: str, month: str) -> list:
    first = _month_start(month)
    if collection == CHECKINS:
        return read_records(store, CHECKINS, CheckIn.from_dict, first, first)
    return read_records(store, SESSIONS, parse_session, first, first)


def _summarise(store, collection: str, month: str, tz: tzinfo, kept: dict | None) -> dict:
    """A month's summary read afresh; the session marks of other zones are kept when the file is unchanged."""
    rows = _read_month(store, collection, month)
    if collection == CHECKINS:
        return summarise_checkins(rows)
    summary = summarise_sessions(rows, tz)
    if kept is not None:
        others = [(k, v) for k, v in kept["done"].items() if k != zone_key(tz)][-(MAX_ZONES - 1):]
        summary["done"] = {**dict(others), **summary["done"]}
    return summary


def _empty_doc() -> dict:
    return {"version": VERSION, CHECKINS: {}, SESSIONS: {}}


def _load_doc(store) -> dict:
    doc = store.get_doc(DOC)
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        return _empty_doc()
    return doc


def note_saved(store, collection: str, when: datetime, tz: tzinfo) -> None:
    """Call after saving or deleting a check-in or session saved at `when`: its month's summary is rebuilt."""
    if collection not in (CHECKINS, SESSIONS):
        return
    month = _month_key(when.date())
    stamp = partition_stamps(store, collection).get(month)
    summary = _summarise(store, collection, month, tz, None)

    def change(doc: dict | None) -> dict:
        doc = doc if isinstance(doc, dict) and doc.get("version") == VERSION else _empty_doc()
        doc[collection][month] = {"stamp": stamp, **summary}
        return doc

    store.update_doc(DOC, change)


def current_summaries(store, tz: tzinfo, before: date) -> dict[str, dict[str, dict]]:
    """Per collection, the summary of every month before `before`'s month, rebuilt where its file changed.

    The document is written back only when something was rebuilt.
    """
    doc = _load_doc(store)
    limit = _month_key(before)
    changed = False
    out: dict[str, dict[str, dict]] = {}
    for collection in (CHECKINS, SESSIONS):
        stamps = partition_stamps(store, collection)
        months = sorted(m for m in (stamps or {_month_key(d): None for d in store.months(collection)}) if m < limit)
        kept = doc[collection]
        current: dict[str, dict] = {}
        for month in months:
            entry = kept.get(month)
            stamp = stamps.get(month)
            fresh = (entry is not None and stamp is not None and entry.get("stamp") == stamp
                     and (collection == CHECKINS or zone_key(tz) in entry["done"]))
            if not fresh:
                same_file = entry is not None and stamp is not None and entry.get("stamp") == stamp
                entry = {"stamp": stamp, **_summarise(store, collection, month, tz, entry if same_file else None)}
                changed = True
            current[month] = entry
        if set(kept) - set(current) - {m for m in kept if m >= limit}:
            changed = True  # a month file went away
        doc[collection] = {**{m: e for m, e in kept.items() if m >= limit}, **current}
        out[collection] = current
    if changed:
        store.put_doc(DOC, doc)
    return out


# -- whole-history figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class History:
    """What the month summaries of the settled months say, with the open months' records beside them."""

    tz: tzinfo
    checkins: tuple[CheckIn, ...]  # open months, local day up to `today`, oldest first
    sessions: tuple[SessionRecord, ...]  # open months, local day up to `today`
    counts: Mapping[str, Mapping[str, tuple[int, int]]]  # settled: context -> symptom -> (count, sum)
    first_scored: Mapping[str, Mapping[str, int]]  # settled: context -> symptom -> earliest micros
    pairs: Mapping[str, tuple[int, int, int]]  # settled: symptom -> (pairs, sum before, sum after)
    loose: tuple[tuple[str, str, int, str, int], ...]  # settled: (session id, context, micros, symptom, score)
    first_at: int | None  # settled: earliest check-in or session, micros
    done_days: frozenset[date]  # settled: local days in `tz` with a finished session

    def before_after(self, symptom: str) -> BeforeAfter:
        """stats.before_after over all history up to `today`."""
        n, total_before, total_after = self.pairs.get(symptom, (0, 0, 0))
        before: dict[str, tuple[int, int]] = {}
        after: dict[str, tuple[int, int]] = {}
        ratings = [(at, sid, context, score) for sid, context, at, s, score in self.loose if s == symptom]
        ratings += [(_micros(c.at), c.session_id, c.context.value, c.score(symptom)) for c in self.checkins
                    if c.session_id is not None and c.context in _SESSION_CONTEXTS and c.score(symptom) is not None]
        for at, sid, context, score in sorted(ratings, key=lambda r: r[0]):  # stable: later month wins a tie
            (before if context == Context.BEFORE_SESSION.value else after)[sid] = (at, score)
        for sid in before.keys() & after.keys():
            n, total_before, total_after = n + 1, total_before + before[sid][1], total_after + after[sid][1]
        if not n:
            return BeforeAfter(symptom, 0, None, None)
        return BeforeAfter(symptom, n, total_before / n, total_after / n)

    def first_scored_day(self, symptom: str, contexts: Iterable[Context]) -> date | None:
        """The first local day with a score of `symptom` in one of `contexts` (up to `today`)."""
        names = {c.value for c in contexts}
        found = [m for context, by_symptom in self.first_scored.items() if context in names
                 for s, m in by_symptom.items() if s == symptom]
        found += [_micros(c.at) for c in self.checkins if c.context.value in names and c.score(symptom) is not None]
        return local_day(_instant(min(found)), self.tz) if found else None

    def first_use(self, today: date) -> date:
        """progress.first_day_of_use: the first day with a session or a check-in; `today` for someone new."""
        found = [m for m in (self.first_at,) if m is not None]
        found += [_micros(c.at) for c in self.checkins] + [_micros(s.started_at) for s in self.sessions]
        return min(local_day(_instant(min(found)), self.tz), today) if found else today

    def streak(self, today: date) -> int:
        """stats.current_streak over all history."""
        done = self.done_days | {local_day(s.started_at, self.tz) for s in self.sessions if s.finished}
        day = today if today in done else today - timedelta(days=1)
        streak = 0
        while day in done:
            streak += 1
            day -= timedelta(days=1)
        return streak


def history(store, tz: tzinfo, today: date) -> History:
    """The whole history up to `today` (local days in `tz`) from month summaries and the open months."""
    start = open_from(today)
    summaries = current_summaries(store, tz, start)
    checkins = [c for c in read_records(store, CHECKINS, CheckIn.from_dict, start)
                if local_day(c.at, tz) <= today]
    sessions = [s for s in read_records(store, SESSIONS, parse_session, start)
                if local_day(s.started_at, tz) <= today]
    counts: dict[str, dict[str, tuple[int, int]]] = {}
    first_scored: dict[str, dict[str, int]] = {}
    pairs: dict[str, tuple[int, int, int]] = {}
    loose: list[tuple[str, str, int, str, int]] = []
    firsts: list[int] = []
    for entry in summaries[CHECKINS].values():
        for context, by_symptom in entry["counts"].items():
            for symptom, (n, total) in by_symptom.items():
                old = counts.setdefault(context, {}).get(symptom, (0, 0))
                counts[context][symptom] = (old[0] + n, old[1] + total)
        for context, by_symptom in entry["first"].items():
            for symptom, at in by_symptom.items():
                mine = first_scored.setdefault(context, {})
                mine[symptom] = min(at, mine.get(symptom, at))
        for symptom, (n, b, a) in entry["pairs"].items():
            old = pairs.get(symptom, (0, 0, 0))
            pairs[symptom] = (old[0] + n, old[1] + b, old[2] + a)
        loose += [tuple(row) for row in entry["loose"]]
        if entry["first_at"] is not None:
            firsts.append(entry["first_at"])
    done: set[date] = set()
    for entry in summaries[SESSIONS].values():
        if entry["first_at"] is not None:
            firsts.append(entry["first_at"])
        marks = entry["done"][zone_key(tz)]
        if marks:
            low = date.fromisoformat(marks[0])
            done.update(low + timedelta(days=i) for i, mark in enumerate(marks[1]) if mark != "0")
    return History(tz, tuple(sorted(checkins, key=lambda c: c.at)), tuple(sessions), counts, first_scored, pairs,
                   tuple(loose), min(firsts, default=None), frozenset(done))


def compare_with_baseline_from(store, past: History, symptom: str, today: date,
                               contexts: frozenset[Context]) -> BaselineComparison:
    """stats.compare_with_baseline over the check-ins of `contexts` up to `today`, reading only the baseline
    week and the last two weeks."""
    first = past.first_scored_day(symptom, contexts)
    recent_start = today - timedelta(days=RECENT_DAYS - 1)
    wanted: dict[tuple[str, datetime], CheckIn] = {}
    if first is not None:
        for c in list_checkins(store, first, min(first + timedelta(days=BASELINE_DAYS - 1), today), past.tz):
            wanted[(c.id, c.at)] = c
    for c in list_checkins(store, recent_start, today, past.tz):
        wanted[(c.id, c.at)] = c
    chosen = [c for c in wanted.values() if c.context in contexts]
    return compare_with_baseline(sorted(chosen, key=lambda c: c.at), symptom, past.tz, today)
