"""The MNSI patient questionnaire: 15 yes/no items and their published scoring.

Why it is here: the Michigan Neuropathy Screening Instrument (patient version)
is free to reuse (PhenX; domain.md, section 3), and a person may want to show
its result to a clinician.  It is a SCREENING tool: it helps decide whether
neuropathy is likely, it is not made to measure change, so the app must never
present a lower score as improvement.  The items keep the original meaning,
in plain words; the scoring follows the published rule exactly.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from data.journal.records import check_fields, check_id, parse_time, read_records

MNSI = "mnsi"  # store collection of completed questionnaires

MNSI_TITLE = "Nerve symptom screening questions (MNSI, patient version)"
MNSI_ABOUT = (
    "These 15 yes-or-no questions come from the Michigan Neuropathy Screening Instrument. They are a "
    "screening tool: they help a clinician judge whether nerve damage is likely. They are not made to "
    "measure change over time, so do not use the score to judge whether acupressure is helping. "
    "Share the answers with your doctor or nurse."
)


@dataclass(frozen=True)
class MnsiItem:
    number: int  # 1-15, as in the published questionnaire
    text: str
    scoring_answer: bool | None  # the answer that scores 1 point; None for the unscored items 4 and 10


MNSI_ITEMS: tuple[MnsiItem, ...] = (
    MnsiItem(1, "Are your legs or feet numb?", True),
    MnsiItem(2, "Do you ever have burning pain in your legs or feet?", True),
    MnsiItem(3, "Are your feet too sensitive to touch?", True),
    MnsiItem(4, "Do you get muscle cramps in your legs or feet?", None),
    MnsiItem(5, "Do you ever have prickling feelings in your legs or feet?", True),
    MnsiItem(6, "Does it hurt when the bed covers touch your skin?", True),
    MnsiItem(7, "When you get into the bath or shower, can you tell hot water from cold water?", False),
    MnsiItem(8, "Have you ever had an open sore on your foot?", True),
    MnsiItem(9, "Has a doctor ever told you that you have diabetic neuropathy (nerve damage from diabetes)?", True),
    MnsiItem(10, "Do you feel weak all over most of the time?", None),
    MnsiItem(11, "Are your symptoms worse at night?", True),
    MnsiItem(12, "Do your legs hurt when you walk?", True),
    MnsiItem(13, "Can you feel your feet when you walk?", False),
    MnsiItem(14, "Is the skin on your feet so dry that it cracks open?", True),
    MnsiItem(15, "Have you ever had an amputation?", True),
)
MNSI_MAX_SCORE = sum(1 for item in MNSI_ITEMS if item.scoring_answer is not None)  # 13


@dataclass(frozen=True)
class MnsiResult:
    score: int  # 0-13: one point per answer that matches the item's scoring answer

    @property
    def summary(self) -> str:
        return (
            f"Screening score: {self.score} out of {MNSI_MAX_SCORE}. A higher score means more answers "
            "that point to nerve damage. This is a screening result, not a measure of change: "
            "talk it over with your doctor or nurse."
        )


def score_mnsi(answers: Mapping[int, bool]) -> MnsiResult:
    """Score the answers (item number -> yes is True); all 13 scored items must be answered.

    Yes on items 1-3, 5-6, 8-9, 11-12 and 14-15 and no on items 7 and 13 score 1 each;
    items 4 and 10 may be answered but never count.
    """
    items = {item.number: item for item in MNSI_ITEMS}
    for number, answer in answers.items():
        if number not in items:
            raise ValueError(f"there is no question {number!r}: questions are numbered 1 to 15")
        if not isinstance(answer, bool):
            raise ValueError(f"question {number}: the answer must be yes or no, found {answer!r}")
    missing = [n for n, item in items.items() if item.scoring_answer is not None and n not in answers]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise ValueError(f"please answer question{plural} {', '.join(map(str, missing))} to get a score")
    return MnsiResult(
        sum(1 for n, item in items.items() if item.scoring_answer is not None and answers[n] is item.scoring_answer)
    )


@dataclass(frozen=True)
class MnsiAnswers:
    """One completed questionnaire, kept with its answers so a clinician can see more than the score."""

    id: str
    at: datetime  # time-zone aware
    answers: Mapping[int, bool] = field(hash=False)  # item number -> answered yes

    def __post_init__(self) -> None:
        check_id(self.id)
        if not isinstance(self.at, datetime) or self.at.utcoffset() is None:
            raise ValueError(f"at must be a time-zone aware datetime, found {self.at!r}")
        object.__setattr__(self, "answers", dict(self.answers))
        score_mnsi(self.answers)  # refuses unknown items, non-yes/no answers and missing scored items

    @property
    def result(self) -> MnsiResult:
        return score_mnsi(self.answers)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "answers": {str(n): self.answers[n] for n in sorted(self.answers)},
        }

    @classmethod
    def from_dict(cls, d: Any) -> MnsiAnswers:
        d = check_fields(d, {"id", "at", "answers"}, set())
        raw = d["answers"]
        if not isinstance(raw, dict):
            raise ValueError(f"answers must be a set of numbered answers, found {type(raw).__name__}")
        answers: dict[int, bool] = {}
        for key, value in raw.items():
            if not (isinstance(key, str) and key.isdigit() and key == str(int(key))):
                raise ValueError(f"answers: {key!r} is not a question number")
            answers[int(key)] = value
        return cls(check_id(d["id"]), parse_time(d["at"]), answers)


def save_mnsi(store, record: MnsiAnswers) -> None:
    store.replace(MNSI, record.to_dict(), record.at)


def list_mnsi(store) -> list[MnsiAnswers]:
    """Every completed questionnaire, oldest first (one that cannot be read is set aside)."""
    return sorted(read_records(store, MNSI, MnsiAnswers.from_dict), key=lambda r: r.at)
