"""Visible text: whitespace collapsed, the invisible characters a CMS or a copy leaves in cells removed, and
ideographs spelt with radicals of their shape spelt as ideographs.

A zero-width space stands where a break may fall: it becomes a space (then collapses with its neighbours). Word
joiners, byte-order marks and soft hyphens join what they sit in: they go.
"""

from __future__ import annotations

import unicodedata

# Ideographs a PDF's fonts map to radicals of the same shape ("用" as KANGXI RADICAL USE, "青" as CJK RADICAL
# BLUE): text copied or converted from such a PDF spells common words with them. Each radical of the CJK Radicals
# Supplement and the ideograph it stands for, as Unicode's EquivalentUnifiedIdeograph.txt pairs them; the Kangxi
# radicals' own compatibility mapping (NFKC) gives theirs.
SUPPLEMENT_RADICALS = (
    "⺁厂 ⺂乛 ⺃乚 ⺄乙 ⺅亻 ⺆冂 ⺇𠘨 ⺈刀 ⺉刂 ⺊卜 ⺋㔾 ⺌小 ⺍小 ⺎兀 ⺏尣 ⺐尢 ⺑𡯂 ⺒巳 ⺓幺 "
    "⺔彑 ⺕𫜹 ⺖忄 ⺗心 ⺘扌 ⺙攵 ⺛旡 ⺜日 ⺝月 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺥爫 ⺦丬 ⺧牛 "
    "⺨犭 ⺩王 ⺪𤴔 ⺫目 ⺬示 ⺭礻 ⺮𥫗 ⺯糹 ⺰纟 ⺱罓 ⺲罒 ⺳㓁 ⺴冗 ⺵𦉫 ⺶羊 ⺷𦍌 ⺸𦍋 ⺹耂 ⺺肀 "
    "⺻聿 ⺼肉 ⺽𦥑 ⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 ⻃覀 ⻄西 ⻅见 ⻆角 ⻇𧢲 ⻈讠 ⻉贝 ⻊𧾷 ⻋车 ⻌辶 ⻍辶 "
    "⻎辶 ⻏邑 ⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻕𨸏 ⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻞𩙿 ⻟飠 ⻠饣 "
    "⻡𩠐 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻭歯 ⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟"
)
RADICALS: dict[int, str] = {
    **{code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)},
    **{ord(pair[0]): pair[1:] for pair in SUPPLEMENT_RADICALS.split()},
}
INVISIBLE = {0x200B: " ", 0x2060: None, 0xFEFF: None, 0x00AD: None, 0x180E: None}
SEEN = {**INVISIBLE, **RADICALS}


def collapse(text: str) -> str:
    """``text`` as seen: invisible characters out, radicals the ideographs they stand for, runs of whitespace
    one space, no space at either end."""
    return " ".join(text.translate(SEEN).split())
