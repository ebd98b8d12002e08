"""Sanity checks on the self-care guide and the evidence page (data/health/selfcare.py): honest, sourced, our own words."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from data.health.selfcare import EVIDENCE, EVIDENCE_SUMMARY, SELF_CARE, self_care_topics

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
OVERCLAIMS = ("cure", "cures", "cured", "curing", "miracle", "guarantee", "guaranteed", "reverse", "reverses",
              "regenerate", "regenerates", "heals", "is proven", "are proven", "clinically proven", "eliminates",
              "permanent relief")
DOSES = re.compile(r"\d\s*(mg|mcg|µg|iu|micrograms?|milligrams?)\b", re.IGNORECASE)


def all_texts() -> list[str]:
    out = [*EVIDENCE_SUMMARY]
    for topic in dict.fromkeys((*SELF_CARE, *self_care_topics(True))):
        out += [topic.title, *topic.lines]
    for finding in EVIDENCE:
        out += [finding.title, finding.text]
    return out


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.parametrize("claim", OVERCLAIMS)
def test_no_overclaiming(claim):
    pattern = re.compile(rf"\b{re.escape(claim)}\b", re.IGNORECASE)
    assert not [t for t in all_texts() if pattern.search(t)]


def test_no_dosing_advice():
    assert not [t for t in all_texts() if DOSES.search(t)]


def test_every_finding_has_a_full_source():
    assert EVIDENCE
    for finding in EVIDENCE:
        assert finding.sources, finding.title
        for source in finding.sources:
            assert source.authors and source.journal, source
            assert source.year is None or 1990 <= source.year <= 2030, source
            if source.year is None:
                assert source.note, f"say why the year is missing: {source}"
            assert source.authors in source.citation and source.journal in source.citation


def test_summary_says_what_is_and_is_not_known():
    summary = " ".join(EVIDENCE_SUMMARY).lower()
    assert "low certainty" in summary
    assert "not been proven" in summary
    assert "alongside your medical treatment" in summary and "never in place of it" in summary


@pytest.mark.parametrize("needed", [
    ("top of each foot", "sole", "between every toe", "mirror", "someone"),
    ("37 °C", "elbow", "thermometer"),
    ("barefoot",),
    ("heat pad", "numb skin"),
    ("smoking", "alcohol"),
    ("supplements", "doctor or pharmacist"),
    ("walking",),
])
def test_the_guide_covers_the_essentials(needed):
    guide = " ".join(t for topic in SELF_CARE for t in (topic.title, *topic.lines))
    for phrase in needed:
        assert phrase.lower() in guide.lower(), phrase


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the project")
def test_written_in_our_own_words():
    """No run of 8 words is copied from domain.md or the seed texts."""
    run = 8
    sources = [SHARED / "domain.md", *sorted((SHARED / "seeds").glob("*.txt"))]
    copied = set()
    for path in sources:
        w = words(path.read_text(encoding="utf-8"))
        copied |= {tuple(w[i:i + run]) for i in range(len(w) - run + 1)}
    for text in all_texts():
        w = words(text)
        hits = [" ".join(w[i:i + run]) for i in range(len(w) - run + 1) if tuple(w[i:i + run]) in copied]
        assert not hits, hits


# --- Second review (domain.md section 5) ---------------------------------------------------


def guide(topics=SELF_CARE) -> str:
    return " ".join(t for topic in topics for t in (topic.title, *topic.lines)).lower()


def test_oxaliplatin_cold_sensitivity_and_more_heat_sources():
    text = guide()
    assert "oxaliplatin" in text and "cold drinks" in text and "gloves" in text and "fridge" in text
    for source in ("radiators", "open fires", "foot spa", "hot-water bottle"):
        assert source in text, source


@pytest.mark.parametrize("answer", [None, False])
def test_walking_advice_for_everyone_else_says_to_ask_first_with_an_ulcer(answer):
    topics = self_care_topics(answer)
    assert topics == SELF_CARE
    assert "walking" in guide(topics) and "ask your foot team before you walk more" in guide(topics)


def test_walk_more_is_never_shown_with_a_foot_ulcer_or_charcot_foot():
    topics = self_care_topics(True)
    text = guide(topics)
    assert "walking, cycling" not in text and "walk more" not in text
    assert "keep weight off" in text
    assert len(topics) == len(SELF_CARE)


def test_lifestyle_statements_carry_their_source():
    by_title = {t.title: t for t in (*SELF_CARE, *self_care_topics(True))}
    for title in ("Smoking and alcohol", "Keep up your medical care", "Look at your feet every day",
                  "Keep hands and feet warm, gently", "Cold after oxaliplatin", "Keep moving",
                  "Moving with a foot ulcer or Charcot foot"):
        assert by_title[title].source, title


def test_evidence_is_not_absolute_and_cites_only_known_authors_and_years():
    texts = " ".join((*EVIDENCE_SUMMARY, *(f.text for f in EVIDENCE)))
    assert "No trial has yet shown" not in texts
    assert "ear" in texts and "51 people" in texts
    sources = [src for f in EVIDENCE for src in f.sources]
    assert any(src.authors.startswith("Jung") and src.year == 2023 for src in sources)
    for src in sources:
        assert "McMaster" not in src.authors
        if src.year is None:  # only a registered trial, named by its registry number
            assert src.journal == "ClinicalTrials.gov" and src.authors.startswith("Trial NCT")


def test_the_daily_look_includes_feeling_for_heat_with_its_source():
    [topic] = [t for t in SELF_CARE if t.title == "Look at your feet every day"]
    text = " ".join(topic.lines).lower()
    assert "back of your hand" in text and "warmer" in text
    assert "IWGDF" in topic.source and "NG19" in topic.source
