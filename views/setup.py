"""First-run questions that make the routine yours: a few short pages, each one skippable, all changeable later.

Why this shape: the routine is chosen by where the symptoms are and made safe by
a few yes/no answers (data/routine/profile.py, data/routine/selection.py).  One topic a page,
tick boxes instead of typing, a body map with large labelled areas, big Back /
Skip / Next buttons at thumb height, and the red flags as a step of their own.
Opened again later (from My routine or Settings) it starts from the saved answers.

The screen draws the page the core works out from the draft (data/screens/setup.py)
and hands every tap to one rule there: Skip leaves a page's answers as they were
(unanswered the first time); Next on a page of yes/no questions counts the unticked
ones as "no".
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.models import Side
from data.routine.profile import Cause, SkinArea, Zone
from data.screens.setup import (
    SetupDraft,
    SetupPage,
    flip_cause,
    flip_skin,
    flip_yes_no,
    flip_zone,
    go_to,
    leave_setup,
    next_page,
    open_setup,
    save_answers,
    setup_page,
    skip,
)
from scheduler.settings_screen import set_time, settings_summary
from views import theme
from views.context import use_services, use_ui_state
from views.safety import red_flag_cards
from views.settings import time_button, time_picker
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

SKIN_LABELS = {
    SkinArea.HAND: ("Left hand", "Right hand"),
    SkinArea.ARM: ("Left arm", "Right arm"),
    SkinArea.LEG: ("Left leg", "Right leg"),
    SkinArea.FOOT: ("Left foot", "Right foot"),
    SkinArea.NECK: ("Neck, left", "Neck, right"),
    SkinArea.LOW_BACK: ("Low back, left", "Low back, right"),
}

Change = Callable[[Callable[[SetupDraft], SetupDraft]], None]  # apply one core rule to the draft


def _yes_no(label: str, page: SetupPage, question: str, change: Change, note: str = "") -> list[ft.Control]:
    out = [toggle(label, question in page.ticked, lambda: change(lambda d: flip_yes_no(d, question)))]
    if note:
        out.append(ft.Text(note, size=theme.SMALL, color=ft.Colors.ON_SURFACE_VARIANT))
    return out


def _body_map(picture: tuple[str, int, dict[Zone, tuple[int, int, int]]], page: SetupPage, change: Change
              ) -> ft.Control:
    src, height, spots = picture
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
                            zone.label, zone in page.zones, lambda z=zone: change(lambda d: flip_zone(d, z)),
                            width=width))
                        for zone, (left, top, width) in spots.items()
                    ),
                ],
            )
        ],
        alignment=ft.MainAxisAlignment.CENTER,
    )


def _where(page: SetupPage, change: Change) -> list[ft.Control]:
    return [
        heading("Where do you feel it?"),
        body("Tap each place where you feel numbness, tingling, burning or pain, on one side or both. "
             "Tap it again to undo."),
        heading("Hands and arms", theme.BODY + 2),
        _body_map(ARM_MAP, page, change),
        heading("Feet and legs", theme.BODY + 2),
        _body_map(LEG_MAP, page, change),
    ]


def _spine(page: SetupPage, change: Change) -> list[ft.Control]:
    return [
        heading("Neck or low back"),
        body("Sometimes the trouble starts higher up: a nerve is squeezed where it leaves the spine, in "
             "the neck or in the low back. Doctors call this nerve compression. You may have heard it "
             "called a trapped or pinched nerve, or sciatica."),
        body("Has a doctor told you that you have this?", bold=True),
        *_yes_no("Yes, in my neck", page, "neck_compression", change),
        *_yes_no("Yes, in my low back", page, "low_back_compression", change),
        body("If not, or if you are not sure, leave both unticked."),
    ]


def _cause(page: SetupPage, change: Change) -> list[ft.Control]:
    return [
        heading("What causes it?"),
        body("If you know what causes your neuropathy, tick it. You can tick more than one."),
        *(toggle(c.label, c in page.causes, lambda c=c: change(lambda d: flip_cause(d, c))) for c in Cause),
        body("Your points are chosen by where you feel it, not by the cause, so this answer does not "
             "change your routine."),
    ]


def _safety(page: SetupPage, change: Change) -> list[ft.Control]:
    return [
        heading("Keeping you safe"),
        body("Tick each one that is true for you now. Each one changes which points are used, or how "
             "firmly to press."),
        *_yes_no("I am pregnant, or I might be", page, "pregnant_or_maybe", change),
        *_yes_no("I take blood thinners, or I bruise or bleed easily", page, "bleeding_risk", change),
        *_yes_no("I have a foot ulcer now, have had one before, or have Charcot foot", page,
                 "foot_ulcer_or_charcot", change,
                 "Charcot foot: the bones of the foot weaken and change shape. Your foot nurse or doctor "
                 "will have told you if you have it."),
        *_yes_no("I find it hard to feel how firmly I press", page, "reduced_feeling", change,
                 "For example because your fingertips are numb. A helper, or your other hand, can then "
                 "judge the pressure for you."),
    ]


def _skin(page: SetupPage, change: Change) -> list[ft.Control]:
    rows: list[ft.Control] = []
    for area in SkinArea:
        rows += [
            heading(area.label, theme.BODY + 2),
            ft.Row(
                [
                    toggle(label, (area, side) in page.skin,
                           lambda a=area, s=side: change(lambda d: flip_skin(d, a, s)), expand=True)
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
    draft, set_draft = ft.use_state(lambda: open_setup(store))
    picking, set_picking = ft.use_state(None)  # the reminder time being chosen: a Slot value
    page = setup_page(store, draft, services.now().date())
    reminders = settings_summary(services.reminders, store)

    def picked(e: ft.Event) -> None:
        if picking in reminders.times and e.control.value is not None:
            set_time(services.reminders, picking, e.control.value)
            ui.data_changed()
        set_picking(None)

    ft.use_dialog(time_picker(reminders.times[picking], picked, lambda e: set_picking(None))
                  if picking in reminders.times else None)

    def change(rule: Callable[[SetupDraft], SetupDraft]) -> None:
        set_draft(rule(draft))

    def save(e) -> None:
        set_draft(save_answers(store, draft, services.now().date()))
        ui.data_changed()

    def not_now(e) -> None:
        if leave_setup(store, draft):
            ui.data_changed()
        go("/")

    bottom = None
    if page.name == "welcome":
        controls = [
            heading("Make the routine yours"),
            body("A few short questions, about 2 minutes. Your answers choose points for where you feel "
                 "your symptoms, and leave out any point that may not be safe for you."),
            body("You can skip any question and change your answers later in My routine. Your answers "
                 "stay on this phone."),
            action_button(page.begin_label, lambda e: change(lambda d: go_to(d, 1)),
                          icon=ft.Icons.ARROW_FORWARD_ROUNDED, main=True, wide=True),
            action_button(page.leave_label, not_now, outlined=True, wide=True),
        ]
    elif page.name == "done":
        controls = [
            heading("Your routine is ready"),
            card(page.ready_lines, Tone.GOOD),
            # The reminder times, asked here rather than set silently: tap a time to change it.
            heading("When should we remind you?", theme.BODY + 2),
            body("A reminder comes each morning and each evening. Tap a time to change it; you can also "
                 "change it later in Settings."),
            *(time_button(slot.time_label, slot.time, lambda e, key=slot.slot.value: set_picking(key))
              for slot in reminders.slots),
            action_button("See my routine", lambda e: go("/routine"), icon=ft.Icons.LIST_ALT_ROUNDED,
                          main=True, wide=True),
            action_button("Back to Today", lambda e: go("/"), icon=ft.Icons.HOME_ROUNDED, outlined=True,
                          wide=True),
        ]
    else:
        content = {
            "where": lambda: _where(page, change),
            "spine": lambda: _spine(page, change),
            "cause": lambda: _cause(page, change),
            "safety": lambda: _safety(page, change),
            "skin": lambda: _skin(page, change),
            "red_flags": _red_flags,
        }[page.name]()
        controls = [
            ft.Semantics(live_region=True, content=ft.Text(page.step_words, size=theme.SMALL,
                                                            weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY)),
            *content,
        ]
        buttons = [action_button("Back", lambda e: change(lambda d: go_to(d, d.page - 1)),
                                 icon=ft.Icons.ARROW_BACK_ROUNDED, outlined=True, expand=True)]
        if page.saves_here:
            buttons.append(action_button("Save my answers", save, icon=ft.Icons.CHECK_ROUNDED, primary=True,
                                         expand=2))
        else:
            buttons += [
                action_button("Skip", lambda e: change(skip), expand=True),
                action_button("Next", lambda e: change(next_page), icon=ft.Icons.ARROW_FORWARD_ROUNDED,
                              primary=True, expand=True),
            ]
        bottom = ft.BottomAppBar(
            height=theme.MAIN_TAP + 24,
            padding=ft.Padding.symmetric(horizontal=12, vertical=10),
            content=ft.Row(buttons, spacing=10),
        )
    return page_view("/setup", page.screen_title, controls, bottom=bottom, back=False, page_key=page.name)
