"""Files and records the store could not use, kept aside (never deleted), with why and when.

Why: one damaged file must not stop the app nor silently vanish.  The store
moves what it cannot read into ``<data dir>/quarantine/`` and uses the rest;
this module keeps the list of what was set aside (``log.json`` in that folder,
outside every generation, so a restore does not forget it) and whether the
person has been told, so the screens can say it once.

Only the store calls ``Quarantine``, always while it holds its lock.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from data.storage.files import (
    PRIVATE_FILE,
    UnreadableFile,
    dumps,
    fsync_dir,
    make_dirs,
    move_aside,
    read_json,
    write_atomic,
    write_new,
)

FOLDER = "quarantine"
_LOG = "log.json"
_NUMBERED = re.compile(r"^(\d+)-")

#: What was set aside: the store's index (meta.json), a document, a month of records, some rows of a
#: month (the file is kept whole, the readable rows stay in use), one record its reader refused,
#: a whole copy of the data (a generation), or the quarantine's own list.
KINDS = ("meta", "document", "month", "rows", "record", "copy", "log", "file")


@dataclass(frozen=True)
class SetAside:
    """One thing the store could not use and kept aside; plain data for the screens."""

    id: str
    kind: str  # one of KINDS
    file: str  # where it was, relative to the data directory
    kept_as: str  # where its bytes are now, relative to the data directory ("" if it could not be kept)
    why: str  # plain words, e.g. "it is cut short or garbled"
    at: str  # ISO time it was set aside
    name: str = ""  # the document or collection it belonged to
    month: str = ""  # "YYYY-MM" for records
    told: bool = False

    @classmethod
    def from_dict(cls, d: Any) -> SetAside:
        names = {f.name for f in fields(cls)}
        if not isinstance(d, dict) or set(d) != names:
            raise ValueError("not a quarantine entry")
        if not all(isinstance(d[n], str) for n in names - {"told"}) or type(d["told"]) is not bool:
            raise ValueError("not a quarantine entry")
        return cls(**d)


class Quarantine:
    """The quarantine folder of one data directory and its list."""

    def __init__(self, data_dir: Path, clock: Callable[[], datetime]) -> None:
        self.folder = data_dir / FOLDER
        self._data_dir = data_dir
        self._clock = clock

    def entries(self) -> list[SetAside]:
        """Everything set aside so far, oldest first (a damaged list is itself set aside)."""
        log = self.folder / _LOG
        try:
            raw = read_json(log)
            return [SetAside.from_dict(e) for e in (raw or {"entries": []})["entries"]]
        except (UnreadableFile, ValueError, TypeError, KeyError) as exc:
            why = exc.reason if isinstance(exc, UnreadableFile) else "it is not in the app's format"
            target = self._target(log)
            try:
                move_aside(log, target)
            except OSError:  # it may not be moved (no permission): keep it as it is, and list nothing
                return []
            self._save([])
            return [self._add(self._entry("log", log, target, f"the list of what was set aside: {why}"))]

    def set_aside(self, path: Path, why: str, kind: str, name: str = "", month: str = "",
                  keep_copy: bool = False) -> SetAside:
        """Move ``path`` (a file or folder) into the quarantine, or copy it there if ``keep_copy``.

        If it cannot be moved (no permission), it is still listed, with ``kept_as`` empty.
        """
        make_dirs(self.folder)
        target = self._target(path)
        try:
            if keep_copy:
                shutil.copyfile(path, target)
                target.chmod(PRIVATE_FILE)
                fsync_dir(self.folder)
            else:
                move_aside(path, target)
        except OSError:
            return self._add(self._entry(kind, path, None, f"{why} (it could not be moved aside)", name, month))
        return self._add(self._entry(kind, path, target, why, name, month))

    def keep_record(self, source: Path, collection: str, month: str, record: Any, why: str) -> SetAside:
        """Write one record its reader refused (taken out of ``source``) into the quarantine, as its own file."""
        make_dirs(self.folder)
        target = self._target(source)
        write_new(target, dumps({"collection": collection, "month": month, "record": record}))
        fsync_dir(self.folder)
        return self._add(self._entry("record", source, target, why, collection, month))

    def mark_told(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        current = self.entries()
        if any(e.id in wanted and not e.told for e in current):
            self._save([replace(e, told=True) if e.id in wanted else e for e in current])

    # -- helpers ------------------------------------------------------------------------------

    def _entry(self, kind: str, source: Path, target: Path | None, why: str, name: str = "",
               month: str = "") -> SetAside:
        return SetAside(
            id="",
            kind=kind,
            file=self._relative(source),
            kept_as="" if target is None else self._relative(target),
            why=why,
            at=self._clock().isoformat(),
            name=name,
            month=month,
        )

    def _add(self, entry: SetAside) -> SetAside:
        """Append ``entry`` to the list with the next free id."""
        current = self.entries()
        numbered = replace(entry, id=f"{max((int(e.id) for e in current if e.id.isdigit()), default=0) + 1:04d}")
        self._save([*current, numbered])
        return numbered

    def _target(self, source: Path) -> Path:
        """A new, numbered name in the folder that still says where the thing came from."""
        flat = self._relative(source).replace("/", "~").lstrip(".") or "file"
        return self.folder / f"{self._next_number():04d}-{flat}"

    def _next_number(self) -> int:
        used = [int(m[1]) for p in self.folder.iterdir() if (m := _NUMBERED.match(p.name))] \
            if self.folder.is_dir() else []
        return max(used, default=0) + 1

    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self._data_dir).as_posix()
        except ValueError:
            return path.name

    def _save(self, entries: list[SetAside]) -> None:
        make_dirs(self.folder)
        write_atomic(self.folder / _LOG, dumps({"entries": [asdict(e) for e in entries]}))
