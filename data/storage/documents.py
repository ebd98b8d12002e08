"""Reading saved documents strictly: damaged content is set aside, told once, and the default used.

Why: a plan or routine-edits document can be valid JSON and still wrong inside (a
hand-edited file, an old bug, a number out of range, an unknown point).  It used to
raise out of Today, My routine, the player and Points alike.  Each reader here runs
its document's strict check; a document the check refuses is handed to the store's
quarantine (kept, never deleted, and said once on Today, like any damaged file) and
reads as absent, so the default plan or routine is used.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)

#: What a parser raises for a row or document it refuses (a wrong type, a missing field, a value out of range).
REFUSED = (ValueError, TypeError, KeyError)

T = TypeVar("T")


class DamagedDoc(Exception):
    """A saved document its strict check refused (raised inside an update, so nothing is written)."""

    def __init__(self, name: str, doc: dict, why: str) -> None:
        super().__init__(f"{name}: {why}")
        self.name, self.doc, self.why = name, doc, why


def checked(name: str, doc: Any, read: Callable[[Any], T]) -> T | None:
    """``read(doc)``, None when there is no document; DamagedDoc when ``read`` refuses it."""
    if doc is None:
        return None
    try:
        return read(doc)
    except (*REFUSED, OverflowError) as exc:
        raise DamagedDoc(name, doc, f"it is not in the app's format ({exc})") from None


def read_doc(store, name: str, read: Callable[[Any], T]) -> T | None:
    """The saved document ``name`` as ``read`` makes it, or None when none is saved or it is damaged
    (then it is set aside)."""
    try:
        return checked(name, store.get_doc(name), read)
    except DamagedDoc as damaged:
        set_aside(store, damaged)
        return None


def update_doc(store, name: str, read: Callable[[Any], T], change: Callable[[T | None], dict]) -> dict:
    """Save ``change(the document saved now, as ``read`` makes it, or None)`` as one step under the
    store's lock; a damaged document is set aside first and the change made from None."""
    try:
        return store.update_doc(name, lambda doc: change(checked(name, doc, read)))
    except DamagedDoc as damaged:
        set_aside(store, damaged)
    return store.update_doc(name, lambda doc: change(checked(name, doc, read)))


def set_aside(store, damaged: DamagedDoc) -> None:
    """Keep the damaged document in the store's quarantine (Today says it once); a fix saved meanwhile stays."""
    log.warning("set aside the document %r: %s", damaged.name, damaged.why)
    store.quarantine_doc(damaged.name, damaged.doc, damaged.why)
