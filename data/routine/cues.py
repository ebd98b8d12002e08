"""Which sound clips play at each cue of a session: a soft tone to notice, then words to follow.

Why: many people press with their eyes closed or the phone on a table, so each
cue of the player (start pressing, switch side, next point, finished) gets its
own short tone, and a new point or side is said aloud with the side first:
"Left hand. L I 4. In the web between thumb and index finger."

The words are written here once; tools/make_audio_cues.py speaks them into the
clip files under assets/audio.  The tests check that every clip is on disk, so
a missing file is a test failure, and at run time the player only skips it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from data.models import Side
from data.routine.catalog import POINTS, point
from data.routine.player import Cue, PlayStep
from data.routine.sides import side_words
from data.routine.sound_settings import SoundSettings
from data.routine.spot_sessions import spot_side_words
from data.routine.spots import TenderSpot

AUDIO_DIR = "audio"  # inside the app's assets folder
TONE_SECONDS_MAX = 1.5
"""Every tone ends within this time (the script checks it), so the words can follow it."""
SPOKEN_SECONDS_MAX = 6.5
"""Every spoken clip ends within this time (the script checks it): tone and words fit in the
default 8 seconds to find a new point."""


@dataclass(frozen=True)
class Clip:
    """One sound file: its path inside the assets folder and, for speech, the words it says."""

    src: str
    words: str = ""  # empty for a tone

    @property
    def spoken(self) -> bool:
        return bool(self.words)


TONES: Mapping[Cue, Clip] = MappingProxyType({c: Clip(f"{AUDIO_DIR}/tones/{c.value}.mp3") for c in Cue})

COMPLETE = Clip(f"{AUDIO_DIR}/spoken/session-complete.mp3", "Session complete. Well done.")
STOPPED = Clip(f"{AUDIO_DIR}/spoken/session-stopped.mp3", "Session stopped. What you did is saved.")

# Where each point is, in a few words for the ear (the screen shows the full steps).
WHERE: Mapping[str, str] = MappingProxyType({
    "LI4": "In the web between thumb and index finger.",
    "LI10": "On the thumb side of the forearm, three fingers below the elbow.",
    "LI11": "At the outer end of the elbow crease.",
    "TE5": "On the back of the forearm, three fingers above the wrist.",
    "PC6": "On the inner forearm, three fingers above the wrist crease.",
    "PC7": "In the middle of the inner wrist crease, between the two cords.",
    "HT7": "On the inner wrist crease, at the little finger side.",
    "EX-UE9": "Baxie. The four webs between the fingers, on the back of the hand.",
    "ST36": "Four fingers below the kneecap, beside the shinbone.",
    "GB34": "Below the knee, in front of the bony knob on the outer leg.",
    "GB39": "Four fingers above the outer ankle bone.",
    "SP9": "Below the knee, under the bony bulge on the inner leg.",
    "SP6": "Four fingers above the inner ankle bone, behind the shinbone.",
    "ST41": "On the front of the ankle, in the hollow at the crease.",
    "BL60": "In the hollow between the outer ankle bone and the heel cord.",
    "KI3": "In the hollow between the inner ankle bone and the heel cord.",
    "LR3": "On top of the foot, between the big toe and second toe bones.",
    "EX-LE10": "Bafeng. The four webs between the toes, on top of the foot.",
    "KI1": "In the deepest hollow at the front of the sole.",
    "BL10": "At the back of the neck, just under the skull.",
    "GV14": "Just below the biggest bump at the base of the neck.",
    "SI15": "Upper back, three fingers from the spine.",
    "GV3": "Low on the back, level with the tops of the hip bones.",
    "BL32": "Just above the buttocks, beside the middle.",
})

_CHANNEL_CODE = re.compile(r"([A-Z]+)(\d+)")


def spoken_code(code: str) -> str:
    """A channel code as it should be said, letter by letter: "LI4" -> "L I 4".

    Extra points ("EX-UE9") have no sayable code; their words name them instead.
    """
    m = _CHANNEL_CODE.fullmatch(code)
    return f"{' '.join(m.group(1))} {m.group(2)}" if m else ""


def _slug(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")


def point_clip(code: str, side: Side) -> Clip:
    """The words for a new point: side first, then the point and where it is.

    "The left ankle", not "Left ankle": said alone, the synthetic voice runs the two words
    together, and a speech recogniser heard "let him go" and "Brian" (tools/check_audio_cues.py).
    """
    name = spoken_code(code)
    parts = [f"The {_in_a_sentence(side_words(point(code), side))}.", f"{name}." if name else "", WHERE[code]]
    return Clip(f"{AUDIO_DIR}/spoken/points/{code}-{side.value}.mp3", " ".join(w for w in parts if w))


def side_clip(code: str, side: Side) -> Clip:
    """The words for the same point on the other side: "Now, the right hand." (the comma keeps it clear)."""
    return _side_clip(side_words(point(code), side))


def _in_a_sentence(words: str) -> str:
    """Side words as said after "the": "Left hand" -> "left hand"."""
    return f"{words[0].lower()}{words[1:]}"


def _side_clip(words: str) -> Clip:
    return Clip(f"{AUDIO_DIR}/spoken/sides/{_slug(words)}.mp3", f"Now, the {_in_a_sentence(words)}.")


def spot_clip(spot: TenderSpot) -> Clip:
    """The words for a tender spot: its side and body part ("Now, the left arm."), from the side clips.

    No clip can say the name the person typed (the clips are made ahead of time), so
    the screen shows it; the ear still hears where to go.
    """
    return _side_clip(spot_side_words(spot))


def all_clips() -> tuple[Clip, ...]:
    """Every clip the catalog can call for, each once, in a stable order (for the script and tests)."""
    clips: dict[str, Clip] = {c.src: c for c in TONES.values()}
    for p in POINTS:
        for side in p.sides:
            for clip in (point_clip(p.code, side), side_clip(p.code, side)):
                clips.setdefault(clip.src, clip)
    for c in (COMPLETE, STOPPED):
        clips[c.src] = c
    return tuple(clips.values())


def clips_for(
    cues: Sequence[Cue], step: PlayStep, went_through: bool, settings: SoundSettings,
    spot: TenderSpot | None = None,
) -> tuple[Clip, ...]:
    """The clips to play, in order, for the cues one tick of the player returned.

    `step` is the player's current step after those cues (the new point or side);
    `went_through` says whether a finished session ran to its end or was stopped.
    One tone (the last cue's), then at most one spoken clip: a new point wins over
    a side switch, so a long gap never leaves the person without the point's words.
    ``spot``: the tender spot ``step`` is on, when it is one (``spot_clip`` says its side).
    An unknown point code (or a spot not given) gets the tone only: sound never stops a session.
    """
    if not cues:
        return ()
    words: Clip | None = None
    try:
        if Cue.FINISHED in cues:
            words = COMPLETE if went_through else STOPPED
        elif spot is not None and spot.code == step.point_code and (Cue.NEXT_POINT in cues or
                                                                     Cue.SWITCH_SIDE in cues):
            words = spot_clip(spot)
        elif Cue.NEXT_POINT in cues:
            words = point_clip(step.point_code, step.side)
        elif Cue.SWITCH_SIDE in cues:
            words = side_clip(step.point_code, step.side)
    except KeyError:
        words = None
    tone = TONES[Cue.FINISHED if Cue.FINISHED in cues else cues[-1]]
    return tuple(c for c, on in ((tone, settings.tones), (words, settings.voice)) if c is not None and on)


def opening_clips(step: PlayStep, settings: SoundSettings, spot: TenderSpot | None = None) -> tuple[Clip, ...]:
    """What plays as the session begins: the first point, as for any new point."""
    return clips_for((Cue.NEXT_POINT,), step, False, settings, spot)


def sample_clips(settings: SoundSettings) -> tuple[Clip, ...]:
    """What "Try the sound" in Settings plays: a new point's tone and words (the catalog's first point)."""
    first = POINTS[0]
    return opening_clips(PlayStep(first.code, first.sides[0], 0, 1, True), settings)
