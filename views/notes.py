"""A note on any day, and the one-tap "Something felt wrong" log.

Why here and not in the check-in: side effects and life events (a new medicine, a
fall) explain changes in the scores, and a doctor reads them in the report.  Logging
a side effect must take one tap, from Today, Progress or the end of a session.
The rules (what is saved, on which day, the words confirming it) are in data/screens/notes.py.
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.journal.checkins import SIDE_EFFECT_LABELS, SideEffectKind
from data.screens.notes import DayNoteDraft, FeltWrongLog
from views import theme
from views.context import use_redraw, use_services, use_ui_state
from views.saving import not_saved
from views.shell import go
from views.widgets import SAFETY_SHEET, Tone, action_button, body, card, close_screen, heading, page_view

NOTE_ROUTE = "/note"
FELT_WRONG_ROUTE = "/felt-wrong"  # "/felt-wrong/<session id>" links the log to a session
MAX_NOTE_CHARS = 1000


def note_field(label: str, hint: str, on_change: Callable[[str], None], value: str = "", *, min_lines: int = 3,
               max_length: int = MAX_NOTE_CHARS) -> ft.TextField:
    """A roomy text box in large type; the text goes to ``on_change``, not to state, so typing never lags.

    ``value`` is what was typed so far, so a screen drawn again (a failed save, a slider moved) keeps it.
    """
    return ft.TextField(
        value=value,
        label=label,
        hint_text=hint,
        multiline=True,
        min_lines=min_lines,
        max_length=max_length,
        width=float("inf"),
        text_size=theme.BODY,
        label_style=ft.TextStyle(size=theme.BODY),
        hint_style=ft.TextStyle(size=theme.BODY),
        counter_style=ft.TextStyle(size=theme.SMALL),
        on_change=lambda e: on_change(e.control.value or ""),
    )


@ft.component
def FeltWrongScreen() -> ft.View:
    """One tap logs what felt wrong (linked to a session when opened from one); words can follow."""
    services = use_services()
    ui = use_ui_state()
    session_id = ft.use_route_params().get("session") or None
    log, _ = ft.use_state(lambda: FeltWrongLog(services.store, services.now, session_id))
    repaint = use_redraw()
    shown = log.view()

    def saved() -> None:
        ui.data_changed()
        repaint()

    def log_kind(kind: SideEffectKind) -> None:
        if log.log(kind) is None:
            repaint()  # show why nothing was logged
            return
        saved()

    def add_words(e) -> None:
        if log.add_words():
            saved()
        else:
            repaint()

    def done(e) -> None:
        """The main button: words typed and not saved yet are saved first."""
        words_were_saved = log.words_saved
        if not log.done():
            repaint()  # keep the screen and the words, and say why
            return
        if log.words_saved and not words_were_saved:
            ui.data_changed()
        close_screen()

    route = f"{FELT_WRONG_ROUTE}/{session_id}" if session_id else FELT_WRONG_ROUTE
    if not shown.logged:
        controls = [
            body("Tap what happened. It is saved at once, with the date and time, and goes into your report."),
            *not_saved(shown.problem),
            *[action_button(label, lambda e, kind=kind: log_kind(kind), icon=ft.Icons.ADD_CIRCLE_OUTLINE,
                            name=f"Log {label.lower()}", wide=True) for kind, label in SIDE_EFFECT_LABELS.items()],
        ]
    else:
        controls = [
            card([shown.saved_line], Tone.GOOD, title="Thank you"),
            card([shown.advice], Tone.INFO),
            action_button("When to get help at once", lambda e: go(SAFETY_SHEET),
                          icon=ft.Icons.HEALTH_AND_SAFETY_OUTLINED, outlined=True, wide=True),
        ]
        if shown.words_line:
            controls.append(card([shown.words_line], Tone.PLAIN))
        else:
            controls += [
                note_field("What happened? (optional)", "For example: bruise on the left wrist", log.set_words,
                           shown.words),
                action_button("Save these words", add_words, icon=ft.Icons.CHECK, wide=True),
            ]
        controls += not_saved(shown.problem)
        controls.append(action_button("Done", done, icon=ft.Icons.CHECK, primary=True, wide=True))
    return page_view(route, "Felt wrong", [heading("What felt wrong?"), *controls], modal=True)


@ft.component
def NoteScreen() -> ft.View:
    """A free note on any day: today by default, or an earlier day stepped to with big buttons."""
    services = use_services()
    ui = use_ui_state()
    draft, _ = ft.use_state(lambda: DayNoteDraft(services.store, services.now))  # one record id per visit
    repaint = use_redraw()
    shown = draft.view()

    def redraw(call: Callable[[], None]) -> None:
        call()
        repaint()

    def save(e) -> None:
        if draft.save() is None:
            repaint()  # show the problem
            return
        ui.data_changed()
        close_screen()

    controls = [
        body("About which day?", bold=True),
        ft.Semantics(
            label=shown.day_label,
            live_region=True,
            exclude_semantics=True,
            content=ft.Text(shown.day_words, size=theme.TITLE, weight=ft.FontWeight.BOLD),
        ),
        ft.Row(
            [
                action_button("Earlier day", lambda e: redraw(draft.earlier), icon=ft.Icons.CHEVRON_LEFT,
                              expand=True),
                action_button("Later day", lambda e: redraw(draft.later), icon=ft.Icons.CHEVRON_RIGHT,
                              expand=True, disabled=not shown.can_go_later),
            ],
            spacing=8,
        ),
        note_field("Your note", "For example: new tablets from today, slept badly, a fall", draft.set_text,
                   shown.text),
        *not_saved(shown.problem),
        action_button("Save note", save, icon=ft.Icons.CHECK, main=True, wide=True),
    ]
    return page_view(NOTE_ROUTE, "Add a note", controls, modal=True)
