"""Red flags, when to stop, and the rules for pressing safely, in the app's own words.

Kept in the core so the wording is tested and reused by every screen that shows
it (the Safety tab, the player's Safety sheet, the setup guide, the note screen).
Facts come from domain.md sections 2 and 5; each red flag names where its advice
comes from, so a reader (or a clinician) can look it up.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Urgency(StrEnum):
    EMERGENCY = "Call emergency services now"
    TODAY = "Get urgent medical help today"
    WORKING_DAY = "See your foot team within one working day"
    BEFORE_NEXT_DOSE = "Tell your cancer team before your next dose"
    SOON = "See a doctor or nurse promptly"

    @property
    def urgent(self) -> bool:
        """Shown as an alarm (same day or sooner), not as an ordinary card."""
        return self in (Urgency.EMERGENCY, Urgency.TODAY)


@dataclass(frozen=True)
class RedFlag:
    signs: str
    urgency: Urgency
    advice: str = ""  # what to do meanwhile, e.g. keep weight off the foot
    source: str = ""  # where the advice comes from, as a reader would look it up


FIRM_NEVER_PAINFUL = "firm, never painful"
"""The one pressure message: every screen and every point says pressure this way."""

#: Same day: infection or a blocked blood supply can cost the foot (domain.md section 5).
FOOT_THREATENED = RedFlag(
    "A sore or wound on your foot and you have a fever or feel unwell; redness on the foot or leg "
    "that is spreading; skin on the foot turning black; or a foot that is suddenly cold, pale and "
    "painful.",
    Urgency.TODAY,
    "These can mean a serious infection or a blocked blood supply, which can threaten the foot.",
    "NICE guideline NG19 (diabetic foot problems); IWGDF guidelines 2023",
)
#: Within a working day: possible acute Charcot foot.
HOT_SWOLLEN_FOOT = RedFlag(
    "A foot that is hot, swollen or red although there is no wound.",
    Urgency.WORKING_DAY,
    "It can be the start of Charcot foot. Until you are seen, keep your weight off that foot as much "
    "as you can.",
    "NICE guideline NG19 (diabetic foot problems)",
)
#: Promptly: any new break in the skin of a foot.
NEW_FOOT_WOUND = RedFlag(
    "Any new sore, blister, cut or wound on a foot, or a foot that is leaking.",
    Urgency.SOON,
    "Do not press anywhere near it, and keep your weight off it if you can.",
    "IWGDF guidelines 2023",
)

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
    FOOT_THREATENED,
    HOT_SWOLLEN_FOOT,
    NEW_FOOT_WOUND,
    RedFlag(
        "New numbness or tingling, or numbness that is getting worse, while you are having chemotherapy.",
        Urgency.BEFORE_NEXT_DOSE,
        "Your team may want to change the treatment before nerve damage gets worse.",
        "ASCO guideline on chemotherapy nerve damage (Loprinzi and others, 2020)",
    ),
    RedFlag(
        "A foot that drops or drags when you walk, new tripping, or a fall.",
        Urgency.SOON,
        "Weak or numb feet make falls more likely; a physiotherapist can help with balance.",
        "ADA Standards of Care 2025, section 12; NICE guideline NG249 (falls)",
    ),
    RedFlag("New weakness or clumsiness in an arm or hand.", Urgency.SOON),
)

STOP_AND_SIT_TITLE = "Stop and sit down if you:"
STOP_AND_SIT: tuple[str, ...] = (
    "feel dizzy or faint;",
    "feel shaky, sweaty or confused: if you have diabetes, check your blood sugar now, as it may be low;",
    "feel pain where you press;",
    "see a change in your skin, such as redness, a mark or a blister.",
)
STOP_AND_SIT_AFTER = (
    "Start again only when you feel well. Dizziness when you stand up can come from nerve damage: "
    "tell your doctor or nurse about it. (ADA Standards of Care 2025: section 6 on low blood sugar, "
    "section 12 on nerve damage)"
)
"""One list for the player's Safety sheet, the Safety tab and the guide (domain.md section 5)."""

FALLS_ADVICE: tuple[str, ...] = (
    "Practise sitting in a steady chair, with your feet flat on the floor.",
    "Press the sole of the foot (KI1) sitting down, with the foot resting across your other knee, "
    "or ask a helper. Never stand on one leg to reach it.",
    "When you finish, sit for a moment, then stand up slowly and hold on to something steady.",
    "Nerve damage in the feet, for example after chemotherapy, makes falls more likely "
    "(Winters-Stone and others, Journal of Clinical Oncology 2017; NICE guideline NG249).",
)

PRESSING_RULES: tuple[str, ...] = (
    "Pressure should feel firm, never painful: firm enough to feel, never so hard that it hurts. "
    "Stop if a point becomes painful.",
    "Never press on broken skin, sores, ulcers, blisters, rashes, bruises, swelling, varicose veins, "
    "a recent fracture or a new scar.",
    "If your fingers or feet are numb you cannot judge pressure well: use the hand that feels more, "
    "or ask someone to help, and press lightly.",
    "If you take blood thinners or bruise easily, press lightly and for a shorter time.",
    "If you are or may be pregnant, some points must not be used: ask your doctor or midwife first.",
    "Do not press an arm with a dialysis fistula, or an arm at risk of lymphoedema (swelling after "
    "lymph nodes were removed or treated).",
    "Use your fingers or a rounded tool, never anything pointed. No heat on numb skin.",
    "Check your feet every day, including the soles and between the toes (use a mirror or ask for help). "
    "Test bath water with your elbow: it should be below 37 °C.",
)

WHAT_THIS_IS = (
    "This app helps you practise acupressure as self-care alongside your medical treatment. It does not "
    "diagnose or cure neuropathy, and it is not a replacement for your doctor's advice or your medicines."
)

_WORRIED = "If it does not settle within a day or two, or you are worried, tell your doctor or nurse."

SIDE_EFFECT_ADVICE: Mapping[str, str] = MappingProxyType({
    "bruising": "Press more lightly next time, or leave out the point that caused it. " + _WORRIED,
    "more_pain": "Stop pressing that point. Next time press more lightly, or leave it out. " + _WORRIED,
    "skin_mark": "Do not press on the mark until it has gone. A new sore, blister or broken skin on a foot "
                 "needs a doctor or nurse soon.",
    "dizziness": "Stop pressing and sit down straight away. If you have diabetes, check your blood sugar "
                 "now and treat a low as your care team showed you. Stand up slowly when you feel well. If "
                 "it happens again, talk to your doctor or nurse before your next session.",
    "other": _WORRIED,
})
"""What to do after a logged side effect, by its kind's value (data/journal/checkins.py SideEffectKind).

Keyed by the plain value so this lower room need not import the journal.  Never
"press more lightly" as the answer to dizziness (domain.md section 5).
"""


def side_effect_advice(kind: str) -> str:
    """The advice for a logged side effect; an unknown kind gets the general advice."""
    return SIDE_EFFECT_ADVICE.get(str(kind), _WORRIED)


FOOT_FINDING_FLAGS: Mapping[str, tuple[RedFlag, ...]] = MappingProxyType({
    "new_sore": (FOOT_THREATENED, NEW_FOOT_WOUND),
    "blister": (FOOT_THREATENED, NEW_FOOT_WOUND),
    "redness": (FOOT_THREATENED, HOT_SWOLLEN_FOOT),
    "swelling": (HOT_SWOLLEN_FOOT,),
    "heat": (HOT_SWOLLEN_FOOT,),
    "colour_change": (FOOT_THREATENED,),
})
"""The red flags a finding of the daily foot check leads to, by its key (data/journal/footchecks.py Finding).

Keyed by the plain value so this lower room need not import the journal.  A sore
or blister is a new wound (see a clinician promptly) and becomes same-day with a
fever, spreading redness or black skin; redness, heat or swelling without a wound
can be acute Charcot foot (IWGDF 2023; NICE NG19; domain.md section 5).
"""

_URGENCY_ORDER = tuple(Urgency)


def foot_finding_flags(findings: Iterable[str]) -> tuple[RedFlag, ...]:
    """The red flags for what a foot check found, each once, the most urgent first; none for "all fine"."""
    flags = dict.fromkeys(flag for key in findings for flag in FOOT_FINDING_FLAGS.get(str(key), ()))
    return tuple(sorted(flags, key=lambda flag: _URGENCY_ORDER.index(flag.urgency)))
