"""A note on any day, and the one-tap "Something felt wrong" log.

Why here and not in the check-in: side effects and life events (a new medicine, a
fall) explain changes in the scores, and a doctor reads them in the report.  Logging
a side effect must take one tap, from Today, Progress or the end of a session.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import flet as ft

from data.journal.checkins import (
    SIDE_EFFECT_LABELS,
    DayNote,
    SideEffect,
    log_side_effect,
    new_id,
    save_note,
    save_side_effect,
)
from views import theme
from views.context import use_services, use_ui_state
from views.shell import go
from views.widgets import SAFETY_SHEET, Tone, action_button, body, card, close_screen, heading, page_view

NOTE_ROUTE = "/note"
FELT_WRONG_ROUTE = "/felt-wrong"  # "/felt-wrong/<session id>" links the log to a session
MAX_NOTE_CHARS = 1000


def long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def note_field(label: str, hint: str, on_change: Callable[[str], None]) -> ft.TextField:
    """A roomy text box in large type; the text goes to ``on_change``, not to state, so typing never lags."""
    return ft.TextField(
        label=label,
        hint_text=hint,
        multiline=True,
        min_lines=3,
        max_length=MAX_NOTE_CHARS,
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
    logged, set_logged = ft.use_state(None)  # the SideEffect just saved
    words = ft.use_ref("")
    saved_words, set_saved_words = ft.use_state(False)

    def log(kind) -> None:
        set_logged(log_side_effect(services.store, kind, services.now(), session_id=session_id))
        set_saved_words(False)
        ui.data_changed()

    def add_words(e) -> None:
        text = words.current.strip()
        if logged is None or not text:
            return
        updated: SideEffect = replace(logged, note=text)
        save_side_effect(services.store, updated)
        set_logged(updated)
        set_saved_words(True)
        ui.data_changed()

    route = f"{FELT_WRONG_ROUTE}/{session_id}" if session_id else FELT_WRONG_ROUTE
    if logged is None:
        controls = [
            body("Tap what happened. It is saved at once, with the date and time, and goes into your report."),
            *[action_button(label, lambda e, kind=kind: log(kind), icon=ft.Icons.ADD_CIRCLE_OUTLINE,
                            name=f"Log {label.lower()}", wide=True) for kind, label in SIDE_EFFECT_LABELS.items()],
        ]
    else:
        controls = [
            card([f"Saved: {logged.label.lower()}, at {logged.at:%H:%M}."], Tone.GOOD, title="Thank you"),
            card(["Press more lightly next time, or leave out the point that caused it. If it does not settle "
                  "within a day or two, or you are worried, tell your doctor or nurse."], Tone.INFO),
            action_button("When to get help at once", lambda e: go(SAFETY_SHEET),
                          icon=ft.Icons.HEALTH_AND_SAFETY_OUTLINED, outlined=True, wide=True),
        ]
        if saved_words:
            controls.append(card([f"Your words are saved: {logged.note}"], Tone.PLAIN))
        else:
            controls += [
                note_field("What happened? (optional)", "For example: bruise on the left wrist",
                            lambda v: setattr(words, "current", v)),
                action_button("Save these words", add_words, icon=ft.Icons.CHECK, wide=True),
            ]
        controls.append(action_button("Done", lambda e: close_screen(), icon=ft.Icons.CHECK, primary=True,
                                      wide=True))
    return page_view(route, "Felt wrong", [heading("What felt wrong?"), *controls], modal=True)


@ft.component
def NoteScreen() -> ft.View:
    """A free note on any day: today by default, or an earlier day stepped to with big buttons."""
    services = use_services()
    ui = use_ui_state()
    now = services.now()
    back_days, set_back_days = ft.use_state(0)
    note_id, _ = ft.use_state(new_id)  # one id per visit: a double tap on Save overwrites, never adds
    text = ft.use_ref("")
    problem, set_problem = ft.use_state("")
    day = now.date() - timedelta(days=back_days)

    def save(e) -> None:
        words = text.current.strip()
        if not words:
            set_problem("Write a few words first.")
            return
        # Today's note keeps its time; a note about an earlier day is filed at midday of that day.
        at = now if back_days == 0 else datetime.combine(day, time(12), now.tzinfo)
        save_note(services.store, DayNote(note_id, at, words))
        ui.data_changed()
        close_screen()

    day_words = "Today" if back_days == 0 else "Yesterday" if back_days == 1 else long_day(day)
    controls = [
        body("About which day?", bold=True),
        ft.Semantics(
            label=f"Note for {long_day(day)}",
            live_region=True,
            exclude_semantics=True,
            content=ft.Text(f"{day_words}, {long_day(day)}" if back_days < 2 else day_words,
                            size=theme.TITLE, weight=ft.FontWeight.BOLD),
        ),
        ft.Row(
            [
                action_button("Earlier day", lambda e: set_back_days(back_days + 1), icon=ft.Icons.CHEVRON_LEFT,
                              expand=True),
                action_button("Later day", lambda e: set_back_days(back_days - 1), icon=ft.Icons.CHEVRON_RIGHT,
                              expand=True, disabled=back_days == 0),
            ],
            spacing=8,
        ),
        note_field("Your note", "For example: new tablets from today, slept badly, a fall",
                    lambda v: setattr(text, "current", v)),
        *([card([problem], Tone.WARN)] if problem else []),
        action_button("Save note", save, icon=ft.Icons.CHECK, main=True, wide=True),
    ]
    return page_view(NOTE_ROUTE, "Add a note", controls, modal=True)
