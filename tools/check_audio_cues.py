"""Check the session's sound clips as a listener would, as far as a machine can: levels, length, silence, words.

Why: "listen to the clips before calling it done" cannot be done by a person on
the build machine, so the nearest measurable things are checked instead, on the
shipped MP3s themselves (decoded with sox, as tools/make_audio_cues.py uses):

- loudness: peak and RMS level in dBFS, and no clipped samples;
- length within data/routine/cues.py's limits, and a short silence at each end
  (a clip that starts late sounds out of step with the screen's pulse; one cut
  off at the start loses its first word);
- words (spoken clips only, when the `pocketsphinx` package is installed: it
  ships a small US English model and runs offline): the clip is transcribed and
  must name the right side (never the other one) and enough of its own words.
  Letter codes ("L I 4") and numbers are left out of the score: a general
  English recogniser spells them in too many ways to judge.

Run: python tools/check_audio_cues.py   (exit status 1 when a clip fails; the report goes to stdout)
"""
from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from data.routine.cues import SPOKEN_SECONDS_MAX, TONE_SECONDS_MAX, Clip, all_clips  # noqa: E402

ASSETS = ROOT / "assets"
RATE = 16000  # what the recogniser's model expects; levels are measured at the same rate
FULL = 32768
CLIPPED = 0.99  # a sample at 99 % of full scale or more counts as clipped
QUIETEST_RMS_DB = -30.0  # quieter than this is hard to hear over a room at the player's volume
LOUDEST_PEAK_DB = -1.0
SILENCE_DB = -40.0  # below this a stretch counts as silence
EDGE_SILENCE_MAX = 0.25  # seconds of silence allowed before the first and after the last sound
MIN_WORDS_HEARD = 0.5  # share of the clip's own words (codes and numbers left out) the recogniser must hear
SIDES = ("left", "right", "middle")


@dataclass(frozen=True)
class Levels:
    seconds: float
    peak_db: float
    rms_db: float
    clipped: int  # samples at or above CLIPPED of full scale
    lead: float  # seconds of silence before the first sound
    tail: float  # seconds of silence after the last sound


def decode(mp3: Path) -> array:
    """The clip as 16-bit mono samples at RATE."""
    raw = subprocess.run(["sox", str(mp3), "-t", "raw", "-r", str(RATE), "-c", "1", "-b", "16",
                          "-e", "signed-integer", "-L", "-"], check=True, capture_output=True).stdout
    samples = array("h")
    samples.frombytes(raw)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _db(x: float) -> float:
    return 20 * math.log10(x) if x > 0 else -120.0


def levels(samples: array) -> Levels:
    n = len(samples)
    if n == 0:
        return Levels(0.0, -120.0, -120.0, 0, 0.0, 0.0)
    peak = max(abs(s) for s in samples) / FULL
    rms = math.sqrt(sum(s * s for s in samples) / n) / FULL
    loud = FULL * 10 ** (SILENCE_DB / 20)
    heard = [i for i, s in enumerate(samples) if abs(s) >= loud]
    lead = (heard[0] if heard else n) / RATE
    tail = (n - 1 - heard[-1] if heard else n) / RATE
    clipped = sum(1 for s in samples if abs(s) >= CLIPPED * FULL)
    return Levels(n / RATE, _db(peak), _db(rms), clipped, lead, tail)


def words_of(text: str) -> list[str]:
    """The words a listener should hear, lower case, letter codes and numbers left out."""
    return [w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 1 or w == "a"]


def side_of(text: str) -> str | None:
    first = text.lower().split(".")[0].split()
    return next((w for w in first if w in SIDES), None)


def transcriber():
    """A function from samples to words, or None when pocketsphinx is not installed."""
    try:
        from pocketsphinx import Decoder
    except ImportError:
        return None
    decoder = Decoder(samprate=RATE, loglevel="FATAL")

    def transcribe(samples: array) -> str:
        decoder.start_utt()
        decoder.process_raw(samples.tobytes(), full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
        return hyp.hypstr if hyp is not None else ""

    return transcribe


@dataclass(frozen=True)
class Verdict:
    clip: Clip
    levels: Levels
    heard: str | None  # the transcript, None for tones or without a recogniser
    share: float | None  # share of the clip's words heard
    problems: tuple[str, ...]


def judge(clip: Clip, lv: Levels, heard: str | None) -> Verdict:
    problems = []
    limit = SPOKEN_SECONDS_MAX if clip.spoken else TONE_SECONDS_MAX
    if lv.seconds > limit:
        problems.append(f"{lv.seconds:.2f} s is longer than {limit} s")
    if lv.clipped:
        problems.append(f"{lv.clipped} clipped samples")
    if lv.peak_db > LOUDEST_PEAK_DB:
        problems.append(f"peak {lv.peak_db:.1f} dBFS leaves no headroom")
    if lv.rms_db < QUIETEST_RMS_DB:
        problems.append(f"RMS {lv.rms_db:.1f} dBFS is too quiet")
    # A tone's bell fades out on purpose: only its start is judged; speech is judged at both ends.
    if lv.lead > EDGE_SILENCE_MAX or (clip.spoken and lv.tail > EDGE_SILENCE_MAX):
        problems.append(f"silence at the ends: {lv.lead:.2f} s before, {lv.tail:.2f} s after")
    share = None
    if heard is not None and clip.spoken:
        said = set(re.findall(r"[a-z']+", heard.lower()))  # "left-hand" is two words
        expected = words_of(clip.words)
        share = sum(w in said for w in expected) / len(expected) if expected else 1.0
        side = side_of(clip.words)
        if side and side not in said:
            problems.append(f"the side {side!r} was not heard")
        wrong = {"left": "right", "right": "left"}.get(side or "")
        if wrong and wrong in said:
            problems.append(f"the other side {wrong!r} was heard")
        if share < MIN_WORDS_HEARD:
            problems.append(f"only {share:.0%} of its words were heard")
    return Verdict(clip, lv, heard, share, tuple(problems))


def check_all(clips: list[Clip] | None = None, *, words: bool = True) -> list[Verdict]:
    if shutil.which("sox") is None:
        raise SystemExit("sox is missing: apt-get install sox libsox-fmt-mp3")
    transcribe = transcriber() if words else None
    out = []
    for clip in clips if clips is not None else all_clips():
        samples = decode(ASSETS / clip.src)
        heard = transcribe(samples) if transcribe and clip.spoken else None
        out.append(judge(clip, levels(samples), heard))
    return out


def main() -> None:
    verdicts = check_all()
    if all(v.heard is None for v in verdicts):
        print("pocketsphinx is not installed: levels only (pip install pocketsphinx to check the words)")
    for v in verdicts:
        lv = v.levels
        line = (f"{v.clip.src}: {lv.seconds:.2f} s, peak {lv.peak_db:.1f} dBFS, RMS {lv.rms_db:.1f} dBFS, "
                f"silence {lv.lead:.2f}/{lv.tail:.2f} s")
        if v.heard is not None:
            line += f"\n    said:  {v.clip.words}\n    heard: {v.heard} ({v.share:.0%} of its words)"
        print(line + "".join(f"\n    PROBLEM: {p}" for p in v.problems))
    failed = [v for v in verdicts if v.problems]
    print(f"{len(verdicts)} clips, {len(failed)} with problems")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
