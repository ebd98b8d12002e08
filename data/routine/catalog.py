"""The acupressure point catalog: where each point is and how to press it.

Why this module exists: every screen that shows a point (the routine player,
the point library, the safety filters) needs the same facts, written once, in
plain words an older reader with numb hands and poor eyesight can follow on
their own body.  The facts come from ../shared/domain.md (section 1 for the
points, section 2 for safety); every sentence here is our own wording, because
the WHO location texts are copyrighted.

The catalog says where and how to press, never what pressing will cure.
Location steps use landmarks (knuckles, creases, kneecap, ankle bones, cords)
and finger-widths with the fingers named, never the "cun" unit.  Corrections of
domain.md section 5 are applied: ST41 between the big-toe cord and the next one,
SP6 and GB39 measured from the ankle bone's most prominent point, BL10 just inside
the hairline, KI1 treated as a point to avoid in pregnancy, and finger-widths are
the pressed person's own.  Pressure is said one way everywhere: firm, never painful.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from data.health.safety import FIRM_NEVER_PAINFUL
from data.models import Category, Laterality, Point, PregnancyRule, Region

# --- Shared caution sentences ------------------------------------------------

_SKIN: tuple[str, ...] = (
    "Never press on broken skin, a wound, an ulcer, a blister, a rash or a bruise.",
    "Keep off skin that is swollen, red or warm, and off varicose veins, new scars "
    "and recent fractures.",
    "Keep away from drip lines, ports (a small disc under the skin used for drips or "
    "chemotherapy) and any other device under the skin.",
    "If you take blood thinners, bruise easily or were told your platelets (blood cells "
    "that stop bleeding) are low, press lightly and briefly.",
)

_FOOT: tuple[str, ...] = (
    "Numb feet cannot warn you of harm: press lightly, and use no tools and no heat.",
    "Skip this point if you have or have had a foot ulcer, or have Charcot foot (weakened, "
    "misshapen foot bones); use the leg points instead.",
    "Afterwards, look at the skin for redness or marks, with a mirror or a helper if needed.",
)

_BACK = "Sit or lie with your back well supported, or ask a helper to press for you."

_PREGNANCY_FORBIDDEN = "Do not use this point if you are or might be pregnant."
_PREGNANCY_CAUTION = "If you are or might be pregnant, leave this point out to be safe."

GENERAL_CAUTIONS: tuple[str, ...] = (
    f"Pressure should feel {FIRM_NEVER_PAINFUL}: stop if a point hurts.",
    "Numb fingertips cannot tell how hard they press: go gently, use the hand that "
    "feels more, or ask a helper.",
    "Finger-widths are measured with the fingers of the person being pressed: a helper "
    "lays your fingers on the spot, or matches their fingers to the width of yours.",
    "Sit in a steady chair while you press, and stand up slowly when you finish.",
)
"""Notes that apply to every point, for the screens to show once where pressing is taught
(the guide and the player's Safety sheet) rather than on each point."""

# --- Technique sentences -----------------------------------------------------

_THUMB = (
    f"Start gently, then press straight in with your thumb tip: {FIRM_NEVER_PAINFUL}. Make "
    "slow, small circles, using only your fingers or a rounded tool, never a pointed one."
)
_BAXIE = (
    "Press the four spots one after another with your thumb tip or a fingertip, "
    f"{FIRM_NEVER_PAINFUL}, in slow, small circles. Use only your fingers or a rounded tool, "
    "never a pointed one."
)
_FOOT_PRESS = (
    "Use light pressure with your thumb or a fingertip, in slow, small circles, and never "
    "press hard. Use no tools and no heat on the feet."
)
_BAFENG = (
    "Press the four spots one after another with a fingertip, lightly and never hard, in "
    "slow, small circles. Use no tools and no heat on the feet."
)
_SOLE = (
    "Press lightly with your thumb, never hard, in slow, small circles, or have a helper do "
    "it. Use no tools and no heat on the feet."
)
_NECK = (
    f"Knead slowly in small circles with two or three fingertips: {FIRM_NEVER_PAINFUL}. "
    "Use only your fingers or a rounded tool, never a pointed one."
)
_LOW_BACK = (
    "Knead slowly in small circles with your thumbs or knuckles, or have a helper do it: "
    f"{FIRM_NEVER_PAINFUL}. A rounded tool such as a tennis ball is fine; never use "
    "anything pointed."
)

_BOTH = Laterality.BILATERAL
_MID = Laterality.MIDLINE
_NONE = PregnancyRule.NONE_FOUND


def _cautions(
    pregnancy: PregnancyRule, *, foot: bool = False, back: bool = False
) -> tuple[str, ...]:
    """Assemble a point's cautions: pregnancy first, then skin, feet, back."""
    out: list[str] = []
    if pregnancy is PregnancyRule.FORBIDDEN:
        out.append(_PREGNANCY_FORBIDDEN)
    elif pregnancy is PregnancyRule.CAUTION:
        out.append(_PREGNANCY_CAUTION)
    out.extend(_SKIN)
    if foot:
        out.extend(_FOOT)
    if back:
        out.append(_BACK)
    return tuple(out)


def _p(
    code: str,
    pinyin: str,
    hanzi: str,
    meaning: str,
    region: Region,
    surface: str,
    steps: tuple[str, ...],
    technique: str,
    categories: set[Category],
    *,
    laterality: Laterality = _BOTH,
    pregnancy: PregnancyRule = _NONE,
    spots: int = 1,
) -> Point:
    """Build one Point; cautions follow from the region and the pregnancy rule."""
    trunk = region.limb == "trunk"
    return Point(
        code=code,
        pinyin=pinyin,
        hanzi=hanzi,
        meaning=meaning,
        region=region,
        surface=surface,
        laterality=laterality,
        location_steps=steps,
        technique=technique,
        cautions=_cautions(pregnancy, foot=region.is_foot, back=trunk),
        categories=frozenset(categories),
        pregnancy=pregnancy,
        spots_per_side=spots,
    )


_AO = Category.ARM_OUTER
_AI = Category.ARM_INNER
_LFO = Category.LEG_FRONT_OUTER
_LI = Category.LEG_INNER
_CORE = Category.CORE

# Order: arms (outer, then inner), legs, ankles and feet, then neck and back.
POINTS: tuple[Point, ...] = (
    # --- Arms ----------------------------------------------------------------
    _p(
        "LI4", "Hegu", "合谷", "Joining Valley",
        Region.HAND, "back of the hand",
        (
            "Rest your hand with its back facing up and the thumb a little apart.",
            "Feel the long bone that runs from the index-finger knuckle to the wrist.",
            "Press in the fleshy web beside the middle of that bone, on its thumb side.",
        ),
        _THUMB, {_AO, _CORE}, pregnancy=PregnancyRule.FORBIDDEN,
    ),
    _p(
        "LI10", "Shousanli", "手三里", "Arm Three Miles",
        Region.FOREARM, "outer forearm, thumb side",
        (
            "Bend your elbow and find the end of its crease on the thumb side.",
            "Lay three fingers (index, middle and ring) from there toward the wrist.",
            "At their far edge, press in the muscle, on the line toward the base of the thumb.",
        ),
        _THUMB, {_AO},
    ),
    _p(
        "LI11", "Quchi", "曲池", "Pool at the Bend",
        Region.ELBOW, "outer elbow",
        (
            "Bend your elbow to a right angle, with the palm facing your chest.",
            "Find where the elbow crease ends on the thumb side.",
            "Press in the hollow between that crease end and the bony bump of the outer elbow.",
        ),
        _THUMB, {_AO, _CORE},
    ),
    _p(
        "TE5", "Waiguan", "外关", "Outer Gate",
        Region.FOREARM, "back of the forearm",
        (
            "Turn your palm down and find the crease on the back of the wrist.",
            "Lay three fingers (index, middle and ring) from that crease toward the elbow.",
            "At their far edge, press in the groove between the two forearm bones.",
        ),
        _THUMB, {_AO},
    ),
    _p(
        "PC6", "Neiguan", "内关", "Inner Gate",
        Region.FOREARM, "inner forearm, palm side",
        (
            "Turn your palm up and find the main crease on the inside of the wrist.",
            "Lay three fingers (index, middle and ring) from that crease toward the elbow.",
            "At their far edge, press between the two firm cords (tendons) in the middle.",
        ),
        _THUMB, {_AI},
    ),
    _p(
        "PC7", "Daling", "大陵", "Great Mound",
        Region.WRIST, "inner wrist, in the middle",
        (
            "Turn your palm up and bend the wrist a little to show two cords (tendons).",
            "Press in the middle of the main wrist crease, between those two cords.",
        ),
        _THUMB, {_AI},
    ),
    _p(
        "HT7", "Shenmen", "神门", "Spirit Gate",
        Region.WRIST, "inner wrist, little-finger side",
        (
            "Turn your palm up and find the main crease on the inside of the wrist.",
            "Follow it to the little-finger side, to the small round bone at its end.",
            "Press in the crease just on the thumb side of the firm cord (tendon) there.",
        ),
        _THUMB, {_AI},
    ),
    # Baxie lies on the back of the hand (outer surface), so it belongs with the
    # outer-arm points; but the sources use it chiefly for numb fingers
    # ([NEPAL-BX], [SW] in domain.md), which the selection rule serves with the
    # inner-arm points.  It is therefore offered for both symptom groups.
    # 邪 (xie) names what traditional medicine sees as an outside cause of illness;
    # "Eight Evils" reads as alarming, so the name is given as "Eight Harmful Influences".
    # Source note: WHO 2008 names the point only by code and pinyin (EX-UE9 Baxie) and
    # domain.md (section 5 included) gives no English name; "Eight Evils" and "Eight
    # Pathogens" are practitioner renderings of the same 邪.  This is the one English name
    # the app uses (catalog, Points, player; the spoken cue says "Baxie").
    _p(
        "EX-UE9", "Baxie", "八邪", "Eight Harmful Influences",
        Region.HAND, "back of the hand, between the fingers",
        (
            "Make a loose fist and look at the back of your hand.",
            "There are four webs between your five fingers, thumb included: one spot each.",
            "Press just above each web, where the darker back-of-hand skin turns paler.",
        ),
        _BAXIE, {_AO, _AI}, spots=4,
    ),
    # --- Legs ----------------------------------------------------------------
    _p(
        "ST36", "Zusanli", "足三里", "Leg Three Miles",
        Region.LOWER_LEG, "front of the lower leg",
        (
            "Sit with your knee bent and find the hollow below the kneecap, on its outer side.",
            "Lay four fingers (index to little finger, held together) down from that hollow.",
            "At their lower edge, press a thumb-width outside the front edge of the shinbone.",
        ),
        _THUMB, {_LFO, _CORE},
    ),
    _p(
        "GB34", "Yanglingquan", "阳陵泉", "Outer Hill Spring",
        Region.KNEE, "outer leg, just below the knee",
        (
            "Sit with your knee bent and feel the outer side of the leg below the knee.",
            "Find the round knob there: the top of the fibula (the thin outer leg bone).",
            "Press in the hollow just in front of that knob and a little below it.",
        ),
        _THUMB, {_LFO, _CORE},
    ),
    _p(
        "GB39", "Xuanzhong", "悬钟", "Hanging Bell",
        Region.LOWER_LEG, "outer lower leg, above the ankle",
        (
            "Find the outer ankle bone (the round bump on the outside of the ankle).",
            "Lay four fingers (index to little finger) up the leg from the middle of that bump.",
            "At their top edge, press just forward of the fibula (the thin outer leg bone).",
        ),
        _THUMB, {_LFO},
    ),
    _p(
        "SP9", "Yinlingquan", "阴陵泉", "Inner Hill Spring",
        Region.KNEE, "inner leg, just below the knee",
        (
            "Put a fingertip on the inner edge of your shinbone, halfway down the leg.",
            "Slide it up along that edge toward the knee until the bone stops it.",
            "Press in the hollow just below that bony bulge, under the knee.",
        ),
        _THUMB, {_LI}, pregnancy=PregnancyRule.CAUTION,
    ),
    _p(
        "SP6", "Sanyinjiao", "三阴交", "Three Yin Meeting",
        Region.LOWER_LEG, "inner lower leg, above the ankle",
        (
            "Find the inner ankle bone (the round bump on the inside of the ankle).",
            "Lay four fingers (index to little finger) up the leg from the middle of that bump.",
            "At their upper edge, press close behind the inner edge of the shinbone.",
        ),
        _THUMB, {_LI, _CORE}, pregnancy=PregnancyRule.FORBIDDEN,
    ),
    # --- Ankles and feet -------------------------------------------------------
    _p(
        "ST41", "Jiexi", "解溪", "Released Stream",
        Region.ANKLE, "front of the ankle",
        (
            "Sit and lift your big toe: a cord (tendon) stands up on the front of the ankle.",
            "Find the crease where foot meets leg, halfway between the two ankle bones.",
            "Press lightly in the hollow there, just on the little-toe side of that cord.",
        ),
        _FOOT_PRESS, {_LFO},
    ),
    _p(
        "BL60", "Kunlun", "昆仑", "Kunlun Mountains",
        Region.ANKLE, "outer ankle",
        (
            "Find the outer ankle bone (the round bump on the outside of the ankle).",
            "Behind it, feel the thick cord above the heel (the Achilles tendon).",
            "Press lightly in the hollow halfway between them, level with the bump's peak.",
        ),
        _FOOT_PRESS, {_LFO}, pregnancy=PregnancyRule.FORBIDDEN,
    ),
    _p(
        "KI3", "Taixi", "太溪", "Great Stream",
        Region.ANKLE, "inner ankle",
        (
            "Find the inner ankle bone (the round bump on the inside of the ankle).",
            "Behind it, feel the thick cord above the heel (the Achilles tendon).",
            "Press lightly in the hollow halfway between them, level with the bump's peak.",
        ),
        _FOOT_PRESS, {_LI},
    ),
    _p(
        "LR3", "Taichong", "太冲", "Great Surge",
        Region.FOOT_TOP, "top of the foot",
        (
            "Put a fingertip on top of the foot, in the gap between the big and second toe.",
            "Slide it toward the ankle, between the two long bones of the foot.",
            "Stop in the hollow just before those bones meet, and press lightly.",
        ),
        _FOOT_PRESS, {_LFO}, pregnancy=PregnancyRule.CAUTION,
    ),
    _p(
        "EX-LE10", "Bafeng", "八风", "Eight Winds",
        Region.FOOT_TOP, "top of the foot, between the toes",
        (
            "Look at the top of your foot: there are four webs between your five toes.",
            "Each web has one spot, just above it toward the ankle.",
            "Press lightly where the skin on top of the foot meets the paler web skin.",
        ),
        _BAFENG, {_LFO}, spots=4,
    ),
    _p(
        "KI1", "Yongquan", "涌泉", "Bubbling Spring",
        Region.SOLE, "sole of the foot",
        (
            "Sit, rest your foot across the other knee, or ask a helper, and curl the toes down.",
            "Look for the deepest hollow in the front part of the sole.",
            "It lies a third of the way from the web between second and third toes to the heel.",
        ),
        _SOLE, {_LI}, pregnancy=PregnancyRule.CAUTION,  # used to bring on labour (domain.md section 5)
    ),
    # --- Neck and back -----------------------------------------------------------
    _p(
        "BL10", "Tianzhu", "天柱", "Heaven's Pillar",
        Region.NECK, "back of the neck",
        (
            "Find the two thick upright muscles at the back of the neck, either side of the middle.",
            "Follow them up to the hairline, then half a thumb-width higher, into the hair.",
            "Press there in the hollow along the outer edge of each muscle.",
        ),
        _NECK, {Category.NECK},
    ),
    _p(
        "GV14", "Dazhui", "大椎", "Great Vertebra",
        Region.NECK, "base of the neck, in the middle",
        (
            "Bow your head a little and feel the back of the neck where it meets the back.",
            "Find the bump of the spine (backbone) that sticks out the most.",
            "Press in the hollow just below that bump.",
        ),
        _NECK, {Category.NECK}, laterality=_MID,
    ),
    _p(
        "SI15", "Jianzhongshu", "肩中俞", "Mid-Shoulder Point",
        Region.UPPER_BACK, "upper back, beside the spine",
        (
            "Find the bump of the spine (backbone) that sticks out most where neck meets back.",
            "Level with its lower edge, lay three fingers (index, middle and ring) sideways.",
            "At their outer edge, press on each side of the spine; a helper makes this easier.",
        ),
        _NECK, {Category.NECK},
    ),
    _p(
        "GV3", "Yaoyangguan", "腰阳关", "Low-Back Yang Gate",
        Region.LOW_BACK, "low back, in the middle",
        (
            "Put your hands on your hips and feel the top edges of the hip bones.",
            "Picture a line across your back between them; it meets a bump of the spine.",
            "Press in the hollow just below that bump, in the middle of the back.",
        ),
        _LOW_BACK, {Category.LOW_BACK}, laterality=_MID, pregnancy=PregnancyRule.CAUTION,
    ),
    _p(
        "BL32", "Ciliao", "次髎", "Second Bone Hole",
        Region.LOW_BACK, "low back, on the flat bone above the buttocks",
        (
            "Find the two dimples on your low back, just above the buttocks.",
            "Between them lies the sacrum (the flat, triangular bone at the spine's base).",
            "Press in the small hollow halfway between each dimple and the middle.",
        ),
        _LOW_BACK, {Category.LOW_BACK}, pregnancy=PregnancyRule.CAUTION,
    ),
)

CORE_CODES: tuple[str, ...] = ("LI4", "LI11", "ST36", "GB34", "SP6")
"""The five core points of the default routine, in practice order."""


def _build_index(points: tuple[Point, ...]) -> Mapping[str, Point]:
    index: dict[str, Point] = {}
    for p in points:
        if p.code in index:
            raise ValueError(f"duplicate point code in catalog: {p.code}")
        index[p.code] = p
    return MappingProxyType(index)


_BY_CODE: Mapping[str, Point] = _build_index(POINTS)


def point(code: str) -> Point:
    """Return the catalog point with this exact code, e.g. "LI4" or "EX-UE9".

    Raises KeyError naming the unknown code when the catalog has no such point.
    """
    try:
        return _BY_CODE[code]
    except (KeyError, TypeError):
        raise KeyError(
            f"unknown acupressure point code {code!r}; known codes: {', '.join(_BY_CODE)}"
        ) from None
