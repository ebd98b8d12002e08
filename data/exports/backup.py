"""Complete JSON backup of the store, and a restore that checks everything before touching anything.

Why so strict: a restore replaces the person's whole history.  A file cut off
while copying, edited by hand or made by a newer app must be refused with a
message that says what is wrong and where, and the data already on the phone
must stay exactly as it was.  So the file is size-checked before parsing,
parsed strictly, every record and document is validated, and only then is
``store.replace_all`` (itself all-or-nothing) called.

Why so bounded: a backup is a file from outside, so every value has limits the
app can live with (times from 2000 to a few days after ``now``, with offsets
that convert; plan dates and counters in sane ranges; nesting, numbers and
texts limited), and parsing, including telling a cut-off file from a damaged
one, takes time linear in the file size.  Every failure is one BackupError.

Every collection and document the app writes must have a validator in
``COLLECTIONS`` or ``DOCS`` below; anything else in a backup is refused.
"""
from __future__ import annotations

import errno
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from data.journal.checkins import (
    COLLECTION as CHECKINS,
    NOTES,
    PGIC,
    SIDE_EFFECTS,
    CheckIn,
    DayNote,
    PgicAnswer,
    SideEffect,
    check_fields,
    check_text,
    parse_time,
)
from data.journal.footchecks import (
    COLLECTION as FOOT_CHECKS,
    SETTING_DOC as FOOT_CHECK_DOC,
    FootCheck,
    FootCheckSetting,
)
from data.journal.questionnaires import MNSI, MnsiAnswers
from data.journal.records import EARLIEST, MAX_OFFSET
from data.journal.sessions import COLLECTION as SESSIONS, parse_session
from data.routine.pace import DOC as PRACTICE_DOC, PracticeSettings
from data.routine.profile import PROFILE_DOC, SETUP_DOC, Profile
from data.routine.progression import PLAN_DOC, read_plan
from data.routine.saved import ROUTINE_DOC, read_routine
from data.routine.selection import EDITS_DOC, read_edits
from data.routine.sound_settings import DOC as SOUND_DOC, SoundSettings
from data.routine.spots import SPOTS_DOC, SpotList
from data.routine.text_size import DOC as TEXT_SIZE_DOC, text_size_from_dict
from data.storage import store as store_module
from data.storage.documents import REFUSED
from data.storage.paths import APP_NAME
from data.storage.store import PARTITION_KEY, StoreError

FORMAT = "presspoint-backup"
FORMAT_VERSION = 1
#: Heavy use (two sessions a day rated before and after, plus a daily check-in) makes about 1.5 MB a year.
MAX_BACKUP_BYTES = 96 * 1024 * 1024  # 20 years of daily use make about 25 MB: room for decades, refused before parsing
_ENVELOPE_KEYS = {"format", "format_version", "app", "app_version", "created_at", "data"}
#: Times a backup may hold: none before the app could exist, none more than a few days ahead of now
#: (a clock a little fast, a trip across the date line), offsets only as real time zones have them.
FUTURE_SLACK = timedelta(days=3)  # and no earlier than records.EARLIEST, no zone beyond records.MAX_OFFSET
#: The deepest the app's own data nests is 7 (envelope, data, collections, list, record, steps, step).
MAX_DEPTH = 12
#: The longest text the app saves is a 2,000-character note; ids and keys are far shorter.
MAX_STRING_CHARS = 10_000
#: No count the app saves needs more than 15 digits (2**53 has 16).
MAX_INT_DIGITS = 15
#: Fields that hold a time, in any record: each is checked against the bounds above.
_TIME_FIELDS = ("at", "started_at", "ended_at")
#: One string from its opening quote to its closing quote or, cut off, to the end of the text.  Possessive,
#: and it always matches from a quote, so a scan over the text is linear (no retry from inside a string).
_STRING_TO_END = re.compile(r'"(?:[^"\\]++|\\.)*+("?)', re.S)


class BackupError(ValueError):
    """The backup cannot be restored; the message says what is wrong and where."""


@dataclass(frozen=True)
class OtherDocs:
    """Store documents owned outside the core (the reminders'), handed in by their owner.

    The core never imports the reminder scheduler, so the scheduler says which of
    its documents travel with a backup (with the strict reader that checks each)
    and which belong to one device only and are neither saved nor overwritten.
    """

    checks: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    device_only: frozenset[str] = frozenset()


NO_OTHER_DOCS = OtherDocs()


def _app_version() -> str:
    try:
        return metadata.version("presspoint")
    except metadata.PackageNotFoundError:  # a phone build carries no package metadata
        return "unknown"


@dataclass(frozen=True)
class BackupMade:
    """A backup file, and what had to be left out of it so that it restores."""

    data: bytes
    left_out: int  # records and settings a restore would refuse (e.g. dated by a wrong clock)
    words: str  # what to tell the person about them; "" when nothing was left out


def make_backup(store, now: datetime | None = None, other: OtherDocs = NO_OTHER_DOCS) -> bytes:
    """Everything in the store that a restore accepts, wrapped with the app name, app version and
    backup format version (``backup_file`` also says what was left out)."""
    return backup_file(store, now, other).data


def backup_file(store, now: datetime | None = None, other: OtherDocs = NO_OTHER_DOCS) -> BackupMade:
    """The backup, made with the very checks a restore applies, so a backup the app made always restores.

    A record whose shape its reader refuses is set aside in the store's quarantine (kept,
    never deleted).  A record or setting refused only for its time (a clock that was set
    to 1990 or 2099) stays in the app, since a wrong clock must never take data out of use,
    but is left out of the file, counted and said.
    """
    made_at = _utc_now(now)
    data = _without_device_docs(store.export_all(), other.device_only)
    docs, dated_docs, damaged_docs = _restorable_docs(data["docs"], other, made_at)
    collections, dated_records, damaged_records = _restorable_collections(store, data["collections"], made_at)
    envelope = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app": APP_NAME,
        "app_version": _app_version(),
        "created_at": (now or made_at).isoformat(),
        "data": {**data, "docs": docs, "collections": collections},
    }
    raw = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    dated, damaged = dated_docs + dated_records, damaged_docs + damaged_records
    words = " ".join(w for w in (_left_out_words(dated), _damaged_words(damaged)) if w)
    return BackupMade(raw, dated + damaged, words)


def _damaged_words(count: int) -> str:
    """A document or record refused for its contents, not its date: no clock is to blame."""
    if not count:
        return ""
    return ("1 entry was left out of this backup because it is damaged. It stays in the app." if count == 1 else
            f"{count} entries were left out of this backup because they are damaged. They stay in the app.")


def _left_out_words(count: int) -> str:
    if not count:
        return ""
    return ("1 entry was left out of this backup: its date is before 2000 or in the future, perhaps because "
            "the phone's clock was wrong. It stays in the app; check the phone's date and time."
            if count == 1 else
            f"{count} entries were left out of this backup: their dates are before 2000 or in the future, "
            "perhaps because the phone's clock was wrong. They stay in the app; check the phone's date and time.")


def _restorable_docs(docs: dict, other: OtherDocs, now: datetime) -> tuple[dict, int, int]:
    """The documents a restore accepts (``_check_doc``), and how many were left out: those whose check
    goes by the date (the plan: perhaps a wrong clock), then the others (damaged).  One whose owner
    did not hand in its check (the reminders', when the core is used alone) is kept as it is."""
    kept, dated, damaged = {}, 0, 0
    for name, doc in docs.items():
        try:
            if _doc_check(name, other, now) is not None:
                _check_doc(name, doc, other, now)
            kept[name] = doc
        except BackupError:
            if name in DATED_DOCS:
                dated += 1
            else:
                damaged += 1
    return kept, dated, damaged


def _restorable_collections(store, collections: dict, now: datetime) -> tuple[dict, int, int]:
    """The records a restore accepts (``_check_record``, ids once each), and how many were left out
    besides those set aside in the quarantine for their shape: for their time (perhaps a wrong
    clock), then for another reason (an unknown collection, an id twice)."""
    kept_all, left_out, damaged = {}, 0, 0
    for name, records in collections.items():
        if name not in COLLECTIONS:  # a restore refuses the whole backup for it: never in one
            damaged += len(records)
            continue
        parse, when = COLLECTIONS[name]
        kept, seen = [], set()
        for record in records:
            row = {k: v for k, v in record.items() if k != PARTITION_KEY}
            try:
                parse(row)
            except REFUSED as exc:
                store.quarantine_record(name, row, str(exc))
                continue
            try:
                _check_record(record, parse, when, now)
            except REFUSED:
                left_out += 1
                continue
            if record["id"] in seen:
                damaged += 1
                continue
            seen.add(record["id"])
            kept.append(record)
        kept_all[name] = kept
    return kept_all, left_out, damaged


def _without_device_docs(data: dict, device_only: frozenset[str]) -> dict:
    """What one device delivered or armed for reminders is not the person's data: leave it out."""
    return {**data, "docs": {k: v for k, v in data["docs"].items() if k not in device_only}}


def read_backup_file(path: Path) -> bytes:
    """Read a chosen file, refusing a huge one before loading it into memory."""
    size = path.stat().st_size
    if size > MAX_BACKUP_BYTES:
        raise BackupError(_too_large(size))
    return path.read_bytes()


def restore_backup(
    store, raw: bytes, other: OtherDocs = NO_OTHER_DOCS, now: datetime | None = None
) -> dict[str, int]:
    """Replace the whole store by the backup; returns the number of records per collection.

    Raises BackupError, with the store unchanged, if any part of the backup is wrong
    or the device cannot hold it (a half-built copy is removed at once by the store).
    """
    data = validate_backup(raw, other, now)
    try:
        for name in other.device_only:  # this device's own reminder memory stays as it is
            doc = store.get_doc(name)
            if doc is not None:
                data["docs"][name] = doc
        store.replace_all(data)
    except StoreError as exc:
        raise BackupError(f"The backup could not be restored: {exc}") from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise BackupError(
                "There is not enough free space on this device to restore this backup. Nothing was changed."
            ) from exc
        raise BackupError(f"The backup could not be restored: {exc.strerror or exc}. Nothing was changed.") from exc
    return {name: len(records) for name, records in data["collections"].items()}


# -- validation -----------------------------------------------------------------------------------


def validate_backup(raw: bytes, other: OtherDocs = NO_OTHER_DOCS, now: datetime | None = None) -> dict:
    """The store data inside a backup (``export_all`` shape, current schema), or BackupError.

    ``now`` (time-zone aware) bounds the times the backup may hold; pass the app's clock.
    """
    now = _utc_now(now)
    if not isinstance(raw, (bytes, bytearray)):
        raise BackupError(f"A backup must be read as bytes, found {type(raw).__name__}")
    if len(raw) > MAX_BACKUP_BYTES:
        raise BackupError(_too_large(len(raw)))
    envelope = _parse(bytes(raw))
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise BackupError(f"This is not a {APP_NAME} backup file.")
    version = envelope.get("format_version")
    if type(version) is not int:
        raise BackupError("The backup has no valid format version.")
    if version > FORMAT_VERSION:
        raise BackupError(
            f"This backup was made by a newer version of the app (backup format {version}); "
            f"this version reads format {FORMAT_VERSION}. Update the app, then try again."
        )
    if version != FORMAT_VERSION:
        raise BackupError(f"This backup has an unknown format ({version}); this version reads format {FORMAT_VERSION}.")
    _wrap("backup", lambda: check_fields(envelope, _ENVELOPE_KEYS, set()))
    _wrap("backup", lambda: check_text(envelope["app"], "app"))
    _wrap("backup", lambda: check_text(envelope["app_version"], "app_version"))
    _wrap("backup", lambda: bounded_time(envelope["created_at"], "created_at", now))
    data = _wrap("backup data", lambda: check_fields(envelope["data"], {"schema_version", "docs", "collections"}, set()))
    data = _migrate(data)
    _check_docs(data["docs"], other, now)
    _check_collections(data["collections"], now)
    return data


def _utc_now(now: datetime | None) -> datetime:
    if now is None:  # callers that have the app's clock pass it; this is the device's own
        return datetime.now(timezone.utc)
    if now.utcoffset() is None:
        raise ValueError("now must be time-zone aware")
    return now.astimezone(timezone.utc)


def bounded_time(value: Any, name: str, now: datetime) -> datetime:
    """A time the app can work with: ISO text with a real offset, from 2000 to a few days after ``now``."""
    at = parse_time(value, name)
    offset = at.utcoffset()
    if offset is None or abs(offset) > MAX_OFFSET:
        raise ValueError(f"{name} has a time zone no place uses: {value!r}")
    try:
        utc = at.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(f"{name} is not a time the app can use: {value!r}") from None
    if not EARLIEST <= utc <= now + FUTURE_SLACK:
        raise ValueError(f"{name} must be between 2000 and today, found {value!r}")
    return at


def _too_large(size: int) -> str:
    return (
        f"The file is too large to be a backup ({size / 1024 / 1024:.1f} MB; "
        f"the limit is {MAX_BACKUP_BYTES // 1024 // 1024} MB)."
    )


def _parse(raw: bytes) -> Any:
    if not raw.strip():
        raise BackupError("The backup file is empty.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BackupError(f"This is not a {APP_NAME} backup file (it is not text).") from None
    try:
        parsed = json.loads(text, parse_constant=_no_constant, parse_float=_finite, parse_int=_short_int,
                            object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        if _cut_off(text):
            raise BackupError(
                "The backup file is incomplete: it stops too early, perhaps cut off while it was copied."
            ) from None
        raise BackupError(f"The backup file is damaged: {exc.msg} (line {exc.lineno}, column {exc.colno}).") from None
    except RecursionError:
        raise BackupError("The backup file is damaged: it is nested too deeply.") from None
    except ValueError as exc:
        raise BackupError(f"The backup file is damaged: {exc}.") from None
    _check_shape(parsed)
    return parsed


def _cut_off(text: str) -> bool:
    """True when a string or bracket is still open at the end: the file was cut short, not edited.

    One left-to-right pass over the strings (see ``_STRING_TO_END``), so linear in the text.
    """
    open_string = False

    def drop(match: re.Match[str]) -> str:
        nonlocal open_string
        open_string = open_string or not match[1]
        return ""

    rest = _STRING_TO_END.sub(drop, text)
    if open_string:
        return True
    return rest.count("{") + rest.count("[") > rest.count("}") + rest.count("]")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _short_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"the number {text[:20]}... is too large")
    return int(text)


def _check_shape(value: Any) -> None:
    """Nesting and texts within the app's limits, checked without recursion in one pass."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if len(item) > MAX_STRING_CHARS:
                raise BackupError(f"The backup file is damaged: it holds a text of {len(item)} characters.")
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise BackupError("The backup file is damaged: it is nested too deeply.")
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the field {key!r} appears twice in one place")
        out[key] = value
    return out


def _wrap(where: str, check: Callable[[], Any]) -> Any:
    """Run a check, turning its ValueError (or KeyError) into a BackupError that says where."""
    try:
        return check()
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        raise BackupError(f"{where}: {text}") from None


def _migrate(data: dict) -> dict:
    """Bring older store data up to the current schema with the store's own migrations."""
    version = data["schema_version"]
    current = store_module.SCHEMA_VERSION
    if type(version) is not int or version < 0:
        raise BackupError(f"backup data: schema_version must be a whole number, found {version!r}")
    if version > current:
        raise BackupError(
            f"This backup was made by a newer version of the app (data version {version}; "
            f"this version knows up to {current}). Update the app, then try again."
        )
    if version < current and version not in store_module.MIGRATIONS:
        raise BackupError(f"This backup's data version {version} is too old for this version of the app.")
    try:
        return store_module.migrate(data)  # the store's own migration chain
    except (store_module.StoreError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"upgrading backup data from version {version}: {exc}") from None


# -- documents ------------------------------------------------------------------------------------


def _check_plan(d: Any, now: datetime) -> None:
    """The plan's own strict reader, with days up to a few days after ``now``."""
    read_plan(d, (now + FUTURE_SLACK).date())


def _check_practice(d: Any) -> None:
    check_fields(d, {"prepare_seconds", "switch_seconds"}, set())
    for name in ("prepare_seconds", "switch_seconds"):
        if type(d[name]) not in (int, float):
            raise ValueError(f"{name} must be a number, found {d[name]!r}")
    PracticeSettings(**d)


def _check_setup(d: Any) -> None:
    check_fields(d, {"put_off"}, set())
    if type(d["put_off"]) is not bool:
        raise ValueError(f"put_off must be true or false, found {d['put_off']!r}")


#: document -> check that raises ValueError; the owners' own strict readers where they have one.
DOCS: dict[str, Callable[[Any], Any]] = {
    ROUTINE_DOC: read_routine,
    PRACTICE_DOC: _check_practice,
    PROFILE_DOC: Profile.from_dict,
    SETUP_DOC: _check_setup,
    EDITS_DOC: read_edits,
    SOUND_DOC: SoundSettings.from_dict,
    FOOT_CHECK_DOC: FootCheckSetting.from_dict,
    SPOTS_DOC: SpotList.from_dict,
    TEXT_SIZE_DOC: text_size_from_dict,
}
#: documents whose check also needs the time now
DATED_DOCS: dict[str, Callable[[Any, datetime], Any]] = {PLAN_DOC: _check_plan}


def _check_docs(docs: Any, other: OtherDocs, now: datetime) -> None:
    if not isinstance(docs, dict):
        raise BackupError(f"backup data: docs must be a set of named documents, found {type(docs).__name__}")
    for name, doc in docs.items():
        _check_doc(name, doc, other, now)


def _check_doc(name: str, doc: Any, other: OtherDocs, now: datetime) -> None:
    """One document as a restore checks it (and a backup being made): BackupError says what is wrong."""
    check = _doc_check(name, other, now)
    if check is None:
        raise BackupError(
            f"The backup holds an unknown document {name!r}; this version of the app cannot restore it."
        )
    _wrap(f"document {name!r}", lambda: check(doc))


def _doc_check(name: str, other: OtherDocs, now: datetime) -> Callable[[Any], Any] | None:
    dated = DATED_DOCS.get(name)
    return (lambda d: dated(d, now)) if dated else DOCS.get(name) or other.checks.get(name)


# -- collections ----------------------------------------------------------------------------------


#: collection -> (parse a record strictly, the time its month partition is taken from)
COLLECTIONS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], datetime]]] = {
    SESSIONS: (parse_session, lambda s: s.started_at),
    CHECKINS: (CheckIn.from_dict, lambda c: c.at),
    NOTES: (DayNote.from_dict, lambda n: n.at),
    SIDE_EFFECTS: (SideEffect.from_dict, lambda e: e.at),
    PGIC: (PgicAnswer.from_dict, lambda a: a.at),
    MNSI: (MnsiAnswers.from_dict, lambda m: m.at),
    FOOT_CHECKS: (FootCheck.from_dict, lambda f: f.at),
}


def _check_collections(collections: Any, now: datetime) -> None:
    if not isinstance(collections, dict):
        raise BackupError(
            f"backup data: collections must be a set of named lists, found {type(collections).__name__}"
        )
    for name, records in collections.items():
        if name not in COLLECTIONS:
            raise BackupError(
                f"The backup holds an unknown collection {name!r}; this version of the app cannot restore it."
            )
        if not isinstance(records, list):
            raise BackupError(f"{name}: must be a list of records, found {type(records).__name__}")
        parse, when = COLLECTIONS[name]
        seen: dict[str, int] = {}
        for n, record in enumerate(records, 1):
            _wrap(f"{name} record {n}", lambda: _check_record(record, parse, when, now))
            first = seen.setdefault(record["id"], n)
            if first != n:
                raise BackupError(f"{name} record {n}: id {record['id']!r} is used twice (also by record {first})")


def _check_record(
    record: Any, parse: Callable[[Any], Any], when: Callable[[Any], datetime], now: datetime
) -> None:
    if not isinstance(record, dict):
        raise ValueError(f"must be a set of named fields, found {type(record).__name__}")
    for name in _TIME_FIELDS:
        if name in record:
            bounded_time(record[name], name, now)
    month = record.get(PARTITION_KEY)
    parsed = parse({k: v for k, v in record.items() if k != PARTITION_KEY})
    at = when(parsed)
    expected = f"{at.year:04d}-{at.month:02d}"
    if month != expected:
        raise ValueError(
            f"{PARTITION_KEY} must be {expected!r} for a record of {at.date().isoformat()}, found {month!r}"
        )
