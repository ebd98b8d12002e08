"""The reading pages (self-care guide, what is known): which advice a person is shown.

Why a screen module: the guide depends on the person's answers (never "walk more"
with a foot ulcer or Charcot foot), so the choice is made here, where it is tested,
and the page only lays the topics out.
"""
from __future__ import annotations

from data.health.selfcare import Topic, self_care_topics
from data.routine.profile import load_rules_profile


def self_care_guide(store) -> tuple[Topic, ...]:
    """The self-care topics for this person, from their answers and their newest questionnaire."""
    return self_care_topics(load_rules_profile(store).foot_ulcer_or_charcot)
