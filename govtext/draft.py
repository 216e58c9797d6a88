"""Drafting a section from bullet facts, with the fact guard.

``draft()`` uses the neural drafter (:class:`govtext.drafter.Drafter`) when its model is present
and falls back to version 1 otherwise: retrieve exemplar paragraphs of the theme, take their
topic and closing sentences (figure-free), and compose the facts into result sentences with the
genre's patterns. Either way the result passes :func:`govtext.facts.verify`: a draft with an
unsupported figure is never returned, and a fact the model did not state is placed with the
version-1 patterns rather than dropped.

>>> r = draft("integrity", ["开展廉政警示教育 6次", "签订党风廉政建设责任书 42份"], engine="template")
>>> r.check.ok, r.engine
(True, 'template')
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from govtext.errors import GovtextError, ModelNotFoundError
from govtext.facts import Fact, VerifyResult, find_figures, parse_facts, verify
from govtext.themes import KINDS, THEME_IDS

__all__ = ["draft", "DraftResult", "template_draft", "place_missing", "UnsupportedFigureError"]

log = logging.getLogger(__name__)


class UnsupportedFigureError(GovtextError):
    """A draft still held a figure no fact supports after every repair: nothing is returned."""


@dataclass
class DraftResult:
    theme: str
    kind: str
    text: str
    engine: str
    check: VerifyResult
    facts: list[Fact]
    note: str = ""
    candidates: list[dict[str, Any]] = field(default_factory=list)
    placed_by_template: list[int] = field(default_factory=list)
    theme_lead: bool = False  # a version-1 opener was put before a neural draft that did not read as the theme

    def to_dict(self) -> dict[str, Any]:
        return {"theme": self.theme, "kind": self.kind, "text": self.text, "engine": self.engine, "note": self.note,
                "check": self.check.to_dict(), "facts": [f.to_dict() for f in self.facts],
                "placed_by_template": self.placed_by_template, "theme_lead": self.theme_lead,
                "candidates": self.candidates}


# Figure-free openers and closings written by the govtext team, used when no exemplar fits.
OPENERS: dict[str, str] = {
    "overview": "一年来，我们紧紧围绕中心工作，统筹推进各项任务，总体工作呈现稳中有进的良好态势。",
    "political": "坚持把政治建设摆在首位，持续深化理论武装，不断提高政治判断力和执行力。",
    "duties": "坚持围绕中心、服务大局，全面履行参谋助手、督查督办和综合协调职能。",
    "economy": "坚持稳中求进工作总基调，全力以赴稳增长、促投资、强产业，经济运行总体平稳。",
    "reform": "坚持以改革破难题、以创新增活力，重点领域和关键环节改革持续深化。",
    "livelihood": "始终把群众冷暖放在心上，集中力量办好民生实事，兜牢民生底线。",
    "ecology": "坚持生态优先、绿色发展，深入打好污染防治攻坚战，生态环境质量持续改善。",
    "governance": "坚持依法行政，健全制度机制，推动各项工作规范化、制度化运行。",
    "safety": "坚持统筹发展和安全，压紧压实安全责任，全力防范化解各类风险隐患。",
    "team": "坚持从严管理与关心关爱相结合，着力锻造忠诚干净担当的干部队伍。",
    "integrity": "坚持把党风廉政建设摆在突出位置，严格落实全面从严治党主体责任。",
    "problems": "对照更高标准和群众期盼，工作中还存在一些差距和不足。",
    "plans": "下一步，我们将坚持稳中求进，突出重点、补齐短板，推动各项工作再上新台阶。",
}
CLOSINGS: dict[str, str] = {
    "overview": "各项工作取得了新的进展。",
    "political": "干部职工的政治意识和理论素养进一步增强。",
    "duties": "较好地保障了各项工作高效有序运转。",
    "economy": "为经济高质量发展打下了坚实基础。",
    "reform": "发展活力和内生动力进一步增强。",
    "livelihood": "群众生活品质持续改善。",
    "ecology": "绿色发展底色更加鲜明。",
    "governance": "依法行政和规范管理水平进一步提高。",
    "safety": "全年社会大局保持和谐稳定。",
    "team": "队伍的凝聚力和战斗力进一步增强。",
    "integrity": "风清气正的良好氛围不断巩固。",
    "problems": "对这些问题，必须高度重视，认真加以解决。",
    "plans": "确保各项目标任务落到实处。",
}
_FIRST_LEADS = ("全年", "一年来，", "")
_NEXT_LEADS = ("同时，", "此外，", "")
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|第[一二三四五六七八九十]+，|首先，|其次，)")
_VERB_HEAD = re.compile(r"^(?:开展|组织|举办|召开|办理|完成|新增|新建|建成|签订|审查|受理|培训|慰问|走访|查处|处理|推动|推进|实施|"
                        r"落实|出台|制定|修订|印发|编发|起草|撰写|报送|接待|承办|筹办|发放|投入|争取|引进|实现|达到|累计|共|全年|"
                        r"帮助|解决|化解|排查|整改|督办|督查|检查|约谈|问责|立案|审批|办结|吸纳|带动|创建|打造|提升|压减|节约)")


# a note whose words before the figure already end in a verb or preposition takes no 达 (增至达…)
_HAS_VERB_TAIL = re.compile(r"(?:在|到|至|为|达|是|约|近|超|逾|破|过|有|占|计|共|增长|下降|增加|减少|提高|降低|完成|实现|累计)$")


def _clean_note(f: Fact) -> str:
    t = f.text.strip().rstrip("。；;，,")
    t = re.sub(r"\s*[：:]\s*", "", t) if f.figures else t
    t = re.sub(r"(?<=[\u4e00-\u9fff”])\s+(?=[\d一二三四五六七八九十两约近超逾])", "", t)
    t = re.sub(r"\s+", "，", t)
    return t


def _fact_clause(f: Fact) -> str:
    t = _clean_note(f)
    if not f.figures:
        return t
    if _VERB_HEAD.match(t) or re.search(r"(?:增长|下降|提高|降低|减少|增加|达到|突破|超过|完成|实现|压减|提升)", t):
        return t
    fig = f.figures[0]
    head = t[:fig.start].rstrip("：:， ") if t.find(fig.text) == fig.start else ""
    if head and t.endswith(fig.text) and not _HAS_VERB_TAIL.search(head):
        return f"{head}达{fig.text}" if fig.kind in ("count", "measure", "money") else t
    return t


def _strip_marker(s: str) -> str:
    return _MARKER.sub("", s).strip()


def _exemplar_frames(theme: str, kind: str, facts: Sequence[Fact], index=None) -> tuple[list[str], list[str]]:
    """Figure-free opening and closing sentences from the most similar exemplar paragraphs."""
    try:
        from govtext.retrieve import ExemplarIndex

        idx = index or _default_index()
    except Exception as e:  # the corpus may be absent in an installed package
        log.debug("no exemplar index (%s)", e)
        return [], []
    query = "".join(f.what or f.text for f in facts)[:60] or theme
    hits = idx.search(query, theme=theme, unit="paragraph", k=8, kind=kind if kind in KINDS else None) or \
        idx.search(query, theme=theme, unit="paragraph", k=8)
    openers, closings = [], []
    for h in hits:
        sents = [s for s in re.findall(r"[^。！？]+[。！？]", h.text)]
        if not sents:
            continue
        first = _strip_marker(sents[0])
        # only short, generic framing sentences: no quotes or titles that would carry someone else's specifics
        if 12 <= len(first) <= 36 and not find_figures(first) and not re.search(r"[“”《》（）*]", first):
            openers.append(first)
    return openers, closings


_INDEX = None


def _default_index():
    global _INDEX
    if _INDEX is None:
        from govtext.retrieve import cached_corpus_index

        _INDEX = cached_corpus_index(units=("paragraph",))
    return _INDEX


def template_draft(theme: str, facts: Sequence[Fact], *, kind: str = "work_summary", index=None, variant: int = 0,
                   use_exemplars: bool = True) -> str:
    """Version-1 draft: an opener, the facts as result sentences (two to a sentence), a closing."""
    openers, _ = _exemplar_frames(theme, kind, facts, index) if use_exemplars else ([], [])
    pool = [OPENERS[theme], *openers]
    opener = pool[variant % len(pool)]
    closing = CLOSINGS[theme]
    clauses = [_fact_clause(f) for f in facts]
    quant = [c for c, f in zip(clauses, facts) if f.figures]
    qual = [c for c, f in zip(clauses, facts) if not f.figures]
    body: list[str] = []
    for c in qual:
        body.append(c + "。")
    groups = [quant[i:i + 2] for i in range(0, len(quant), 2)]
    for gi, g in enumerate(groups):
        leads = _FIRST_LEADS if gi == 0 else _NEXT_LEADS
        lead = leads[(gi + variant) % len(leads)]
        s = "，".join(g)
        if lead and not s.startswith(("全年", "一年来", "累计", "同时", "此外")):
            s = lead + s
        body.append(s + "。")
    if closing and body:
        body[-1] = body[-1][:-1] + "，" + closing if len(body[-1]) + len(closing) < 90 and not closing.startswith(("对", "在")) else body[-1] + closing
    elif closing:
        body.append(closing)
    return opener + "".join(body)


def place_missing(text: str, facts: Sequence[Fact], missing: Sequence[int]) -> str:
    """Append the facts a draft failed to state, in version-1 result sentences."""
    if not missing:
        return text
    clauses = [_fact_clause(facts[i]) for i in missing]
    add = "此外，" + "，".join(clauses) + "。"
    if text and not text.endswith(("。", "！", "？")):
        text += "。"
    return text + add


def _theme_top(texts: Sequence[str]) -> list[str]:
    """The theme the bundled classifier reads in each text (alone, no context); "" without a model."""
    try:
        from govtext.classify import ThemeClassifier

        clf = ThemeClassifier.load_default()
    except Exception:
        return [""] * len(texts)
    return [str(t) for t in clf.predict([{"text": t, "heading": "", "prev_text": ""} for t in texts])]


def _theme_agreement(texts: Sequence[str], theme: str) -> list[float]:
    try:
        from govtext.classify import ThemeClassifier

        clf = ThemeClassifier.load_default()
    except Exception:
        return [0.0] * len(texts)
    proba = clf.predict_proba([{"text": t, "heading": "", "prev_text": ""} for t in texts])
    j = list(map(str, clf.classes_)).index(theme)
    return [float(p[j]) for p in proba]


def draft(theme: str, bullets: Sequence[str | dict | Fact] | str, *, kind: str = "work_summary", engine: str = "auto",
          model: str | Path | None = None, n_candidates: int | None = None, seed: int = 0, index=None,
          lead: str | None = None) -> DraftResult:
    """Draft a section of ``theme`` from bullet facts (strings, dicts or Facts).

    ``engine``: ``auto`` (the neural drafter when ``model`` is given, or when the bundled one is
    marked as the default engine; else the template), ``neural`` or ``template``.
    ``n_candidates``: drafts to choose from (default 8 neural, 4 template). ``lead`` (neural only):
    when a framing sentence of the theme opens the draft — ``when_off_theme`` (the default: only
    when the notes alone do not read as the theme, or make under 20 characters), ``always`` or
    ``never``; the template always
    opens with one. The result always passes the fact check or an error is raised.

    >>> draft("integrity", ["开展廉政警示教育 6次", "廉政谈话 96人次"], engine="template").check.ok
    True
    """
    if theme not in THEME_IDS:
        raise ValueError(f"unknown theme {theme!r}; valid ids: {', '.join(THEME_IDS)}")
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}; use one of {', '.join(KINDS)}")
    if engine not in ("auto", "neural", "template"):
        raise ValueError("engine must be 'auto', 'neural' or 'template'")
    if lead is not None:
        from govtext.drafter import LEAD_POLICIES  # light: no torch

        if lead not in LEAD_POLICIES:
            raise ValueError(f"unknown lead {lead!r}; use 'when_off_theme', 'always' or 'never'")
    facts = parse_facts(bullets) if isinstance(bullets, str) else [
        b if isinstance(b, Fact) else parse_facts([b])[0] for b in bullets if (isinstance(b, Fact) or str(b).strip())]
    if not facts:
        raise ValueError("no facts given: pass bullet notes such as ['开展警示教育 6次']")
    note = ""
    if engine in ("auto", "neural"):
        from govtext.drafter import DEFAULT_DRAFTER_DIR, Drafter, marked_default

        if engine == "auto" and model is None and not marked_default(DEFAULT_DRAFTER_DIR):
            # decided from govtext.json alone: no torch import, no model load
            note = ("the bundled drafter is absent or not marked as the default engine (see "
                    "models/drafter-small/README.md); used the template drafter; pass engine='neural' to use it")
        else:
            try:
                drafter = Drafter.load_cached(model) if model else Drafter.load_default()
                return drafter.draft(theme, facts, kind=kind, n_candidates=n_candidates or 8, seed=seed, index=index,
                                     lead=lead)
            except ModelNotFoundError as e:
                if engine == "neural":
                    raise
                note = f"neural drafter unavailable ({e}); used the template drafter"
        log.info(note)
    variants = [template_draft(theme, facts, kind=kind, index=index, variant=v) for v in range(max(1, n_candidates or 4))]
    variants = list(dict.fromkeys(variants))
    agree = _theme_agreement(variants, theme)
    cands = []
    for text, a in zip(variants, agree):
        chk = verify(text, facts)
        if chk.facts_missing:
            text = place_missing(text, facts, chk.facts_missing)
            chk = verify(text, facts)
        cands.append({"text": text, "theme_agreement": round(a, 4), "ok": chk.ok, "check": chk})
    ok = [c for c in cands if not c["check"].unsupported]
    if not ok:
        raise UnsupportedFigureError("every template candidate held a figure the facts do not support")
    best = max(ok, key=lambda c: (c["check"].ok, c["theme_agreement"]))
    return DraftResult(theme=theme, kind=kind, text=best["text"], engine="template", check=best["check"], facts=facts,
                       note=note, candidates=[{k: v for k, v in c.items() if k != "check"} for c in cands])
