"""The first-run questions' behaviour: the draft answers, the page shown, and the rules of each tap.

Why here: ticking "I don't know" clears the known causes, a skin problem ticked on both
sides is saved as "both", Skip leaves a page's answers as they were (unanswered the first
time) and Next counts a page's unticked yes/no questions as "no".  The later screening
questions (numb feet, leg circulation, amputation, a dialysis fistula or lymphoedema arm,
domain.md section 5) are answered Yes, No or "Not sure / skip" one by one, because
"not sure" must stay unanswered (None), never turn into "no".  These are rules about
safety answers, so they live in the core and are unit-tested; the screen only draws the
page and hands each tap here.  Every tap returns the new draft (nothing is saved before
"Save my answers"; a save that fails keeps the answers and says why in ``problem``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from data.models import Side
from data.routine.profile import (
    Amputation,
    BodySide,
    Cause,
    Profile,
    SkinArea,
    SkinProblem,
    Zone,
    has_profile,
    load_profile,
    put_off_setup,
)
from data.routine.progression import finish_setup, personal_plan
from data.storage.save_errors import attempt

YES_NO_PAGES = {
    "spine": ("neck_compression", "low_back_compression"),
    "safety": ("pregnant_or_maybe", "bleeding_risk", "foot_ulcer_or_charcot", "reduced_feeling"),
}
PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("welcome", ()),
    ("where", ("zones",)),
    ("spine", YES_NO_PAGES["spine"]),
    ("cause", ("causes",)),
    ("safety", YES_NO_PAGES["safety"]),
    ("health", ("numb_feet", "poor_leg_circulation", "amputation", "amputations", "fistula_arm",
                "lymphoedema_arm")),
    ("skin", ("skin_problems",)),
    ("red_flags", ()),
    ("done", ()),
)
QUESTIONS = range(1, 7)  # the pages that ask something and can be skipped
_YES_NO = frozenset(f for fields in YES_NO_PAGES.values() for f in fields)
CHOICE_QUESTIONS = ("numb_feet", "poor_leg_circulation", "amputation")  # answered Yes, No or Not sure
ARM_QUESTIONS = ("fistula_arm", "lymphoedema_arm")  # Yes (then which arm), No or Not sure
AMPUTATION_AREAS = (SkinArea.HAND, SkinArea.ARM, SkinArea.FOOT, SkinArea.LEG)  # where one can have been


class Choice(StrEnum):
    """One answer to a screening question; NOT_SURE keeps it unanswered (None)."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


@dataclass(frozen=True)
class SetupDraft:
    """The answers being given, the page shown, and the answers saved when the questions were opened."""

    saved: Profile
    answers: Profile
    page: int = 0
    editing: bool = False  # answers were saved before: the questions change them
    # Arm questions answered "No" now: the profile keeps no arm (None) for "no" and "not sure" alike.
    said_no: frozenset[str] = frozenset()
    problem: str = ""  # why "Save my answers" saved nothing, in plain words; "" when it did not fail

    def __post_init__(self) -> None:
        if type(self.page) is not int or not 0 <= self.page < len(PAGES):
            raise ValueError(f"page must be 0-{len(PAGES) - 1}, got {self.page!r}")

    @property
    def name(self) -> str:
        return PAGES[self.page][0]


@dataclass(frozen=True)
class SetupPage:
    """What one page shows, worked out from the draft."""

    name: str  # "welcome", "where", "spine", "cause", "safety", "skin", "red_flags" or "done"
    screen_title: str  # "Set up", or "Your answers" when changing them
    step_words: str  # "Question 2 of 5" or "Last step"; "" on the welcome and done pages
    begin_label: str  # welcome: "Start" or "Change my answers"
    leave_label: str  # welcome: "Not now" or "Keep my answers"
    saves_here: bool  # the last step: "Save my answers" instead of Skip and Next
    zones: frozenset[Zone]
    ticked: frozenset[str]  # yes/no questions answered "yes"
    causes: frozenset[Cause]
    skin: frozenset[tuple[SkinArea, Side]]  # skin problems, by area and side
    choices: dict[str, Choice]  # each screening question's answer (CHOICE_QUESTIONS and ARM_QUESTIONS)
    arms: dict[str, BodySide | None]  # the arm with a fistula, the arm at risk of lymphoedema
    amputation_places: frozenset[tuple[SkinArea, Side]]  # where an amputation was, by area and side
    problem: str  # "Not saved" words above "Save my answers"; "" when the last save did not fail
    ready_lines: tuple[str, ...]  # done: the routine's first week, or why there is nothing to press


def open_setup(store) -> SetupDraft:
    """The draft when the questions open: the saved answers (all skipped the first time), on the welcome page."""
    saved = load_profile(store)
    return SetupDraft(saved, saved, 0, has_profile(store))


def setup_page(store, draft: SetupDraft, today: date) -> SetupPage:
    answers, name = draft.answers, draft.name
    step = "" if name in ("welcome", "done") else (
        f"Question {draft.page} of {len(QUESTIONS)}" if draft.page in QUESTIONS else "Last step")
    return SetupPage(
        name=name,
        screen_title="Your answers" if draft.editing else "Set up",
        step_words=step,
        begin_label="Change my answers" if draft.editing else "Start",
        leave_label="Keep my answers" if draft.editing else "Not now",
        saves_here=name == "red_flags",
        zones=answers.zones,
        ticked=frozenset(f for f in _YES_NO if getattr(answers, f) is True),
        causes=answers.causes,
        skin=frozenset((area, side) for area in SkinArea for side in answers.skin_sides(area)),
        choices={**{q: _choice(getattr(answers, q)) for q in CHOICE_QUESTIONS},
                 **{q: _arm_choice(draft, q) for q in ARM_QUESTIONS}},
        arms={q: getattr(answers, q) for q in ARM_QUESTIONS},
        amputation_places=frozenset(
            (area, side) for area in AMPUTATION_AREAS for side in _amputated(answers, area)),
        problem=draft.problem,
        ready_lines=_ready_lines(store, today) if name == "done" else (),
    )


def _choice(value: bool | None) -> Choice:
    return Choice.NOT_SURE if value is None else Choice.YES if value else Choice.NO


def _arm_choice(draft: SetupDraft, question: str) -> Choice:
    if getattr(draft.answers, question) is not None:
        return Choice.YES
    return Choice.NO if question in draft.said_no else Choice.NOT_SURE


def _amputated(answers: Profile, area: SkinArea) -> frozenset[Side]:
    """Sides where an amputation of exactly ``area`` was given (not the areas further down the limb)."""
    out: frozenset[Side] = frozenset()
    for a in answers.amputations:
        if a.area is area:
            out |= a.side.sides
    return out


def _ready_lines(store, today: date) -> tuple[str, ...]:
    plan = personal_plan(store, today)
    if plan is None:  # only after the answers were saved; nothing to say otherwise
        return ()
    if plan.routine.steps:
        return (plan.words, "It grows a little after each week in which you do most of your sessions.")
    return plan.nothing_to_press


# --- Taps ---------------------------------------------------------------------------------


def go_to(draft: SetupDraft, page: int) -> SetupDraft:
    """Start (page 1) and Back."""
    return replace(draft, page=page)


def flip_zone(draft: SetupDraft, zone: Zone) -> SetupDraft:
    return _answer(draft, zones=draft.answers.zones ^ {Zone(zone)})


def flip_yes_no(draft: SetupDraft, question: str) -> SetupDraft:
    """Tick or untick a yes/no question; an unanswered one becomes "yes"."""
    if question not in _YES_NO:
        raise ValueError(f"not a yes/no question: {question!r}")
    return _answer(draft, **{question: getattr(draft.answers, question) is not True})


def flip_cause(draft: SetupDraft, cause: Cause) -> SetupDraft:
    """Several known causes may be ticked; "I don't know" stands alone."""
    cause, causes = Cause(cause), draft.answers.causes
    if cause in causes:
        causes = causes - {cause}
    elif cause is Cause.UNKNOWN:
        causes = frozenset({cause})
    else:
        causes = (causes - {Cause.UNKNOWN}) | {cause}
    return _answer(draft, causes=causes)


def flip_skin(draft: SetupDraft, area: SkinArea, side: Side) -> SetupDraft:
    """Tick or untick a skin problem on one side of an area; both sides ticked are saved as "both"."""
    area, side = SkinArea(area), Side(side)
    if side is Side.MIDDLE:
        raise ValueError("a skin problem is on the left or the right")
    now = draft.answers.skin_sides(area) ^ {side}
    others = {p for p in draft.answers.skin_problems if p.area is not area}
    if now:
        others.add(SkinProblem(area, BodySide.BOTH if len(now) == 2 else BodySide(next(iter(now)).value)))
    return _answer(draft, skin_problems=frozenset(others))


def choose(draft: SetupDraft, question: str, choice: Choice) -> SetupDraft:
    """Answer a screening question Yes, No or "Not sure / skip" (unanswered: None).

    No or Not sure to the amputation question forgets where it was.  Yes to an arm
    question means both arms until the person says which one: no pressure on either
    arm is the safe reading of "yes, but I have not said which".
    """
    choice = Choice(choice)
    if question in CHOICE_QUESTIONS:
        value = None if choice is Choice.NOT_SURE else choice is Choice.YES
        if question == "amputation" and not value:
            return _answer(draft, amputation=value, amputations=frozenset())
        return _answer(draft, **{question: value})
    if question not in ARM_QUESTIONS:
        raise ValueError(f"not a screening question: {question!r}")
    if choice is Choice.YES:
        arm = getattr(draft.answers, question) or BodySide.BOTH
        return replace(_answer(draft, **{question: arm}), said_no=draft.said_no - {question})
    said_no = draft.said_no | {question} if choice is Choice.NO else draft.said_no - {question}
    return replace(_answer(draft, **{question: None}), said_no=said_no)


def choose_arm(draft: SetupDraft, question: str, arm: BodySide) -> SetupDraft:
    """Which arm has the fistula, or is at risk of lymphoedema: left, right or both."""
    if question not in ARM_QUESTIONS:
        raise ValueError(f"not an arm question: {question!r}")
    return replace(_answer(draft, **{question: BodySide(arm)}), said_no=draft.said_no - {question})


def flip_amputation(draft: SetupDraft, area: SkinArea, side: Side) -> SetupDraft:
    """Tick or untick where an amputation was; ticking one answers the amputation question "yes"."""
    area, side = SkinArea(area), Side(side)
    if area not in AMPUTATION_AREAS or side is Side.MIDDLE:
        raise ValueError(f"an amputation is of a hand, arm, foot or leg, left or right; got {area}, {side}")
    now = _amputated(draft.answers, area) ^ {side}
    others = {a for a in draft.answers.amputations if a.area is not area}
    if now:
        others.add(Amputation(area, BodySide.BOTH if len(now) == 2 else BodySide(next(iter(now)).value)))
    return _answer(draft, amputation=True, amputations=frozenset(others))


def skip(draft: SetupDraft) -> SetupDraft:
    """Leave this page's answers as they were saved, and go on."""
    fields = PAGES[draft.page][1]
    answers = replace(draft.answers, **{f: getattr(draft.saved, f) for f in fields})
    return replace(draft, answers=answers, page=_next(draft), said_no=draft.said_no - set(fields))


def next_page(draft: SetupDraft) -> SetupDraft:
    """Go on; this page's unanswered yes/no questions count as "no"."""
    unanswered = {f: False for f in YES_NO_PAGES.get(draft.name, ()) if getattr(draft.answers, f) is None}
    return replace(draft, answers=replace(draft.answers, **unanswered), page=_next(draft))


def save_answers(store, draft: SetupDraft, today: date) -> SetupDraft:
    """Save the answers (the plan starts the first time) and show that the routine is ready.

    When the save fails (a full phone, say) the draft stays on the last step with every
    answer kept, and ``problem`` says in plain words that nothing was saved.
    """
    if draft.name != "red_flags":
        raise ValueError("the answers are saved from the last step only")
    saved = attempt(lambda: finish_setup(store, draft.answers, today))
    if not saved.ok:
        return replace(draft, problem=saved.problem)
    return replace(draft, page=_next(draft), problem="")


def leave_setup(store, draft: SetupDraft) -> bool:
    """ "Not now": stop inviting the person (not when changing saved answers); True when that was saved.

    Nothing the person typed is lost if this save fails (it only remembers "Not now"):
    the invitation simply comes back next time, so a failure returns False.
    """
    if draft.editing:
        return False
    return attempt(lambda: put_off_setup(store)).ok


def _answer(draft: SetupDraft, **answers: object) -> SetupDraft:
    return replace(draft, answers=replace(draft.answers, **answers))


def _next(draft: SetupDraft) -> int:
    return min(draft.page + 1, len(PAGES) - 1)
