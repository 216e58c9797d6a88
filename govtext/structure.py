"""Report structure: title, heading levels (一、 （一） 1. （1） and their variants), inline
enumerations (一是…二是… / 第一，…第二，…) and the section tree.

>>> m = match_heading("（二）强化督查督办")
>>> (m.level, m.marker)
(2, '（二）')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govtext.document import Paragraph, Section, Span

__all__ = ["HeadingMatch", "match_heading", "find_items", "chinese_to_int", "build_sections", "classify_paragraphs"]

_CN = "零〇一二三四五六七八九十百两"
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# level, regex; each regex captures the marker and the numeral
_HEADING_RES: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(r"^(第([一二三四五六七八九十]+)部分)[，、：:\s]*")),
    (1, re.compile(r"^(([一二三四五六七八九十]{1,3})\s*[、.．])")),
    (2, re.compile(r"^([（(]([一二三四五六七八九十]{1,3})[）)])\s*[、.．]?")),
    (3, re.compile(r"^((\d{1,2})\s*[.．、](?!\d))\s*")),
    (4, re.compile(r"^([（(](\d{1,2})[）)])\s*[、.．]?")),
    (4, re.compile(r"^(([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))")),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ITEM_RE = re.compile(
    r"(?:(?<=^)|(?<=[，。；：！？、”]))"
    r"((?:[一二三四五六七八九十]{1,3})是|第[一二三四五六七八九十]{1,3}(?=[，、：])|(?:首先|其次|再次|最后)(?=[，、：]))"
)

HEADING_MAX_CHARS = 50


def chinese_to_int(s: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九十九) or Arabic digits; ``None`` if not a numeral.

    >>> chinese_to_int("十二"), chinese_to_int("二十"), chinese_to_int("7")
    (12, 20, 7)
    """
    if s and s in _CIRCLED:
        return _CIRCLED.index(s) + 1
    if s.isascii() and s.isdigit():
        return int(s)
    if not s or any(c not in _CN for c in s):
        return None
    if "十" not in s:
        if len(s) == 1:
            return _CN_DIGIT.get(s)
        return None
    tens, _, ones = s.partition("十")
    t = _CN_DIGIT.get(tens, None) if tens else 1
    o = _CN_DIGIT.get(ones, None) if ones else 0
    if t is None or o is None:
        return None
    return t * 10 + o


@dataclass
class HeadingMatch:
    level: int
    marker: str
    number: int


def match_heading(text: str) -> HeadingMatch | None:
    """Recognise a heading marker at the start of a paragraph by its form."""
    for level, rx in _HEADING_RES:
        m = rx.match(text)
        if not m:
            continue
        num = chinese_to_int(m.group(2))
        if num is None or num == 0:
            continue
        rest = text[m.end():]
        if not rest or rest[0] in "。，；％%":
            continue
        return HeadingMatch(level=level, marker=m.group(1), number=num)
    return None


def find_items(text: str, start: int, end: int) -> list[Span]:
    """Inline enumeration items (一是… / 第一，… / 首先…其次…) in ``text[start:end]``.

    A sequence counts only when it starts at 一 (or 首先) and runs on in order; each item spans from
    its marker to the next marker or the end of the range."""
    found: list[tuple[int, str, int]] = []
    for m in _ITEM_RE.finditer(text, start, end):
        tok = m.group(1)
        if tok.endswith("是"):
            n = chinese_to_int(tok[:-1])
        elif tok.startswith("第"):
            n = chinese_to_int(tok[1:])
        else:
            n = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}[tok]
        if n:
            found.append((m.start(1), tok, n))
    out: list[tuple[int, str]] = []
    expect_family = None
    expect = 1
    for pos, tok, n in found:
        fam = "shi" if tok.endswith("是") else ("di" if tok.startswith("第") else "seq")
        if n == 1:
            out = [x for x in out if x[1] != fam] if fam == expect_family else out
            expect_family, expect = fam, 2
            out.append((pos, fam))
        elif fam == expect_family and (n == expect or (fam == "seq" and n >= expect)):
            out.append((pos, fam))
            expect = n + 1
    spans: list[Span] = []
    for k, (pos, _fam) in enumerate(out):
        nxt = out[k + 1][0] if k + 1 < len(out) else end
        spans.append(Span(pos, nxt, text[pos:pos + (2 if text[pos] != "第" else 2)]))
    # an isolated "一是" with no "二是" is not an enumeration
    return spans if len(spans) >= 2 else []


def classify_paragraphs(
    text: str,
    paragraphs: list[tuple[int, int]],
    *,
    styled_levels: dict[int, int] | None = None,
    title_index: int | None = None,
) -> tuple[list[Paragraph], int | None]:
    """Decide each paragraph's kind and heading level from its form and length.

    ``styled_levels`` maps paragraph index -> heading level taken from a .docx style; those win.
    Returns the paragraphs and the index of the title paragraph (or ``None``)."""
    styled_levels = styled_levels or {}
    paras: list[Paragraph] = []
    title = title_index
    for i, (a, b) in enumerate(paragraphs):
        ptext = text[a:b]
        p = Paragraph(start=a, end=b)
        if i in styled_levels:
            p.kind, p.heading_level = "heading", styled_levels[i]
            m = match_heading(ptext)
            p.marker = m.marker if m else ""
        else:
            m = match_heading(ptext)
            if m:
                first_end = _first_sentence_end(ptext)
                head = ptext[:first_end]
                if len(ptext) <= HEADING_MAX_CHARS and not re.search(r"[。！？；]", ptext[:-1]) \
                        and not ptext.endswith(("；", "，", "、", ";", ",")):
                    p.kind, p.heading_level, p.marker = "heading", m.level, m.marker
                elif len(head) <= HEADING_MAX_CHARS and first_end < len(ptext):
                    p.kind, p.heading_level, p.marker = "body", m.level, m.marker
        paras.append(p)
    if title is None:
        title = _find_title(text, paragraphs, paras)
    if title is not None:
        paras[title].kind, paras[title].heading_level, paras[title].marker = "title", None, ""
        # short lines right after the title: "——2025年1月在……上", "（2024年12月）", speaker names
        k = title + 1
        while k < len(paras) and k <= title + 3:
            a, b = paragraphs[k]
            t = text[a:b]
            if paras[k].heading_level is None and len(t) <= 40 and (
                t.startswith(("——", "—", "（", "(")) or not re.search(r"[。！？，；]", t)
            ):
                paras[k].kind = "subtitle"
                k += 1
            else:
                break
    _enforce_sequences(text, paras)
    return paras, title


def _first_sentence_end(ptext: str) -> int:
    m = re.search(r"[。！？：]", ptext)
    return m.end() if m else len(ptext)


def _find_title(text: str, spans: list[tuple[int, int]], paras: list[Paragraph]) -> int | None:
    if not spans:
        return None
    a, b = spans[0]
    t = text[a:b]
    if paras[0].heading_level is not None or len(t) > 60:
        return None
    if re.search(r"[。！？；]$", t) or re.search(r"[。；]", t):
        return None
    if t.endswith(("：", ":", "，")):
        return None
    return 0


def _enforce_sequences(text: str, paras: list[Paragraph]) -> None:
    """Keep a numbered paragraph as a heading only when its numbering is coherent: it starts a
    run (一 / 1) or continues the run of its level under the current parent. A stand-alone short
    line keeps its heading role even out of sequence (its form is unambiguous); an inline one
    (heading sentence + body) out of sequence is demoted to a plain paragraph."""
    last: dict[int, int] = {}
    for p in paras:
        if p.heading_level is None or p.kind == "title":
            continue
        m = match_heading(text[p.start:p.end])
        if m is None:  # a styled .docx heading without a marker
            continue
        lvl = p.heading_level
        prev = last.get(lvl)
        ok = m.number == 1 or (prev is not None and m.number == prev + 1) or (prev is None and p.kind == "heading")
        if not ok and p.kind == "body":
            p.heading_level, p.marker = None, ""
            continue
        last[lvl] = m.number
        for deeper in [k for k in last if k > lvl]:
            del last[deeper]


def build_sections(text: str, paras: list[Paragraph], heading_spans: dict[int, tuple[int, int]]) -> list[Section]:
    """Nest headings into a tree: a heading closes every open section of the same or deeper level."""
    roots: list[Section] = []
    stack: list[Section] = []
    end_of_text = len(text)
    for i, p in enumerate(paras):
        if p.heading_level is not None and p.kind in ("heading", "body") and i in heading_spans:
            hs, he = heading_spans[i]
            while stack and stack[-1].level >= p.heading_level:
                closed = stack.pop()
                closed.end = _trim_end(text, p.start)
            sec = Section(
                level=p.heading_level, heading=text[hs:he], marker=p.marker, heading_span=Span(hs, he, "heading"),
                start=p.start, end=end_of_text,
            )
            (stack[-1].children if stack else roots).append(sec)
            stack.append(sec)
        if stack:
            stack[-1].paragraphs.append(i)
    for s in stack:
        s.end = end_of_text
    return roots


def _trim_end(text: str, pos: int) -> int:
    return pos - 1 if pos > 0 and text[pos - 1] == "\n" else pos
