"""The words of Setup's safety-question page promise only what the rules do.

"Not sure / skip" leaves the circulation, amputation, fistula and lymphoedema answers unanswered,
and the rules then leave every point in (only numb feet count as a "maybe"): the page must not say
the app "stays careful" (issue 12, honest words).
"""
from __future__ import annotations

from datetime import date

import flet as ft

from data.routine.profile import BodySide, Profile
from data.routine.selection import check_point
from data.screens.setup import SetupDraft, go_to, setup_page
from data.storage.store import open_store
from views.setup import _health


def texts(control) -> list[str]:
    found = [control.value] if isinstance(control, ft.Text) and isinstance(control.value, str) else []
    for child in [getattr(control, "content", None), *(getattr(control, "controls", None) or [])]:
        if isinstance(child, ft.Control):
            found += texts(child)
    return found


def test_not_sure_is_not_said_to_keep_the_app_careful(tmp_path):
    store = open_store(tmp_path / "data")
    draft = go_to(SetupDraft(Profile(), Profile()), 0)
    while draft.name != "health":
        draft = go_to(draft, draft.page + 1)
    words = "\n".join(t for c in _health(setup_page(store, draft, date(2026, 3, 2)), lambda change: None)
                      for t in texts(c))
    assert "Not sure / skip" in words and "ask your doctor or nurse" in words
    assert "careful" not in words
    # Why: unanswered, the fistula question takes no arm point out; only "Yes" does.
    assert check_point("PC6", Profile()).allowed
    assert not check_point("PC6", Profile(fistula_arm=BodySide.BOTH)).allowed
