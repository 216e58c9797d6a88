"""The fact layer: every figure in a text, bullet notes as facts, and the check that a draft
states every fact and no figure that the facts do not support.

>>> [f.text for f in find_figures("全年办理行政复议案件一百二十件，同比增长12.5%，落实“三公”经费管理。")]
['一百二十件', '12.5%']
>>> find_figures("资金1.2万元")[0].value
12000.0
>>> r = verify("共审查文件120件，其中重大决策8件。", ["审查文件一百二十件"])
>>> [f.text for f in r.unsupported], r.facts_missing
(['8件'], [])
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

__all__ = [
    "Figure",
    "Fact",
    "VerifyResult",
    "Placeholder",
    "FillResult",
    "find_figures",
    "parse_facts",
    "load_facts",
    "verify",
    "find_placeholders",
    "fill",
    "cn_to_number",
    "format_figure",
]

# ---------------------------------------------------------------------------------------------
# numerals
_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_NUM_CHARS = "零〇○一二两三四五六七八九十百千万亿"


def cn_to_number(s: str) -> float | None:
    """Value of a Chinese numeral: 一百二十 → 120, 两万三千 → 23000, 三点五 → 3.5, 一九八四 → 1984.

    >>> cn_to_number("一千一百五十四"), cn_to_number("十二"), cn_to_number("二〇二四")
    (1154.0, 12.0, 2024.0)
    """
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = cn_to_number(whole) if whole else 0.0
        if w is None or not frac or any(c not in _CN_DIGITS for c in frac):
            return None
        return w + float("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    if all(c in _CN_DIGITS for c in s):  # digit by digit: 二〇二四, 一九八四
        if len(s) == 1:
            return float(_CN_DIGITS[s])
        return float("".join(str(_CN_DIGITS[c]) for c in s))
    total, section, number = 0.0, 0.0, 0.0
    for c in s:
        if c in _CN_DIGITS:
            number = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            section += (number or 1) * _CN_SMALL[c]
            number = 0
        elif c == "亿":
            total = (total + section + number) * _CN_BIG[c]
            section, number = 0, 0
        elif c in _CN_BIG:
            section = (section + number) * _CN_BIG[c]
            total += section
            section, number = 0, 0
        else:
            return None
    return float(total + section + number)


# ---------------------------------------------------------------------------------------------
# units
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "万亿": 1e12, "千万": 1e7, "百万": 1e6}

# measure words and units, longest first in the regex; value: (canonical unit, kind)
_UNITS: dict[str, tuple[str, str]] = {}
for _u in ["亿美元", "万美元", "美元", "亿欧元", "欧元", "亿元", "万元", "千元", "元"]:
    _UNITS[_u] = ("元" if "美元" not in _u and "欧元" not in _u else ("美元" if "美元" in _u else "欧元"), "money")
for _u in ["个百分点", "百分点"]:
    _UNITS[_u] = ("个百分点", "ppoint")
for _u in ["平方公里", "平方千米", "平方米", "立方米", "公顷", "亩", "公里", "千米", "米", "吨", "公斤", "千克", "斤", "千瓦时",
           "千瓦", "兆瓦", "瓦", "标准箱", "标箱", "辆", "架次", "艘", "床", "张", "套", "台", "部", "本", "份", "册", "卷"]:
    _UNITS[_u] = (_u.replace("千米", "公里").replace("千克", "公斤").replace("标箱", "标准箱"), "measure")
for _u in ["人次", "户次", "家次", "批次", "场次", "车次", "班次", "件次", "个次", "件", "起", "篇", "次", "个", "处", "批",
           "家", "户", "名", "人", "位", "项", "所", "座", "条", "场", "期", "轮", "宗", "例", "份", "支", "队", "村",
           "镇", "乡", "县", "区", "家庭", "类", "种", "款", "门", "节", "课时", "学时", "岁", "届", "栋", "幢", "间",
           "万人", "亿人", "片", "棵", "株", "头", "只", "羽", "桩", "根", "段", "道", "盏", "口", "眼", "级", "星", "分"]:
    _UNITS.setdefault(_u, (_u, "count"))
for _u in ["小时", "分钟", "个工作日", "工作日", "个月", "天", "日", "周", "年"]:
    _UNITS.setdefault(_u, (_u.replace("个工作日", "工作日").replace("个月", "月"), "duration"))
_UNITS["倍"] = ("倍", "ratio")
_UNITS["%"] = ("%", "percent")
_UNITS["％"] = ("%", "percent")
_UNITS["‰"] = ("‰", "percent")

_UNIT_RE = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = r"[零〇○一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
_APPROX_PRE = r"(?:将近|接近|大约|超过|近|约|超|逾|达)?"
_APPROX_POST = r"(?:余|多)?"

# The order matters: dates and periods first, then ranges, then single quantities.
_DATE_RE = re.compile(
    rf"(?P<y>(?:\d{{4}}|[零〇○一二三四五六七八九]{{4}}))年(?:(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(?:(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})日)?)?"
    rf"(?:(?:至|到|—|－|-|～|~)(?P<y2>\d{{4}})年)?"
    rf"|(?P<m2>\d{{1,2}})月(?P<d2>\d{{1,2}})日"
    rf"|(?P<mr1>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})(?:—|－|-|～|~|至|到)(?P<mr2>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(?:份)?"
    rf"|(?P<mo>(?<![\d年])\d{{1,2}})月(?:份|底|初|末|中旬|上旬|下旬)?(?![\d])"
)
_PERIOD_RE = re.compile(r"(?:前三季度|第[一二三四1-4]季度|[一二三四1-4]季度|上半年|下半年|前[一二三四五六七八九十\d]+个?月)")
_RANGE_RE = re.compile(
    rf"(?P<a>{_AR}|{_CN})(?P<am>万|亿|千)?(?:%|％)?(?:～|~|—|－|-|至|到)(?P<b>{_AR}|{_CN})(?P<bm>万亿|千万|百万|万|亿|千)?(?P<unit>{_UNIT_RE})?"
)
_QTY_RE = re.compile(
    rf"(?P<pre>{_APPROX_PRE})(?P<num>{_AR}|{_CN})(?P<mult>万亿|千万|百万|万|亿|千)?(?P<post>{_APPROX_POST})(?P<unit>{_UNIT_RE})?(?P<post2>余|多|左右|以上|以下)?"
)

# Fixed words that contain numerals but are no quantities (masked before matching).
NON_QUANTITY_WORDS: tuple[str, ...] = (
    "第一手", "三公", "十四五", "十三五", "十二五", "十一五", "十五五", "五加二", "白加黑", "一把手", "一岗双责", "一网通办",
    "一网统管", "一件事", "最多跑一次", "一次办", "一站式", "一线", "一体化", "一带一路", "三农", "三严三实", "两学一做",
    "八项规定", "四风", "三会一课", "一票否决", "一盘棋", "一张网", "一张图", "一老一小", "一户一策", "一村一品", "一事一议",
    "一对一", "第一议题", "一心一意", "千方百计", "千家万户", "百姓", "万众", "四个全面", "五位一体", "三大攻坚战", "六稳",
    "六保", "一流", "两个维护", "两个确立", "四个意识", "四个自信", "两个毫不动摇", "两个结合", "三个代表", "四个服从",
    "两新", "一系列", "进一步", "一方面", "另一方面", "之一", "一致", "统一", "一道", "一起", "一定", "一些", "一切",
    "一般", "一直", "一样", "一律", "一度", "一贯", "一举", "一同", "一起", "唯一", "第一", "第二", "第三", "第四", "第五",
    "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "两委", "三资", "两不愁三保障",
    "三保障", "一核多元", "五星", "四下基层", "一线工作法", "两型", "三重一大", "三级", "两级", "三方", "双碳",
    "万无一失", "一以贯之", "一抓到底", "一竿子插到底", "一张蓝图绘到底", "一言堂", "一刀切", "一窗受理", "一次性",
    "一号文件", "一号工程", "十大", "百千万", "千村", "万村", "两岸", "一国两制", "五年规划", "九年义务教育", "三孩",
    "二十大", "十九大", "十八大", "十七大", "十六大", "十五大", "十四大", "十三大", "十二大", "二中全会", "三中全会",
    "四中全会", "五中全会", "六中全会", "七中全会", "一中全会", "一次会议", "二次会议", "三次会议", "四次会议", "五次会议",
)
_NONQ_RE = re.compile("|".join(sorted((re.escape(w) for w in NON_QUANTITY_WORDS), key=len, reverse=True)))
_NAMES_RE = re.compile(
    r"(?:12345|12315|12369|12388|12366|110|119|120|122)(?=热线|平台|政务|便民|投诉|举报|服务|报警|急救|指挥|接警)"
    r"|[45]G|[345]A级?|[一二三]级(?:响应|医院|应急)|\b[GS]\d+|\d+号"
)
_RHETORIC_AFTER_GE = re.compile(r"(?:方面|坚持|全面|意识|自信|维护|确立|代表|务必|必须|统筹|结合|转变|到位|一批|融合|优先|注重|着力|聚焦)")


@dataclass
class Figure:
    """A figure found in text: ``value`` normalized (1.2万元 → 12000, unit 元)."""

    text: str
    start: int
    end: int
    value: float | None
    unit: str = ""
    kind: str = "number"
    value2: float | None = None
    approx: str = ""

    def key(self) -> tuple:
        v = round(self.value, 6) if self.value is not None else None
        v2 = round(self.value2, 6) if self.value2 is not None else None
        return (v, v2, self.unit)

    def matches(self, other: "Figure") -> bool:
        """Same normalized value (and range end) and compatible unit."""
        if self.kind == "period" or other.kind == "period":
            return self.kind == other.kind and self.unit == other.unit
        if self.value is None or other.value is None:
            return self.text == other.text
        if abs(self.value - other.value) > 1e-9 * max(1.0, abs(self.value)):
            return False
        if (self.value2 is None) != (other.value2 is None):
            return False
        if self.value2 is not None and abs(self.value2 - other.value2) > 1e-9 * max(1.0, abs(self.value2)):
            return False
        return self.unit == other.unit or not self.unit or not other.unit


def _num(s: str) -> float | None:
    if re.fullmatch(_AR, s):
        return float(s.replace(",", ""))
    return cn_to_number(s)


def _fold_width(text: str) -> str:
    """Full-width digits/letters to ASCII, one character for one (offsets are kept)."""
    out = []
    for i, ch in enumerate(text):
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
            ch = chr(o - 0xFEE0)
        elif ch == "．" and 0 < i < len(text) - 1:
            ch = "."
        out.append(ch)
    return "".join(out)


def _mask(text: str) -> str:
    """Replace non-quantity fixed words and names by placeholders of the same length."""
    text = _fold_width(text)
    masked = _NONQ_RE.sub(lambda m: "＿" * len(m.group()), text)
    return _NAMES_RE.sub(lambda m: "＿" * len(m.group()), masked)


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``: quantities with units, percentages, money, dates, periods, ranges."""
    masked = _mask(text)
    taken = [False] * (len(text) + 1)
    out: list[Figure] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(fig: Figure) -> None:
        for k in range(fig.start, fig.end):
            taken[k] = True
        out.append(fig)

    for m in _DATE_RE.finditer(masked):
        a, b = m.span()
        if not free(a, b):
            continue
        g = m.groupdict()
        if g["y"]:
            y = _num(g["y"])
            mo = _num(g["m"]) if g["m"] else None
            d = _num(g["d"]) if g["d"] else None
            if y is None or (mo is not None and not 1 <= mo <= 12):
                continue
            v = y * 10000 + (mo or 0) * 100 + (d or 0)
            v2 = _num(g["y2"]) * 10000 if g["y2"] else None
            take(Figure(text[a:b], a, b, float(v), "date", "date", v2))
        elif g["m2"]:
            mo, d = int(g["m2"]), int(g["d2"])
            if 1 <= mo <= 12 and 1 <= d <= 31:
                take(Figure(text[a:b], a, b, float(mo * 100 + d), "月日", "date"))
        elif g["mr1"]:
            m1, m2 = _num(g["mr1"]), _num(g["mr2"])
            if m1 and m2 and 1 <= m1 <= 12 and 1 <= m2 <= 12:
                take(Figure(text[a:b], a, b, m1, "月", "period", m2))
        elif g["mo"]:
            mo = int(g["mo"])
            if 1 <= mo <= 12:
                take(Figure(text[a:b], a, b, float(mo), "月", "date"))
    for m in _PERIOD_RE.finditer(masked):
        a, b = m.span()
        if free(a, b):
            norm = m.group().replace("第", "").replace("1季度", "一季度").replace("2季度", "二季度").replace("3季度", "三季度").replace("4季度", "四季度")
            take(Figure(text[a:b], a, b, None, norm, "period"))
    for m in _RANGE_RE.finditer(masked):
        a, b = m.span()
        if not free(a, b):
            continue
        va, vb = _num(m.group("a")), _num(m.group("b"))
        if va is None or vb is None or vb <= va:
            continue
        if not m.group("unit") and not re.fullmatch(_AR, m.group("a")):
            continue
        # "2024-2025" style year ranges are handled as dates; a bare "-" between Arabic numbers needs a unit
        if "-" in m.group() and not m.group("unit"):
            continue
        mult_b = _MULT.get(m.group("bm") or "", 1.0)
        mult_a = _MULT.get(m.group("am") or "", mult_b)
        unit, kind = _unit(m.group("unit") or "")
        scale = _unit_scale(m.group("unit") or "")
        take(Figure(text[a:b], a, b, va * mult_a * scale, unit, "range", vb * mult_b * scale))
    for m in _QTY_RE.finditer(masked):
        a, b = m.span()
        if a == b or not m.group("num"):
            continue
        a = m.start("num") if not m.group("pre") else a
        if not free(m.start("num"), m.end("num")):
            continue
        num = m.group("num")
        is_ar = bool(re.fullmatch(_AR, num))
        unit_raw = m.group("unit") or ""
        if not is_ar:
            # Chinese numerals count only with a unit, and not as the article-like 一/两
            if not unit_raw:
                continue
            v = cn_to_number(num)
            if v is None:
                continue
            if v <= 2 and not m.group("mult") and unit_raw not in ("%", "％", "亿元", "万元", "个百分点", "倍"):
                continue
            if unit_raw == "个" and _RHETORIC_AFTER_GE.match(masked, m.end()):
                continue
            if a > 0 and masked[a - 1] in "第" and not m.group("pre"):
                continue
        else:
            if masked[a - 1:a] in (".",) or (a > 0 and masked[a - 1].isascii() and masked[a - 1].isalpha()):
                continue
            v = float(num.replace(",", ""))
        mult = _MULT.get(m.group("mult") or "", 1.0)
        if unit_raw == "" and m.group("mult") and masked[m.end("mult"):m.end("mult") + 1] in ("元",):
            unit_raw = "元"
        unit, kind = _unit(unit_raw)
        scale = _unit_scale(unit_raw)
        if not unit_raw and m.group("mult"):
            kind = "number"
        approx = (m.group("pre") or "") + (m.group("post") or "") + (m.group("post2") or "")
        end = m.end()
        if unit_raw == "年" and not m.group("mult"):
            kind = "duration"
        take(Figure(text[a:end], a, end, v * mult * scale, unit, kind if unit_raw else "number", None, approx))
    out.sort(key=lambda f: f.start)
    return out


def _unit(raw: str) -> tuple[str, str]:
    if not raw:
        return "", "number"
    unit, kind = _UNITS.get(raw, (raw, "count"))
    if raw.startswith(("万", "亿")) and raw not in ("万元", "亿元", "万美元", "亿美元", "亿欧元") and raw[1:] in _UNITS:
        unit, kind = _UNITS[raw[1:]]
    return unit, kind


def _unit_scale(raw: str) -> float:
    if raw in ("万元", "万美元"):
        return 1e4
    if raw in ("亿元", "亿美元", "亿欧元"):
        return 1e8
    if raw == "千元":
        return 1e3
    if raw in ("万人", "万亩"):
        return 1e4
    if raw == "亿人":
        return 1e8
    return 1.0


def format_figure(value: float) -> str:
    """Arabic rendering of a value without a trailing .0 (12000.0 → '12000', 3.5 → '3.5')."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# ---------------------------------------------------------------------------------------------
# facts
@dataclass
class Fact:
    """One bullet note: ``text`` as written, ``what`` (the note without its figures), figures."""

    text: str
    what: str = ""
    figures: list[Figure] = field(default_factory=list)

    @property
    def quantity(self) -> float | None:
        return self.figures[0].value if self.figures else None

    @property
    def unit(self) -> str:
        return self.figures[0].unit if self.figures else ""

    def to_dict(self) -> dict:
        return {"text": self.text, "what": self.what, "figures": [asdict(f) for f in self.figures]}


_BULLET_PREFIX = re.compile(r"^\s*(?:[-*•·●▪◦]|\d+[.、)）]|[（(]\d+[）)]|[一二三四五六七八九十]+、)\s*")


def parse_facts(notes: str | Iterable[str | dict]) -> list[Fact]:
    """Parse bullet notes (one per line, or a list of strings or ``{what, value, unit}`` dicts).

    >>> [(f.what, f.quantity, f.unit) for f in parse_facts("- 撰写调研报告：12篇\\n- 办理批示件1.2万件")]
    [('撰写调研报告', 12.0, '篇'), ('办理批示件', 12000.0, '件')]
    """
    if isinstance(notes, str):
        items: list[str | dict] = [l for l in notes.splitlines()]
    else:
        items = list(notes)
    facts: list[Fact] = []
    for it in items:
        if isinstance(it, dict):
            what = str(it.get("what") or it.get("item") or it.get("name") or "").strip()
            if "text" in it:
                line = str(it["text"])
            else:
                val = it.get("value", it.get("quantity", ""))
                line = f"{what}{val}{it.get('unit', '')}"
        else:
            line = str(it)
        line = _BULLET_PREFIX.sub("", line).strip()
        if not line:
            continue
        figs = find_figures(line)
        what = line
        for f in reversed(figs):
            what = what[:f.start] + " " + what[f.end:]
        what = re.sub(r"[\s：:，,；;。、．.]+", " ", what).strip()
        what = re.sub(r"\s+(?:为|达|达到|共|计)$", "", what).strip()
        facts.append(Fact(text=line, what=what.replace(" ", "") if len(what) < 40 else what, figures=figs))
    return facts


def load_facts(path: str | Path) -> list[Fact]:
    """Facts from a file: one note per line (.txt), a JSON list, or a YAML list."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"facts file {p} does not exist")
    raw = p.read_text(encoding="utf-8-sig")
    if p.suffix.lower() == ".json":
        data = json.loads(raw)
    elif p.suffix.lower() in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(raw)
    else:
        return parse_facts(raw)
    if isinstance(data, dict):
        data = data.get("facts") or data.get("bullets") or []
    if not isinstance(data, list):
        raise ValueError(f"{p}: expected a list of notes (strings or {{what, value, unit}} objects)")
    return parse_facts(data)


def _as_facts(facts: Sequence[Fact | str | dict] | str) -> list[Fact]:
    if isinstance(facts, str):
        return parse_facts(facts)
    out: list[Fact] = []
    for f in facts:
        out.extend([f] if isinstance(f, Fact) else parse_facts([f]))
    return out


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


@dataclass
class VerifyResult:
    """What :func:`verify` found: supported and unsupported figures, stated and missing facts."""

    supported: list[Figure]
    unsupported: list[Figure]
    facts_stated: list[int]
    facts_missing: list[int]
    facts: list[Fact]

    @property
    def ok(self) -> bool:
        return not self.unsupported and not self.facts_missing

    @property
    def fact_recall(self) -> float:
        n = len(self.facts_stated) + len(self.facts_missing)
        return len(self.facts_stated) / n if n else 1.0

    def to_dict(self) -> dict:
        return {
            "ok": self.ok, "fact_recall": self.fact_recall,
            "supported": [asdict(f) for f in self.supported], "unsupported": [asdict(f) for f in self.unsupported],
            "facts_stated": self.facts_stated, "facts_missing": self.facts_missing,
        }


def verify(draft: str, facts: Sequence[Fact | str | dict] | str, *, qualitative_overlap: float = 0.5) -> VerifyResult:
    """Check a draft against facts: which figures of the draft no fact supports (by normalized
    value and unit, so 120件 matches 一百二十件) and which facts the draft does not state.

    A fact with figures is stated when all its figures appear; a fact without figures when at
    least ``qualitative_overlap`` of its character bigrams appear in the draft.
    """
    fs = _as_facts(facts)
    figs = find_figures(draft)
    supported, unsupported = [], []
    all_fact_figs = [g for f in fs for g in f.figures]
    for fig in figs:
        (supported if any(fig.matches(g) for g in all_fact_figs) else unsupported).append(fig)
    stated, missing = [], []
    draft_bi = _bigrams(draft)
    for i, f in enumerate(fs):
        if f.figures:
            ok = all(any(g.matches(x) for x in figs) for g in f.figures)
        else:
            bi = _bigrams(f.what or f.text)
            ok = not bi or len(bi & draft_bi) / len(bi) >= qualitative_overlap
        (stated if ok else missing).append(i)
    return VerifyResult(supported, unsupported, stated, missing, fs)


# ---------------------------------------------------------------------------------------------
# placeholders
_PLACEHOLDER_RE = re.compile(
    r"【[^】]{0,8}】|\[(?:待补|待填|\s*)\]|[（(]\s{1,}[）)]|_{2,}|＿{2,}|××+|[xX]{2,}|○○+|某某+|[*＊]+|(?<=[\d年月])[xX×](?=[年月日])"
)


@dataclass
class Placeholder:
    text: str
    start: int
    end: int
    unit: str = ""
    context: str = ""


def find_placeholders(text: str) -> list[Placeholder]:
    """Unfilled placeholders: ``*``, ``XX``, ``××``, ``【待补】``, ``（  ）``, ``___``, ``某某``.

    >>> [(p.text, p.unit) for p in find_placeholders("累计撰写调研报告*多篇，征缴费用*余万元。")]
    [('*', '篇'), ('*', '元')]
    """
    out = []
    for m in _PLACEHOLDER_RE.finditer(text):
        a, b = m.span()
        after = text[b:b + 6]
        um = re.match(rf"(?:余|多)?(?P<mult>万|亿|千)?(?P<unit>{_UNIT_RE})", after)
        unit = _unit(um.group("unit"))[0] if um else ""
        clause_start = max(text.rfind(c, 0, a) for c in "，。；：！？\n、") + 1
        out.append(Placeholder(m.group(), a, b, unit, text[clause_start:a]))
    return out


@dataclass
class FillResult:
    text: str
    filled: list[tuple[Placeholder, Fact]]
    unfilled: list[Placeholder]

    @property
    def complete(self) -> bool:
        return not self.unfilled


def fill(text: str, facts: Sequence[Fact | str | dict] | str, *, min_overlap: float = 0.25) -> FillResult:
    """Fill placeholders like 累计组织撰写调研报告*多篇 from matching facts.

    A placeholder takes the figure of the fact whose unit agrees and whose words best match the
    clause before it; each fact figure is used once. What cannot be filled is reported.

    >>> r = fill("累计组织撰写调研报告*多篇。", ["撰写调研报告 30篇"])
    >>> r.text, r.unfilled
    ('累计组织撰写调研报告30多篇。', [])
    """
    fs = _as_facts(facts)
    used: set[tuple[int, int]] = set()
    holes = find_placeholders(text)
    filled: list[tuple[Placeholder, Fact]] = []
    unfilled: list[Placeholder] = []
    replacements: list[tuple[int, int, str]] = []
    for h in holes:
        ctx = _bigrams(h.context)
        best, best_score = None, 0.0
        for fi, f in enumerate(fs):
            for gi, g in enumerate(f.figures):
                if (fi, gi) in used or g.value is None:
                    continue
                if h.unit and g.unit and h.unit != g.unit:
                    continue
                if h.unit and not g.unit:
                    continue
                wb = _bigrams(f.what or f.text)
                score = len(ctx & wb) / max(1, len(wb)) if wb else 0.0
                if score > best_score:
                    best, best_score = (fi, gi), score
        if best is None or best_score < min_overlap:
            unfilled.append(h)
            continue
        fi, gi = best
        used.add(best)
        g = fs[fi].figures[gi]
        replacements.append((h.start, h.end, _render_for_hole(text, h, g)))
        filled.append((h, fs[fi]))
    out = text
    for a, b, s in sorted(replacements, reverse=True):
        out = out[:a] + s + out[b:]
    return FillResult(out, filled, unfilled)


def _render_for_hole(text: str, h: Placeholder, g: Figure) -> str:
    """The number to put in the hole, scaled to the unit written after it (万元, 亿元 ...)."""
    after = text[h.end:h.end + 4]
    after = after.lstrip("余多")
    v = g.value or 0.0
    if after.startswith("亿"):
        v /= 1e8
    elif after.startswith("万"):
        v /= 1e4
    elif after.startswith("千") and not after.startswith("千瓦") and not after.startswith("千克") and not after.startswith("千米"):
        v /= 1e3
    return format_figure(round(v, 4))
