"""The shipped sound clips, checked as a listener would as far as a machine can (tools/check_audio_cues.py).

Levels, length and silence always (needs sox, as the clips' generator does); the words
only where the `pocketsphinx` package is installed (it is not a dependency of the
project: a large download for a check that only matters when the clips are remade).
"""
from __future__ import annotations

import importlib.util
import shutil

import pytest

from data.routine.cues import all_clips
from tools.check_audio_cues import Levels, check_all, judge, side_of, words_of

needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")
needs_recogniser = pytest.mark.skipif(importlib.util.find_spec("pocketsphinx") is None,
                                      reason="pocketsphinx is not installed")


def test_the_rules_find_a_wrong_side_missing_words_and_bad_levels():
    clip = next(c for c in all_clips() if c.src.endswith("sides/left-hand.mp3"))
    good = Levels(1.8, -3.4, -15.0, 0, 0.1, 0.1)
    assert judge(clip, good, "now the left hand").problems == ()
    assert judge(clip, good, "now the left-hand").problems == ()
    assert "the other side 'right' was heard" in judge(clip, good, "now the right hand").problems
    assert any("only" in p for p in judge(clip, good, "left").problems)
    loud = judge(clip, Levels(1.8, -0.1, -10.0, 12, 0.5, 0.1), None).problems
    assert any("clipped" in p for p in loud) and any("headroom" in p for p in loud)
    assert any("silence" in p for p in loud)
    assert words_of("Left hand. L I 4. In the web.") == ["left", "hand", "in", "the", "web"]
    assert side_of("Right side of the spine. B L 10.") == "right" and side_of("Session complete.") is None


@needs_sox
def test_every_clip_is_loud_enough_never_clipped_and_starts_at_once():
    failed = [(v.clip.src, v.problems) for v in check_all(words=False) if v.problems]
    assert not failed, failed


SIDE_CLIPS = [c for c in all_clips() if "/sides/" in c.src]


@needs_sox
@needs_recogniser
@pytest.mark.parametrize("clip", SIDE_CLIPS, ids=lambda c: c.src.rsplit("/", 1)[-1])
def test_a_recogniser_hears_the_side_said(clip):
    (verdict,) = check_all([clip])
    assert verdict.problems == (), (verdict.heard, verdict.problems)
