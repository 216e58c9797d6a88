"""Check a draft against the conventions of official writing, and apply the safe fixes.

Each rule names its source: GB/T 9704-2012 (党政机关公文格式), GB/T 15834-2011 (标点符号用法),
GB/T 15835-2011 (出版物上数字用法) or 常见规范 (common editorial practice).

>>> issues = check("一、主要工作\\n全年撰写调研报告12篇,其它工作按计划推进。")
>>> sorted({i.rule for i in issues})
['confusable', 'punct-halfwidth']
>>> fix("全年撰写调研报告12篇,其它工作按计划推进。")
'全年撰写调研报告12篇，其他工作按计划推进。'
"""

from __future__ import annotations

import itertools
import logging
import os
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from govtext.document import Document

__all__ = ["Issue", "Rule", "RULES", "FAMILIES", "LintConfig", "check", "fix", "load_config", "SEVERITIES"]

log = logging.getLogger(__name__)

DATA = Path(__file__).with_name("data")
SEVERITIES = ("info", "warning", "error")
_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}

GB9704 = "GB/T 9704-2012"
GB15834 = "GB/T 15834-2011 标点符号用法"
GB15835 = "GB/T 15835-2011 出版物上数字用法"
COMMON = "常见规范"


# ---------------------------------------------------------------------------------------------
# the data model of a finding
@dataclass
class Issue:
    """One finding: ``start``/``end`` are offsets into :attr:`Document.text`; ``fix`` is the
    replacement text for that span when the correction is safe, else ``None``."""

    rule: str
    severity: str
    message: str
    start: int
    end: int
    suggestion: str = ""
    fix: str | None = None
    family: str = ""
    source: str = ""
    excerpt: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: str
    source: str
    description: str


_RULE_LIST = [
    Rule("heading-order", "heading", "error", GB9704, "标题层次序数：一、→（一）→1.→（1），不跳级、编号连续"),
    Rule("heading-marker", "heading", "warning", GB9704, "标题序号标点：“一、”“（一）”后不加标点、“1.”不用“1、”、括号用全角"),
    Rule("punct-halfwidth", "punctuation", "warning", GB15834, "中文语句中误用半角标点"),
    Rule("punct-unpaired", "punctuation", "error", GB15834, "引号、书名号、括号不成对"),
    Rule("punct-repeated", "punctuation", "warning", GB15834, "标点重复（，，。。）"),
    Rule("placeholder", "placeholder", "error", COMMON, "未填写的占位符（*、XX、××、【待补】）"),
    Rule("num-chinese-count", "number", "info", GB15835, "计数、计量的数字宜用阿拉伯数字"),
    Rule("num-year-abbrev", "number", "warning", GB15835, "年份不应简写（24年→2024年）"),
    Rule("num-leading-zero", "number", "warning", GB15835, "月、日不加前导零（06月→6月）"),
    Rule("num-range", "number", "warning", GB15834, "数值范围用浪纹线“～”，年份起止用一字线“—”"),
    Rule("num-mixed", "number", "warning", GB15835, "一个数值中汉字数字与阿拉伯数字混用（3千万）"),
    Rule("date-format", "date", "warning", GB15835, "中文行文中的日期写作“2024年6月1日”"),
    Rule("spoken-word", "register", "warning", COMMON, "口语化词语"),
    Rule("repeated-word", "repetition", "warning", COMMON, "字词误重复（的的、我们我们）"),
    Rule("long-sentence", "length", "info", COMMON, "句子过长"),
    Rule("vague-claim", "vague", "info", COMMON, "成效表述无数据支撑（大幅下降、明显提升）"),
    Rule("confusable", "confusable", "warning", COMMON, "易混淆词（其它→其他、截止→截至）"),
    Rule("formulation", "formulation", "error", COMMON, "规范提法写错或顺序颠倒"),
    Rule("missing-problems", "structure", "warning", COMMON, "总结、述职报告缺少问题不足部分"),
    Rule("missing-plans", "structure", "warning", COMMON, "总结、述职报告缺少下一步打算部分"),
]
RULES: dict[str, Rule] = {r.id: r for r in _RULE_LIST}
FAMILIES: dict[str, list[str]] = {}
for _r in _RULE_LIST:
    FAMILIES.setdefault(_r.family, []).append(_r.id)


# ---------------------------------------------------------------------------------------------
# configuration
@dataclass
class LintConfig:
    """What to check. Read from ``[tool.govtext.check]`` in pyproject.toml / govtext.toml.

    >>> LintConfig.from_mapping({"disable": ["long-sentence"], "severity": {"spoken-word": "error"}}).severity_of("spoken-word")
    'error'
    """

    enable: set[str] | None = None  # rule ids or family names; None: all
    disable: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    spoken_words: dict[str, str] = field(default_factory=dict)  # word -> suggestion
    confusables: dict[str, str] = field(default_factory=dict)  # wrong -> right
    formulations: dict[str, str] = field(default_factory=dict)  # wrong -> right
    canonical: list[str] = field(default_factory=list)
    max_sentence_chars: int = 120
    classifier: bool = True
    source: str | None = None

    @classmethod
    def from_mapping(cls, d: Mapping[str, Any], *, source: str | None = None) -> "LintConfig":
        known = {"enable", "disable", "severity", "spoken_words", "confusables", "formulations", "canonical",
                 "max_sentence_chars", "classifier"}
        unknown = set(d) - known
        if unknown:
            log.warning("unknown [tool.govtext.check] keys ignored: %s", ", ".join(sorted(unknown)))

        def idset(v: Any) -> set[str]:
            if v is None:
                return set()
            if isinstance(v, str):
                v = [x for x in re.split(r"[,\s]+", v) if x]
            return {str(x) for x in v}

        sev = {str(k): str(v) for k, v in dict(d.get("severity") or {}).items()}
        for k, v in sev.items():
            if v not in SEVERITIES and v != "off":
                raise ValueError(f"severity of {k!r} must be one of info, warning, error, off (got {v!r})")
        spoken = d.get("spoken_words") or {}
        if not isinstance(spoken, Mapping):
            spoken = {str(w): "" for w in spoken}
        return cls(
            enable=idset(d["enable"]) if d.get("enable") is not None else None,
            disable=idset(d.get("disable")),
            severity=sev,
            spoken_words={str(k): str(v) for k, v in spoken.items()},
            confusables={str(k): str(v) for k, v in dict(d.get("confusables") or {}).items()},
            formulations={str(k): str(v) for k, v in dict(d.get("formulations") or {}).items()},
            canonical=[str(x) for x in d.get("canonical") or []],
            max_sentence_chars=int(d.get("max_sentence_chars", 120)),
            classifier=bool(d.get("classifier", True)),
            source=source,
        )

    def enabled(self, rule_id: str) -> bool:
        fam = RULES[rule_id].family if rule_id in RULES else ""
        if rule_id in self.disable or fam in self.disable:
            return False
        if self.severity.get(rule_id) == "off":
            return False
        return self.enable is None or rule_id in self.enable or fam in self.enable

    def severity_of(self, rule_id: str, default: str | None = None) -> str:
        fam = RULES[rule_id].family if rule_id in RULES else ""
        return self.severity.get(rule_id) or self.severity.get(fam) or default or RULES[rule_id].severity


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    with open(path, "rb") as fh:  # tomllib reads bytes; the file is UTF-8 by the TOML spec
        return tomllib.load(fh)


def load_config(start: str | os.PathLike | None = None) -> LintConfig:
    """The nearest ``[tool.govtext.check]`` table (pyproject.toml or govtext.toml) from ``start``
    (default: the current directory) upward; defaults when there is none."""
    here = Path(start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for d in (here, *here.parents):
        for name in ("govtext.toml", "pyproject.toml"):
            p = d / name
            if not p.is_file():
                continue
            try:
                data = _read_toml(p)
            except Exception as e:  # a broken TOML file should not stop a check
                log.warning("cannot read %s: %s", p, e)
                continue
            table = data.get("tool", {}).get("govtext", {}).get("check")
            if table is None and name == "govtext.toml":
                table = data.get("check", data)
            if table is not None:
                log.debug("lint config from %s", p)
                return LintConfig.from_mapping(table, source=str(p))
    return LintConfig()


def _as_config(config: LintConfig | Mapping[str, Any] | str | os.PathLike | None) -> LintConfig:
    if config is None:
        return load_config()
    if isinstance(config, LintConfig):
        return config
    if isinstance(config, Mapping):
        return LintConfig.from_mapping(config)
    p = Path(config)
    if p.is_file():
        data = _read_toml(p)
        table = data.get("tool", {}).get("govtext", {}).get("check") or data.get("check", data)
        return LintConfig.from_mapping(table, source=str(p))
    return load_config(p)


# ---------------------------------------------------------------------------------------------
# word lists
def _data_lines(name: str) -> list[list[str]]:
    p = DATA / name
    out = []
    with open(p, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append(line.split("\t"))
    return out


@lru_cache(maxsize=1)
def _base_spoken() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    rows = []
    for cols in _data_lines("spoken_words.txt"):
        cols += [""] * (4 - len(cols))
        exc = tuple(x for x in cols[3].split(",") if x)
        rows.append((cols[0], cols[1] or "warning", cols[2], exc))
    return tuple(rows)


@lru_cache(maxsize=1)
def _base_confusables() -> tuple[tuple[str, str, str, str], ...]:
    return tuple((c[0], c[1], c[2] if len(c) > 2 else "", (c[3] if len(c) > 3 else "") or "warning")
                 for c in _data_lines("confusables.tsv"))


@lru_cache(maxsize=1)
def _base_formulations() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    pairs, canon = [], []
    for c in _data_lines("formulations.tsv"):
        if len(c) >= 2 and c[1]:
            pairs.append((c[0], c[1]))
        else:
            canon.append(c[0])
    return tuple(pairs), tuple(canon)


# ---------------------------------------------------------------------------------------------
# character classes
def _han(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


_FW_CLOSE = set("”’）》】」』〕")
_FW_OPEN = set("“‘（《【「『〔")
_LATIN_RUN = re.compile(
    r"https?://[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+|www\.[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+"
    r"|[A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+|[A-Za-z][A-Za-z0-9'’\-]*(?:[ ,.;:?!()&/][ ]?[A-Za-z0-9][A-Za-z0-9'’\-]*)*\)?"
)


class _Ctx:
    """What the rules share: the document, the config and the list being filled."""

    def __init__(self, doc: Document, cfg: LintConfig, kind: str | None) -> None:
        self.doc, self.cfg, self.kind = doc, cfg, kind
        self.text = doc.text
        self.issues: list[Issue] = []
        self._latin: list[tuple[int, int]] | None = None

    def add(self, rule: str, start: int, end: int, message: str, *, suggestion: str = "", fix: str | None = None,
            severity: str | None = None) -> None:
        if not self.cfg.enabled(rule):
            return
        r = RULES[rule]
        sev = self.cfg.severity.get(rule) or self.cfg.severity.get(r.family) or severity or r.severity
        self.issues.append(Issue(rule, sev, message, start, end, suggestion, fix, r.family, r.source,
                                 self.text[start:end][:60]))

    def latin_spans(self) -> list[tuple[int, int]]:
        if self._latin is None:
            self._latin = [m.span() for m in _LATIN_RUN.finditer(self.text)]
        return self._latin

    def in_latin(self, i: int) -> bool:
        import bisect

        spans = self.latin_spans()
        k = bisect.bisect_right(spans, (i, float("inf"))) - 1
        return k >= 0 and spans[k][0] <= i < spans[k][1]

    def paragraphs(self) -> Iterable[tuple[int, int, str]]:
        for p in self.doc.paragraphs:
            yield p.start, p.end, self.text[p.start:p.end]


# ---------------------------------------------------------------------------------------------
# heading rules
_L1_MARK = re.compile(r"^([一二三四五六七八九十]{1,3})\s*([、.．，,：:]?)")
_L2_MARK = re.compile(r"^([（(])([一二三四五六七八九十]{1,3})([）)])\s*([、.．，,：:]?)")
_L3_MARK = re.compile(r"^(\d{1,2})\s*([.．、,，])(?!\d)")
_L4_MARK = re.compile(r"^([（(])(\d{1,2})([）)])\s*([、.．，,：:]?)")


def _rule_headings(c: _Ctx) -> None:
    from govtext.structure import match_heading

    doc = c.doc
    stack: list[int] = []  # open levels, outermost first
    last: dict[int, int] = {}
    inner: tuple[int, int] | None = None
    for p in doc.paragraphs:
        ptext = c.text[p.start:p.end]
        bad = re.match(r"^([一二三四五六七八九十]{1,3})[，,]", ptext)
        if bad and len(ptext) <= 30 and not re.search(r"[。；！？]", ptext):
            right = bad.group(1) + "、"
            c.add("heading-marker", p.start, p.start + bad.end(), f"一级标题序号应写作“{right}”",
                  suggestion=right, fix=right)
        if p.kind in ("title", "subtitle"):
            continue
        m = match_heading(ptext)
        if m is None:
            continue
        if ptext.startswith("第"):
            if m is not None:  # 第一部分: a new part restarts every level below
                stack, last, inner = [], {}, None
            continue
        if m.marker and m.marker[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
            continue
        lvl, n = m.level, m.number
        _marker_form(c, p.start, ptext, lvl)
        mk_end = p.start + len(m.marker)
        # an enumeration inside a section that reuses a higher level's markers (一、二、 under
        # （一）) is a list in the body, not a heading: it keeps its own count and leaves the
        # heading counters alone
        if inner is not None:
            if lvl == inner[0] and n == inner[1] + 1:
                inner = (lvl, n)
                continue
            inner = None
        if (p.kind != "heading" and n == 1 and stack and lvl < stack[-1] and lvl in last):
            inner = (lvl, 1)
            continue
        while stack and stack[-1] >= lvl:
            top = stack.pop()
            if top > lvl:
                last.pop(top, None)
        prev = last.get(lvl)
        if stack and lvl > stack[-1] + 1 and prev is None:
            want = {2: "（一）", 3: "1.", 4: "（1）"}.get(stack[-1] + 1, "")
            c.add("heading-order", p.start, mk_end,
                  f"标题层次跳级：第{stack[-1]}层标题之下直接使用第{lvl}层序号“{m.marker}”",
                  suggestion=f"改用“{want}”一级的序号", severity="warning")
        if prev is None:
            if n != 1:
                c.add("heading-order", p.start, mk_end, f"标题编号应从第1项开始，此处为“{m.marker}”",
                      suggestion="检查是否漏写前面的标题")
        elif n != prev + 1 and n != 1:
            c.add("heading-order", p.start, mk_end,
                  f"标题编号不连续：上一个为第{prev}项，此处为“{m.marker}”",
                  suggestion=f"应为第{prev + 1}项")
        last[lvl] = n
        stack.append(lvl)


def _marker_form(c: _Ctx, start: int, ptext: str, lvl: int) -> None:
    """Marker punctuation: 一、 / （一） / 1. / （1）."""
    if lvl == 1:
        m = _L1_MARK.match(ptext)
        if m and m.group(2) != "、":
            right = m.group(1) + "、"
            c.add("heading-marker", start, start + m.end(), f"一级标题序号应写作“{right}”", suggestion=right, fix=right)
    elif lvl == 2:
        m = _L2_MARK.match(ptext)
        if m and (m.group(1) != "（" or m.group(3) != "）" or m.group(4)):
            right = f"（{m.group(2)}）"
            why = "后不加标点" if m.group(4) else "用全角括号"
            c.add("heading-marker", start, start + m.end(), f"二级标题序号应写作“{right}”（{why}）", suggestion=right,
                  fix=right)
    elif lvl == 3:
        m = _L3_MARK.match(ptext)
        if m and m.group(2) != ".":
            right = m.group(1) + "."
            c.add("heading-marker", start, start + m.end(), f"三级标题序号应写作“{right}”而非“{m.group()}”",
                  suggestion=right, fix=right)
    elif lvl == 4:
        m = _L4_MARK.match(ptext)
        if m and (m.group(1) != "（" or m.group(3) != "）" or m.group(4)):
            right = f"（{m.group(2)}）"
            c.add("heading-marker", start, start + m.end(), f"四级标题序号应写作“{right}”", suggestion=right, fix=right)


# ---------------------------------------------------------------------------------------------
# punctuation
_HW_TO_FW = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}


def _rule_punct_halfwidth(c: _Ctx) -> None:
    t = c.text
    for a, b, ptext in c.paragraphs():
        skip_to = a
        mk = _L2_MARK.match(ptext) or _L4_MARK.match(ptext) or _L3_MARK.match(ptext) or _L1_MARK.match(ptext)
        if mk:
            skip_to = a + mk.end()
        for m in re.finditer(r"[,.;:?!]", ptext):
            i = a + m.start()
            if i < skip_to or c.in_latin(i):
                continue
            ch = t[i]
            prev = t[i - 1] if i > a else ""
            nxt = t[i + 1] if i + 1 < b else ""
            prev_cn = _han(prev) or prev in _FW_CLOSE
            if ch == ".":
                if prev.isdigit() or nxt.isdigit() or prev == "." or nxt == "." or not prev_cn:
                    continue
                ok = nxt == "" or _han(nxt) or nxt in _FW_OPEN
            elif ch == ":" and prev.isdigit() and nxt.isdigit():
                continue
            elif ch == "," and prev.isdigit() and nxt.isdigit():
                continue
            else:
                ok = (prev_cn and (nxt == "" or _han(nxt) or nxt.isdigit() or nxt in _FW_OPEN or nxt == " ")) or (
                    prev.isdigit() and _han(nxt) and ch in ",;:")
            if ok:
                fw = _HW_TO_FW[ch]
                c.add("punct-halfwidth", i, i + 1, f"中文语句中应使用全角标点“{fw}”，而非半角“{ch}”",
                      suggestion=fw, fix=fw)
        # half-width brackets around Chinese text
        for m in re.finditer(r"\(([^()\n]{1,80})\)", ptext):
            i, j = a + m.start(), a + m.end()
            if i < skip_to or not any(_han(x) for x in m.group(1)):
                continue
            if c.in_latin(i) and c.in_latin(j - 1) and not _han(t[i - 1:i]):
                continue
            c.add("punct-halfwidth", i, j, "中文语句中的括号应使用全角“（）”",
                  suggestion=f"（{m.group(1)}）", fix=f"（{m.group(1)}）")


_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "〔": "〕", "「": "」", "『": "』"}
_CLOSE_OF = {v: k for k, v in _PAIRS.items()}
_NAMES = {"“": "引号", "‘": "单引号", "《": "书名号", "（": "括号", "【": "方括号", "〔": "六角括号", "「": "引号", "『": "引号"}


def _rule_punct_unpaired(c: _Ctx) -> None:
    t = c.text
    paras = list(c.paragraphs())
    for k, (a, b, ptext) in enumerate(paras):
        stack: list[tuple[str, int]] = []
        mk = _L2_MARK.match(ptext) or _L4_MARK.match(ptext)
        skip = mk.end() if mk else 0  # a (一） marker is the heading-marker rule's business
        for j, ch in enumerate(ptext):
            if j < skip:
                continue
            i = a + j
            if ch in _PAIRS:
                stack.append((ch, i))
            elif ch in _CLOSE_OF:
                if ch == "’" and re.match(r"\d{2}年", t[i + 1:i + 4]):
                    continue  # ’24年: an abbreviated year, flagged by num-year-abbrev
                want = _CLOSE_OF[ch]
                if stack and stack[-1][0] == want:
                    stack.pop()
                elif any(o == want for o, _ in stack):
                    while stack and stack[-1][0] != want:
                        o, oi = stack.pop()
                        c.add("punct-unpaired", oi, oi + 1, f"{_NAMES[o]}“{o}”没有配对的“{_PAIRS[o]}”",
                              suggestion=f"补上“{_PAIRS[o]}”")
                    stack.pop()
                else:
                    c.add("punct-unpaired", i, i + 1, f"{_NAMES[want]}“{ch}”前面缺少配对的“{want}”",
                          suggestion=f"补上“{want}”或删去“{ch}”")
        nxt_text = paras[k + 1][2] if k + 1 < len(paras) else ""
        for o, oi in stack:
            # a quotation running over several paragraphs opens each paragraph with “ (GB/T 15834 4.1.3.4)
            if o == "“" and nxt_text.startswith("“"):
                continue
            c.add("punct-unpaired", oi, oi + 1, f"{_NAMES[o]}“{o}”没有配对的“{_PAIRS[o]}”", suggestion=f"补上“{_PAIRS[o]}”")


_REPEAT_RE = re.compile(r"[，。；：、]{2,}|！{2,}|？{2,}")
_STRENGTH = "。？！；：，、"


def _rule_punct_repeated(c: _Ctx) -> None:
    for m in _REPEAT_RE.finditer(c.text):
        s = m.group()
        keep = min(s, key=_STRENGTH.index)
        c.add("punct-repeated", m.start(), m.end(), f"标点重复“{s}”", suggestion=keep, fix=keep)


# ---------------------------------------------------------------------------------------------
# placeholders
def _rule_placeholders(c: _Ctx) -> None:
    from govtext.facts import find_placeholders

    t = c.text
    for h in find_placeholders(t):
        if h.text[0] in "○〇" and (t[h.start - 1:h.start] in _CN_NUMERAL + "○〇" or t[h.end:h.end + 1] in "年○〇" + _CN_NUMERAL):
            continue  # 二○○○年: zeros, not a blank
        what = f"（{h.unit}）" if h.unit else ""
        c.add("placeholder", h.start, h.end, f"未填写的占位符“{h.text}”{what}", suggestion="填入实际内容或数字")


# ---------------------------------------------------------------------------------------------
# numbers
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_FIG_SPLIT = re.compile(rf"^(?P<pre>将近|接近|大约|超过|近|约|超|逾|达)?(?P<num>[{_CN_NUMERAL}]+(?:点[零〇一二三四五六七八九]+)?)(?P<rest>.*)$", re.S)


def _inside_quotes(t: str, i: int) -> bool:
    line_start = t.rfind("\n", 0, i) + 1
    before = t[line_start:i]
    return before.count("“") > before.count("”")


def _rule_num_chinese(c: _Ctx) -> None:
    """GB/T 15835 asks for Arabic numerals in counting and measuring, and for one usage kept
    throughout a text: a Chinese-numeral count is a warning where the text otherwise counts in
    Arabic numerals, and a hint (info) in a text written in Chinese numerals throughout."""
    from govtext.facts import cn_to_number, find_figures, format_figure

    t = c.text
    found: list[tuple[int, int, str, str, float]] = []
    arabic = 0
    for s in c.doc.sentences:
        if s.is_heading:
            continue
        for f in find_figures(s.text):
            if f.kind not in ("count", "measure", "money"):
                continue
            m = _FIG_SPLIT.match(f.text)
            if not m:
                if f.text[:1].isdigit() or f.text[1:2].isdigit():
                    arabic += 1
                continue
            num = m.group("num")
            if "十" not in num and "百" not in num and "千" not in num and "万" not in num and "亿" not in num \
                    and len(num) > 1:
                continue  # 三四个 (adjacent numbers as an estimate) or 一九八四: not a count
            mult = ""
            core = num
            if len(core) > 1 and core[-1] in "万亿" and cn_to_number(core[:-1]) is not None:
                core, mult = core[:-1], core[-1]
            v = cn_to_number(core)
            if v is None or v < 10:
                continue  # small numbers (三个方面, 五项措施) are left to the writer
            a = s.start + f.start + (len(m.group("pre") or ""))
            b = a + len(num)
            unit_next = t[b:b + 1]
            if "第" in t[max(0, a - 3):a] or t[a - 1:a] in ("星", "周", "初", "每", "数", "几") or "分之" in t[max(0, a - 3):a] \
                    or unit_next in "是者几届分级" or not re.search("[一二两三四五六七八九]|^十", num):
                continue  # ordinals, 十分, 二十届, 千亿级 (an order of magnitude), 一百几十 (an estimate)
            if _inside_quotes(t, a):
                continue  # “十项行动”: the name of a campaign
            found.append((a, b, num, format_figure(v) + mult, v))
    mostly_arabic = arabic >= len(found)
    for a, b, num, right, v in found:
        sev = "warning" if v >= 10 and mostly_arabic else "info"
        c.add("num-chinese-count", a, b, f"计数的数字宜用阿拉伯数字：“{num}”→“{right}”",
              suggestion=right, fix=right if v >= 10 else None, severity=sev)


_YEAR_ABBR = re.compile(r"([’'‘])\s?(\d{2})(?=年)|(?<![\d.\-/A-Za-z])(\d{2})(?=年(?:\d{1,2}月|底|初|末|度|[上下]半年|前三季度|第?[一二三四1-4]季度|全年))")
_LEAD_ZERO = re.compile(r"(?<=\d{4}年)0([1-9])(?=月)|(?<=\d月)0([1-9])(?=日)|(?<=年\d月)0([1-9])(?=日)")
_RANGE = re.compile(r"(?<![A-Za-z0-9_./\-:~～])(\d+(?:\.\d+)?)(%|％)?\s?([-~－–])\s?(\d+(?:\.\d+)?)(?![A-Za-z0-9_./\-:])")
_MIXED_AR_CN = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([千百])(?=[万亿]|[\u4e00-\u9fff])(?!瓦|米|克|帕|焦|卡|伏|赫|兆|字节|分之)")
_MIXED_CN_AR = re.compile(r"(?<![第零〇一二两三四五六七八九十百千])([一二三四五六七八九]?十|[一二三四五六七八九][百千])(\d+)(?![\d.])")
_DATE_SEP = re.compile(r"(?<![\dA-Za-z.\-/])((?:19|20)\d{2})([./\-])(\d{1,2})\2(\d{1,2})(?![\dA-Za-z.\-/])")


def _year_full(yy: int) -> int:
    import datetime

    now = datetime.date.today().year % 100
    return 2000 + yy if yy <= now + 10 else 1900 + yy


def _rule_num_misc(c: _Ctx) -> None:
    t = c.text
    dates: list[tuple[int, int]] = []
    for m in _DATE_SEP.finditer(t):
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        a, b = m.span()
        if not (1 <= mo <= 12 and 1 <= d <= 31) or c.in_latin(a) and not _han(t[a - 1:a]) and not _han(t[b:b + 1]):
            continue
        near = t[max(0, a - 3):a] + t[b:b + 3]
        if not any(_han(x) or x in "，。；：、（）" for x in near):
            continue
        right = f"{y}年{mo}月{d}日"
        dates.append((a, b))
        c.add("date-format", a, b, f"中文行文中日期应写作“{right}”", suggestion=right, fix=right)
    for m in _YEAR_ABBR.finditer(t):
        yy = m.group(2) or m.group(3)
        a = m.start()
        b = m.end()
        right = str(_year_full(int(yy)))
        c.add("num-year-abbrev", a, b, f"年份不应简写：“{t[a:b]}年”→“{right}年”", suggestion=right, fix=right)
    for m in _LEAD_ZERO.finditer(t):
        digit = m.group(1) or m.group(2) or m.group(3)
        c.add("num-leading-zero", m.start(), m.end(), f"月、日不加前导零：“{m.group()}”→“{digit}”", suggestion=digit,
              fix=digit)
    for m in _RANGE.finditer(t):
        a, b = m.span()
        if any(x <= a < y for x, y in dates):
            continue
        x, pct, dash, y = m.group(1), m.group(2) or "", m.group(3), m.group(4)
        after, before = t[b:b + 1], t[a - 1:a]
        if not (_han(after) or after in "%％" or (_han(before) and after in "，。；、")):
            continue
        if (x.startswith("0") and len(x) > 1) or len(y) > 6 or float(y) <= float(x):
            continue
        if after in "号楼栋室层":  # 3-5号 addresses and codes
            continue
        is_year = len(x) == 4 and len(y) == 4 and x[:2] in ("19", "20") and t[b:b + 1] == "年"
        if is_year:
            dash_right = "—"
        else:
            dash_right = "～"
        right = f"{x}{pct}{dash_right}{y}"
        c.add("num-range", a, b,
              f"{'年份起止用一字线“—”' if is_year else '数值范围用浪纹线“～”'}：“{m.group()}”→“{right}”",
              suggestion=right, fix=right)
    for m in _MIXED_AR_CN.finditer(t):
        v = float(m.group(1)) * (1000 if m.group(2) == "千" else 100)
        if not float(v).is_integer():
            continue
        right = str(int(v))
        c.add("num-mixed", m.start(), m.end(), f"同一数值中汉字数字与阿拉伯数字混用：“{m.group()}”→“{right}”",
              suggestion=right, fix=right)
    from govtext.facts import cn_to_number

    for m in _MIXED_CN_AR.finditer(t):
        head = cn_to_number(m.group(1))
        tail = m.group(2)
        if head is None:
            continue
        v = int(head) + int(tail)
        if len(tail) >= len(str(int(head))):
            continue
        right = str(v)
        c.add("num-mixed", m.start(), m.end(), f"同一数值中汉字数字与阿拉伯数字混用：“{m.group()}”→“{right}”",
              suggestion=right, fix=right)


# ---------------------------------------------------------------------------------------------
# words
def _exception_hit(t: str, a: int, word: str, exceptions: Iterable[str]) -> bool:
    for e in exceptions:
        k = e.find(word)
        while k >= 0:
            if t[a - k:a - k + len(e)] == e:
                return True
            k = e.find(word, k + 1)
    return False


def _rule_spoken(c: _Ctx) -> None:
    t = c.text
    rows = list(_base_spoken()) + [(w, "warning", s, ()) for w, s in c.cfg.spoken_words.items()]
    rows.sort(key=lambda r: -len(r[0]))
    taken: list[tuple[int, int]] = []
    for word, sev, sugg, exc in rows:
        for m in re.finditer(re.escape(word), t):
            a, b = m.span()
            if any(x < b and a < y for x, y in taken) or _exception_hit(t, a, word, exc):
                continue
            taken.append((a, b))
            c.add("spoken-word", a, b, f"口语化表达“{word}”", suggestion=f"改用书面语：{sugg}" if sugg else "改用书面语",
                  severity=sev)


_DOUBLE_CHAR = re.compile(r"([的了是在和与对把被将及从向并])\1")
_DOUBLE_OK = ("不了了之", "了了分明", "的的确确", "是是非非")
# a doubled function character is fine where one copy belongs to the word before or after:
# 目的的, 实事求是是, 为了了解, 和和平共处, 现在在押, 纵向向 …
_DOUBLE_PREV = {
    "的": "目有别似真好是端众标", "了": "为除罢算", "是": "求就还但只正都也凡于若要可或倒硬总即乃", "在": "现存所正实自好内外潜",
    "和": "总缓温柔平调", "与": "参给", "对": "面应针相绝核比反查配", "把": "一", "将": "即必终老大", "及": "涉以普危顾惠触波来",
    "从": "服听遵自顺", "向": "纵横方导走面转倾去流投志动取定外内", "并": "合兼吞", "被": "棉盖", }
_DOUBLE_NEXT = {
    "的": "确", "了": "解如结却", "是": "否非", "在": "押建校职岗读线册编研逃途场", "和": "平谐睦衷", "与": "会",
    "对": "外口标接象话照策比待应", "把": "关握脉", "将": "来领", "及": "时早", "从": "严事业而宽快重", "向": "往导",
    "并": "购网重举存行", "被": "告", }
_DOUBLE_WORD = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_DOUBLE_WORD_OK_FIRST = set("一二三四五六七八九十两几每各很好越")


def _on_word_boundaries(t: str, a: int, b: int, n: int) -> bool:
    """Whether ``t[a:b]`` (a word written twice) starts, ends and splits on word boundaries, so that
    产业创业创新 (…业创业创…) is not taken for a doubled word."""
    from govtext.tokenize import get_tokenizer

    ls = max(t.rfind(ch, 0, a) for ch in "\n。；，！？") + 1
    le = min([k for k in (t.find(ch, b) for ch in "\n。；，！？") if k >= 0] or [len(t)])
    bounds = {ls, le}
    for tok in get_tokenizer().tokenize(t[ls:le], ls):
        bounds.add(tok.start)
        bounds.add(tok.end)
    return a in bounds or b in bounds


def _rule_repeated(c: _Ctx) -> None:
    t = c.text
    for m in _DOUBLE_CHAR.finditer(t):
        a, b = m.span()
        ch = m.group(1)
        if _exception_hit(t, a, ch + ch, _DOUBLE_OK) or t[a - 1:a] in _DOUBLE_PREV.get(ch, "") and t[a - 1:a] \
                or t[b:b + 1] in _DOUBLE_NEXT.get(ch, "") and t[b:b + 1]:
            continue
        nxt, prv = t[b:b + 2], t[a - 2:a]
        if len(nxt) == 2 and nxt[0] == nxt[1] and _han(nxt[0]) or len(prv) == 2 and prv[0] == prv[1] and _han(prv[0]):
            continue  # AABB reduplication: 的的确确, 实实在在
        c.add("repeated-word", a, b, f"“{ch}”字重复", suggestion=ch, fix=ch)
    for m in _DOUBLE_WORD.finditer(t):
        w = m.group(1)
        a, b = m.span()
        if w[0] in _DOUBLE_WORD_OK_FIRST or len(set(w)) == 1 or not _on_word_boundaries(t, a, b, len(w)):
            continue
        c.add("repeated-word", a, b, f"词语重复“{w}{w}”", suggestion=w, fix=w)


def _rule_long(c: _Ctx) -> None:
    limit = c.cfg.max_sentence_chars
    for s in c.doc.sentences:
        if s.is_heading:
            continue
        n = len(s.text)
        if n > limit:
            c.add("long-sentence", s.start, s.end, f"句子过长（{n}字，超过{limit}字），建议拆分",
                  suggestion="在语义停顿处断句")


_VAGUE = re.compile(
    r"(?:大幅(?:度)?|明显|显著|大大|极大|成倍)(?:地)?(?:下降|降低|减少|提升|提高|增长|增加|增强|改善|好转|加快|缩短|扩大)"
)
_HAS_FIGURE = re.compile(rf"\d|[{_CN_NUMERAL}]+(?:倍|成|个百分点|%|％)|百分之|[*＊]")


def _rule_vague(c: _Ctx) -> None:
    for s in c.doc.sentences:
        m = _VAGUE.search(s.text)
        if not m or _HAS_FIGURE.search(s.text):
            continue
        a = s.start + m.start()
        c.add("vague-claim", a, a + len(m.group()), f"“{m.group()}”缺少具体数据支撑",
              suggestion="补充具体数字、同比或占比")


def _rule_confusable(c: _Ctx) -> None:
    t = c.text
    rows = list(_base_confusables()) + [(w, r, "", "warning") for w, r in c.cfg.confusables.items()]
    rows.sort(key=lambda r: -len(r[0]))
    taken: list[tuple[int, int]] = []
    for wrong, right, after, sev in rows:
        rx = re.compile(re.escape(wrong) + (f"(?={after})" if after else ""))
        for m in rx.finditer(t):
            a, b = m.span()
            if any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            c.add("confusable", a, b, f"“{wrong}”应为“{right}”", suggestion=right, fix=right, severity=sev)


def _rule_formulation(c: _Ctx) -> None:
    t = c.text
    pairs, canon = _base_formulations()
    pairs = list(pairs) + list(c.cfg.formulations.items())
    canon = list(canon) + list(c.cfg.canonical)
    taken: list[tuple[int, int]] = []
    for wrong, right in sorted(pairs, key=lambda p: -len(p[0])):
        for m in re.finditer(re.escape(wrong), t):
            a, b = m.span()
            # a wrong form that is part of the right one here (e.g. 集中统一领导 inside a longer phrase)
            k = right.find(wrong)
            if k >= 0 and t[a - k:a - k + len(right)] == right:
                continue
            if any(x < b and a < y for x, y in taken):
                continue
            taken.append((a, b))
            c.add("formulation", a, b, f"规范提法应为“{right}”", suggestion=right, fix=right)
    for form in canon:
        items = form.split("、")
        if len(items) < 2:
            continue
        alt = "|".join(re.escape(x) for x in sorted(items, key=len, reverse=True))
        rx = re.compile(rf"(?:{alt})(?:、(?:{alt})){{{len(items) - 1}}}")
        for m in rx.finditer(t):
            got = m.group().split("、")
            if len(set(got)) == len(items) and got != items:
                a, b = m.span()
                if any(x < b and a < y for x, y in taken):
                    continue
                taken.append((a, b))
                c.add("formulation", a, b, f"规范提法顺序应为“{form}”", suggestion=form, fix=form)


# ---------------------------------------------------------------------------------------------
# genre structure
_PROB_HEAD = re.compile(r"问题|不足|差距|短板|薄弱")
_PROB_SENT = re.compile(r"不足|差距|短板|薄弱|有待|不够|存在.{0,12}问题|问题.{0,8}(?:仍|还|依然)|还存在|仍存在|仍有")
_PLAN_HEAD = re.compile(r"下一步|打算|计划|思路|明年|今后|展望|安排|目标")
_PLAN_SENT = re.compile(r"下一步|打算|计划|思路|明年|今后|将继续|力争|新的一年|来年|下一阶段|努力")


def infer_kind(doc: Document, kind: str | None = None) -> str | None:
    """The report kind: ``kind``, else ``doc.meta['kind']``, else from the title (总结 / 述职)."""
    if kind:
        return kind
    if doc.meta.get("kind"):
        return str(doc.meta["kind"])
    title = doc.title or (doc.text.split("\n", 1)[0] if len(doc.text.split("\n", 1)[0]) <= 40 else "")
    if "述职" in title:
        return "duty_report"
    if "总结" in title:
        return "work_summary"
    return None


def _themes(doc: Document, use_model: bool) -> set[str] | None:
    have = {s.theme for s in doc.sentences if s.theme}
    if have:
        return have
    if not use_model:
        return None
    try:
        from govtext.classify import tag  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        out = tag(doc)
        sents = getattr(out, "sentences", None) or doc.sentences
        got = {getattr(s, "theme", None) for s in sents}
        if isinstance(out, list) and out and isinstance(out[0], str):
            got = set(out)
        got.discard(None)
        return got or None
    except Exception as e:  # no model on disk, or another load error: fall back to cue words
        log.info("theme classifier unavailable (%s); using cue words for the structure check", e)
        return None


def _rule_structure(c: _Ctx) -> None:
    kind = c.kind
    if kind not in ("work_summary", "duty_report"):
        return
    doc = c.doc
    themes = _themes(doc, c.cfg.classifier) if (c.cfg.enabled("missing-problems") or
                                                c.cfg.enabled("missing-plans")) else None
    heads = [s.text for s in doc.sentences if s.is_heading]
    body = [s.text for s in doc.sentences if not s.is_heading]
    name = "工作总结" if kind == "work_summary" else "述职报告"
    span = (doc.title_span.start, doc.title_span.end) if doc.title_span else (0, doc.paragraphs[0].end)
    has_prob = any(_PROB_HEAD.search(h) for h in heads) or any(_PROB_SENT.search(s) for s in body)
    has_plan = any(_PLAN_HEAD.search(h) for h in heads) or any(_PLAN_SENT.search(s) for s in body)
    if themes is not None:
        # the classifier's tags, or the cue words: a section is missing only when neither finds it
        has_prob = has_prob or "problems" in themes
        has_plan = has_plan or "plans" in themes
    if not has_prob:
        c.add("missing-problems", *span, f"{name}缺少“存在的问题和不足”部分", suggestion="增加问题不足一节，实事求是查摆差距")
    if not has_plan:
        c.add("missing-plans", *span, f"{name}缺少“下一步工作打算”部分", suggestion="增加下一步打算一节，提出目标和举措")


_RUNNERS: list[tuple[tuple[str, ...], Callable[[_Ctx], None]]] = [
    (("heading-order", "heading-marker"), _rule_headings),
    (("punct-halfwidth",), _rule_punct_halfwidth),
    (("punct-unpaired",), _rule_punct_unpaired),
    (("punct-repeated",), _rule_punct_repeated),
    (("placeholder",), _rule_placeholders),
    (("num-chinese-count",), _rule_num_chinese),
    (("num-year-abbrev", "num-leading-zero", "num-range", "num-mixed", "date-format"), _rule_num_misc),
    (("spoken-word",), _rule_spoken),
    (("repeated-word",), _rule_repeated),
    (("long-sentence",), _rule_long),
    (("vague-claim",), _rule_vague),
    (("confusable",), _rule_confusable),
    (("formulation",), _rule_formulation),
    (("missing-problems", "missing-plans"), _rule_structure),
]


# ---------------------------------------------------------------------------------------------
# public API
def _to_doc(document_or_text: Document | str | os.PathLike) -> Document:
    if isinstance(document_or_text, Document):
        return document_or_text
    from govtext.parse import _looks_like_path, parse

    if isinstance(document_or_text, str) and "\n" not in document_or_text and _looks_like_path(document_or_text) \
            and not Path(document_or_text).exists() and any(_han(ch) for ch in document_or_text):
        return parse(document_or_text + "\n", tokenize=False)  # text with a "/" in it (2024/6/1), not a path
    return parse(document_or_text, tokenize=False)


def check(
    document_or_text: Document | str | os.PathLike,
    *,
    kind: str | None = None,
    config: LintConfig | Mapping[str, Any] | str | os.PathLike | None = None,
    rules: Iterable[str] | None = None,
    disable: Iterable[str] | None = None,
    min_severity: str = "info",
) -> list[Issue]:
    """Check a report (a :class:`Document`, text, or a path) and return issues sorted by position.

    ``rules``/``disable`` take rule ids or family names and narrow the configured set.

    >>> [(i.rule, i.fix) for i in check("截止2024年底，共签定协议8份。")]
    [('confusable', '截至'), ('confusable', '签订')]
    """
    doc = _to_doc(document_or_text)
    cfg = _as_config(config)
    if rules is not None or disable is not None:
        cfg = LintConfig(**{**cfg.__dict__})
        if rules is not None:
            cfg.enable = set(rules)
        if disable is not None:
            cfg.disable = set(cfg.disable) | set(disable)
    bad = {r for r in (cfg.enable or set()) | cfg.disable if r not in RULES and r not in FAMILIES}
    if bad:
        raise ValueError(f"unknown rule ids or families: {', '.join(sorted(bad))} (known: {', '.join(RULES)})")
    ctx = _Ctx(doc, cfg, infer_kind(doc, kind))
    for ids, fn in _RUNNERS:
        if any(cfg.enabled(r) for r in ids):
            fn(ctx)
    floor = _SEV_RANK[min_severity]
    out = [i for i in ctx.issues if _SEV_RANK.get(i.severity, 0) >= floor]
    out.sort(key=lambda i: (i.start, i.end, i.rule))
    log.debug("check: %d issues", len(out))
    return out


def _apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, int]:
    done = 0
    bound = len(text) + 1
    for a, b, s in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if b > bound or a == b and a == bound:
            continue
        text = text[:a] + s + text[b:]
        bound = a
        done += 1
    return text, done


def fix(
    text: str | Document,
    *,
    kind: str | None = None,
    config: LintConfig | Mapping[str, Any] | str | os.PathLike | None = None,
    rules: Iterable[str] | None = None,
    disable: Iterable[str] | None = None,
    max_passes: int = 3,
) -> str:
    """Apply every safe fix (non-overlapping, right to left) and return the fixed text.

    Given a string, the edits land on that string as written (indents and line ends kept);
    given a :class:`Document`, on its normalized ``text``.

    >>> fix("全年召开会议十二次,2024.6.1完成验收。")
    '全年召开会议12次，2024年6月1日完成验收。'
    """
    cfg = _as_config(config)
    if isinstance(text, Document):
        issues = check(text, kind=kind, config=cfg, rules=rules, disable=disable)
        out, _ = _apply(text.text, [(i.start, i.end, i.fix) for i in issues if i.fix is not None])
        return out
    from govtext.parse import parse

    out = text
    for _ in range(max_passes):
        if not out.strip():
            return out
        doc = _to_doc(out)
        issues = check(doc, kind=kind, config=cfg, rules=rules, disable=disable)
        edits = []
        for i in issues:
            if i.fix is None:
                continue
            a = doc.original_offset(i.start)
            b = doc.original_offset(i.end - 1) + 1 if i.end > i.start else a
            edits.append((a, b, i.fix))
        out, n = _apply(out, edits)
        if n == 0:
            break
    return out
