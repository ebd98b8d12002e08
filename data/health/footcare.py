"""The daily foot check: the one-minute look, step by step, in the app's own words.

Why a module of its own: looking at numb feet every day is what the foot
guidelines ask of people with diabetic neuropathy (IWGDF 2023; NICE NG19;
domain.md sections 2 and 5), and no app in this field guides it.  The words
live in the core so they are tested (sourced, our own wording) and any screen
can show them; what a finding means is in data/health/safety.py.
"""
from __future__ import annotations

from dataclasses import dataclass

FOOT_CHECK_SOURCE = "IWGDF guidelines 2023; NICE guideline NG19"


@dataclass(frozen=True)
class LookStep:
    """One step of the look: a short title and one or two plain sentences."""

    title: str
    words: str


FOOT_CHECK_WHY = (
    "Numb feet may not hurt when something is wrong, so a small sore can grow unnoticed. "
    "A short look every day finds it early."
)

FOOT_CHECK_STEPS: tuple[LookStep, ...] = (
    LookStep("Get ready", "Sit down where the light is good. Take your socks off. Have a mirror to hand, "
                          "or ask someone to look with you."),
    LookStep("The top of each foot", "Look over the top of each foot, the toenails and around the ankle."),
    LookStep("The soles", "Look at the sole of each foot. Hold a mirror on the floor below it, or ask "
                          "your helper to look."),
    LookStep("Between the toes", "Spread your toes gently, one gap at a time, and look between them."),
    LookStep("The heels", "Look at the back and the sides of each heel, where shoes rub."),
    LookStep("Feel for heat", "Lay the back of your hand on one foot, then on the other. Say so if one "
                              "foot feels warmer than the other. If your hands are numb, ask your helper "
                              "to feel for you."),
)

LOOK_FOR = ("Look for a new sore, cut or blister, red or swollen skin, a warm patch, or skin that has "
            "turned pale, blue or black.")
