"""Looking after hands and feet beyond acupressure, and what is known about acupressure, in plain words.

Why a module of its own: this is health advice, so it lives in the core where
tests check it (no promises, every finding with its source) and any screen can
show it.  The facts come from ../shared/domain.md (sections 2 and 4) and the
seed texts; every sentence is our own wording.  There is no dosing advice: for
vitamins and supplements the advice is to ask a clinician.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One piece of self-care advice: a short title and two or three plain sentences."""

    title: str
    lines: tuple[str, ...]


SELF_CARE: tuple[Topic, ...] = (
    Topic("Look at your feet every day", (
        "Numb feet do not hurt when something is wrong, so a small cut or blister can go unnoticed "
        "and get worse.",
        "Once a day, in good light, look at the top of each foot, the sole, and between every toe. "
        "A mirror on the floor helps, or ask someone to look for you.",
        "Show any new sore, blister, cut, redness or swelling to a doctor or nurse soon.",
    )),
    Topic("Take care with hot water", (
        "Numb skin cannot tell when water is too hot. Keep bath and washing water below 37 °C.",
        "Before you get in, test the water with your elbow or a bath thermometer, never with a numb "
        "hand or foot.",
    )),
    Topic("Keep something on your feet", (
        "Do not walk barefoot, not even at home: wear shoes or slippers that fit well.",
        "Before you put shoes on, feel inside them for stones or rough seams.",
    )),
    Topic("Keep moving", (
        "Gentle, regular movement such as walking, cycling or swimming keeps blood flowing and helps "
        "your balance.",
        "Ask your doctor or a physiotherapist which kinds of exercise are safe for you.",
    )),
    Topic("Keep hands and feet warm, gently", (
        "Wear gloves and warm socks when it is cold.",
        "Never put a hot-water bottle, heat pad or electric blanket against numb skin: it can burn "
        "you without you feeling it.",
    )),
    Topic("Smoking and alcohol", (
        "Smoking narrows the small blood vessels that feed your nerves. Stopping is one of the best "
        "things you can do for them, and your doctor or pharmacist can help you stop.",
        "Alcohol can harm nerves by itself. Drinking less, or not at all, protects them.",
    )),
    Topic("Vitamins and supplements", (
        "Some people take vitamins or other supplements for their nerves. Ask your doctor or "
        "pharmacist before you start any: some do not mix with medicines, and some are harmful in "
        "large amounts.",
    )),
    Topic("Keep up your medical care", (
        "Keep taking your medicines and going to your check-ups. With diabetes, keeping your blood "
        "sugar in the range agreed with your care team helps protect your nerves.",
        "Tell your doctor or nurse that you press points with this app.",
    )),
)


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
_MCMASTER = Source("McMaster University researchers", None,
                   "Systematic review and meta-analysis listed by McMaster University",
                   "14 randomised trials, 1,169 people, studies searched up to September 2024")
_CHEN = Source("Chen W, et al.", 2013, "PLOS ONE 8(9): e73764", "A systematic review")
_NCT = Source("Trial NCT06436066", None, "ClinicalTrials.gov",
              "A registered trial of self-acupressure; results not yet published")

EVIDENCE_SUMMARY: tuple[str, ...] = (
    "Acupuncture means thin needles placed by a trained practitioner. Small studies suggest it may "
    "ease neuropathy pain and tingling a little. How sure can we be? Not very: the evidence is of "
    "low certainty, because the studies are few and small and their results do not all agree.",
    "Acupressure, pressing the points yourself as this app shows, has not been proven to help "
    "neuropathy. It has simply not been studied enough to know.",
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
        "which can make results look better. A review of 14 trials with 1,169 people found that "
        "acupuncture may lower pain by about 1.4 points on a 0 to 10 scale compared with a sham "
        "treatment, with low certainty. An older review found the trials of poor quality and "
        "probably tilted toward good results.",
        (_DIETZEL, _MCMASTER, _CHEN),
    ),
    Finding(
        "Pressing points yourself",
        "No trial has yet shown that self-acupressure helps neuropathy. A trial of self-acupressure "
        "for neuropathy from diabetes has been registered, and its results are still to come.",
        (_NCT,),
    ),
)
