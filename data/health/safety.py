"""Red flags and safety rules shown to every user, in the app's own words (domain.md, section 2).

Kept in the core so the wording is tested and reused by any screen that links to it.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Urgency(StrEnum):
    EMERGENCY = "Call emergency services now"
    SOON = "See a doctor or nurse promptly"


@dataclass(frozen=True)
class RedFlag:
    signs: str
    urgency: Urgency


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "Tingling or weakness that climbs up from your feet or spreads within hours or days, "
        "in both hands and feet, or with any trouble breathing or swallowing.",
        Urgency.EMERGENCY,
    ),
    RedFlag(
        "Sudden weakness or numbness in one part of the body, a drooping face, or slurred or confused speech.",
        Urgency.EMERGENCY,
    ),
    RedFlag(
        "Back pain together with new trouble passing urine or controlling your bowels, numbness between "
        "the legs or around the bottom, or legs that suddenly become weak or walk differently.",
        Urgency.EMERGENCY,
    ),
    RedFlag(
        "Any new sore, blister, cut or wound on a foot, or a foot that is red, hot, swollen or leaking.",
        Urgency.SOON,
    ),
    RedFlag("New weakness or clumsiness in an arm or hand.", Urgency.SOON),
)

PRESSING_RULES: tuple[str, ...] = (
    "Press firmly enough to feel it, never so hard that it hurts. Stop if a point becomes painful.",
    "Never press on broken skin, sores, ulcers, blisters, rashes, bruises, swelling, varicose veins, "
    "a recent fracture or a new scar.",
    "If your fingers or feet are numb you cannot judge pressure well: use the hand that feels more, "
    "or ask someone to help, and press lightly.",
    "If you take blood thinners or bruise easily, press lightly and for a shorter time.",
    "If you are or may be pregnant, some points must not be used: ask your doctor or midwife first.",
    "Use your fingers or a rounded tool, never anything pointed. No heat on numb skin.",
    "Check your feet every day, including the soles and between the toes (use a mirror or ask for help). "
    "Test bath water with your elbow: it should be below 37 °C.",
)

WHAT_THIS_IS = (
    "This app helps you practise acupressure as self-care alongside your medical treatment. It does not "
    "diagnose or cure neuropathy, and it is not a replacement for your doctor's advice or your medicines."
)
