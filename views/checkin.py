"""The quick check-in, and the pieces of Today that lead to it: the check-in card and the weekly question.

Why so few taps: a record is only useful if it is kept up, so a check-in must take
seconds.  The rules (where the sliders start, what is saved, the words built from
the data) are in data/screens/checkin.py; this module draws them.  Every save shows
why it failed (views/saving.py), and "Same as last time" can be undone for a few seconds.
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.journal.checkins import (
    CORE_SYMPTOMS,
    EXTRA_SYMPTOMS,
    PGIC_LEVELS,
    PGIC_QUESTION,
    CheckIn,
    Where,
)
from data.screens.checkin import (
    CheckInForm,
    CheckInView,
    RatingView,
    answer_pgic,
    save_same_as_last,
    tracking_card,
)
from data.screens.history import delete_entry
from data.storage.save_errors import attempt
from views import theme
from views.context import AppServices, UiState, use_redraw, use_services, use_ui_state
from views.notes import FELT_WRONG_ROUTE, note_field
from views.saving import not_saved, offer_undo
from views.shell import go
from views.widgets import Tone, action_button, body, card, page_view, score_slider, toggle

CHECKIN_ROUTE = "/checkin"
WHERE_WORDS = {Where.HANDS: "Hands", Where.FEET: "Feet", Where.BOTH: "Both"}


def offer_undo_same(services: AppServices, ui: UiState, checkin: CheckIn) -> None:
    """Undo for a few seconds after "Same as last time": it deletes the check-in just saved."""
    offer_undo("Saved the same as last time.",
               lambda: delete_entry(services.store, checkin, services.now().tzinfo), ui.data_changed)


# --- Pieces of Today ------------------------------------------------------------------


@ft.component
def TodayTracking() -> ft.Column:
    """Today's check-in card, and once a week the overall-change question (PGIC)."""
    services = use_services()
    ui = use_ui_state()
    asked_later, set_asked_later = ft.use_state(False)
    thanks, set_thanks = ft.use_state("")
    problem, set_problem = ft.use_state("")  # why the last tap here saved nothing
    shown = tracking_card(services.store, services.now())

    def one_tap(e) -> None:
        saved = save_same_as_last(services.store, services.now())
        set_problem(saved.problem)
        if saved.value is not None:
            ui.data_changed()
            offer_undo_same(services, ui, saved.value)

    if shown.checked_in:
        actions = [action_button("Check in again", lambda e: go(CHECKIN_ROUTE), icon=ft.Icons.EDIT_NOTE,
                                 outlined=True)]
    else:
        actions = [action_button("Check in", lambda e: go(CHECKIN_ROUTE), icon=ft.Icons.EDIT_NOTE, primary=True)]
        if shown.same_as_last:
            actions.append(action_button(shown.same_as_last.label, one_tap, icon=ft.Icons.REPLAY,
                                         name=shown.same_as_last.name))
    actions.append(action_button("Something felt wrong", lambda e: go(FELT_WRONG_ROUTE),
                                 icon=ft.Icons.REPORT_OUTLINED, outlined=True))
    controls = [card(shown.lines, Tone.PLAIN, title="How are your hands and feet today?",
                     actions=[ft.Column([*not_saved(problem), *actions], spacing=10,
                                        horizontal_alignment=ft.CrossAxisAlignment.STRETCH)])]

    def answer(level: int) -> None:
        saved = attempt(lambda: answer_pgic(services.store, level, services.now()))
        set_problem(saved.problem)
        if saved.ok:
            set_thanks(saved.value)
            ui.data_changed()

    if thanks:
        controls.append(card([thanks], Tone.GOOD))
    elif not asked_later and shown.pgic_due:
        buttons = [action_button(f"{level}. {words}", lambda e, level=level: answer(level), outlined=True)
                   for level, words in PGIC_LEVELS.items()]
        buttons.append(action_button("Ask me later", lambda e: set_asked_later(True), icon=ft.Icons.SCHEDULE))
        controls.append(card(["Once a week, one question. There is no right answer.", PGIC_QUESTION], Tone.PLAIN,
                             title="How are things overall?",
                             actions=[ft.Column([*not_saved(problem), *buttons], spacing=8,
                                                horizontal_alignment=ft.CrossAxisAlignment.STRETCH)]))
    return ft.Column(controls, spacing=theme.PAD)


# --- The check-in screen --------------------------------------------------------------


def checkin_questions(form: CheckInForm, shown: CheckInView, redraw: Callable[[Callable[[], None]], None]
                      ) -> list[ft.Control]:
    """The sliders, the optional questions and the note: the same on a new check-in and on a correction.

    An untouched symptom shows "Not answered yet" and is saved as not answered.
    """
    def set_score(symptom: str, value: int) -> None:
        redraw(lambda: form.set_score(symptom, value))

    controls: list[ft.Control] = [
        body("0 is none, 10 is the worst you can imagine. Think of the past 24 hours. Pain means nerve pain: "
             "burning, stabbing or aching. Slide, or tap − and +. A question you leave alone is saved as "
             "not answered."),
        *[score_slider(s, shown.scores[s], lambda v, s=s: set_score(s, v)) for s in CORE_SYMPTOMS],
    ]
    if not shown.editing:
        controls.append(action_button("Fewer questions" if shown.more else "More questions (optional)",
                                      lambda e: redraw(form.toggle_more),
                                      icon=ft.Icons.EXPAND_LESS if shown.more else ft.Icons.EXPAND_MORE,
                                      outlined=True, wide=True))
    if shown.more:
        controls += [
            *[score_slider(s, shown.scores[s], lambda v, s=s: set_score(s, v)) for s in EXTRA_SYMPTOMS],
            body("Where do you feel it most?", bold=True),
            ft.Column([toggle(words, shown.where is w, lambda w=w: redraw(lambda: form.pick_where(w)))
                       for w, words in WHERE_WORDS.items()],
                      spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            note_field("Note (optional)", "For example: a new medicine, a bad night", form.set_note, shown.note),
        ]
    return controls


@ft.component
def CheckInScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    form, _ = ft.use_state(lambda: CheckInForm(services.store, services.now))  # one record id per visit
    repaint = use_redraw()
    shown = form.view()

    def redraw(call: Callable[[], None]) -> None:
        call()
        repaint()

    def save(e) -> None:
        if form.save() is None:  # nothing rated, or the save failed: stay, with the answers and the words why
            repaint()
            return
        ui.data_changed()
        go("/")

    def same(e) -> None:
        copied = form.same_as_last()
        if copied is None:
            repaint()
            return
        ui.data_changed()
        go("/")
        offer_undo_same(services, ui, copied)

    controls: list[ft.Control] = []
    if shown.same_as_last:
        controls.append(action_button(shown.same_as_last.label, same, icon=ft.Icons.REPLAY,
                                      name=shown.same_as_last.name, wide=True))
    controls += checkin_questions(form, shown, redraw)
    controls += not_saved(shown.problem)
    controls.append(action_button("Save check-in", save, icon=ft.Icons.CHECK, main=True, wide=True))
    return page_view(CHECKIN_ROUTE, "Check in", controls)


# --- The session's before and after question ------------------------------------------


def before_question(shown: RatingView, pick: Callable[[int], None], save_and_start: Callable[[], None],
                    skip: Callable[[], None]) -> list[ft.Control]:
    """Asked before the timer starts: one slider, then "Save and start" or "Skip"; both start the session."""
    return [
        ft.Text(shown.before_question, size=theme.TITLE, weight=ft.FontWeight.BOLD),
        body("One quick rating, so you can see later whether sessions change how you feel."),
        score_slider(shown.symptom, shown.value, pick),
        *not_saved(shown.problem),
        action_button("Save and start", lambda e: save_and_start(), icon=ft.Icons.PLAY_ARROW_ROUNDED, main=True,
                      disabled=not shown.can_save, wide=True),
        action_button("Skip", lambda e: skip(), icon=ft.Icons.SKIP_NEXT_ROUNDED, name="Skip this question",
                      outlined=True, wide=True),
    ]


def after_question(shown: RatingView, pick: Callable[[int], None], save: Callable[[], None],
                   skip: Callable[[], None]) -> list[ft.Control]:
    """Asked on the summary: the same symptom again, starting where the before rating was."""
    if shown.after_words:
        return [ft.Container(width=float("inf"), content=card([shown.after_words], Tone.GOOD))]
    if not shown.after_open:
        return []
    return [ft.Container(
        padding=theme.PAD,
        border_radius=16,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
        content=ft.Column([
            ft.Text(shown.after_question, size=theme.BODY + 4, weight=ft.FontWeight.BOLD),
            score_slider(shown.symptom, shown.value, pick),
            *not_saved(shown.problem),
            ft.Row([action_button("Save", lambda e: save(), icon=ft.Icons.CHECK, primary=True, expand=True,
                                  disabled=not shown.can_save),
                    action_button("Skip", lambda e: skip(), name="Skip this question", outlined=True, expand=True)],
                   spacing=8),
        ], spacing=10),
    )]
