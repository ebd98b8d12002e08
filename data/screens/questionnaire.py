"""The MNSI questionnaire screen: the answers given so far, what Save does, and the words it shows.

Why the labelling: the MNSI helps a clinician judge whether nerve damage is
likely; it is not made to measure change, so the screen never compares one
result with another or calls a lower score better: it shows this result's own
screening summary, nothing else.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from data.journal.checkins import new_id
from data.journal.questionnaires import MNSI_ITEMS, MnsiAnswers, save_mnsi, score_mnsi
from data.storage.save_errors import attempt


@dataclass(frozen=True)
class Question:
    number: int
    words: str  # "1. Are your legs or feet numb?"
    answer: bool | None  # yes, no, or not answered yet


@dataclass(frozen=True)
class QuestionnaireView:
    questions: tuple[Question, ...]
    problem: str  # why Save did not save, e.g. "Almost done: please answer question 7 to get a score."
    saved_summary: str  # the screening summary once saved, else ""


class MnsiForm:
    """One visit to the questionnaire: one record id per visit, so a double tap on Save overwrites, never adds."""

    def __init__(self, store, now: Callable[[], datetime]) -> None:
        self.store = store
        self.now = now
        self.answers: dict[int, bool] = {}
        self.problem = ""
        self.saved: MnsiAnswers | None = None
        self.id = new_id()

    def view(self) -> QuestionnaireView:
        questions = tuple(Question(item.number, f"{item.number}. {item.text}", self.answers.get(item.number))
                          for item in MNSI_ITEMS)
        return QuestionnaireView(questions, self.problem, self.saved.result.summary if self.saved else "")

    def answer(self, number: int, yes: bool) -> None:
        """Answering clears the last problem; unknown numbers are refused at Save, with words saying why."""
        self.answers[number] = yes
        self.problem = ""

    def save(self) -> MnsiAnswers | None:
        """Save the answers once every scored question is answered; None (the answers kept, and the problem
        to show) before, or when the save failed."""
        try:
            score_mnsi(self.answers)
        except ValueError as exc:
            self.problem = f"Almost done: {exc}."
            return None
        answers = MnsiAnswers(self.id, self.now(), self.answers)
        saved = attempt(lambda: save_mnsi(self.store, answers))
        self.problem = saved.problem
        if saved.ok:
            self.saved = answers
        return self.saved if saved.ok else None
