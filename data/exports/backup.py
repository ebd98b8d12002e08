"""Complete JSON backup of the store, and a restore that checks everything before touching anything.

Why so strict: a restore replaces the person's whole history.  A file cut off
while copying, edited by hand or made by a newer app must be refused with a
message that says what is wrong and where, and the data already on the phone
must stay exactly as it was.  So the file is size-checked before parsing,
parsed strictly, every record and document is validated, and only then is
``store.replace_all`` (itself all-or-nothing) called.

Every collection and document the app writes must have a validator in
``COLLECTIONS`` or ``DOCS`` below; anything else in a backup is refused.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
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
    check_id,
    check_text,
    parse_time,
)
from data.journal.questionnaires import MNSI, MnsiAnswers
from data.journal.sessions import COLLECTION as SESSIONS
from data.models import Routine, SessionRecord, Side, Slot
from data.routine.catalog import point
from data.routine.pace import DOC as PRACTICE_DOC, PracticeSettings
from data.routine.profile import PROFILE_DOC, SETUP_DOC, Profile
from data.routine.progression import PLAN_DOC, PlanState
from data.routine.saved import ROUTINE_DOC, routine_problems
from data.routine.selection import EDITS_DOC, RoutineEdits
from data.storage import store as store_module
from data.storage.paths import APP_NAME
from data.storage.store import PARTITION_KEY, StoreError

FORMAT = "presspoint-backup"
FORMAT_VERSION = 1
#: Heavy use (two sessions a day rated before and after, plus a daily check-in) makes about 1.5 MB a year.
MAX_BACKUP_BYTES = 20 * 1024 * 1024
_ENVELOPE_KEYS = {"format", "format_version", "app", "app_version", "created_at", "data"}
_DAY_SECONDS = 24 * 3600
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_SLOTS = tuple(s.value for s in Slot)
_SIDES = tuple(s.value for s in Side)


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


def make_backup(store, now: datetime | None = None, other: OtherDocs = NO_OTHER_DOCS) -> bytes:
    """Everything in the store, wrapped with the app name, app version and backup format version."""
    envelope = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app": APP_NAME,
        "app_version": _app_version(),
        "created_at": (now or datetime.now(timezone.utc)).isoformat(),
        "data": _without_device_docs(store.export_all(), other.device_only),
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _without_device_docs(data: dict, device_only: frozenset[str]) -> dict:
    """What one device delivered or armed for reminders is not the person's data: leave it out."""
    return {**data, "docs": {k: v for k, v in data["docs"].items() if k not in device_only}}


def read_backup_file(path: Path) -> bytes:
    """Read a chosen file, refusing a huge one before loading it into memory."""
    size = path.stat().st_size
    if size > MAX_BACKUP_BYTES:
        raise BackupError(_too_large(size))
    return path.read_bytes()


def restore_backup(store, raw: bytes, other: OtherDocs = NO_OTHER_DOCS) -> dict[str, int]:
    """Replace the whole store by the backup; returns the number of records per collection.

    Raises BackupError, with the store unchanged, if any part of the backup is wrong.
    """
    data = validate_backup(raw, other)
    for name in other.device_only:  # this device's own reminder memory stays as it is
        doc = store.get_doc(name)
        if doc is not None:
            data["docs"][name] = doc
    try:
        store.replace_all(data)
    except StoreError as exc:
        raise BackupError(f"The backup could not be restored: {exc}") from exc
    return {name: len(records) for name, records in data["collections"].items()}


# -- validation -----------------------------------------------------------------------------------


def validate_backup(raw: bytes, other: OtherDocs = NO_OTHER_DOCS) -> dict:
    """The store data inside a backup (``export_all`` shape, current schema), or BackupError."""
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
    _wrap("backup", lambda: parse_time(envelope["created_at"], "created_at"))
    data = _wrap("backup data", lambda: check_fields(envelope["data"], {"schema_version", "docs", "collections"}, set()))
    data = _migrate(data)
    _check_docs(data["docs"], other)
    _check_collections(data["collections"])
    return data


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
        return json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicate_keys)
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


def _cut_off(text: str) -> bool:
    """True when a string or bracket is still open at the end: the file was cut short, not edited."""
    rest = _JSON_STRING.sub("", text)
    if rest.count('"') % 2:
        return True
    return rest.count("{") + rest.count("[") > rest.count("}") + rest.count("]")


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


def _check_routine(d: Any) -> None:
    check_fields(d, {"steps", "pressure_note"}, set())
    check_text(d["pressure_note"], "pressure_note")
    if not isinstance(d["steps"], list):
        raise ValueError(f"steps must be a list, found {d['steps']!r}")
    for n, step in enumerate(d["steps"], 1):
        try:
            check_fields(step, {"point_code", "seconds_per_side", "sides", "reason"}, set())
            if not isinstance(step["point_code"], str):
                raise ValueError(f"point_code must be text, found {step['point_code']!r}")
            if type(step["seconds_per_side"]) is not int:
                raise ValueError(f"seconds_per_side must be a whole number, found {step['seconds_per_side']!r}")
            sides = step["sides"]
            if not isinstance(sides, list) or any(s not in _SIDES for s in sides):
                raise ValueError(f"sides must be a list of left, right or middle, found {sides!r}")
            check_text(step["reason"], "reason")
        except ValueError as exc:
            raise ValueError(f"step {n}: {exc}") from None
    problems = routine_problems(Routine.from_dict(d))
    if problems:
        raise ValueError(problems[0])


def _check_edits(d: Any) -> None:
    edits = RoutineEdits.from_dict(d)
    for code in {*edits.added, *edits.removed, *edits.order, *edits.seconds}:
        try:
            point(code)
        except KeyError:
            raise ValueError(f"unknown point {code!r}") from None


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
    ROUTINE_DOC: _check_routine,
    PRACTICE_DOC: _check_practice,
    PROFILE_DOC: Profile.from_dict,
    SETUP_DOC: _check_setup,
    PLAN_DOC: PlanState.from_dict,
    EDITS_DOC: _check_edits,
}


def _check_docs(docs: Any, other: OtherDocs) -> None:
    if not isinstance(docs, dict):
        raise BackupError(f"backup data: docs must be a set of named documents, found {type(docs).__name__}")
    for name, doc in docs.items():
        check = DOCS.get(name) or other.checks.get(name)
        if check is None:
            raise BackupError(
                f"The backup holds an unknown document {name!r}; this version of the app cannot restore it."
            )
        _wrap(f"document {name!r}", lambda: check(doc))


# -- collections ----------------------------------------------------------------------------------


def _session(d: Any) -> SessionRecord:
    """A session record, checked strictly (SessionRecord.from_dict would coerce "no" to True)."""
    check_fields(d, {"id", "slot", "started_at", "ended_at", "steps", "finished"}, set())
    check_id(d["id"])
    if d["slot"] not in _SLOTS:
        raise ValueError(f"slot must be morning or evening, found {d['slot']!r}")
    parse_time(d["started_at"], "started_at")
    parse_time(d["ended_at"], "ended_at")
    if type(d["finished"]) is not bool:
        raise ValueError(f"finished must be true or false, found {d['finished']!r}")
    if not isinstance(d["steps"], list):
        raise ValueError(f"steps must be a list, found {d['steps']!r}")
    for n, step in enumerate(d["steps"], 1):
        try:
            check_fields(step, {"point_code", "side", "planned_seconds", "pressed_seconds", "completed"}, set())
            check_id(step["point_code"], "point_code")
            if step["side"] not in _SIDES:
                raise ValueError(f"side must be left, right or middle, found {step['side']!r}")
            for name in ("planned_seconds", "pressed_seconds"):
                if type(step[name]) is not int or not 0 <= step[name] <= _DAY_SECONDS:
                    raise ValueError(f"{name} must be a whole number of seconds, found {step[name]!r}")
            if type(step["completed"]) is not bool:
                raise ValueError(f"completed must be true or false, found {step['completed']!r}")
        except ValueError as exc:
            raise ValueError(f"step {n}: {exc}") from None
    return SessionRecord.from_dict(d)


#: collection -> (parse a record strictly, the time its month partition is taken from)
COLLECTIONS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], datetime]]] = {
    SESSIONS: (_session, lambda s: s.started_at),
    CHECKINS: (CheckIn.from_dict, lambda c: c.at),
    NOTES: (DayNote.from_dict, lambda n: n.at),
    SIDE_EFFECTS: (SideEffect.from_dict, lambda e: e.at),
    PGIC: (PgicAnswer.from_dict, lambda a: a.at),
    MNSI: (MnsiAnswers.from_dict, lambda m: m.at),
}


def _check_collections(collections: Any) -> None:
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
            _wrap(f"{name} record {n}", lambda: _check_record(record, parse, when))
            first = seen.setdefault(record["id"], n)
            if first != n:
                raise BackupError(f"{name} record {n}: id {record['id']!r} is used twice (also by record {first})")


def _check_record(record: Any, parse: Callable[[Any], Any], when: Callable[[Any], datetime]) -> None:
    if not isinstance(record, dict):
        raise ValueError(f"must be a set of named fields, found {type(record).__name__}")
    month = record.get(PARTITION_KEY)
    parsed = parse({k: v for k, v in record.items() if k != PARTITION_KEY})
    at = when(parsed)
    expected = f"{at.year:04d}-{at.month:02d}"
    if month != expected:
        raise ValueError(
            f"{PARTITION_KEY} must be {expected!r} for a record of {at.date().isoformat()}, found {month!r}"
        )
