"""Looking after hands and feet, and what is known about acupressure: two reading pages linked from Safety.

Why: pressing points is a small part of living with neuropathy, and people deserve
to know how much (or how little) it is known to help.  The words live in
data/health/selfcare.py, where they are tested; these screens only lay them out.
"""
from __future__ import annotations

import flet as ft

from data.health.selfcare import EVIDENCE, EVIDENCE_SUMMARY, Topic
from data.screens.reading import self_care_guide
from views import theme
from views.context import use_services, use_ui_state
from views.shell import go
from views.widgets import Tone, action_button, body, card, heading, page_view


def topic_card(topic: Topic) -> ft.Control:
    lines = [*topic.lines, f"Source: {topic.source}"] if topic.source else list(topic.lines)
    return card(lines, Tone.PLAIN, title=topic.title)


@ft.component
def SelfCareScreen() -> ft.View:
    services = use_services()
    ui = use_ui_state()
    topics = ft.use_memo(lambda: self_care_guide(services.store), [ui.revision])
    return page_view(
        "/selfcare",
        "Hands and feet",
        [
            body("Simple habits that protect numb hands and feet, alongside the care your doctor or nurse gives "
                 "you."),
            *(topic_card(topic) for topic in topics),
            action_button("Does acupressure help? What is known", lambda e: go("/evidence"),
                          icon=ft.Icons.MENU_BOOK_OUTLINED),
        ],
        modal=True,
    )


@ft.component
def EvidenceScreen() -> ft.View:
    findings: list[ft.Control] = []
    for finding in EVIDENCE:
        findings += [
            heading(finding.title, theme.BODY + 2),
            body(finding.text),
            ft.Column(
                [ft.Text("Sources:", size=theme.SMALL, weight=ft.FontWeight.BOLD),
                 *(ft.Text(f"• {s.citation}", size=theme.SMALL) for s in finding.sources)],
                spacing=4,
            ),
        ]
    return page_view(
        "/evidence",
        "What is known",
        [
            card(EVIDENCE_SUMMARY, Tone.INFO, title="In short"),
            heading("The studies"),
            *findings,
        ],
        modal=True,
    )
