"""Every document the app saves is known to backup and restore (issue 10: a new setting must never make
a backup that its own restore refuses as "an unknown document")."""
from __future__ import annotations

import importlib
import pkgutil

import data
import scheduler
from data.exports.backup import DATED_DOCS, DOCS
from scheduler.store_docs import REMINDER_DOCS


def _document_names() -> dict[str, str]:
    """Every module-level ``DOC`` / ``..._DOC`` string in the core, by the module that names it."""
    found: dict[str, str] = {}
    for package in (data, scheduler):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for attr, value in vars(module).items():
                if (attr == "DOC" or attr.endswith("_DOC")) and isinstance(value, str):
                    found.setdefault(value, f"{info.name}.{attr}")
    return found


def test_every_saved_document_is_backed_up_or_kept_on_the_device():
    known = set(DOCS) | set(DATED_DOCS) | set(REMINDER_DOCS.checks) | set(REMINDER_DOCS.device_only)
    missing = {name: where for name, where in _document_names().items() if name not in known}
    assert not missing, f"documents backup does not know: {missing}"


def test_the_scan_finds_the_documents_it_must():
    names = _document_names()
    assert {"profile", "plan", "foot_check", "tender_spots", "text_size"} <= set(names)


def test_every_journal_collection_is_backed_up_and_named_in_words():
    from data.exports.backup import COLLECTIONS
    from data.journal.records import COLLECTION_WORDS

    assert set(COLLECTIONS) == set(COLLECTION_WORDS)
