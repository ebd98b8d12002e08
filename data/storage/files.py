"""Durable file primitives for the store: atomic replace, directory fsync, TinyDB storage.

Why a module of its own: every crash guarantee of ``data.storage.store`` rests on the
exact order of a few system calls (write a temp file, fsync it, ``os.replace``
it over the target, fsync the directory).  Keeping that order in one small
place makes it easy to review and to test, and keeps ``store.py`` about data.
TinyDB's own ``JSONStorage`` rewrites its file in place, so a crash in the
middle of a write leaves a truncated, unparseable file; ``AtomicJSONStorage``
below is the drop-in replacement that never does.

Everything written here is private to the person: files are created 0600 and
folders 0700 (health data must not be readable by other users or apps), and
``read_json`` turns every way a file can be unusable (a folder in its place,
no permission, not text, cut short) into one ``UnreadableFile`` with plain words,
so the store can set the file aside instead of failing.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

#: Modes of everything the app creates: only the person's own account may read or change it.
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

#: Temp files are hidden, end in ``.tmp`` and never match a data file name, so a
#: crash can only leave garbage that readers ignore and ``remove_temp_files`` clears.
_TEMP_NAME = re.compile(r"^\..+\.tmp$")


class UnreadableFile(Exception):
    """A file exists but cannot be used; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def dumps(data: Any) -> bytes:
    """Serialize strictly (no NaN/Infinity), so every file is valid JSON for any reader."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def fsync_dir(path: Path) -> None:
    """Make a directory's entries (creations, renames, removals) durable.

    Windows cannot open a directory for fsync and NTFS journals its metadata
    itself, so there it is a no-op.
    """
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(path: Path) -> None:
    """Create ``path`` and any missing parents, fsyncing each parent that gained an entry."""
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(PRIVATE_DIR)
        except FileExistsError:  # another process made it first: its entry is its to sync
            continue
        fsync_dir(directory.parent)


def _write_fsync(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` so that a crash at any instant leaves the old or the new file.

    The temp file lives in the same directory (``os.replace`` is only atomic
    within one file system) and is fsynced before the rename, so the rename can
    never expose a file whose blocks are not on disk; the directory is fsynced
    after it, so the rename itself survives a power cut.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        _write_fsync(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def write_private(path: Path, data: bytes) -> None:
    """Save a file the person asked for (an export on a computer) readable by their account only.

    Atomic as well, so a failed save never leaves half a report where a good one was.
    """
    write_atomic(path, data)


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet and fsync it; the caller fsyncs the directory.

    Used to build a generation that nobody can see until ``meta.json`` points
    at it, so no rename (and no per-file directory fsync) is needed.
    """
    _write_fsync(path, data)


def read_with_stat(path: Path) -> tuple[bytes, os.stat_result] | None:
    """Read a file and stat the same open file, so content and stat always agree.

    Returns ``None`` when the file does not exist.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    try:
        st = os.fstat(fd)
        chunks: list[bytes] = []
        while chunk := os.read(fd, max(st.st_size, 65536)):
            chunks.append(chunk)
        return b"".join(chunks), st
    finally:
        os.close(fd)


def read_json(path: Path) -> Any | None:
    """The JSON value in ``path``, None when there is no such file, or ``UnreadableFile``."""
    found = read_json_with_stat(path)
    return None if found is None else found[0]


def read_json_with_stat(path: Path) -> tuple[Any, os.stat_result] | None:
    """``read_json`` with the stat of the very file read, for caching by inode, size and time."""
    try:
        found = read_with_stat(path)
    except IsADirectoryError:
        raise UnreadableFile("a folder stands where this file belongs") from None
    except PermissionError:
        raise UnreadableFile("the app is not allowed to read it") from None
    if found is None:
        return None
    raw, st = found
    if not raw.strip():
        raise UnreadableFile("it is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile("it is not text") from None
    try:
        return json.loads(text, parse_constant=_no_constant), st
    except (ValueError, RecursionError):
        raise UnreadableFile("it is cut short or garbled") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def move_aside(source: Path, target: Path) -> None:
    """Move a file or folder to ``target`` (same file system), durably, and make it private."""
    os.replace(source, target)
    os.chmod(target, PRIVATE_DIR if target.is_dir() else PRIVATE_FILE)
    fsync_dir(target.parent)
    fsync_dir(source.parent)


def make_private(root: Path) -> None:
    """Give ``root`` and everything in it the private modes (a store made by an older version had 0644/0755)."""
    if os.name == "nt":
        return
    for current, _dirs, files in os.walk(root):
        for path, mode in [(Path(current), PRIVATE_DIR)] + [(Path(current) / f, PRIVATE_FILE) for f in files]:
            try:
                st = os.lstat(path)
                if not os.path.islink(path) and st.st_mode & 0o777 != mode:
                    os.chmod(path, mode)
            except FileNotFoundError:  # removed meanwhile by its owner
                continue


def fsync_tree(root: Path) -> None:
    """Fsync every directory under ``root`` (deepest first), then ``root``'s parent."""
    for current, _dirs, _files in os.walk(root, topdown=False):
        fsync_dir(Path(current))
    fsync_dir(root.parent)


def remove_tree(path: Path) -> None:
    """Remove a directory tree if present and make the removal durable."""
    if path.exists():
        shutil.rmtree(path)
        fsync_dir(path.parent)


def remove_temp_files(root: Path) -> None:
    """Delete temp files a killed writer left under ``root``; call only while holding the store lock."""
    for current, _dirs, files in os.walk(root):
        for name in files:
            if _TEMP_NAME.match(name):
                (Path(current) / name).unlink(missing_ok=True)


class AtomicJSONStorage(Storage):
    """TinyDB storage that replaces its JSON file atomically on every write.

    Pass ``fresh=True`` when the file is being created inside a generation that
    is not yet visible: it is then written in place and fsynced, without the
    rename and directory fsync that a visible file needs.
    """

    def __init__(self, path: str, fresh: bool = False) -> None:
        super().__init__()
        self._path = Path(path)
        self._fresh = fresh

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The tables in the file, None if there is none; ``UnreadableFile`` if it is not a table file."""
        raw = read_json(self._path)
        if raw is None:
            return None
        if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
            raise UnreadableFile("it does not hold the app's tables")
        return raw

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = dumps(data)
        if self._fresh:
            write_new(self._path, payload)
        else:
            write_atomic(self._path, payload)
