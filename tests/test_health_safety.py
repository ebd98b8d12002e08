"""Red flags, the stop list, falls advice and side-effect advice (data/health/safety.py)
against domain.md sections 2 and 5: every red flag present, dizziness answered with "stop"."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from data.health.safety import (
    FALLS_ADVICE,
    FIRM_NEVER_PAINFUL,
    PRESSING_RULES,
    RED_FLAGS,
    SIDE_EFFECT_ADVICE,
    STOP_AND_SIT,
    STOP_AND_SIT_AFTER,
    STOP_AND_SIT_TITLE,
    RedFlag,
    Urgency,
    side_effect_advice,
)
from data.journal.checkins import SideEffectKind

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Each red flag of domain.md (sections 2 and 5): words that must be in one flag, and its urgency.
SECTION_5_FLAGS = [
    (("climbs up", "breathing or swallowing"), Urgency.EMERGENCY),  # Guillain-Barre pattern
    (("sudden weakness", "speech"), Urgency.EMERGENCY),
    (("back pain", "bowels", "between the legs"), Urgency.EMERGENCY),  # cauda equina
    (("wound on your foot", "fever or feel unwell"), Urgency.TODAY),
    (("redness", "spreading"), Urgency.TODAY),
    (("turning black",), Urgency.TODAY),
    (("cold, pale and painful",), Urgency.TODAY),
    (("hot, swollen", "no wound"), Urgency.WORKING_DAY),
    (("new sore, blister",), Urgency.SOON),
    (("chemotherapy", "worse"), Urgency.BEFORE_NEXT_DOSE),
    (("drops or drags", "tripping", "fall"), Urgency.SOON),
    (("weakness or clumsiness in an arm",), Urgency.SOON),
]


def flag_with(words: tuple[str, ...]) -> RedFlag:
    found = [f for f in RED_FLAGS if all(w.lower() in f.signs.lower() for w in words)]
    assert len(found) == 1, (words, found)
    return found[0]


@pytest.mark.parametrize("words, urgency", SECTION_5_FLAGS)
def test_every_red_flag_of_the_domain_is_in_the_core_list(words, urgency):
    assert flag_with(words).urgency is urgency


def test_the_hot_swollen_foot_says_to_keep_weight_off_it():
    assert "keep your weight off" in flag_with(("hot, swollen",)).advice.lower()


def test_new_red_flags_carry_their_source():
    for words, _ in SECTION_5_FLAGS[3:11]:
        assert flag_with(words).source, words


def test_same_day_flags_are_shown_as_urgent():
    assert Urgency.EMERGENCY.urgent and Urgency.TODAY.urgent
    assert not any(u.urgent for u in (Urgency.WORKING_DAY, Urgency.BEFORE_NEXT_DOSE, Urgency.SOON))


def test_one_stop_and_sit_list():
    text = " ".join((STOP_AND_SIT_TITLE, *STOP_AND_SIT)).lower()
    assert STOP_AND_SIT_TITLE == "Stop and sit down if you:"
    for sign in ("dizzy", "faint", "shaky", "sweaty", "confused", "pain", "skin"):
        assert sign in text, sign
    assert "diabetes" in text and "blood sugar" in text
    assert "nerve damage" in STOP_AND_SIT_AFTER and "ADA" in STOP_AND_SIT_AFTER


def test_falls_advice():
    text = " ".join(FALLS_ADVICE).lower()
    assert "steady chair" in text and "stand up slowly" in text
    assert "ki1" in text and "sitting down" in text
    assert "winters-stone" in text


def test_the_dizziness_advice_says_to_stop_sit_check_sugar_and_talk_to_a_clinician():
    advice = side_effect_advice(SideEffectKind.DIZZINESS).lower()
    assert advice.startswith("stop")
    assert "sit down" in advice and "blood sugar" in advice and "diabetes" in advice
    assert "happens again" in advice and "doctor or nurse" in advice
    assert "press more lightly" not in advice and "lightly" not in advice


def test_every_side_effect_kind_has_advice():
    assert set(SIDE_EFFECT_ADVICE) == {k.value for k in SideEffectKind}
    for kind in SideEffectKind:
        assert side_effect_advice(kind) == SIDE_EFFECT_ADVICE[kind.value]
    assert side_effect_advice("something new") == SIDE_EFFECT_ADVICE["other"]


def test_one_pressure_message():
    assert FIRM_NEVER_PAINFUL in PRESSING_RULES[0]
    assert any("fistula" in r and "lymphoedema" in r for r in PRESSING_RULES)


def _all_texts() -> list[str]:
    out = [*STOP_AND_SIT, STOP_AND_SIT_AFTER, *FALLS_ADVICE, *PRESSING_RULES, *SIDE_EFFECT_ADVICE.values()]
    for f in RED_FLAGS:
        out += [f.signs, f.advice]
    return out


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the project")
def test_written_in_our_own_words():
    """No run of 8 words is copied from domain.md or the seed texts."""
    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", text.lower())

    run = 8
    copied = set()
    for path in [SHARED / "domain.md", *sorted((SHARED / "seeds").glob("*.txt"))]:
        w = words(path.read_text(encoding="utf-8"))
        copied |= {tuple(w[i:i + run]) for i in range(len(w) - run + 1)}
    for text in _all_texts():
        w = words(text)
        assert not [w[i:i + run] for i in range(len(w) - run + 1) if tuple(w[i:i + run]) in copied], text


# --- the daily foot check: each finding leads to its red flags -------------------------------------


def test_every_foot_check_finding_leads_to_its_red_flags():
    from data.health.safety import FOOT_FINDING_FLAGS, foot_finding_flags
    from data.journal.footchecks import Finding

    assert set(FOOT_FINDING_FLAGS) == {f.value for f in Finding}
    same_day, working_day, soon = flag_with(("turning black",)), flag_with(("hot, swollen",)), flag_with(
        ("new sore, blister",))
    assert foot_finding_flags(["new_sore"]) == (same_day, soon)  # with a fever it is same-day
    assert foot_finding_flags(["blister"]) == (same_day, soon)
    assert foot_finding_flags(["redness"]) == (same_day, working_day)  # spreading, or without a wound
    assert foot_finding_flags(["swelling"]) == foot_finding_flags(["heat"]) == (working_day,)
    assert foot_finding_flags(["colour_change"]) == (same_day,)  # black skin, a cold pale foot
    assert foot_finding_flags(["heat", "new_sore", "colour_change"]) == (same_day, working_day, soon)
    assert foot_finding_flags([]) == foot_finding_flags(["unknown"]) == ()
    for flag in (same_day, working_day, soon):
        assert flag in RED_FLAGS and flag.source


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the project")
def test_the_foot_check_guide_is_in_our_own_words_and_sourced():
    from data.health.footcare import FOOT_CHECK_SOURCE, FOOT_CHECK_STEPS, FOOT_CHECK_WHY, LOOK_FOR

    texts = [FOOT_CHECK_WHY, LOOK_FOR, *(s.words for s in FOOT_CHECK_STEPS)]
    run = 8
    copied = set()
    for path in [SHARED / "domain.md", *sorted((SHARED / "seeds").glob("*.txt"))]:
        w = re.findall(r"[a-z0-9]+", path.read_text(encoding="utf-8").lower())
        copied |= {tuple(w[i:i + run]) for i in range(len(w) - run + 1)}
    for text in texts:
        w = re.findall(r"[a-z0-9]+", text.lower())
        assert not [w[i:i + run] for i in range(len(w) - run + 1) if tuple(w[i:i + run]) in copied], text
    guide = " ".join(texts).lower()
    for part in ("top of each foot", "sole", "between", "heel", "mirror", "back of your hand", "warmer"):
        assert part in guide, part
    assert "IWGDF" in FOOT_CHECK_SOURCE and "NG19" in FOOT_CHECK_SOURCE
