"""The MNSI patient questionnaire: 15 yes-or-no questions, saved for the doctor, labelled as screening only.

Why the labelling: the MNSI helps a clinician judge whether nerve damage is
likely; it is not made to measure change, so the screen never compares one
result with another or calls a lower score better.
"""
from __future__ import annotations

import flet as ft

from data.journal.checkins import new_id
from data.journal.questionnaires import MNSI_ABOUT, MNSI_ITEMS, MNSI_TITLE, MnsiAnswers, save_mnsi, score_mnsi
from views.context import use_services, use_ui_state
from views.widgets import Tone, action_button, body, card, close_screen, page_view, toggle

QUESTIONNAIRE_ROUTE = "/questionnaire"


@ft.component
def QuestionnaireScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    answers, set_answers = ft.use_state({})
    problem, set_problem = ft.use_state("")
    saved, set_saved = ft.use_state(None)  # the MnsiAnswers just saved
    record_id, _ = ft.use_state(new_id)  # one id per visit: a double tap on Save overwrites, never adds

    def answer(number: int, yes: bool) -> None:
        set_answers(lambda old: {**old, number: yes})
        set_problem("")

    def save(e) -> None:
        try:
            score_mnsi(answers)
        except ValueError as exc:
            set_problem(f"Almost done: {exc}.")
            return
        record = MnsiAnswers(record_id, services.now(), answers)
        save_mnsi(services.store, record)
        set_saved(record)
        ui.data_changed()

    if saved is not None:
        controls = [
            card([saved.result.summary], Tone.GOOD, title="Saved"),
            body("Your answers are in the report for your doctor (Progress, then Report for your doctor)."),
            action_button("Done", lambda e: close_screen(), icon=ft.Icons.CHECK, main=True, wide=True),
        ]
        return page_view(QUESTIONNAIRE_ROUTE, "Nerve questions", controls, modal=True)

    controls: list[ft.Control] = [card([MNSI_ABOUT], Tone.INFO, title=MNSI_TITLE)]
    for item in MNSI_ITEMS:
        given = answers.get(item.number)
        controls.append(ft.Column(
            [
                body(f"{item.number}. {item.text}", bold=True),
                ft.Row(
                    [toggle("Yes", given is True, lambda n=item.number: answer(n, True), expand=True),
                     toggle("No", given is False, lambda n=item.number: answer(n, False), expand=True)],
                    spacing=8,
                ),
            ],
            spacing=6,
        ))
    if problem:
        controls.append(card([problem], Tone.WARN))
    controls.append(action_button("Save my answers", save, icon=ft.Icons.CHECK, main=True, wide=True))
    return page_view(QUESTIONNAIRE_ROUTE, "Nerve questions", controls, modal=True)
