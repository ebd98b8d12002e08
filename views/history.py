"""The history list: every entry, newest first by day, each with Edit and Delete (and Undo).

Why: a wrong tap or a misread slider used to stay in Progress, the CSV and the
report for good.  The list, the words and what each tap changes come from
data/screens/history.py; a check-in is corrected with the same sliders as the
check-in screen, a note or a side effect by its words.  Delete asks nothing and
offers Undo for a few seconds instead.
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.screens.checkin import CheckInForm
from data.screens.history import (
    PAGE,
    Entry,
    Kind,
    delete_entry,
    find,
    history_summary,
    open_editor,
    read_history,
    undo_delete,
)
from data.storage.save_errors import Saved
from views import theme
from views.checkin import checkin_questions
from views.context import use_redraw, use_services, use_ui_state
from views.notes import note_field
from views.saving import not_saved, offer_undo, say
from views.widgets import action_button, body, heading, page_view

HISTORY_ROUTE = "/history"
TITLE = "My entries"


def entry_box(shown: Entry, edit: Callable[[], None], delete: Callable[[], None], problem: str) -> ft.Control:
    """One entry: what it says, then Edit (when it can be changed) and Delete, each named after the entry."""
    buttons = [action_button("Delete", lambda e: delete(), icon=ft.Icons.DELETE_OUTLINE, name=shown.delete_name,
                             outlined=True, expand=True)]
    if shown.can_edit:
        buttons.insert(0, action_button("Edit", lambda e: edit(), icon=ft.Icons.EDIT_OUTLINED, name=shown.edit_name,
                                        expand=True))
    return ft.Container(
        padding=theme.PAD,
        border_radius=16,
        border=ft.Border.all(1, ft.Colors.OUTLINE),
        content=ft.Column(
            [ft.Text(shown.title, size=theme.BODY + 2, weight=ft.FontWeight.BOLD), body(shown.words),
             *not_saved(problem), ft.Row(buttons, spacing=8)],
            spacing=10,
        ),
    )


@ft.component
def HistoryScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    now = services.now()
    tz, today = now.tzinfo, now.date()
    records = ft.use_memo(lambda: read_history(services.store), [ui.revision])
    shown_count, set_shown_count = ft.use_state(PAGE)
    editor, set_editor = ft.use_state(None)  # a CheckInForm or a WordsEdit while correcting an entry
    problem, set_problem = ft.use_state(("", ""))  # (entry id, why its delete failed)
    repaint = use_redraw()

    def redraw(call: Callable[[], None]) -> None:
        call()
        repaint()

    def edit(kind: Kind, record_id: str) -> None:
        set_editor(open_editor(services.store, services.now, tz, records, kind, record_id))

    def delete(kind: Kind, record_id: str) -> None:
        record = find(records, kind, record_id)
        if record is None:
            return
        result = delete_entry(services.store, record, tz)
        set_problem((record_id, result.problem))
        if not result.ok:
            return
        deleted = result.value
        if deleted.session_gone is not None:  # its slot-day may be open again: the reminders hear of it
            services.reminders.session_deleted(deleted.session_gone)
        ui.data_changed()
        if not deleted.can_undo:
            say(deleted.words)
            return

        def undo() -> Saved[None]:
            saved = undo_delete(services.store, deleted)
            if saved.ok and deleted.session_gone is not None:
                services.on_session_saved(deleted.session_gone)
            return saved

        offer_undo(deleted.words, undo, ui.data_changed)

    def save_changes(e) -> None:
        if editor.save() is None:  # the answers stay on screen with the words why
            repaint()
            return
        set_editor(None)
        ui.data_changed()

    if editor is not None:
        shown = editor.view()
        if isinstance(editor, CheckInForm):
            controls = checkin_questions(editor, shown, redraw)
        else:
            controls = [heading(shown.title, size=theme.BODY + 4),
                        note_field(shown.label, "", editor.set_text, shown.text)]
        controls += [
            *not_saved(shown.problem),
            action_button("Save changes", save_changes, icon=ft.Icons.CHECK, main=True, wide=True),
            action_button("Cancel", lambda e: set_editor(None), icon=ft.Icons.CLOSE, name="Cancel, keep it as it was",
                          outlined=True, wide=True),
        ]
        return page_view(HISTORY_ROUTE, "Correct an entry", controls, modal=True)

    summary = history_summary(records, today, tz, shown_count)
    controls: list[ft.Control] = [body("Everything you recorded, newest first. Tap Edit to correct an entry, or "
                                       "Delete to remove it: Undo appears for a few seconds.")]
    if summary.empty:
        controls.append(body(summary.empty))
    for day in summary.days:
        controls.append(heading(day.title, size=theme.BODY + 4))
        controls += [entry_box(item, lambda item=item: edit(item.kind, item.id),
                               lambda item=item: delete(item.kind, item.id),
                               problem[1] if problem[0] == item.id else "")
                     for item in day.entries]
    if summary.more:
        controls.append(action_button("Show older entries", lambda e: set_shown_count(shown_count + PAGE),
                                      icon=ft.Icons.EXPAND_MORE, outlined=True, wide=True))
    return page_view(HISTORY_ROUTE, TITLE, controls, modal=True)
