"""The MNSI patient questionnaire: 15 yes-or-no questions, saved for the doctor, labelled as screening only.

Why the labelling: the MNSI helps a clinician judge whether nerve damage is
likely; it is not made to measure change, so the screen never compares one
result with another or calls a lower score better.  The rules are in
data/screens/questionnaire.py; this module draws them.
"""
from __future__ import annotations

import flet as ft

from data.journal.questionnaires import MNSI_ABOUT, MNSI_TITLE
from data.screens.questionnaire import MnsiForm
from views.context import use_redraw, use_services, use_ui_state
from views.saving import not_saved
from views.widgets import Tone, action_button, body, card, close_screen, page_view, toggle

QUESTIONNAIRE_ROUTE = "/questionnaire"


@ft.component
def QuestionnaireScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    form, _ = ft.use_state(lambda: MnsiForm(services.store, services.now))  # one record id per visit
    repaint = use_redraw()
    shown = form.view()

    def answer(number: int, yes: bool) -> None:
        form.answer(number, yes)
        repaint()

    def save(e) -> None:
        if form.save() is not None:
            ui.data_changed()
        repaint()

    if shown.saved_summary:
        controls = [
            card([shown.saved_summary], Tone.GOOD, title="Saved"),
            body("Your answers are in the report for your doctor (Progress, then Report for your doctor)."),
            action_button("Done", lambda e: close_screen(), icon=ft.Icons.CHECK, main=True, wide=True),
        ]
        return page_view(QUESTIONNAIRE_ROUTE, "Nerve questions", controls, modal=True)

    controls: list[ft.Control] = [card([MNSI_ABOUT], Tone.INFO, title=MNSI_TITLE)]
    for question in shown.questions:
        controls.append(ft.Column(
            [
                body(question.words, bold=True),
                ft.Row(
                    [toggle("Yes", question.answer is True, lambda n=question.number: answer(n, True), expand=True),
                     toggle("No", question.answer is False, lambda n=question.number: answer(n, False), expand=True)],
                    spacing=8,
                ),
            ],
            spacing=6,
        ))
    controls += not_saved(shown.problem)
    controls.append(action_button("Save my answers", save, icon=ft.Icons.CHECK, main=True, wide=True))
    return page_view(QUESTIONNAIRE_ROUTE, "Nerve questions", controls, modal=True)
