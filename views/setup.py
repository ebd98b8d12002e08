"""First-run questions that make the routine yours: a few short pages, each one skippable, all changeable later.

Why this shape: the routine is chosen by where the symptoms are and made safe by
a few yes/no answers (data/routine/profile.py, data/routine/selection.py).  One topic a page,
tick boxes instead of typing, a body map with large labelled areas, big Back /
Skip / Next buttons at thumb height, and the red flags as a step of their own.
Opened again later (from My routine or Settings) it starts from the saved answers.

Skip leaves a page's answers as they were (unanswered the first time); Next on a
page of yes/no questions counts the unticked ones as "no".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import flet as ft

from data.models import Side
from data.routine.profile import (
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
from views import theme
from views.context import use_services, use_ui_state
from views.safety import red_flag_cards
from views.shell import go
from views.widgets import Tone, action_button, body, card, heading, page_view, toggle

MAP_WIDTH = 340
# Where each body-map area's toggle sits on its drawing (left, top, width); the drawings'
# leader lines (assets/bodymap/*.svg) end at these toggles.
ARM_MAP = ("bodymap/arm.svg", 300, {
    Zone.FINGERS: (120, 14, 220),
    Zone.BACK_OF_HAND: (120, 116, 220),
    Zone.FOREARM: (120, 226, 220),
})
LEG_MAP = ("bodymap/leg.svg", 410, {
    Zone.LOWER_LEG: (120, 20, 220),
    Zone.FOOT_TOP_ANKLE: (120, 110, 220),
    Zone.TOES: (200, 206, 140),
    Zone.SOLE: (60, 346, 220),
})

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
    ("skin", ("skin_problems",)),
    ("red_flags", ()),
    ("done", ()),
)
QUESTIONS = range(1, 6)  # the pages that ask something and can be skipped

SKIN_LABELS = {
    SkinArea.HAND: ("Left hand", "Right hand"),
    SkinArea.ARM: ("Left arm", "Right arm"),
    SkinArea.LEG: ("Left leg", "Right leg"),
    SkinArea.FOOT: ("Left foot", "Right foot"),
    SkinArea.NECK: ("Neck, left", "Neck, right"),
    SkinArea.LOW_BACK: ("Low back, left", "Low back, right"),
}

SetDraft = Callable[[Profile], None]


def _yes_no(label: str, draft: Profile, field: str, set_draft: SetDraft, note: str = "") -> list[ft.Control]:
    on = getattr(draft, field) is True
    out = [toggle(label, on, lambda: set_draft(replace(draft, **{field: not on})))]
    if note:
        out.append(ft.Text(note, size=theme.SMALL, color=ft.Colors.ON_SURFACE_VARIANT))
    return out


def _body_map(picture: tuple[str, int, dict[Zone, tuple[int, int, int]]], draft: Profile, set_draft: SetDraft
              ) -> ft.Control:
    src, height, spots = picture

    def flip(zone: Zone) -> None:
        set_draft(replace(draft, zones=draft.zones ^ {zone}))

    return ft.Row(
        [
            ft.Stack(
                width=MAP_WIDTH,
                height=height,
                controls=[
                    ft.Image(src=src, width=MAP_WIDTH, height=height, fit=ft.BoxFit.FILL,
                             exclude_from_semantics=True),
                    *(
                        ft.Container(left=left, top=top, content=toggle(
                            zone.label, zone in draft.zones, lambda z=zone: flip(z), width=width))
                        for zone, (left, top, width) in spots.items()
                    ),
                ],
            )
        ],
        alignment=ft.MainAxisAlignment.CENTER,
    )


def _where(draft: Profile, set_draft: SetDraft) -> list[ft.Control]:
    return [
        heading("Where do you feel it?"),
        body("Tap each place where you feel numbness, tingling, burning or pain, on one side or both. "
             "Tap it again to undo."),
        heading("Hands and arms", theme.BODY + 2),
        _body_map(ARM_MAP, draft, set_draft),
        heading("Feet and legs", theme.BODY + 2),
        _body_map(LEG_MAP, draft, set_draft),
    ]


def _spine(draft: Profile, set_draft: SetDraft) -> list[ft.Control]:
    return [
        heading("Neck or low back"),
        body("Sometimes the trouble starts higher up: a nerve is squeezed where it leaves the spine, in "
             "the neck or in the low back. Doctors call this nerve compression. You may have heard it "
             "called a trapped or pinched nerve, or sciatica."),
        body("Has a doctor told you that you have this?", bold=True),
        *_yes_no("Yes, in my neck", draft, "neck_compression", set_draft),
        *_yes_no("Yes, in my low back", draft, "low_back_compression", set_draft),
        body("If not, or if you are not sure, leave both unticked."),
    ]


def _cause(draft: Profile, set_draft: SetDraft) -> list[ft.Control]:
    def flip(cause: Cause) -> None:
        if cause in draft.causes:
            causes = draft.causes - {cause}
        elif cause is Cause.UNKNOWN:
            causes = frozenset({cause})
        else:
            causes = (draft.causes - {Cause.UNKNOWN}) | {cause}
        set_draft(replace(draft, causes=causes))

    return [
        heading("What causes it?"),
        body("If you know what causes your neuropathy, tick it. You can tick more than one."),
        *(toggle(c.label, c in draft.causes, lambda c=c: flip(c)) for c in Cause),
        body("Your points are chosen by where you feel it, not by the cause, so this answer does not "
             "change your routine."),
    ]


def _safety(draft: Profile, set_draft: SetDraft) -> list[ft.Control]:
    return [
        heading("Keeping you safe"),
        body("Tick each one that is true for you now. Each one changes which points are used, or how "
             "firmly to press."),
        *_yes_no("I am pregnant, or I might be", draft, "pregnant_or_maybe", set_draft),
        *_yes_no("I take blood thinners, or I bruise or bleed easily", draft, "bleeding_risk", set_draft),
        *_yes_no("I have a foot ulcer now, have had one before, or have Charcot foot", draft,
                 "foot_ulcer_or_charcot", set_draft,
                 "Charcot foot: the bones of the foot weaken and change shape. Your foot nurse or doctor "
                 "will have told you if you have it."),
        *_yes_no("I find it hard to feel how firmly I press", draft, "reduced_feeling", set_draft,
                 "For example because your fingertips are numb. A helper, or your other hand, can then "
                 "judge the pressure for you."),
    ]


def _skin(draft: Profile, set_draft: SetDraft) -> list[ft.Control]:
    def flip(area: SkinArea, side: Side) -> None:
        now = draft.skin_sides(area) ^ {side}
        others = {p for p in draft.skin_problems if p.area is not area}
        if now:
            others.add(SkinProblem(area, BodySide.BOTH if len(now) == 2 else BodySide(next(iter(now)).value)))
        set_draft(replace(draft, skin_problems=frozenset(others)))

    rows: list[ft.Control] = []
    for area in SkinArea:
        rows += [
            heading(area.label, theme.BODY + 2),
            ft.Row(
                [
                    toggle(label, side in draft.skin_sides(area), lambda a=area, s=side: flip(a, s), expand=True)
                    for label, side in zip(SKIN_LABELS[area], (Side.LEFT, Side.RIGHT))
                ],
                spacing=10,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ]
    return [
        heading("Wounds and skin problems"),
        body("Is there an open wound, an ulcer, a blister, a rash or other sore or broken skin in any of "
             "these places? Tick where it is. Points there are left out until it has healed."),
        *rows,
        body("No wounds or skin problems? Leave everything unticked."),
    ]


def _red_flags() -> list[ft.Control]:
    return [
        heading("When to stop and get help"),
        body("Stop pressing and get help at once if you notice any of these. This list is always one tap "
             "away under Safety."),
        *red_flag_cards(),
    ]


@ft.component
def SetupScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    store = services.store
    editing, _ = ft.use_state(lambda: has_profile(store))
    saved, _ = ft.use_state(lambda: load_profile(store))
    draft, set_draft = ft.use_state(saved)
    page, set_page = ft.use_state(0)
    name, fields = PAGES[page]

    def skip(e) -> None:
        set_draft(replace(draft, **{f: getattr(saved, f) for f in fields}))
        set_page(page + 1)

    def next_page(e) -> None:
        answered = {f: False for f in YES_NO_PAGES.get(name, ()) if getattr(draft, f) is None}
        set_draft(replace(draft, **answered))
        set_page(page + 1)

    def save(e) -> None:
        finish_setup(store, draft, services.now().date())
        ui.data_changed()
        set_page(page + 1)

    def not_now(e) -> None:
        if not editing:
            put_off_setup(store)
            ui.data_changed()
        go("/")

    bottom = None
    if name == "welcome":
        controls = [
            heading("Make the routine yours"),
            body("A few short questions, about 2 minutes. Your answers choose points for where you feel "
                 "your symptoms, and leave out any point that may not be safe for you."),
            body("You can skip any question and change your answers later in My routine. Your answers "
                 "stay on this phone."),
            action_button("Change my answers" if editing else "Start", lambda e: set_page(1),
                          icon=ft.Icons.ARROW_FORWARD_ROUNDED, main=True, wide=True),
            action_button("Keep my answers" if editing else "Not now", not_now, outlined=True, wide=True),
        ]
    elif name == "done":
        plan = personal_plan(store, services.now().date())
        controls = [
            heading("Your routine is ready"),
            card([plan.words, "It grows a little after each week in which you do most of your sessions."]
                 if plan.routine.steps else list(plan.nothing_to_press), Tone.GOOD),
            action_button("See my routine", lambda e: go("/routine"), icon=ft.Icons.LIST_ALT_ROUNDED,
                          main=True, wide=True),
            action_button("Back to Today", lambda e: go("/"), icon=ft.Icons.HOME_ROUNDED, outlined=True,
                          wide=True),
        ]
    else:
        step = (f"Question {page} of {len(QUESTIONS)}" if page in QUESTIONS else "Last step")
        content = {
            "where": lambda: _where(draft, set_draft),
            "spine": lambda: _spine(draft, set_draft),
            "cause": lambda: _cause(draft, set_draft),
            "safety": lambda: _safety(draft, set_draft),
            "skin": lambda: _skin(draft, set_draft),
            "red_flags": _red_flags,
        }[name]()
        controls = [
            ft.Semantics(live_region=True, content=ft.Text(step, size=theme.SMALL, weight=ft.FontWeight.W_600,
                                                            color=ft.Colors.PRIMARY)),
            *content,
        ]
        buttons = [action_button("Back", lambda e: set_page(page - 1), icon=ft.Icons.ARROW_BACK_ROUNDED,
                                 outlined=True, expand=True)]
        if name == "red_flags":
            buttons.append(action_button("Save my answers", save, icon=ft.Icons.CHECK_ROUNDED, primary=True,
                                         expand=2))
        else:
            buttons += [
                action_button("Skip", skip, expand=True),
                action_button("Next", next_page, icon=ft.Icons.ARROW_FORWARD_ROUNDED, primary=True,
                              expand=True),
            ]
        bottom = ft.BottomAppBar(
            height=theme.MAIN_TAP + 24,
            padding=ft.Padding.symmetric(horizontal=12, vertical=10),
            content=ft.Row(buttons, spacing=10),
        )
    return page_view("/setup", "Your answers" if editing else "Set up", controls, bottom=bottom, back=False,
                     page_key=name)
