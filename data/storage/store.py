"""The app's on-device store: TinyDB files laid out so saves stay cheap, atomic and shared.

Why not one TinyDB file: TinyDB rewrites its whole file on every write and
rewrites it in place, so a save would cost more each year and a crash mid-write
would corrupt the user's whole history.  Instead:

* Documents (small singletons: settings, routine, profile) get one TinyDB file
  each; collections (sessions, check-ins, notes...) get one TinyDB file per
  month.  A save rewrites one small file, so its cost does not grow with history.
* Every file is replaced atomically (``storage_files.write_atomic``), so a crash
  or power cut leaves either the old or the new file, never a broken one.
* All data lives in a generation directory named by ``meta.json``.  Replacing
  the whole store (backup restore, schema migration) builds a new generation
  beside the old one and switches by rewriting ``meta.json`` atomically, so it
  is all-or-nothing.
* Every operation holds a thread lock and an inter-process file lock and opens
  a fresh TinyDB, so web sessions, threads and a second process (say a
  reminder service) can share one directory without losing writes;
  ``update_doc`` reads, changes and saves a document under that lock.
* The store always opens.  A file it cannot read (damaged ``meta.json``, a cut
  month file, a folder where a file belongs, rows of the wrong shape, no
  permission) is moved into ``quarantine/`` (never deleted; see
  ``data.storage.quarantine``), the rest is used, and ``quarantined()`` says
  what was set aside until the screens ``mark_told`` it.
* Everything it creates is private: files 0600, folders 0700.

Layout::

    <dir>/.lock                                        inter-process lock
    <dir>/meta.json                                    {"schema_version", "generation"}: the commit point
    <dir>/gen-<g>/docs/<name>.json                     one TinyDB file per document
    <dir>/gen-<g>/collections/<name>/<YYYY-MM>.json    one TinyDB file per collection and month
    <dir>/quarantine/                                  what could not be read, and log.json listing it

Errors: misuse, invalid data, a directory that is not a store and a store
written by a newer app raise ``StoreError``; a failing disk raises ``OSError``
as it is.
"""
from __future__ import annotations

import json
import marshal
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB, where
from tinydb.middlewares import CachingMiddleware

from data.storage.files import (
    PRIVATE_DIR,
    PRIVATE_FILE,
    AtomicJSONStorage,
    UnreadableFile,
    dumps,
    fsync_tree,
    make_dirs,
    make_private,
    read_json,
    read_json_with_stat,
    remove_temp_files,
    remove_tree,
    write_atomic,
)
from data.storage.quarantine import FOLDER as QUARANTINE_FOLDER, Quarantine, SetAside

#: Version of the data layout and record shapes this code reads and writes.
SCHEMA_VERSION = 1

#: A migration takes ``export_all``-shaped data of version n and returns it at version n + 1.
Migration = Callable[[dict], dict]

#: ``{from_version: migration}``, run in order when a store of an older version is opened
#: (and when an older backup is passed to ``replace_all``).
MIGRATIONS: dict[int, Migration] = {}

#: Key that ``export_all`` adds to every record to say which month partition it lives in,
#: so that ``replace_all`` can put it back there.  ``records()`` never shows it.
PARTITION_KEY = "_month"

_NAME = re.compile(r"^[a-z0-9_]{1,64}$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_PARTITION_FILE = re.compile(r"^(\d{4}-(?:0[1-9]|1[0-2]))\.json$")
_GENERATION_DIR = re.compile(r"^gen-(\d+)$")
_TEMP_FILE = re.compile(r"^\..+\.tmp$")
#: Derived caches (``cache_path``): rebuilt from the data whenever in doubt, so never backed up.
CACHE_FOLDER = "cache"
_CHECKED = "checked_files"  # the cache of files read whole and found sound, so opening need not read them again
_RECORDS_TABLE = "records"
_DOC_TABLE = "doc"
_META = "meta.json"
_LOCK = ".lock"
#: Rather fail a save with a clear error than hang the UI behind a stuck process.
_LOCK_TIMEOUT_S = 60.0
#: A file changed less than this long ago could change again without its mtime moving
#: (coarse file-system clocks), so it is re-read instead of served from the cache.
_RACY_NS = 3_000_000_000


class StoreError(Exception):
    """The store cannot do what was asked: bad name or data, unknown schema, not a store."""


@dataclass(frozen=True)
class _Meta:
    schema_version: int
    generation: int


@dataclass(frozen=True)
class _Snapshot:
    """Validated whole-store content: docs by name, records by collection then month."""

    docs: dict[str, dict]
    collections: dict[str, dict[str, list[dict]]]


class Store:
    """A store directory shared by all threads of this process and by other processes.

    Get it with ``open_store``, which hands every caller of one process the same
    instance.  Constructing ``Store`` directly gives an independent handle, as
    another process would have.
    """

    def __init__(self, directory: str | os.PathLike[str], clock: Callable[[], datetime] | None = None) -> None:
        """``clock`` dates what is set aside (the system clock unless the app hands in its own)."""
        self.directory = Path(directory)
        make_dirs(self.directory)
        self._meta_path = self.directory / _META
        self._thread_lock = threading.RLock()
        # The RLock already serialises this handle's threads, so one lock count per handle.
        self._file_lock = FileLock(
            self.directory / _LOCK, timeout=_LOCK_TIMEOUT_S, thread_local=False, poll_interval=0.002,
            mode=PRIVATE_FILE,
        )
        # path -> ((inode, size, mtime_ns), marshalled rows): compact, and each read unpacks fresh copies.
        self._cache: dict[Path, tuple[tuple[int, int, int], bytes]] = {}
        self._quarantine = Quarantine(self.directory, clock or _system_clock)
        # Unreadable files that could not even be moved aside: listed once, then skipped.
        self._stuck: set[Path] = set()
        with self._locked():
            self._open()

    # -- public API ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """Schema version of the data on disk (the code's own once the store is open)."""
        with self._locked():
            return self._require_meta().schema_version

    def get_doc(self, name: str) -> dict | None:
        """The document saved under ``name``, or None."""
        _check_name(name)
        with self._transaction() as meta:
            rows = self._checked_rows(self._docs_dir(meta) / f"{name}.json", _DOC_TABLE)[0]
        return rows[0] if rows else None

    def put_doc(self, name: str, doc: dict) -> None:
        """Save ``doc`` under ``name``, replacing the previous one whole."""
        _check_name(name)
        clean = _check_doc(name, doc)
        with self._transaction() as meta:
            self._write_doc(meta, name, clean)

    def update_doc(self, name: str, change: Callable[[dict | None], dict]) -> dict:
        """Save ``change(current doc or None)`` under ``name`` as one step; returns what was saved.

        The read, the change and the write happen under the store's locks, so an
        update made at the same time by another thread or process is never lost
        (a ``get_doc`` then ``put_doc`` pair can lose one).  ``change`` gets a
        private copy and must be quick and must not wait for another process.
        """
        _check_name(name)
        with self._transaction() as meta:
            rows = self._checked_rows(self._docs_dir(meta) / f"{name}.json", _DOC_TABLE)[0]
            clean = _check_doc(name, change(rows[0] if rows else None))
            self._write_doc(meta, name, clean)
        return _plain(clean, f"doc {name!r}")

    def append(self, collection: str, record: dict, when: datetime) -> None:
        """Add a record to the month of ``when``; its id must be new in that month."""
        clean = _check_record(collection, record)
        with self._transaction() as meta:
            path = self._writable_partition(meta, collection, when)

            def insert() -> None:
                with _open_db(path) as db:
                    table = db.table(_RECORDS_TABLE)
                    if table.contains(where("id") == clean["id"]):
                        raise StoreError(f"{collection}: id {clean['id']!r} already saved in {path.stem}")
                    table.insert(clean)

            self._write_over_damage(path, _RECORDS_TABLE, insert)

    def replace(self, collection: str, record: dict, when: datetime) -> None:
        """Insert or overwrite (all fields) the record with this id in the month of ``when``."""
        clean = _check_record(collection, record)
        with self._transaction() as meta:
            path = self._writable_partition(meta, collection, when)

            def upsert() -> None:
                with _open_db(path) as db:
                    table = db.table(_RECORDS_TABLE)
                    if not table.update(_overwrite_with(clean), where("id") == clean["id"]):
                        table.insert(clean)

            self._write_over_damage(path, _RECORDS_TABLE, upsert)

    def delete(self, collection: str, record_id: str, when: datetime) -> bool:
        """Remove the record with this id from the month of ``when``; False if it was not there."""
        _check_name(collection)
        if not isinstance(record_id, str):
            raise StoreError("record_id must be a str")
        with self._transaction() as meta:
            path = self._partition_path(meta, collection, when)
            if not self._partition_rows(path):
                return False
            with _open_db(path) as db:
                table = db.table(_RECORDS_TABLE)
                if not table.contains(where("id") == record_id):
                    return False
                table.remove(where("id") == record_id)
            self._cache.pop(path, None)
            return True

    def records(self, collection: str, since: date | None = None, until: date | None = None) -> list[dict]:
        """Records of the months overlapping [since, until], oldest month first, then insertion order.

        Whole months are returned: callers filter by exact date themselves.
        """
        _check_name(collection)
        low = _month_of(since) if since is not None else None
        high = _month_of(until) if until is not None else None
        with self._transaction() as meta:
            return [
                row
                for _month, path in _partitions(self._collections_dir(meta) / collection, low, high)
                for row in self._partition_rows(path)
            ]

    def months(self, collection: str) -> list[date]:
        """The first day of every month that holds records of `collection`, oldest first.

        Lets a reader walk history newest-first and stop early instead of reading all of it.
        """
        _check_name(collection)
        with self._transaction() as meta:
            found = _partitions(self._collections_dir(meta) / collection, None, None)
        return [date(int(m[:4]), int(m[5:]), 1) for m, _path in found]

    def partition_stamps(self, collection: str) -> dict[str, str | None]:
        """``{"YYYY-MM": stamp}`` for every month file of ``collection``: what a derived cache keys on.

        A stamp changes whenever the file does (every write replaces the file: a new inode), and
        with the copy of the data in force (a restore or a migration), so something worked out
        from a month is reused only while its stamp is the same.  None for a file changed in the
        last seconds: a coarse file-system clock could hide a second change, so do not keep what
        was worked out from it.
        """
        _check_name(collection)
        fresh_after = time.time_ns() - _RACY_NS
        stamps: dict[str, str | None] = {}
        with self._transaction() as meta:
            for month, path in _partitions(self._collections_dir(meta) / collection, None, None):
                try:
                    st = os.stat(path)
                except FileNotFoundError:
                    continue
                stable = st.st_mtime_ns < fresh_after and path not in self._stuck
                stamps[month] = f"{meta.generation}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}" if stable else None
        return stamps

    def cache_path(self, name: str) -> Path:
        """Where a derived cache called ``name`` lives: private, beside the data but never part of it.

        Never exported, backed up or restored; whoever writes it must treat what it reads back as
        hostile (anything odd: work it out again) and may lose it at any time.
        """
        _check_name(name)
        folder = self.directory / CACHE_FOLDER
        make_dirs(folder)
        return folder / f"{name}.json"

    def export_all(self) -> dict:
        """Everything, as ``{"schema_version", "docs", "collections"}``; records carry ``PARTITION_KEY``."""
        with self._transaction() as meta:
            return self._export(meta)

    def quarantined(self, untold_only: bool = False) -> list[SetAside]:
        """What was set aside because it could not be read, oldest first; only what the person
        has not been told yet if ``untold_only``."""
        with self._locked():
            return [e for e in self._quarantine.entries() if not (untold_only and e.told)]

    def mark_told(self, ids: Iterable[str]) -> None:
        """Remember that the person was told about these entries of ``quarantined()``."""
        with self._locked():
            self._quarantine.mark_told(ids)

    def quarantine_record(self, collection: str, record: dict, why: str) -> bool:
        """Take one record its reader refused out of use, keeping it in the quarantine.

        For the readers of each collection: a row ``records()`` returned that fails
        their own checks is passed back here with their reason in plain words.
        The first saved row equal to ``record`` is moved; False if there is none
        (another reader set it aside first).
        """
        _check_name(collection)
        with self._transaction() as meta:
            for month, path in _partitions(self._collections_dir(meta) / collection, None, None):
                if path in self._stuck:
                    continue
                with _open_db(path) as db:
                    table = db.table(_RECORDS_TABLE)
                    found = next((doc.doc_id for doc in table.all() if dict(doc) == record), None)
                    if found is None:
                        continue
                    self._quarantine.keep_record(path, collection, month, record, why)
                    table.remove(doc_ids=[found])
                self._cache.pop(path, None)
                return True
        return False

    def quarantine_doc(self, name: str, doc: dict, why: str) -> bool:
        """Take a document its reader refused out of use, keeping it in the quarantine (told on Today).

        Moved only while the saved document still equals ``doc`` (another reader
        may have set it aside, or a save replaced it); False otherwise.
        """
        _check_name(name)
        with self._transaction() as meta:
            path = self._docs_dir(meta) / f"{name}.json"
            rows = self._checked_rows(path, _DOC_TABLE)[0]
            if not rows or rows[0] != doc:
                return False
            self._set_aside(path, why)
            return True

    def replace_all(self, data: dict) -> None:
        """Replace the whole store by ``data`` (``export_all``'s shape), all or nothing.

        Data of an older schema version is migrated first; a newer one is refused.
        """
        clean = _plain(data, "store data")
        if not isinstance(clean, dict):
            raise StoreError("store data must be a dict")
        snapshot = _validate(migrate(clean))
        with self._transaction() as meta:
            self._write_generation(snapshot, meta)

    # -- locking and meta ---------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock:
            try:
                self._file_lock.acquire()
            except Timeout as exc:
                raise StoreError(f"{self.directory} stayed locked by another process") from exc
            try:
                yield
            finally:
                self._file_lock.release()

    @contextmanager
    def _transaction(self) -> Iterator[_Meta]:
        """Hold both locks and yield the current meta, re-read because another process may change it."""
        with self._locked():
            meta = self._require_meta()
            if meta.schema_version != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.directory} is now at schema version {meta.schema_version}; "
                    f"this code handles {SCHEMA_VERSION}: restart the app"
                )
            yield meta

    def _read_meta(self) -> _Meta | None:
        """meta.json, None if there is none; ``UnreadableFile`` if it is damaged."""
        raw = read_json(self._meta_path)
        if raw is None:
            return None
        version = raw.get("schema_version") if isinstance(raw, dict) else None
        generation = raw.get("generation") if isinstance(raw, dict) else None
        if not all(type(v) is int and v >= 0 for v in (version, generation)):
            raise UnreadableFile("it does not say which copy of the data is current")
        return _Meta(version, generation)

    def _require_meta(self) -> _Meta:
        """The meta in force: a damaged, missing or dangling meta.json is set aside and rebuilt."""
        try:
            meta = self._read_meta()
        except UnreadableFile as exc:
            meta = self._recover(exc.reason)
        else:
            if meta is None:
                meta = self._recover("it has disappeared")
            elif meta.schema_version <= SCHEMA_VERSION and not self._generation_dir(meta.generation).is_dir():
                meta = self._recover("it names a copy of the data that is missing")
        if meta is None:
            raise StoreError(f"{self._meta_path} has disappeared and there is no data to rebuild it from")
        return meta

    def _recover(self, why: str) -> _Meta | None:
        """Set a bad meta.json aside and point a new one at the newest copy of the data, if any.

        Older copies (left by an interrupted restore) are kept in the quarantine too,
        since without meta.json nobody can tell which one was in force.
        """
        copies = sorted(
            (int(match[1]), entry)
            for entry in self.directory.iterdir()
            if (match := _GENERATION_DIR.match(entry.name)) and entry.is_dir()
        )
        with_data = [(n, entry) for n, entry in copies if _holds_files(entry)]
        if not with_data:
            return None  # nothing to rebuild from: a new store, if the directory holds nothing else
        if self._meta_path.exists() or self._meta_path.is_symlink():
            self._set_aside(self._meta_path, why)
        newest, _path = with_data[-1]
        for n, entry in copies:
            if n == newest:
                continue
            if _holds_files(entry):
                self._set_aside(entry, "an older or unfinished copy of the data, kept because meta.json was damaged")
            else:
                remove_tree(entry)
        write_atomic(self._meta_path, dumps({"schema_version": SCHEMA_VERSION, "generation": newest}))
        self._cache.clear()
        return _Meta(SCHEMA_VERSION, newest)

    # -- opening, migrating, whole-store writes -----------------------------------------------

    def _open(self) -> None:
        """Stamp a new directory, or clean up after crashes, set aside what is damaged and migrate."""
        damaged = None
        try:
            meta = self._read_meta()
        except UnreadableFile as exc:
            damaged = exc.reason
            meta = self._recover(damaged)
        else:
            if meta is None and any(_holds_files(e) for e in self.directory.glob("gen-*") if e.is_dir()):
                meta = self._recover("it is missing")
        if meta is None:
            self._claim_new_directory(damaged)
            self._write_generation(_Snapshot({}, {}), None)
            make_private(self.directory)
            return
        if meta.schema_version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.directory} was written by a newer version of the app "
                f"(schema {meta.schema_version}, this code knows up to {SCHEMA_VERSION}); "
                "update the app to open it"
            )
        make_private(self.directory)
        meta = self._require_meta()
        for entry in self.directory.iterdir():
            if _GENERATION_DIR.match(entry.name) and entry.name != self._generation_dir(meta.generation).name:
                remove_tree(entry)  # a replace_all or migration interrupted before or after its commit
        remove_temp_files(self.directory)
        self._sweep(meta)
        if meta.schema_version < SCHEMA_VERSION:
            self._write_generation(_validate(migrate(self._export(meta))), meta)

    def _claim_new_directory(self, damaged_meta: str | None) -> None:
        """Refuse a directory that holds anything but an interrupted stamping of a new store.

        A damaged meta.json (``damaged_meta`` says why) beside no data is set aside once the
        directory is known to be a store's.
        """
        for entry in self.directory.iterdir():
            if entry.name in (_LOCK, QUARANTINE_FOLDER, CACHE_FOLDER) or _TEMP_FILE.match(entry.name):
                continue
            if entry.name == _META and damaged_meta is not None:
                continue
            if _GENERATION_DIR.match(entry.name) and entry.is_dir():
                if _holds_files(entry):
                    raise StoreError(f"{self.directory} holds data but no {_META}; not touching it")
                continue
            raise StoreError(f"{self.directory} is not empty and is not a store (no {_META})")
        if damaged_meta is not None:
            self._set_aside(self._meta_path, damaged_meta)
        for entry in self.directory.iterdir():
            if _GENERATION_DIR.match(entry.name):
                remove_tree(entry)
        remove_temp_files(self.directory)

    def _write_generation(self, snapshot: _Snapshot, previous: _Meta | None) -> None:
        """Build the next generation completely and durably, then switch ``meta.json`` to it.

        A crash before the switch leaves the old generation in force (the half-built
        one is removed at the next open); after it, the new one.
        """
        generation = previous.generation + 1 if previous else 1
        target = self._generation_dir(generation)
        remove_tree(target)
        try:
            for folder in (target, target / "docs", target / "collections"):
                folder.mkdir(PRIVATE_DIR)
            for name, doc in snapshot.docs.items():
                _write_fresh(target / "docs" / f"{name}.json", _DOC_TABLE, [doc])
            for collection, months in snapshot.collections.items():
                (target / "collections" / collection).mkdir(PRIVATE_DIR)
                for month, rows in months.items():
                    _write_fresh(target / "collections" / collection / f"{month}.json", _RECORDS_TABLE, rows)
            fsync_tree(target)
            write_atomic(self._meta_path, dumps({"schema_version": SCHEMA_VERSION, "generation": generation}))
        except BaseException:
            self._drop_unused(target, generation)
            raise
        self._cache.clear()
        if previous is not None:
            remove_tree(self._generation_dir(previous.generation))

    def _drop_unused(self, target: Path, generation: int) -> None:
        """After a failed build, remove the half-built generation at once (it may fill a nearly full
        disk), unless the switch of meta.json did happen and it is now the one in force."""
        try:
            meta = self._read_meta()
        except (UnreadableFile, OSError):
            return
        if meta is not None and meta.generation != generation:
            try:
                remove_tree(target)
            except OSError:
                pass  # the next open removes it

    def _sweep(self, meta: _Meta) -> None:
        """Check every file at open, so whatever is damaged is set aside (and can be told) now.

        Reading 20 years of month files at every start would make opening slower each year, so a
        file read whole and found sound is remembered by its stamp (path, inode, size, time) in
        the ``checked_files`` cache; at the next open only files whose stamp changed (or that were
        never vouched for) are read.  Every read still checks its file (``_checked_rows``), so
        damage that keeps a stamp (a bit flip on the disk) is set aside when the file is next read.
        """
        generation = self._generation_dir(meta.generation)
        for folder in (generation / "docs", generation / "collections"):
            if folder.exists() and not folder.is_dir():
                self._set_aside(folder, "a file stands where a folder belongs")
            make_dirs(folder)
        for folder in self._collections_dir(meta).iterdir():
            if _NAME.match(folder.name) and not folder.is_dir():
                self._set_aside(folder, "a file stands where a folder belongs")
        checked_path = self.cache_path(_CHECKED)
        try:
            known = _checked_stamps(read_json(checked_path))
        except (UnreadableFile, OSError):
            known = set()
        sound: set[str] = set()
        fresh_after = time.time_ns() - _RACY_NS
        for path, table in self._data_files(meta):
            try:
                st = os.stat(path)
            except OSError:
                st = None
            if st is not None and stat.S_ISREG(st.st_mode) and (stamp := self._file_stamp(path, st)) in known:
                sound.add(stamp)
                continue
            read = self._checked_rows(path, table)[1]
            if read is not None and read.st_mtime_ns < fresh_after:
                sound.add(self._file_stamp(path, read))
        if sound != known:
            try:
                write_atomic(checked_path, dumps(sorted(sound)))
            except OSError:
                pass  # a full disk: the next open reads the files again, nothing is lost

    def _file_stamp(self, path: Path, st: os.stat_result) -> str:
        return f"{path.relative_to(self.directory).as_posix()}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"

    def _data_files(self, meta: _Meta) -> Iterator[tuple[Path, str]]:
        """(path, table) of every document and month file of the copy in force."""
        docs_dir = self._docs_dir(meta)
        if docs_dir.is_dir():
            for path in sorted(docs_dir.iterdir()):
                if path.suffix == ".json" and _NAME.match(path.stem):
                    yield path, _DOC_TABLE
        collections_dir = self._collections_dir(meta)
        if collections_dir.is_dir():
            for folder in sorted(collections_dir.iterdir()):
                if folder.is_dir() and _NAME.match(folder.name):
                    for _month, path in _partitions(folder, None, None):
                        yield path, _RECORDS_TABLE

    def _export(self, meta: _Meta) -> dict:
        docs: dict[str, dict] = {}
        docs_dir = self._docs_dir(meta)
        if docs_dir.is_dir():
            for path in sorted(docs_dir.iterdir()):
                if path.suffix == ".json" and _NAME.match(path.stem):
                    rows = self._checked_rows(path, _DOC_TABLE)[0]
                    if rows:
                        docs[path.stem] = rows[0]
        collections: dict[str, list[dict]] = {}
        collections_dir = self._collections_dir(meta)
        if collections_dir.is_dir():
            for folder in sorted(collections_dir.iterdir()):
                if not (folder.is_dir() and _NAME.match(folder.name)):
                    continue
                collections[folder.name] = [
                    {**row, PARTITION_KEY: month}
                    for month, path in _partitions(folder, None, None)
                    for row in self._partition_rows(path)
                ]
        return {"schema_version": meta.schema_version, "docs": docs, "collections": collections}

    # -- paths and cached reads ---------------------------------------------------------------

    def _generation_dir(self, generation: int) -> Path:
        return self.directory / f"gen-{generation:06d}"

    def _docs_dir(self, meta: _Meta) -> Path:
        return self._generation_dir(meta.generation) / "docs"

    def _collections_dir(self, meta: _Meta) -> Path:
        return self._generation_dir(meta.generation) / "collections"

    def _partition_path(self, meta: _Meta, collection: str, when: datetime) -> Path:
        if not isinstance(when, datetime) or when.utcoffset() is None:
            raise StoreError("when must be a time-zone aware datetime")
        return self._collections_dir(meta) / collection / f"{_month_of(when)}.json"

    def _write_doc(self, meta: _Meta, name: str, doc: dict) -> None:
        docs_dir = self._docs_dir(meta)
        make_dirs(docs_dir)
        path = docs_dir / f"{name}.json"

        def overwrite() -> None:
            with _open_db(path) as db:
                table = db.table(_DOC_TABLE)
                table.truncate()
                table.insert(doc)

        self._write_over_damage(path, _DOC_TABLE, overwrite)

    def _write_over_damage(self, path: Path, table: str, write: Callable[[], None]) -> None:
        """Run ``write`` (one TinyDB transaction on ``path``); if it fails because the file is
        damaged, set the damage aside (so it is kept and told, not overwritten unseen) and
        run it once more.  Checking only on failure keeps a normal save to one read."""
        try:
            write()
        except StoreError:
            raise
        except (UnreadableFile, ValueError, TypeError, AttributeError, KeyError):
            if path in self._stuck or not os.path.lexists(path) or self._checked_rows(path, table)[1] is not None:
                raise  # not damage after all (or damage that cannot be moved): the caller sees the error
            write()
        finally:
            self._cache.pop(path, None)

    def _writable_partition(self, meta: _Meta, collection: str, when: datetime) -> Path:
        """The month file for ``when``, its folder made, anything damaged in the way set aside."""
        path = self._partition_path(meta, collection, when)
        folder = path.parent
        if folder.exists() and not folder.is_dir():
            self._set_aside(folder, "a file stands where a folder belongs")
        make_dirs(folder)
        return path

    def _partition_rows(self, path: Path) -> list[dict]:
        """Rows of one partition, as new objects the caller owns.

        An unchanged file is not parsed again: its rows are kept marshalled
        (a third of the memory of live objects, and faster to unpack than JSON).
        Keyed by inode, size and mtime, so another process's write (always a new
        inode via ``os.replace``) is seen; files changed within the last seconds
        are never cached, since a coarse mtime could hide a second change.
        """
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return []
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == key:
            return marshal.loads(cached[1])
        rows, st = self._checked_rows(path, _RECORDS_TABLE)
        if st is not None and st.st_mtime_ns < time.time_ns() - _RACY_NS:
            self._cache[path] = ((st.st_ino, st.st_size, st.st_mtime_ns), marshal.dumps(rows))
        else:
            self._cache.pop(path, None)
        return rows

    def _checked_rows(self, path: Path, table: str) -> tuple[list[dict], os.stat_result | None]:
        """The usable rows of one file and the stat of what was read (None if nothing or if repaired).

        A file that cannot be read at all is moved to the quarantine; one with some
        rows of the wrong shape is copied there whole and rewritten with the good rows.
        """
        if path in self._stuck:
            return [], None
        try:
            found = read_json_with_stat(path)
        except UnreadableFile as exc:
            self._set_aside(path, exc.reason)
            return [], None
        if found is None:
            return [], None
        raw, st = found
        good, problem = _usable_rows(raw, table)
        if problem is None:
            return list(good.values()), st
        if good:
            self._set_aside(path, problem, keep_copy=True)
            write_atomic(path, dumps({table: good}))
        else:
            self._set_aside(path, problem)
        return list(good.values()), None

    def _set_aside(self, path: Path, why: str, keep_copy: bool = False) -> None:
        """Hand ``path`` to the quarantine, saying what it was; skip it from now on if it cannot move."""
        parts = path.relative_to(self.directory).parts
        kind, name, month = "file", "", ""
        if parts == (_META,):
            kind = "meta"
        elif len(parts) == 1 and _GENERATION_DIR.match(parts[0]):
            kind = "copy"
        elif len(parts) == 3 and parts[1] == "docs":
            kind, name = "document", parts[2].removesuffix(".json")
        elif len(parts) == 4 and parts[1] == "collections" and (match := _PARTITION_FILE.match(parts[3])):
            kind, name, month = ("rows" if keep_copy else "month"), parts[2], match[1]
        entry = self._quarantine.set_aside(path, why, kind, name, month, keep_copy)
        self._cache.pop(path, None)
        if not entry.kept_as:
            self._stuck.add(path)


# -- module helpers ---------------------------------------------------------------------------


@contextmanager
def _open_db(path: Path, fresh: bool = False) -> Iterator[TinyDB]:
    """A TinyDB for one transaction: one read, and at most one (atomic) write at the end.

    Fresh per transaction because TinyDB caches the next document id, which
    another process's insert would make stale.  On an exception nothing is
    flushed, so a failed transaction writes nothing.
    """
    db = TinyDB(str(path), storage=CachingMiddleware(AtomicJSONStorage), fresh=fresh)
    yield db
    db.close()


def _write_fresh(path: Path, table: str, rows: list[dict]) -> None:
    with _open_db(path, fresh=True) as db:
        db.table(table).insert_multiple(rows)


def _usable_rows(raw: Any, table: str) -> tuple[dict[str, dict], str | None]:
    """The rows of ``table`` in a parsed file that the store can use, by TinyDB id, and what is wrong.

    Usable: a dict under a numeric id; for records also a non-empty str ``id``
    not seen before in the file (ids are unique per month).
    """
    if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
        return {}, "it does not hold the app's tables"
    rows = raw.get(table, {})
    good: dict[str, dict] = {}
    ids: set[str] = set()
    for key, row in rows.items():
        usable = key.isascii() and key.isdigit() and isinstance(row, dict)
        if usable and table == _RECORDS_TABLE:
            record_id = row.get("id")
            usable = isinstance(record_id, str) and bool(record_id) and record_id not in ids \
                and PARTITION_KEY not in row
            if usable:
                ids.add(record_id)
        if usable:
            good[key] = row
    bad = len(rows) - len(good)
    return good, (f"{bad} of its {len(rows)} entries are not in the app's format" if bad else None)


def _checked_stamps(raw: Any) -> set[str]:
    """The stamps in the ``checked_files`` cache; anything odd there vouches for nothing."""
    if not isinstance(raw, list) or not all(isinstance(stamp, str) for stamp in raw):
        return set()
    return set(raw)


def _holds_files(folder: Path) -> bool:
    return any(files for _root, _dirs, files in os.walk(folder))


def _system_clock() -> datetime:
    """When nothing else is handed in: the moment something is set aside, in UTC."""
    return datetime.now(timezone.utc)


def _partitions(folder: Path, low: str | None, high: str | None) -> list[tuple[str, Path]]:
    """Month files of one collection within [low, high] ('YYYY-MM', inclusive), oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _PARTITION_FILE.match(path.name)
        if match and (low is None or match[1] >= low) and (high is None or match[1] <= high):
            found.append((match[1], path))
    return sorted(found)


def _overwrite_with(record: dict) -> Callable[[dict], None]:
    def overwrite(doc: dict) -> None:
        doc.clear()
        doc.update(record)

    return overwrite


def _month_of(day: date) -> str:
    if not isinstance(day, date):
        raise StoreError(f"expected a date, got {type(day).__name__}")
    return f"{day.year:04d}-{day.month:02d}"


def _check_name(name: str) -> None:
    if not isinstance(name, str) or not _NAME.match(name):
        raise StoreError(f"invalid name {name!r}: use 1-64 lowercase letters, digits or underscores")


def _plain(value: Any, what: str) -> Any:
    """A private copy of ``value``, which must survive a JSON round trip unchanged."""
    try:
        clean = json.loads(dumps(value))
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{what} is not plain JSON: {exc}") from exc
    if clean != value:
        raise StoreError(f"{what} is not plain JSON (tuples, non-str keys...)")
    return clean


def _check_doc(name: str, doc: Any) -> dict:
    clean = _plain(doc, f"doc {name!r}")
    if not isinstance(clean, dict):
        raise StoreError(f"doc {name!r} must be a dict")
    return clean


def _check_record(collection: str, record: dict) -> dict:
    _check_name(collection)
    clean = _plain(record, f"{collection} record")
    if not isinstance(clean, dict) or not isinstance(clean.get("id"), str) or not clean["id"]:
        raise StoreError(f"{collection}: a record must be a dict with a non-empty str 'id'")
    if PARTITION_KEY in clean:
        raise StoreError(f"{collection}: {PARTITION_KEY!r} is reserved for exports")
    return clean


def migrate(data: dict) -> dict:
    """Bring ``export_all``-shaped data up to ``SCHEMA_VERSION`` through ``MIGRATIONS``."""
    version = data.get("schema_version")
    if type(version) is not int:
        raise StoreError("store data has no integer 'schema_version'")
    if version > SCHEMA_VERSION:
        raise StoreError(f"data of schema {version} is newer than this code ({SCHEMA_VERSION}): update the app")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreError(f"no migration from schema version {version}")
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data


def _validate(data: dict) -> _Snapshot:
    """Check ``export_all``-shaped data and sort its records into month partitions."""
    docs, collections = data.get("docs"), data.get("collections")
    if not isinstance(docs, dict) or not isinstance(collections, dict):
        raise StoreError("store data needs 'docs' and 'collections' dicts")
    for name, doc in docs.items():
        _check_name(name)
        if not isinstance(doc, dict):
            raise StoreError(f"doc {name!r} must be a dict")
    partitioned: dict[str, dict[str, list[dict]]] = {}
    for collection, records in collections.items():
        _check_name(collection)
        if not isinstance(records, list):
            raise StoreError(f"collection {collection!r} must be a list of records")
        months: dict[str, list[dict]] = {}
        ids: dict[str, set[str]] = {}
        for record in records:
            month = record.get(PARTITION_KEY) if isinstance(record, dict) else None
            if not isinstance(month, str) or not _MONTH.match(month):
                raise StoreError(f"{collection}: every record needs {PARTITION_KEY!r} as 'YYYY-MM'")
            row = {k: v for k, v in record.items() if k != PARTITION_KEY}
            if not isinstance(row.get("id"), str) or not row["id"]:
                raise StoreError(f"{collection}: a record must have a non-empty str 'id'")
            seen = ids.setdefault(month, set())
            if row["id"] in seen:
                raise StoreError(f"{collection}: id {row['id']!r} twice in {month}")
            seen.add(row["id"])
            months.setdefault(month, []).append(row)
        partitioned[collection] = months
    return _Snapshot(docs, partitioned)


_REGISTRY: dict[Path, Store] = {}
_REGISTRY_LOCK = threading.Lock()


def open_store(directory: str | os.PathLike[str], clock: Callable[[], datetime] | None = None) -> Store:
    """The process-wide ``Store`` for ``directory`` (created and stamped if new).

    ``clock`` is used by the first call for a directory only (see ``Store``).
    """
    path = Path(directory)
    make_dirs(path)
    key = path.resolve()
    with _REGISTRY_LOCK:
        store = _REGISTRY.get(key)
        if store is None:
            store = _REGISTRY[key] = Store(key, clock)
        return store


def _forget_stores_after_fork() -> None:
    """A forked child is another process: it must open its own handles, not share locks it copied."""
    global _REGISTRY_LOCK
    _REGISTRY.clear()
    _REGISTRY_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_stores_after_fork)
