"""Every red flag, the stop-and-sit list and the general cautions are on the Safety tab and on the
Safety sheet the player opens (both are built by views.safety.safety_controls)."""
import flet as ft

from data.health.safety import FALLS_ADVICE, RED_FLAGS, STOP_AND_SIT, Urgency
from data.routine.catalog import GENERAL_CAUTIONS
from views.safety import safety_controls


def texts(control) -> list[str]:
    """Every text shown by a tree of controls."""
    found = [control.value] if isinstance(control, ft.Text) and isinstance(control.value, str) else []
    for child in [getattr(control, "content", None), *(getattr(control, "controls", None) or [])]:
        if isinstance(child, ft.Control):
            found += texts(child)
    return found


def shown() -> str:
    return "\n".join(t for c in safety_controls() for t in texts(c))


def test_every_red_flag_with_its_urgency_advice_and_source_is_shown():
    page = shown()
    for flag in RED_FLAGS:
        assert flag.signs in page and flag.urgency.value in page
        assert flag.advice in page and (not flag.source or f"Source: {flag.source}" in page)
    assert {Urgency.TODAY, Urgency.WORKING_DAY, Urgency.BEFORE_NEXT_DOSE} <= {f.urgency for f in RED_FLAGS}


def test_stop_and_sit_comes_first_then_cautions_and_falls():
    page = shown()
    assert page.index(STOP_AND_SIT[0]) < page.index(RED_FLAGS[0].signs)  # what to do at once, first
    for line in (*STOP_AND_SIT, *GENERAL_CAUTIONS, *FALLS_ADVICE):
        assert line in page
