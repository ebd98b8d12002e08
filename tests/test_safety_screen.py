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


def test_every_red_flag_of_domain_section_5_is_reachable_from_the_safety_tab_and_the_players_sheet(monkeypatch):
    """Both screens as the app routes them, and the player's Safety button going to the sheet."""
    import views.widgets
    from tests.test_health_safety import SECTION_5_FLAGS
    from views.app import ROUTES
    from views.safety import SafetyScreen, SafetySheet

    routes = {r.path: r.component for r in ROUTES}
    assert routes["safety"] is SafetyScreen and routes["safety-sheet"] is SafetySheet
    gone: list[str] = []
    monkeypatch.setattr(views.widgets, "go", gone.append)
    views.widgets.safety_action().on_click(None)  # the button in the player's top bar
    assert gone == ["/safety-sheet"]
    for screen in (SafetyScreen, SafetySheet):
        page = "\n".join(texts(screen.__wrapped__()))
        for words, urgency in SECTION_5_FLAGS:
            flag = next(f for f in RED_FLAGS if all(w.lower() in f.signs.lower() for w in words))
            assert flag.signs in page and urgency.value in page, (screen, words)
        for line in STOP_AND_SIT:
            assert line in page
        assert "dizzy" in page and "blood sugar" in page
