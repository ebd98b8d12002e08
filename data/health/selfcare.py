"""Looking after hands and feet beyond acupressure, and what is known about acupressure, in plain words.

Why a module of its own: this is health advice, so it lives in the core where
tests check it (no promises, every finding and every lifestyle statement with its
source) and any screen can show it.  The facts come from ../shared/domain.md
(sections 2, 4 and 5) and the seed texts; every sentence is our own wording.  There
is no dosing advice: for vitamins and supplements the advice is to ask a clinician.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One piece of self-care advice: a short title, two or three plain sentences and their source."""

    title: str
    lines: tuple[str, ...]
    source: str = ""  # where the advice comes from, shown on the page; "" for advice that states no fact


_IWGDF = "IWGDF guidelines 2023; NICE guideline NG19"
_ADA_12 = "ADA Standards of Care 2025, section 12"

_MOVING = Topic("Keep moving", (
    "Gentle, regular movement such as walking, cycling or swimming is good for your general health, "
    "and balance exercises make falls less likely.",
    "Ask your doctor or a physiotherapist which kinds of exercise are safe for you. If you have a foot "
    "ulcer or Charcot foot, ask your foot team before you walk more.",
), "NICE guideline NG249 (falls)")

_OFFLOADING = Topic("Moving with a foot ulcer or Charcot foot", (
    "Until a foot ulcer has closed, or with Charcot foot, your foot team will usually ask you to keep weight "
    "off that foot. Follow their advice on walking and footwear.",
    "Exercises done sitting down, for the arms or the upper body, can keep you active: ask your foot team "
    "or a physiotherapist which ones are safe.",
), "IWGDF guideline on offloading, 2023")

SELF_CARE: tuple[Topic, ...] = (
    Topic("Look at your feet every day", (
        "Numb feet do not hurt when something is wrong, so a small cut or blister can go unnoticed "
        "and get worse.",
        "Once a day, in good light, look at the top of each foot, the sole, and between every toe. "
        "A mirror on the floor helps, or ask someone to look for you.",
        "Then lay the back of your hand on each foot in turn: one foot warmer than the other is worth "
        "showing to your foot team.",
        "Show any new sore, blister, cut, redness or swelling to a doctor or nurse soon. Ask for your "
        "feet to be checked by a professional at least once a year.",
    ), _IWGDF),
    Topic("Take care with hot water", (
        "Numb skin cannot tell when water is too hot. Keep bath and washing water below 37 °C.",
        "Before you get in, test the water with your elbow or a bath thermometer, never with a numb "
        "hand or foot.",
    ), "IWGDF guidelines 2023"),
    Topic("Keep something on your feet", (
        "Do not walk barefoot, not even at home: wear shoes or slippers that fit well.",
        "Before you put shoes on, feel inside them for stones or rough seams.",
    ), "IWGDF guidelines 2023"),
    _MOVING,
    Topic("Keep hands and feet warm, gently", (
        "Wear gloves and warm socks when it is cold.",
        "Never put a hot-water bottle, heat pad or electric blanket against numb skin: it can burn "
        "you without you feeling it.",
        "Keep numb feet and hands away from radiators, heaters and open fires, and do not use a foot "
        "spa: numb skin can burn before you notice.",
    ), "Diabetes UK"),
    Topic("Cold after oxaliplatin", (
        "Oxaliplatin, a chemotherapy medicine, can make the hands, mouth and throat painfully sensitive "
        "to cold for several days after each dose.",
        "In those days, avoid cold drinks and ice, and wear gloves to take food from the fridge or "
        "freezer or to touch cold metal.",
    ), "Macmillan Cancer Support; Cancer Research UK"),
    Topic("Smoking and alcohol", (
        "Smoking narrows the small blood vessels that feed your nerves. Stopping is one of the best "
        "things you can do for them, and your doctor or pharmacist can help you stop.",
        "Alcohol can harm nerves by itself. Drinking less, or not at all, protects them.",
    ), _ADA_12),
    Topic("Vitamins and supplements", (
        "Some people take vitamins or other supplements for their nerves. Ask your doctor or "
        "pharmacist before you start any: some do not mix with medicines, and some are harmful in "
        "large amounts.",
    )),
    Topic("Keep up your medical care", (
        "Keep taking your medicines and going to your check-ups. With diabetes, keeping your blood "
        "sugar in the range agreed with your care team helps protect your nerves.",
        "Tell your doctor or nurse that you press points with this app.",
    ), _ADA_12),
)
"""Every topic, as for someone who may walk freely; ``self_care_topics`` picks them for a person."""


def self_care_topics(foot_ulcer_or_charcot: bool | None) -> tuple[Topic, ...]:
    """The guide for one person: never "walk more" for someone with a foot ulcer or Charcot foot.

    ``foot_ulcer_or_charcot`` is the person's answer (a foot ulcer now or before, or
    Charcot foot).  With "yes" the movement topic is replaced by the offloading one
    (IWGDF): keeping weight off the foot comes first.  Unanswered or "no" keeps the
    movement topic, which itself says to ask the foot team first with an ulcer.
    """
    if foot_ulcer_or_charcot is not True:
        return SELF_CARE
    return tuple(_OFFLOADING if topic is _MOVING else topic for topic in SELF_CARE)


@dataclass(frozen=True)
class Source:
    """Where a finding comes from, as a reader would look it up."""

    authors: str  # e.g. "Bao T, et al."; for a trial record, the registry's name for it
    year: int | None  # None only where the year could not be confirmed (see ``note``)
    journal: str  # journal and reference, or the registry
    note: str = ""  # what kind of study, in plain words

    @property
    def citation(self) -> str:
        year = "year not confirmed" if self.year is None else str(self.year)
        text = f"{self.authors} ({year}). {self.journal}."
        return f"{text} {self.note}." if self.note else text


@dataclass(frozen=True)
class Finding:
    """What one study, review or guideline found, in plain words, and its sources."""

    title: str
    text: str
    sources: tuple[Source, ...]


_BAO = Source("Bao T, et al.", 2020, "JAMA Network Open 3(3): e200681",
              "A pilot randomised trial with 75 people")
_ROSTOCK = Source("Rostock M, et al.", 2013, "Evidence-Based Complementary and Alternative Medicine, "
                  "article 349653", "A randomised trial with four groups")
_LI = Source("Li K, Giustini D, Seely D", 2019, "Current Oncology 26(2)", "A systematic review")
_ASCO = Source("Loprinzi CL, et al.", 2020, "Journal of Clinical Oncology 38(28)",
               "The American Society of Clinical Oncology (ASCO) guideline")
_SIO_ASCO = Source("Mao JJ, et al.", 2022, "Journal of Clinical Oncology 40(34)",
                   "The Society for Integrative Oncology (SIO) and ASCO guideline on pain")
_DIETZEL = Source("Dietzel J, et al.", 2023, "Journal of Clinical Medicine 12: 2103",
                  "A randomised trial with 62 people, who knew which treatment they had")
_CHEN = Source("Chen W, et al.", 2013, "PLOS ONE 8(9): e73764", "A systematic review")
_JUNG = Source("Jung, et al.", 2023, "Cancer Nursing 46(2): E64-E74",
               "A small randomised trial of ear acupressure with 51 people, compared with a sham")
_NCT = Source("Trial NCT06436066", None, "ClinicalTrials.gov",
              "A registered trial of self-acupressure; results not yet published")

EVIDENCE_SUMMARY: tuple[str, ...] = (
    "Acupuncture means thin needles placed by a trained practitioner. Small studies suggest it may "
    "ease neuropathy pain and tingling a little. How sure can we be? Not very: the evidence is of "
    "low certainty, because the studies are few and small and their results do not all agree.",
    "Acupressure, pressing the points yourself as this app shows, has not been proven to help "
    "neuropathy. A few small trials exist, mostly of pressing points on the ear, but they are too few "
    "and too small to know.",
    "So use PressPoint as gentle self-care alongside your medical treatment, never in place of it, "
    "and tell your doctor or nurse that you use it.",
)

EVIDENCE: tuple[Finding, ...] = (
    Finding(
        "Neuropathy after chemotherapy: trials",
        "In 75 people followed for 8 weeks, pain fell by about 1.8 points on a 0 to 10 scale with real "
        "acupuncture, 0.9 with a fake (sham) treatment and 0.2 with usual care alone. Real acupuncture "
        "did better than usual care, but the trial could not show that it did better than the sham. "
        "An earlier small trial found acupuncture with a mild electric current no better than "
        "electric water baths, vitamin B tablets or dummy tablets.",
        (_BAO, _ROSTOCK),
    ),
    Finding(
        "Neuropathy after chemotherapy: reviews and guidelines",
        "A 2019 review judged the evidence too weak to recommend acupuncture. In 2020 the American "
        "Society of Clinical Oncology made no recommendation for acupuncture to prevent this "
        "neuropathy; for treating painful neuropathy once it has developed, duloxetine, a medicine, was "
        "the only treatment with enough evidence. In "
        "2022 a joint guideline said acupuncture, reflexology or acupressure may be offered for "
        "cancer pain in general.",
        (_LI, _ASCO, _SIO_ASCO),
    ),
    Finding(
        "Neuropathy from diabetes",
        "In a trial of 62 people, overall complaints improved by about 25 points on a 0 to 100 scale "
        "with acupuncture compared with routine care alone; everyone knew which treatment they had, "
        "which can make results look better. An older review found the trials of poor quality and "
        "probably tilted toward good results.",
        (_DIETZEL, _CHEN),
    ),
    Finding(
        "Pressing points yourself",
        "Only a few small trials have tested acupressure for neuropathy, most of them pressing points on "
        "the ear. In one, with 51 people, the researchers reported that ear acupressure did better than "
        "a sham (fake) version. That is not enough to know whether pressing points yourself helps. A "
        "trial of self-acupressure for neuropathy from diabetes has been registered, and its results "
        "are still to come.",
        (_JUNG, _NCT),
    ),
)
