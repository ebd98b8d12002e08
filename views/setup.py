"""First-run questions that make the routine yours: a few short pages, each one skippable, all changeable later.

Why this shape: the routine is chosen by where the symptoms are and made safe by
a few yes/no answers (data/routine/profile.py, data/routine/selection.py).  One topic a page,
tick boxes instead of typing, a body map with large labelled areas, big Back /
Skip / Next buttons at thumb height, and the red flags as a step of their own.
Opened again later (from My routine or Settings) it starts from the saved answers.

The screen draws the page the core works out from the draft (data/screens/setup.py)
and hands every tap to one rule there: Skip leaves a page's answers as they were
(unanswered the first time); Next on a page of yes/no questions counts the unticked
ones as "no".  The screening questions of the second safety review share one page, each
answered with three large buttons (Yes, No, Not sure / skip) and, where needed, a
follow-up (which arm; where an amputation was) that appears under a "Yes".
"""
from __future__ import annotations

from collections.abc import Callable

import flet as ft

from data.models import Side
from data.routine.profile import BodySide, Cause, SkinArea, Zone
from data.screens.setup import (
    AMPUTATION_AREAS,
    Choice,
    SetupDraft,
    SetupPage,
    choose,
    choose_arm,
    flip_amputation,
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
from data.screens.spots import SPOTS_ROUTE
from scheduler.settings_screen import choose_time, settings_summary
from views import theme
from views.context import use_services, use_ui_state
from views.safety import red_flag_cards
from views.saving import not_saved
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
PALM_MAP = ("bodymap/palm.svg", 300, {
    Zone.PALM_INNER_FOREARM: (120, 131, 220),
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

AMPUTATION_LABELS = {
    SkinArea.HAND: ("Left hand or fingers", "Right hand or fingers"),
    SkinArea.ARM: ("Left arm", "Right arm"),
    SkinArea.FOOT: ("Left foot or toes", "Right foot or toes"),
    SkinArea.LEG: ("Left leg", "Right leg"),
}
CHOICE_WORDS = {Choice.YES: "Yes", Choice.NO: "No", Choice.NOT_SURE: "Not sure / skip"}
ARM_WORDS = {BodySide.LEFT: "Left arm", BodySide.RIGHT: "Right arm", BodySide.BOTH: "Both arms"}

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
        _body_map(PALM_MAP, page, change),
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


def _pick(label: str, name: str, on: bool, tap: Callable[[], None]) -> ft.Control:
    """One large answer button of a group; read as e.g. "Dialysis fistula: No, selected"."""
    fg = ft.Colors.ON_PRIMARY if on else ft.Colors.ON_SURFACE
    return ft.Semantics(
        container=True,
        button=True,
        selected=on,
        value="selected" if on else "not selected",
        expand=True,
        content=ft.Container(
            padding=ft.Padding.symmetric(horizontal=8, vertical=14),  # 20 px words + 28: over 48 px tall
            border_radius=16,
            bgcolor=ft.Colors.PRIMARY if on else ft.Colors.SURFACE,
            border=ft.Border.all(2, ft.Colors.PRIMARY if on else ft.Colors.OUTLINE),
            ink=True,
            on_click=lambda e: tap(),
            # The name says the question too: "Yes" alone would be ambiguous to a screen reader.
            content=ft.Text(label, semantics_label=name, size=theme.BODY, weight=ft.FontWeight.W_600,
                            color=fg, text_align=ft.TextAlign.CENTER),
        ),
    )


def _row(controls: list[ft.Control]) -> ft.Control:
    return ft.Row(controls, spacing=8, vertical_alignment=ft.CrossAxisAlignment.START)


def _question(topic: str, words: str, note: str, page: SetupPage, question: str, change: Change
              ) -> list[ft.Control]:
    """A question with Yes / No / Not sure / skip; ``topic`` names its buttons for screen readers."""
    now = page.choices[question]
    out: list[ft.Control] = [body(words, bold=True)]
    if note:
        out.append(ft.Text(note, size=theme.SMALL, color=ft.Colors.ON_SURFACE_VARIANT))
    out.append(_row([
        _pick(CHOICE_WORDS[c], f"{topic}: {CHOICE_WORDS[c]}", now is c,
              lambda c=c: change(lambda d: choose(d, question, c)))
        for c in Choice
    ]))
    return out


def _which_arm(topic: str, page: SetupPage, question: str, change: Change) -> list[ft.Control]:
    if page.choices[question] is not Choice.YES:
        return []
    return [
        body("Which arm?"),
        _row([
            _pick(ARM_WORDS[arm], f"{topic}: {ARM_WORDS[arm]}", page.arms[question] is arm,
                  lambda arm=arm: change(lambda d: choose_arm(d, question, arm)))
            for arm in BodySide
        ]),
    ]


def _where_amputated(page: SetupPage, change: Change) -> list[ft.Control]:
    if page.choices["amputation"] is not Choice.YES:
        return []
    rows: list[ft.Control] = [body("Where was it? Tick each place, or leave them all if you prefer not to say.")]
    for area in AMPUTATION_AREAS:
        rows.append(_row([
            toggle(label, (area, side) in page.amputation_places,
                   lambda a=area, s=side: change(lambda d: flip_amputation(d, a, s)), expand=True)
            for label, side in zip(AMPUTATION_LABELS[area], (Side.LEFT, Side.RIGHT))
        ]))
    return rows


def _health(page: SetupPage, change: Change) -> list[ft.Control]:
    return [
        heading("A few more safety questions"),
        # Not "the app then stays careful": only numb feet are treated as a "maybe"; the other answers
        # change nothing until they are "Yes".
        body("Each answer can leave out points, or make the pressure lighter. If you are not sure, tap "
             "\"Not sure / skip\" and ask your doctor or nurse: you can change your answers later."),
        *_question("Numb feet", "Are your feet numb, or can you not tell warm from cold water with them?", "",
                   page, "numb_feet", change),
        *_question("Leg circulation", "Has a doctor said the blood flow to your legs is poor?",
                   "Also called poor circulation or peripheral arterial disease.", page, "poor_leg_circulation",
                   change),
        *_question("Amputation", "Have you had an amputation, even of a toe or a finger?", "", page,
                   "amputation", change),
        *_where_amputated(page, change),
        *_question("Dialysis fistula", "Do you have a fistula or graft in an arm for kidney dialysis?",
                   "Nothing should press on that arm.", page, "fistula_arm", change),
        *_which_arm("Dialysis fistula", page, "fistula_arm", change),
        *_question("Lymphoedema", "Were you told an arm is at risk of lymphoedema (swelling)?",
                   "For example after lymph nodes were removed in breast cancer surgery. That arm is not "
                   "pressed.", page, "lymphoedema_arm", change),
        *_which_arm("Lymphoedema", page, "lymphoedema_arm", change),
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
    # The reminder times are asked on the last page only: the other pages' taps do not read them.
    reminders = settings_summary(services.reminders, store) if page.name == "done" else None
    times = reminders.times if reminders is not None else {}

    unsaved, set_unsaved = ft.use_state(None)  # a reminder time the phone could not save (Unsaved), to retry

    def picked(e: ft.Event) -> None:
        if picking in times and e.control.value is not None:
            set_unsaved(choose_time(services.reminders, times[picking], picking, e.control.value))
            ui.data_changed()
        set_picking(None)

    def try_again(e) -> None:
        set_unsaved(unsaved.try_again())
        ui.data_changed()

    ft.use_dialog(time_picker(times[picking], picked, lambda e: set_picking(None)) if picking in times else None)

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
            *([*not_saved(unsaved.words), action_button("Try again", try_again, icon=ft.Icons.REFRESH, primary=True,
                                                        wide=True)] if unsaved is not None else []),
            action_button("See my routine", lambda e: go("/routine"), icon=ft.Icons.LIST_ALT_ROUNDED,
                          main=True, wide=True),
            body("A place that feels tender or numb can be pressed too: mark it, and it joins your routine."),
            action_button("Mark a tender spot", lambda e: go(SPOTS_ROUTE), icon=ft.Icons.ADD_LOCATION_ALT_OUTLINED,
                          outlined=True, wide=True),
            action_button("Back to Today", lambda e: go("/"), icon=ft.Icons.HOME_ROUNDED, outlined=True,
                          wide=True),
        ]
    else:
        content = {
            "where": lambda: _where(page, change),
            "spine": lambda: _spine(page, change),
            "cause": lambda: _cause(page, change),
            "safety": lambda: _safety(page, change),
            "health": lambda: _health(page, change),
            "skin": lambda: _skin(page, change),
            "red_flags": _red_flags,
        }[page.name]()
        controls = [
            ft.Semantics(live_region=True, content=ft.Text(page.step_words, size=theme.SMALL,
                                                            weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY)),
            *content,
            *(not_saved(page.problem) if page.saves_here else []),
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
