"""Phrase-bank mining: the recurring expressions of official writing.

Four kinds, each with a count and example sentences:
- ``idiom``: set four-character expressions (统筹推进, 久久为功);
- ``parallel``: parallel constructions across clauses (坚持……，不断……);
- ``slogan``: quoted slogans (“五加二、白加黑”);
- ``collocation``: verb … object frames (严格落实……责任制).
Ranked by count weighted by how typical the phrase is of the selection against a background.

>>> ps = mine_phrases(["坚持问题导向，不断完善机制。", "坚持系统观念，不断深化改革。"], kinds=("parallel",))
>>> ps[0].text, ps[0].count
('坚持……，不断……', 2)
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Sequence

__all__ = ["Phrase", "mine_phrases"]

_CJK4 = re.compile(r"^[\u4e00-\u9fff]{4}$")
_QUOTE = re.compile(r"“([^“”]{2,16})”")
_CLAUSE = re.compile(r"[^，；。！？：、]+")
_ADVERBS = ("严格", "认真", "全面", "深入", "切实", "扎实", "持续", "不断", "积极", "坚决", "大力", "着力", "进一步", "全力", "有效", "稳步")
_VERB_POS = {"v", "vd", "vn", "l", "i"}
_OBJ_POS = {"n", "nz", "nt", "vn", "nr", "ns", "l"}


@dataclass
class Phrase:
    text: str
    kind: str
    count: int
    theme: str | None = None
    score: float = 0.0
    examples: list[str] = field(default_factory=list)


def _clause_head(tokens, tags: dict[str, str] | None = None, *, short: bool = False) -> str | None:
    """The leading verb of a clause (after an optional adverb), e.g. 坚持, 严格落实. A merged
    dictionary token (坚持问题导向, 不断完善) is looked into through the POS table."""
    if not tokens:
        return None
    tags = tags or {}
    t0 = tokens[0]
    w = t0.text
    if short:  # the clause's first word (a verb or an adverb): 坚持……，不断……
        if len(w) >= 2 and (tags.get(w[:2], "").startswith("v") or w[:2] in _ADVERBS):
            return w[:2]
        return None
    if len(w) > 2 and tags:
        if w[:2] in _ADVERBS and len(w) >= 4 and tags.get(w[2:4], "").startswith("v"):
            return w[:4]
        if tags.get(w[:2], "").startswith("v") or w[:2] in _ADVERBS:
            return w[:2]
    if w in _ADVERBS and len(tokens) > 1 and tokens[1].pos in _VERB_POS and len(tokens[1].text) == 2:
        return w + tokens[1].text
    if t0.pos in ("v", "vd") and len(w) == 2:
        return w
    return None


def mine_phrases(texts: Sequence[str], *, background: Sequence[str] | None = None,
                 kinds: Sequence[str] = ("idiom", "parallel", "slogan", "collocation"), top: int = 30,
                 min_count: int = 2, theme: str | None = None, max_examples: int = 3) -> list[Phrase]:
    """Mine phrases from ``texts``; with ``background``, rank by log-odds lift against it."""
    from govtext.tokenize import get_tokenizer

    tk = get_tokenizer()
    tk._ensure()
    tags = tk._tags
    counts: dict[tuple[str, str], int] = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(kind: str, key: str, sent: str) -> None:
        counts[(kind, key)] += 1
        ex = examples[(kind, key)]
        if len(ex) < max_examples and sent not in ex:
            ex.append(sent)

    for sent in texts:
        if "slogan" in kinds:
            for m in _QUOTE.finditer(sent):
                add("slogan", f"“{m.group(1)}”", sent)
        need_tokens = any(k in kinds for k in ("idiom", "parallel", "collocation"))
        if not need_tokens:
            continue
        toks = tk.tokenize(sent)
        if "idiom" in kinds:
            for t in toks:
                if _CJK4.match(t.text) and t.pos in ("i", "l", "v", "vn", "nz", "n", "a", "ad"):
                    add("idiom", t.text, sent)
        clauses = []
        for m in _CLAUSE.finditer(sent):
            ct = [t for t in toks if m.start() <= t.start and t.end <= m.end() and t.text.strip()]
            if ct:
                clauses.append(ct)
        if "parallel" in kinds:
            heads = [_clause_head(c, tags, short=True) for c in clauses]
            for a, b in zip(heads, heads[1:]):
                if a and b and a != b:
                    add("parallel", f"{a}……，{b}……", sent)
        if "collocation" in kinds:
            for c in clauses:
                h = _clause_head(c, tags)
                if not h or len(c) < 3:
                    continue
                last = c[-1]
                if last.pos in _OBJ_POS and len(last.text) >= 2 and last.text != h:
                    add("collocation", f"{h}……{last.text}", sent)
    bg_counts: Counter = Counter()
    n_bg = 0
    if background:
        sel = {k for k, c in counts.items() if c >= min_count}
        wanted = {k[1] for k in sel}
        n_bg = len(background)
        for sent in background:
            for w in wanted:
                if w.startswith("“"):
                    if w in sent:
                        bg_counts[w] += 1
                elif "……" in w:
                    parts = w.replace("，", "").split("……")
                    if all(p in sent for p in parts if p):
                        bg_counts[w] += 1
                elif w in sent:
                    bg_counts[w] += 1
    n_fg = max(1, len(texts))
    out: list[Phrase] = []
    for (kind, key), c in counts.items():
        if c < min_count:
            continue
        if background:
            lift = math.log((c + 0.5) / n_fg) - math.log((bg_counts[key] + 0.5) / max(1, n_bg))
            score = c * max(0.1, lift)
        else:
            score = float(c)
        out.append(Phrase(text=key, kind=kind, count=c, theme=theme, score=round(score, 3),
                          examples=examples[(kind, key)]))
    out.sort(key=lambda p: (-p.score, -p.count, p.text))
    by_kind: dict[str, list[Phrase]] = defaultdict(list)
    for p in out:
        if len(by_kind[p.kind]) < top:
            by_kind[p.kind].append(p)
    return [p for k in kinds for p in by_kind.get(k, [])]
