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
  reminder service) can share one directory without losing writes.

Layout::

    <dir>/.lock                                        inter-process lock
    <dir>/meta.json                                    {"schema_version", "generation"}: the commit point
    <dir>/gen-<g>/docs/<name>.json                     one TinyDB file per document
    <dir>/gen-<g>/collections/<name>/<YYYY-MM>.json    one TinyDB file per collection and month

Errors: misuse, invalid data and an unusable store directory raise
``StoreError``; a failing disk raises ``OSError`` as it is.
"""
from __future__ import annotations

import json
import marshal
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB, where
from tinydb.middlewares import CachingMiddleware

from data.storage.files import (
    AtomicJSONStorage,
    dumps,
    fsync_tree,
    make_dirs,
    read_with_stat,
    remove_temp_files,
    remove_tree,
    write_atomic,
)

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

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        make_dirs(self.directory)
        self._meta_path = self.directory / _META
        self._thread_lock = threading.RLock()
        # The RLock already serialises this handle's threads, so one lock count per handle.
        self._file_lock = FileLock(
            self.directory / _LOCK, timeout=_LOCK_TIMEOUT_S, thread_local=False, poll_interval=0.002
        )
        # path -> ((inode, size, mtime_ns), marshalled rows): compact, and each read unpacks fresh copies.
        self._cache: dict[Path, tuple[tuple[int, int, int], bytes]] = {}
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
            rows = _read_rows(self._docs_dir(meta) / f"{name}.json", _DOC_TABLE)
        return rows[0] if rows else None

    def put_doc(self, name: str, doc: dict) -> None:
        """Save ``doc`` under ``name``, replacing the previous one whole."""
        _check_name(name)
        clean = _plain(doc, f"doc {name!r}")
        if not isinstance(clean, dict):
            raise StoreError(f"doc {name!r} must be a dict")
        with self._transaction() as meta:
            docs_dir = self._docs_dir(meta)
            make_dirs(docs_dir)
            with _open_db(docs_dir / f"{name}.json") as db:
                table = db.table(_DOC_TABLE)
                table.truncate()
                table.insert(clean)

    def append(self, collection: str, record: dict, when: datetime) -> None:
        """Add a record to the month of ``when``; its id must be new in that month."""
        clean = _check_record(collection, record)
        with self._transaction() as meta:
            path = self._partition_path(meta, collection, when)
            make_dirs(path.parent)
            with _open_db(path) as db:
                table = db.table(_RECORDS_TABLE)
                if table.contains(where("id") == clean["id"]):
                    raise StoreError(f"{collection}: id {clean['id']!r} already saved in {path.stem}")
                table.insert(clean)
            self._cache.pop(path, None)

    def replace(self, collection: str, record: dict, when: datetime) -> None:
        """Insert or overwrite (all fields) the record with this id in the month of ``when``."""
        clean = _check_record(collection, record)
        with self._transaction() as meta:
            path = self._partition_path(meta, collection, when)
            make_dirs(path.parent)
            with _open_db(path) as db:
                table = db.table(_RECORDS_TABLE)
                if not table.update(_overwrite_with(clean), where("id") == clean["id"]):
                    table.insert(clean)
            self._cache.pop(path, None)

    def delete(self, collection: str, record_id: str, when: datetime) -> bool:
        """Remove the record with this id from the month of ``when``; False if it was not there."""
        _check_name(collection)
        if not isinstance(record_id, str):
            raise StoreError("record_id must be a str")
        with self._transaction() as meta:
            path = self._partition_path(meta, collection, when)
            if not path.exists():
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

    def export_all(self) -> dict:
        """Everything, as ``{"schema_version", "docs", "collections"}``; records carry ``PARTITION_KEY``."""
        with self._transaction() as meta:
            return self._export(meta)

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
        found = read_with_stat(self._meta_path)
        if found is None:
            return None
        try:
            raw = json.loads(found[0])
            version, generation = raw["schema_version"], raw["generation"]
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"{self._meta_path} is unreadable: {exc}") from exc
        if not all(type(v) is int and v >= 0 for v in (version, generation)):
            raise StoreError(f"{self._meta_path} holds no valid version and generation")
        return _Meta(version, generation)

    def _require_meta(self) -> _Meta:
        meta = self._read_meta()
        if meta is None:
            raise StoreError(f"{self._meta_path} has disappeared")
        return meta

    # -- opening, migrating, whole-store writes -----------------------------------------------

    def _open(self) -> None:
        """Stamp a new directory, or clean up after crashes and migrate an older one."""
        meta = self._read_meta()
        if meta is None:
            self._claim_new_directory()
            self._write_generation(_Snapshot({}, {}), None)
            return
        if meta.schema_version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.directory} was written by a newer version of the app "
                f"(schema {meta.schema_version}, this code knows up to {SCHEMA_VERSION}); "
                "update the app to open it"
            )
        if not self._generation_dir(meta.generation).is_dir():
            raise StoreError(f"{self.directory}: generation {meta.generation} named by {_META} is missing")
        for entry in self.directory.iterdir():
            if _GENERATION_DIR.match(entry.name) and entry.name != self._generation_dir(meta.generation).name:
                remove_tree(entry)  # a replace_all or migration interrupted before or after its commit
        remove_temp_files(self.directory)
        if meta.schema_version < SCHEMA_VERSION:
            self._write_generation(_validate(migrate(self._export(meta))), meta)

    def _claim_new_directory(self) -> None:
        """Refuse a directory that holds anything but an interrupted stamping of a new store."""
        for entry in self.directory.iterdir():
            if entry.name == _LOCK or _TEMP_FILE.match(entry.name):
                continue
            if _GENERATION_DIR.match(entry.name) and entry.is_dir():
                if any(files for _root, _dirs, files in os.walk(entry)):
                    raise StoreError(f"{self.directory} holds data but no {_META}; not touching it")
                continue
            raise StoreError(f"{self.directory} is not empty and is not a store (no {_META})")
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
        (target / "docs").mkdir(parents=True)
        (target / "collections").mkdir()
        for name, doc in snapshot.docs.items():
            _write_fresh(target / "docs" / f"{name}.json", _DOC_TABLE, [doc])
        for collection, months in snapshot.collections.items():
            (target / "collections" / collection).mkdir()
            for month, rows in months.items():
                _write_fresh(target / "collections" / collection / f"{month}.json", _RECORDS_TABLE, rows)
        fsync_tree(target)
        write_atomic(self._meta_path, dumps({"schema_version": SCHEMA_VERSION, "generation": generation}))
        self._cache.clear()
        if previous is not None:
            remove_tree(self._generation_dir(previous.generation))

    def _export(self, meta: _Meta) -> dict:
        docs: dict[str, dict] = {}
        docs_dir = self._docs_dir(meta)
        if docs_dir.is_dir():
            for path in sorted(docs_dir.iterdir()):
                if path.suffix == ".json" and _NAME.match(path.stem):
                    rows = _read_rows(path, _DOC_TABLE)
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

    def _partition_rows(self, path: Path) -> list[dict]:
        """Rows of one partition, as new objects the caller owns.

        An unchanged file is not parsed again: its rows are kept marshalled
        (a third of the memory of live objects, and faster to unpack than JSON).
        Keyed by inode, size and mtime, so another process's write (always a new
        inode via ``os.replace``) is seen; files changed within the last seconds
        are never cached, since a coarse mtime could hide a second change.
        """
        st = os.stat(path)
        key = (st.st_ino, st.st_size, st.st_mtime_ns)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == key:
            return marshal.loads(cached[1])
        found = read_with_stat(path)
        if found is None:
            return []
        raw, st = found
        rows = _rows(json.loads(raw) if raw else None, _RECORDS_TABLE)
        if st.st_mtime_ns < time.time_ns() - _RACY_NS:
            self._cache[path] = ((st.st_ino, st.st_size, st.st_mtime_ns), marshal.dumps(rows))
        else:
            self._cache.pop(path, None)
        return rows


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


def _rows(raw: dict | None, table: str) -> list[dict]:
    return list((raw or {}).get(table, {}).values())


def _read_rows(path: Path, table: str) -> list[dict]:
    return _rows(AtomicJSONStorage(str(path)).read(), table)


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


def open_store(directory: str | os.PathLike[str]) -> Store:
    """The process-wide ``Store`` for ``directory`` (created and stamped if new)."""
    path = Path(directory)
    make_dirs(path)
    key = path.resolve()
    with _REGISTRY_LOCK:
        store = _REGISTRY.get(key)
        if store is None:
            store = _REGISTRY[key] = Store(key)
        return store


def _forget_stores_after_fork() -> None:
    """A forked child is another process: it must open its own handles, not share locks it copied."""
    global _REGISTRY_LOCK
    _REGISTRY.clear()
    _REGISTRY_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_stores_after_fork)
