"""Per-month summaries of check-ins and sessions: whole-history figures without reading the whole history.

Why: Progress, the report and the weekly question show a few weeks, yet some of their
figures reach back to the start: the first day of use, each symptom's baseline week,
the streak, the before/after means over every session.  Reading 20 years of months for
those on every visit took seconds.  So each month file gets a small summary (a few
counts and days), kept in a private cache beside the store (``Store.cache_path``: never
the person's data, never backed up) and keyed by the month's stamp
(``Store.partition_stamps``).  A month that changed for any reason (a save, an edit or
delete in an old month, a restore, a migration, another process, a row set aside) has
a new stamp and is summarised again from its file; anything odd in the cache is simply
worked out again.  The months a screen shows are always read whole, so a save into the
current month never touches the cache.

Local days depend on the time zone, so there is one cache per zone.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from pathlib import Path
from typing import Any

from data.journal.checkins import COLLECTION as CHECKINS, SYMPTOMS, CheckIn, Context, list_checkins
from data.journal.records import local_day, read_records
from data.journal.sessions import COLLECTION as SESSIONS, parse_session
from data.journal.stats import BASELINE_DAYS, PairTotals, pair_totals
from data.models import SessionRecord
from data.storage.files import UnreadableFile, dumps, read_json_with_stat, write_private

CACHE_VERSION = 1


@dataclass(frozen=True)
class CheckinMonth:
    """What one month file of check-ins adds to the whole-history figures (days as ordinals)."""

    first_day: int | None = None  # the earliest local day of any check-in
    last_day: int | None = None  # the latest one: a month is only summarised if it lies wholly outside the shown weeks
    daily_first: dict[str, int] = field(default_factory=dict)  # per symptom, the first day scored at a daily check-in
    pairs: dict[str, PairTotals] = field(default_factory=dict)  # per symptom, its before/after pairs added up
    rated: frozenset[str] = frozenset()  # short hashes of the session ids rated in this month


@dataclass(frozen=True)
class SessionMonth:
    """What one month file of sessions adds: its first and last day, and the days with a finished session."""

    first_day: int | None = None
    last_day: int | None = None
    finished_days: frozenset[int] = frozenset()


@dataclass(frozen=True)
class History:
    """The whole-history figures, from the summaries of past months and the months read whole."""

    first_day: date | None  # the first day with a session or a check-in (any date, even after `until`)
    daily_first: dict[str, date]  # per symptom, the first day with a daily score
    pairs: dict[str, PairTotals]  # per symptom, before/after pairs of check-ins up to `until`
    finished_days: frozenset[date]  # every day with a finished session
    rated_months: tuple[str, ...] = ()  # past months holding ratings before or after a session, oldest first

    def first_use(self, today: date) -> date:
        """The first day of use up to `today`; today for someone new."""
        return self.first_day if self.first_day is not None and self.first_day <= today else today


@dataclass(frozen=True)
class Recent:
    """What a screen reads: the whole-history figures and the records of the months it shows."""

    history: History
    checkins: list[CheckIn]  # local days in [since, until], oldest first
    sessions: list[SessionRecord]  # practice days in [since, until], in saved order
    earlier: list[CheckIn] = field(default_factory=list)  # the rest of the months read whole, up to `until`


# -- summarising records ------------------------------------------------------------------------


def rated_key(session_id: str) -> str:
    """A short stand-in for a session id: enough to notice one session's ratings in two months."""
    return hashlib.blake2b(session_id.encode(), digest_size=6).hexdigest()


def _first_days(checkins: list[CheckIn], tz: tzinfo) -> tuple[list[int], dict[str, int]]:
    """Each check-in's local day (as an ordinal), and per symptom the first day scored at a daily check-in."""
    days = [local_day(c.at, tz).toordinal() for c in checkins]
    daily_first: dict[str, int] = {}
    for c, day in zip(checkins, days):
        if c.context is Context.DAILY:
            for symptom in SYMPTOMS:
                if c.score(symptom) is not None and day < daily_first.get(symptom, day + 1):
                    daily_first[symptom] = day
    return days, daily_first


def _rated(checkins: Iterable[CheckIn]) -> frozenset[str]:
    return frozenset(rated_key(c.session_id) for c in checkins
                     if c.session_id is not None and c.context is not Context.DAILY)


def summarise_checkins(checkins: list[CheckIn], tz: tzinfo) -> CheckinMonth:
    if not checkins:
        return CheckinMonth()
    days, daily_first = _first_days(checkins, tz)
    pairs = {s: totals for s in SYMPTOMS if (totals := pair_totals(checkins, s))[0]}
    return CheckinMonth(min(days), max(days), daily_first, pairs, _rated(checkins))


def summarise_sessions(sessions: list[SessionRecord], tz: tzinfo) -> SessionMonth:
    if not sessions:
        return SessionMonth()
    days = [s.practice_day(tz).toordinal() for s in sessions]
    finished = frozenset(day for s, day in zip(sessions, days) if s.finished)
    return SessionMonth(min(days), max(days), finished)


# -- the cache file (hostile: whatever does not check out is worked out again) --------------------


def _int(value: Any) -> bool:
    return type(value) is int and 1 <= value <= date.max.toordinal()


def _checkin_month(raw: Any) -> CheckinMonth | None:
    if not (isinstance(raw, list) and len(raw) == 5):
        return None
    first, last, daily_first, pairs, rated = raw
    if first is None and last is None and not daily_first and not pairs and not rated:
        return CheckinMonth()
    if not (_int(first) and _int(last) and first <= last and isinstance(daily_first, dict)
            and isinstance(pairs, dict) and isinstance(rated, list)):
        return None
    if not all(s in SYMPTOMS and _int(d) and first <= d <= last for s, d in daily_first.items()):
        return None
    if not all(s in SYMPTOMS and isinstance(t, list) and len(t) == 3 and all(type(n) is int and n >= 0 for n in t)
               and t[0] > 0 for s, t in pairs.items()):
        return None
    if not all(isinstance(k, str) and len(k) == 12 for k in rated):
        return None
    return CheckinMonth(first, last, dict(daily_first), {s: tuple(t) for s, t in pairs.items()}, frozenset(rated))


def _session_month(raw: Any) -> SessionMonth | None:
    if not (isinstance(raw, list) and len(raw) == 3):
        return None
    first, last, finished = raw
    if first is None and last is None and not finished:
        return SessionMonth()
    if not (_int(first) and _int(last) and first <= last and isinstance(finished, list)
            and all(_int(d) and first <= d <= last for d in finished)):
        return None
    return SessionMonth(first, last, frozenset(finished))


def _checkin_json(m: CheckinMonth) -> list:
    return [m.first_day, m.last_day, m.daily_first, {s: list(t) for s, t in m.pairs.items()}, sorted(m.rated)]


def _session_json(m: SessionMonth) -> list:
    return [m.first_day, m.last_day, sorted(m.finished_days)]


def zone_key(tz: tzinfo) -> str:
    """A name for the zone that days were counted in: the IANA key, else its full repr."""
    return getattr(tz, "key", None) or repr(tz)


def _cache_name(tz: tzinfo) -> str:
    return "summaries_" + hashlib.blake2b(zone_key(tz).encode(), digest_size=8).hexdigest()


_PARSERS: dict[str, Callable[[Any], Any]] = {CHECKINS: _checkin_month, SESSIONS: _session_month}
_JSON: dict[str, Callable[[Any], list]] = {CHECKINS: _checkin_json, SESSIONS: _session_json}


#: The cache file last parsed, per path: (its inode, size and time; what it held), so an
#: unchanged file is not parsed and checked again on every visit.  Never changed in place.
_parsed: dict[Path, tuple[tuple[int, int, int], dict[str, dict[str, tuple[str, Any]]]]] = {}


def _load_cache(store, tz: tzinfo) -> dict[str, dict[str, tuple[str, Any]]]:
    """{collection: {month: (stamp, summary)}} from the cache file; nothing for anything odd in it."""
    path = store.cache_path(_cache_name(tz))
    known = _parsed.get(path)
    try:
        if known is not None and known[0] == _file_key(os.stat(path)):
            return known[1]  # whatever it holds is checked against the months' stamps anyway
        found = read_json_with_stat(path)
    except (UnreadableFile, OSError):
        return {}
    if found is None:
        return {}
    raw, st = found
    key = _file_key(st)
    out = _parse_cache(raw, tz)
    _parsed[path] = (key, out)
    return out


def _file_key(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_ino, st.st_size, st.st_mtime_ns


def _parse_cache(raw: Any, tz: tzinfo) -> dict[str, dict[str, tuple[str, Any]]]:
    if not (isinstance(raw, dict) and raw.get("version") == CACHE_VERSION and raw.get("zone") == zone_key(tz)):
        return {}
    out: dict[str, dict[str, tuple[str, Any]]] = {}
    for collection, parse in _PARSERS.items():
        months = raw.get(collection)
        kept = out.setdefault(collection, {})
        if not isinstance(months, dict):
            continue
        for month, entry in months.items():
            if isinstance(month, str) and isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str):
                summary = parse(entry[1])
                if summary is not None:
                    kept[month] = (entry[0], summary)
    return out


def _save_cache(store, tz: tzinfo, cache: dict[str, dict[str, tuple[str, Any]]]) -> None:
    data = {"version": CACHE_VERSION, "zone": zone_key(tz)}
    for collection, months in cache.items():
        data[collection] = {m: [stamp, _JSON[collection](s)] for m, (stamp, s) in sorted(months.items())}
    try:
        write_private(store.cache_path(_cache_name(tz)), dumps(data))
    except OSError:
        pass  # a full disk: the summaries are worked out again next time, nothing is lost


# -- reading ----------------------------------------------------------------------------------------


def _month_start(month: str) -> date:
    return date(int(month[:4]), int(month[5:]), 1)


def _read_month(store, collection: str, month: str) -> list:
    first = _month_start(month)
    parse = CheckIn.from_dict if collection == CHECKINS else parse_session
    return read_records(store, collection, parse, first, first)


def _overlaps(summary: CheckinMonth | SessionMonth, low: int, high: int) -> bool:
    return summary.first_day is not None and summary.first_day <= high and summary.last_day >= low


def read_recent(store, tz: tzinfo, since: date, until: date) -> Recent:
    """The records of [since, until] (local days in `tz`) and the whole-history figures up to `until`.

    The months overlapping [since - 1 day, until + 1 day] are read whole; every other month
    comes from its summary, unless it holds a day inside [since, until] (a record saved in an
    odd month), in which case it is read whole too.  Before/after pairs count check-ins up to
    `until`; a session rated in two months is paired from those months' records together.
    """
    low, high = f"{since - timedelta(days=1):%Y-%m}", f"{until + timedelta(days=1):%Y-%m}"
    lo, hi = since.toordinal(), until.toordinal()
    cache = _load_cache(store, tz)
    kept: dict[str, dict[str, tuple[str, Any]]] = {}
    summaries: dict[str, dict[str, Any]] = {}
    raw: dict[str, dict[str, list]] = {}
    summarise = {CHECKINS: summarise_checkins, SESSIONS: summarise_sessions}
    for collection in (CHECKINS, SESSIONS):
        known = cache.get(collection, {})
        kept[collection], summaries[collection], raw[collection] = {}, {}, {}
        for month, stamp in store.partition_stamps(collection).items():  # stamps first, then the reads
            if low <= month <= high:
                raw[collection][month] = _read_month(store, collection, month)
                continue
            entry = known.get(month)
            records = None
            if entry is not None and stamp is not None and entry[0] == stamp:
                summary = entry[1]
            else:
                records = _read_month(store, collection, month)
                summary = summarise[collection](records, tz)
            if stamp is not None:
                kept[collection][month] = (stamp, summary)
            if _overlaps(summary, lo, hi):
                raw[collection][month] = records if records is not None else _read_month(store, collection, month)
            else:
                summaries[collection][month] = summary
    if kept != cache:
        _save_cache(store, tz, kept)
    return _combine(store, tz, since, until, summaries, raw)


def _combine(store, tz: tzinfo, since: date, until: date, summaries: dict[str, dict[str, Any]],
             raw: dict[str, dict[str, list]]) -> Recent:
    checkins: list[CheckIn] = [c for rows in raw[CHECKINS].values() for c in rows]
    sessions: list[SessionRecord] = [s for rows in raw[SESSIONS].values() for s in rows]
    checkin_days, daily_first = _first_days(checkins, tz)
    done = summarise_sessions(sessions, tz)
    firsts = [m.first_day for group in summaries.values() for m in group.values() if m.first_day is not None]
    firsts += [d for d in (min(checkin_days, default=None), done.first_day) if d is not None]
    for m in summaries[CHECKINS].values():
        for symptom, day in m.daily_first.items():
            daily_first[symptom] = min(day, daily_first.get(symptom, day))
    finished = set(done.finished_days).union(*(m.finished_days for m in summaries[SESSIONS].values()))
    hi = until.toordinal()
    up_to = [c for c, day in zip(checkins, checkin_days) if day <= hi]
    before = [(month, m) for month, m in summaries[CHECKINS].items() if m.last_day is not None and m.last_day < hi]
    return Recent(
        history=History(
            first_day=date.fromordinal(min(firsts)) if firsts else None,
            daily_first={s: date.fromordinal(d) for s, d in daily_first.items()},
            pairs=_pairs(store, up_to, before),
            finished_days=frozenset(date.fromordinal(d) for d in finished),
            rated_months=tuple(sorted(month for month, m in before if m.rated)),
        ),
        checkins=sorted((c for c in up_to if local_day(c.at, tz) >= since), key=lambda c: c.at),
        sessions=[s for s in sessions if since <= s.practice_day(tz) <= until],
        earlier=[c for c in up_to if local_day(c.at, tz) < since],
    )


def _pairs(store, read: list[CheckIn], months: list[tuple[str, CheckinMonth]]) -> dict[str, PairTotals]:
    """Before/after totals: each past month's own, except where one session was rated in two months
    (say across midnight at a month's end): those months are paired from their records, together
    with the months read whole."""
    seen = Counter(_rated(read))
    for _month, m in months:
        seen.update(m.rated)
    shared = {key for key, n in seen.items() if n > 1}
    together = list(read)
    apart: list[CheckinMonth] = []
    for month, m in months:
        if m.rated & shared:
            together += _read_month(store, CHECKINS, month)
        else:
            apart.append(m)
    totals: dict[str, PairTotals] = {}
    for symptom in SYMPTOMS:
        n, before, after = pair_totals(together, symptom)
        for m in apart:
            if symptom in m.pairs:
                pn, pb, pa = m.pairs[symptom]
                n, before, after = n + pn, before + pb, after + pa
        if n:
            totals[symptom] = (n, before, after)
    return totals


def baseline_checkins(store, history: History, tz: tzinfo, until: date, have_from: date) -> list[CheckIn]:
    """Check-ins of every symptom's baseline week (up to `until`) that lie before `have_from`.

    With the check-ins from `have_from` on, that is all ``compare_with_baseline`` needs: its
    baseline week and the last two weeks, and nothing before the first scored day.
    """
    ranges = sorted({(first, min(first + timedelta(days=BASELINE_DAYS - 1), until, have_from - timedelta(days=1)))
                     for first in history.daily_first.values() if first <= until and first < have_from})
    merged: list[list[date]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [c for start, end in merged for c in list_checkins(store, start, end, tz)]


def rated_before(store, recent: Recent, tz: tzinfo, until: date, enough: int) -> list[CheckIn]:
    """Session ratings (check-ins before or after a session, up to `until`) from the newest past months,
    read whole until they hold at least `enough` sessions; with those of ``recent``, oldest first.

    For lists of the latest sessions' ratings: a person who rates rarely still sees their last ones,
    and only the months that hold ratings are read (their summaries say which).
    """
    def ratings(checkins: Iterable[CheckIn]) -> list[CheckIn]:
        return [c for c in checkins if c.session_id is not None and c.context is not Context.DAILY
                and local_day(c.at, tz) <= until]

    rated = ratings(recent.earlier + recent.checkins)
    older = list(reversed(recent.history.rated_months))
    while older and len({c.session_id for c in rated}) < enough:
        rated += ratings(_read_month(store, CHECKINS, older.pop(0)))
    if older:  # one month more: a session begun before midnight at a month's end has its first rating there
        rated += ratings(_read_month(store, CHECKINS, older.pop(0)))
    return sorted(rated, key=lambda c: c.at)
