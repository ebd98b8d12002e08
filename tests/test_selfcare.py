"""Sanity checks on the self-care guide and the evidence page (data/health/selfcare.py): honest, sourced, our own words."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from data.health.selfcare import EVIDENCE, EVIDENCE_SUMMARY, SELF_CARE

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
OVERCLAIMS = ("cure", "cures", "cured", "curing", "miracle", "guarantee", "guaranteed", "reverse", "reverses",
              "regenerate", "regenerates", "heals", "is proven", "are proven", "clinically proven", "eliminates",
              "permanent relief")
DOSES = re.compile(r"\d\s*(mg|mcg|µg|iu|micrograms?|milligrams?)\b", re.IGNORECASE)


def all_texts() -> list[str]:
    out = [*EVIDENCE_SUMMARY]
    for topic in SELF_CARE:
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
