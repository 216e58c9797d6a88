"""The neural drafter: a small causal LM trained by govtext that writes a section from notes.

Figures never pass through the model. Each figure of the notes becomes a slot token
(``[F1]``, ``[F2]`` …) in the prompt; the model learns where slots go in official prose, and the
slots are replaced by the notes' own figure text afterwards. Each note also gets a pointer token
(``[N1]`` …): where a reference paragraph states a note verbatim, the training target holds the
pointer, so the model learns to order the notes and write the official prose around them (a copy
mechanism), and a pointer is expanded back into the note's own words. Decoding bans digit tokens, samples
several candidates, rejects any with a figure the facts do not support (``facts.verify``),
reranks by fact coverage, theme agreement and model score, and places any fact the model did not
state with the version-1 patterns — so ``draft`` never invents a figure and never drops a fact.

>>> from govtext.drafter import Drafter
>>> d = Drafter.load_default()                                     # doctest: +SKIP
>>> d.draft("integrity", ["开展廉政警示教育 6次"]).text             # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path
from typing import Any, Sequence

from govtext.errors import ModelFormatError, ModelNotFoundError
from govtext.facts import Fact, Figure, find_figures, parse_facts, verify
from govtext.themes import KINDS, THEME_IDS

__all__ = ["Drafter", "DEFAULT_DRAFTER_DIR", "marked_default", "build_prompt", "delexicalize", "relexicalize", "SPECIAL_TOKENS", "MAX_SLOTS"]

log = logging.getLogger(__name__)

DEFAULT_DRAFTER_DIR = Path(__file__).resolve().parent.parent / "models" / "drafter-small"
MAX_SLOTS = 24
SLOT_RE = re.compile(r"\[F(\d+)\]")
NOTE_RE = re.compile(r"\[N(\d+)\]")
THEME_TOKENS = [f"[T:{t}]" for t in THEME_IDS]
KIND_TOKENS = [f"[K:{k}]" for k in KINDS]
SPECIAL_TOKENS = ["[PAD]", "[BOS]", "[EOS]", "[UNK]", "[NOTES]", "[SEP]", "[DRAFT]", "[EX]"] + THEME_TOKENS + KIND_TOKENS + [
    f"[F{i}]" for i in range(1, MAX_SLOTS + 1)] + [f"[N{i}]" for i in range(1, MAX_SLOTS + 1)]


def delexicalize(facts: Sequence[Fact], reference: str | None = None) -> tuple[list[str], str | None, list[Figure]]:
    """Replace every figure of the notes by a slot token; in ``reference`` replace the figures
    that match a note figure (by normalized value and unit) by the same slot.

    Returns (notes with slots, reference with slots or None, slot figures in order)."""
    slots: list[Figure] = []
    notes: list[str] = []
    for f in facts:
        t = f.text
        parts, last = [], 0
        for g in f.figures:
            if len(slots) >= MAX_SLOTS:
                break
            parts += [t[last:g.start], f"[F{len(slots) + 1}]"]
            last = g.end
            slots.append(g)
        parts.append(t[last:])
        notes.append("".join(parts))
    if reference is None:
        return notes, None, slots
    used: set[int] = set()
    out, last = [], 0
    for g in find_figures(reference):
        k = next((i for i, s in enumerate(slots) if i not in used and s.matches(g)), None)
        if k is None:
            k = next((i for i, s in enumerate(slots) if s.matches(g)), None)
        if k is None:
            continue
        used.add(k)
        out += [reference[last:g.start], f"[F{k + 1}]"]
        last = g.end
    out.append(reference[last:])
    ref = "".join(out)
    # note pointers: a note stated verbatim (its slots included) becomes [Nk]
    for i, n in sorted(enumerate(notes), key=lambda x: -len(x[1])):
        core = _note_core(n)
        if len(core) >= 4 and i < MAX_SLOTS and core in ref:
            ref = ref.replace(core, f"[N{i + 1}]", 1)
    return notes, ref, slots


def _note_core(note: str) -> str:
    return re.sub(r"\s+", "", note).strip("：:，,；;。 ")


def relexicalize(text: str, slots: Sequence[Figure], notes: Sequence[str] = ()) -> tuple[str, list[int]]:
    """Expand note pointers into the notes' words and put the notes' figure text back into the
    slots; returns the text and the slots used. A pointer used twice is expanded once."""
    used: list[int] = []
    seen: set[int] = set()

    def note(m: re.Match) -> str:
        k = int(m.group(1)) - 1
        if 0 <= k < len(notes) and k not in seen:
            seen.add(k)
            return _note_core(notes[k])
        return ""

    text = NOTE_RE.sub(note, text)

    def sub(m: re.Match) -> str:
        k = int(m.group(1)) - 1
        if 0 <= k < len(slots):
            used.append(k)
            return slots[k].text
        return ""

    return SLOT_RE.sub(sub, text), used


def build_prompt(theme: str, kind: str, notes: Sequence[str], exemplar: str | None = None) -> str:
    """The prompt the drafter is trained with: theme, kind, notes (with slots), optional exemplar."""
    ex = f"[EX]{exemplar}" if exemplar else ""
    return f"[BOS][T:{theme}][K:{kind}]{ex}[NOTES]" + "[SEP]".join(
        f"[N{i + 1}]{n}" if i < MAX_SLOTS else n for i, n in enumerate(notes)) + "[DRAFT]"


def marked_default(path: str | Path) -> bool:
    """Whether the drafter at ``path`` says ``"default": true`` in its govtext.json
    (``govtext train drafter --make-default``, set once its bench results beat version 1), read
    without loading the model."""
    p = Path(path) / "govtext.json"
    if not p.exists():
        return False
    try:
        return bool(json.loads(p.read_text(encoding="utf-8")).get("default", False))
    except (OSError, ValueError):
        return False


class Drafter:
    """A causal LM directory (config.json, model.safetensors, tokenizer) plus ``govtext.json``."""

    def __init__(self, model, tokenizer, *, path: str | Path | None = None, meta: dict | None = None) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.path = Path(path) if path else None
        self.meta = meta or {}

    _default: "Drafter | None" = None

    @classmethod
    def load(cls, path: str | Path) -> "Drafter":
        """Load a drafter trained by ``govtext train drafter`` (the bundled one or a user's)."""
        p = Path(path)
        if not (p / "config.json").exists():
            raise ModelNotFoundError(f"no drafter model at {p}; train one with: govtext train drafter")
        if not (p / "govtext.json").exists():
            raise ModelFormatError(
                f"{p} is a causal LM that govtext has not fine-tuned: run `govtext train drafter --base {p}` first")
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(max(1, torch.get_num_threads()))
        t0 = time.time()
        tok = AutoTokenizer.from_pretrained(str(p))
        model = AutoModelForCausalLM.from_pretrained(str(p), dtype=torch.float32)
        model.eval()
        meta = json.loads((p / "govtext.json").read_text(encoding="utf-8"))
        log.info("drafter loaded from %s in %.2fs", p, time.time() - t0)
        return cls(model, tok, path=p, meta=meta)

    @property
    def is_default(self) -> bool:
        """Whether ``draft(engine="auto")`` uses this drafter (see :func:`marked_default`)."""
        return bool(self.meta.get("default", False))

    _loaded: dict[str, "Drafter"] = {}

    @classmethod
    def load_cached(cls, path: str | Path) -> "Drafter":
        """:meth:`load`, once per resolved path (``draft(model=...)`` calls this)."""
        key = str(Path(path).resolve())
        if key not in cls._loaded:
            cls._loaded[key] = cls.load(path)
        return cls._loaded[key]

    @classmethod
    def load_default(cls) -> "Drafter":
        if cls._default is None:
            cls._default = cls.load(DEFAULT_DRAFTER_DIR)
        return cls._default

    # -- generation -------------------------------------------------------------------------
    def _bad_words(self) -> list[list[int]]:
        """Token ids that would put a figure into the text directly: any token with a digit or %
        (slot and pointer tokens, [F1] / [N1], are what the model is meant to use instead)."""
        vocab = self.tokenizer.get_vocab()
        return [[i] for t, i in vocab.items()
                if re.search(r"[0-9０-９%％]", t) and not SLOT_RE.fullmatch(t) and not NOTE_RE.fullmatch(t)]

    def generate(self, prompt: str, *, n: int = 4, max_new_tokens: int = 200, seed: int = 0,
                 temperature: float = 0.8, top_p: float = 0.92) -> list[tuple[str, float]]:
        """``n`` continuations (one greedy, the rest sampled) with their mean token log-probability."""
        import torch

        if not hasattr(self, "_bad"):
            self._bad = self._bad_words()
        enc = self.tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
        eos = self.tokenizer.convert_tokens_to_ids("[EOS]")
        pad = self.tokenizer.convert_tokens_to_ids("[PAD]")
        outs: list[tuple[str, float]] = []
        torch.manual_seed(seed)
        with torch.no_grad():
            common = dict(max_new_tokens=max_new_tokens, eos_token_id=eos, pad_token_id=pad,
                          bad_words_ids=self._bad or None, output_scores=True, return_dict_in_generate=True,
                          repetition_penalty=1.15, no_repeat_ngram_size=4)
            runs = [dict(do_sample=False, num_return_sequences=1)]
            if n > 1:
                runs.append(dict(do_sample=True, temperature=temperature, top_p=top_p, num_return_sequences=n - 1))
            for kw in runs:
                g = self.model.generate(**enc, **common, **kw)
                seqs = g.sequences[:, enc["input_ids"].shape[1]:]
                scores = self.model.compute_transition_scores(g.sequences, g.scores, normalize_logits=True)
                for row, sc in zip(seqs, scores):
                    ids = [int(i) for i in row if int(i) not in (eos, pad)]
                    valid = sc[torch.isfinite(sc)]
                    text = self.tokenizer.decode(ids, skip_special_tokens=False)
                    text = re.sub(r"\[(?:PAD|BOS|EOS|SEP|NOTES|DRAFT|EX)\]", "", text).replace(" ", "")
                    outs.append((text, float(valid.mean()) if len(valid) else -99.0))
        return outs

    def draft(self, theme: str, facts: Sequence[Fact | str | dict], *, kind: str = "work_summary", n_candidates: int = 8,
              seed: int = 0, index=None, max_new_tokens: int | None = None, prune: bool | None = None,
              lead: str | None = None):
        """Draft a section; see the module docstring for the guarantees and :meth:`compose` for
        ``prune`` and ``lead``."""
        fs = [f if isinstance(f, Fact) else parse_facts([f])[0] for f in facts]
        raw = self.continuations(theme, fs, kind=kind, n=n_candidates, seed=seed, max_new_tokens=max_new_tokens)
        return self.compose(theme, fs, raw, kind=kind, index=index, prune=prune, lead=lead)

    def continuations(self, theme: str, facts: Sequence[Fact], *, kind: str = "work_summary", n: int = 8, seed: int = 0,
                      max_new_tokens: int | None = None) -> list[tuple[str, float]]:
        """The generation half of :meth:`draft`: the model's raw continuations for the prompt of
        ``facts`` (token budget 60 + 40 per fact, at most 400, unless given)."""
        notes, _, _ = delexicalize(facts)
        budget = max_new_tokens or min(400, 60 + 40 * len(facts))
        return self.generate(build_prompt(theme, kind, notes), n=n, max_new_tokens=budget, seed=seed)

    def compose(self, theme: str, facts: Sequence[Fact], raw: Sequence[tuple[str, float]], *, kind: str = "work_summary",
                index=None, prune: bool | None = None, guard: bool | None = None, strict: bool | None = None,
                strict_keep: int | None = None, lead: str | None = None):
        """The decoding half of :meth:`draft`: from the model's raw continuations (``generate``
        output for the prompt of ``facts``) to the chosen, fact-checked draft. Separate so that
        decoding choices can be measured on cached generations.

        - ``guard`` (default on): the model's joiners that claim what the notes do not say
          (:func:`tidy_joiners`) and its clauses naming what they do not give (:func:`guard_free_prose`) go.
        - ``strict`` (default on): the model's own prose is cut to joiners of up to ``strict_keep``
          (default ``STRICT_KEEP``, 4) characters
          (:func:`prune_free_clauses`); without it, long invented clauses survive and can win the
          rerank by reading as the theme (measured on validation pairs: benchmarks/RESULTS.md).
        - ``prune`` (default on): pruned variants also enter the rerank (matters when not strict).
        - ``lead``: ``when_off_theme`` (default) opens the draft with a framing sentence of the theme
          only when no candidate reads as the theme or the draft is under ``MIN_PRUNED_CHARS``
          characters; ``always``, ``never``; ``opener`` uses only the version-1 opener (the session-3
          behaviour).
        """
        prune = PRUNE_DEFAULT if prune is None else prune
        guard = GUARD_DEFAULT if guard is None else guard
        strict = STRICT_DEFAULT if strict is None else strict
        lead = LEAD_DEFAULT if lead is None else lead
        if lead not in LEAD_POLICIES:
            raise ValueError(f"lead must be one of {', '.join(LEAD_POLICIES)}")
        from govtext.draft import DraftResult, _theme_agreement, _theme_top, place_missing

        fs = list(facts)
        _, _, slots = delexicalize(fs)
        notes_with_figures = [f.text for f in fs]
        variants = [(_tidy(t), lp, False) for t, lp in raw]
        if guard:
            variants = [(g, lp, False) for t, lp, _ in variants
                        if (g := guard_free_prose(tidy_joiners(t)))]
        if strict:
            keep = STRICT_KEEP if strict_keep is None else strict_keep
            variants = [(prune_free_clauses(t, keep_up_to=keep) or t, lp, False) for t, lp, _ in variants]
        if prune:
            pruned = {p: lp for t, lp, _ in variants for f in PRUNERS if (p := f(t)) and p != t}
            variants += [(p, lp, True) for p, lp in pruned.items() if p not in {t for t, _, _ in variants}]
        cands = []
        for text, lp, was_pruned in variants:
            filled, used = relexicalize(text, slots, notes_with_figures)
            filled = _drop_stubs(filled)
            if was_pruned and len(re.sub(r"[，。；、：！？]", "", filled)) < MIN_PRUNED_CHARS:
                continue  # a pruned variant must still be a section, not a list of bare notes
            chk = verify(filled, fs)
            cands.append({"text": filled, "model_logprob": round(lp, 4), "slots_used": len(set(used)), "pruned": was_pruned,
                          "unsupported": len(chk.unsupported), "missing": len(chk.facts_missing), "check": chk,
                          "novel_share": round(_novel_share(filled, notes_with_figures), 4)})
        agree = _theme_agreement([c["text"] for c in cands], theme)
        for c, a in zip(cands, agree):
            c["theme_agreement"] = round(a, 4)
            # coverage first, then theme agreement, then fluency (model score); prose of the model's own
            # beyond a quarter of the draft costs (weight chosen on corpus validation pairs)
            c["score"] = round(2.0 * (1 - c["missing"] / max(1, len(fs))) + 1.0 * a + 0.3 * c["model_logprob"]
                               - 2.0 * max(0.0, c["novel_share"] - 0.25), 4)
        ok = [c for c in cands if c["unsupported"] == 0 and c["text"].strip()]
        note = ""
        theme_lead = False
        if not ok:
            from govtext.draft import template_draft

            text = template_draft(theme, fs, kind=kind, index=index)
            chk = verify(text, fs)
            engine, note = "template", "every neural candidate held an unsupported figure; used the template drafter"
            placed: list[int] = []
        else:
            # the complete draft of each candidate (unstated facts placed), and whether it reads as the theme
            for c in ok:
                c["full"] = place_missing(c["text"], fs, c["check"].facts_missing) if c["missing"] else c["text"]
            for c, top in zip(ok, _theme_top([c["full"] for c in ok])):
                c["reads_as_theme"] = top == theme
            # a candidate the classifier reads as the requested theme first, then by score
            best = max(ok, key=lambda c: (c["reads_as_theme"], c["score"]))
            text, chk = best["full"], best["check"]
            placed = list(chk.facts_missing)
            notes_said = []
            if placed:
                chk = verify(text, fs)
                notes_said.append(f"{len(placed)} fact(s) the model did not state were placed by the version-1 patterns")
            bare = len(re.sub(r"[，。；、：！？]", "", text)) < MIN_PRUNED_CHARS  # too short to stand as a section
            if lead == "always" or (lead != "never" and (not best["reads_as_theme"] or bare)):
                led = self._lead(theme, fs, text, kind=kind, index=index, pool=lead != "opener", closing=lead != "opener")
                if led is not None:
                    text, chk, theme_lead = led, verify(led, fs), True
                    notes_said.append("a framing sentence of the theme leads the draft" if lead == "always" or
                                      best["reads_as_theme"] else
                                      "no candidate read as the theme; a framing sentence of the theme leads the draft")
            note = "; ".join(notes_said)
            engine = "neural"
        if chk.unsupported:
            from govtext.draft import UnsupportedFigureError

            raise UnsupportedFigureError(f"draft still holds unsupported figures: {[f.text for f in chk.unsupported]}")
        return DraftResult(theme=theme, kind=kind, text=text, engine=engine, check=chk, facts=fs, note=note,
                           candidates=[{k: v for k, v in c.items() if k not in ("check", "full")} for c in cands],
                           placed_by_template=placed, theme_lead=theme_lead)

    @staticmethod
    def _lead(theme: str, facts: Sequence[Fact], text: str, *, kind: str, index=None, pool: bool = True,
              closing: bool = True) -> str | None:
        """``text`` led by a figure-free framing sentence of ``theme``: the version-1 opener or, with
        ``pool``, whichever of it and the corpus exemplars' openers (retrieved for these notes, theme
        and kind) makes the draft read most as the theme; with ``closing``, when even the best lead
        leaves the draft reading as another theme, the version-1 closing of the theme ends it too.
        None when no framing fits."""
        from govtext.draft import CLOSINGS, OPENERS, _exemplar_frames, _theme_agreement, _theme_top

        leads = [OPENERS[theme]] if OPENERS.get(theme) else []
        if pool:
            leads += _exemplar_frames(theme, kind, facts, index)[0]
        leads = [x for x in dict.fromkeys(leads) if x and x not in text]
        ok = [d for d in (x + text for x in leads) if not verify(d, facts).unsupported]
        if not ok:
            return None
        agree = _theme_agreement(ok, theme)
        best = ok[max(range(len(ok)), key=lambda i: agree[i])]
        end = CLOSINGS.get(theme, "")
        if closing and end and end not in best and _theme_top([best])[0] not in ("", theme):
            closed = best + end
            if not verify(closed, facts).unsupported and _theme_top([closed])[0] == theme:
                return closed
        return best


_SENT_RE = re.compile(r"[^。！？]+[。！？]?")  # a sentence with its end mark
PRUNE_DEFAULT = True  # chosen on corpus validation pairs (benchmarks/RESULTS.md, "Choosing a drafter")


def prune_free_sentences(text: str) -> str:
    """``text`` (with [N*]/[F*] tokens) without its sentences that hold no note pointer and no
    figure slot; '' when nothing would be left.

    >>> prune_free_sentences("[N1]，成效明显。面对新形势新要求。全年[N2]。")
    '[N1]，成效明显。全年[N2]。'
    """
    kept = [s for s in _SENT_RE.findall(text) if _has_token(s)]
    return "".join(kept)


def prune_free_clauses(text: str, *, keep_up_to: int = 6) -> str:
    """:func:`prune_free_sentences`, then inside each sentence also drop the clauses (between
    ，；) of pure model prose longer than ``keep_up_to`` characters; short joiners (一年来，此外)
    stay.

    >>> prune_free_clauses("[N1]，全省城乡阶段性成果全部纳入重大活动，[N2]。一年来，[N3]。")
    '[N1]，[N2]。一年来，[N3]。'
    """
    return _filter_free_clauses(prune_free_sentences(text), lambda c: len(c) <= keep_up_to, trim_joiners=True)


def _has_token(clause: str) -> bool:
    return bool(NOTE_RE.search(clause) or SLOT_RE.search(clause))


def _filter_free_clauses(text: str, keep, *, trim_joiners: bool = False) -> str:
    """``text`` with each clause (between ，；) of the model's own prose (no note, no figure) kept
    only when ``keep(clause without its mark)``; with ``trim_joiners``, a sentence does not end on
    a joiner whose clause was dropped; sentences left empty go."""
    out = []
    for sent in _SENT_RE.findall(text):
        end = sent[-1] if sent[-1] in "。！？" else ""
        body = sent[:-1] if end else sent
        kept = [c for c in re.findall(r"[^，；]+[，；]?", body) if _has_token(c) or keep(c.rstrip("，；"))]
        while trim_joiners and kept and kept[-1][-1] in "，；" and not _has_token(kept[-1]):
            kept.pop()
        if kept:
            out.append("".join(kept).rstrip("，；") + end)
    return "".join(out)


PRUNERS = (prune_free_sentences, prune_free_clauses)
MIN_PRUNED_CHARS = 20
GUARD_DEFAULT = True
STRICT_DEFAULT = True
STRICT_KEEP = 4  # longest clause of the model's own kept under strict (此外, 一年来; 全部整改到位 is a claim)
LEAD_POLICIES = ("never", "opener", "when_off_theme", "always")
LEAD_DEFAULT = "when_off_theme"
_QUOTED = re.compile(r"[“”《》「」『』\"]")


def guard_free_prose(text: str) -> str:
    """``text`` (with [N*]/[F*] tokens) without the clauses of the model's own prose that would
    state something the notes did not: a quoted name, title or slogan (“两连丰”, 《条例》), or a
    fragment ending in 的 (是全面小康的). Such clauses go the way an unsupported figure does: the
    draft never names what the writer did not give.

    >>> guard_free_prose("[N1]，成功应对“两连丰”。[N2]，是全面小康的。")
    '[N1]。[N2]。'
    """
    return _filter_free_clauses(text, lambda c: not (_QUOTED.search(c) or c.endswith("的")))


_TIME_LEADS = "一年来|全年|过去一年|去年|今年|五年来|近年来"


def tidy_joiners(text: str) -> str:
    """The model's joiners (token text, so a note's own words are never touched) without the ones
    that claim what the notes do not say: a time lead (全年, 一年来 …: the period is the writer's to
    state), 其中 before a note (a subset claim), an adverb of manner before a note (认真, 扎实 …: the
    writer's own words say how; 认真[N2] with note 生产安全事故… is how a small model goes wrong)
    and an ordinal (第三，首先，). On corpus validation pairs dropping them cost no ROUGE-L.

    >>> tidy_joiners("一年来，全年共[N1]。其中[N2]。第三，[N3]，全年增长[F1]。")
    '共[N1]。[N2]。[N3]，增长[F1]。'
    """
    text = re.sub(rf"(^|[。！？，；])(?:(?:{_TIME_LEADS})(?![年度内])，?)+", r"\1", text)
    text = re.sub(r"(?:其中|认真|积极|切实|不断|进一步|扎实|深入|大力)，?(?=\[N\d+\])", "", text)
    return re.sub(r"(^|[。！？，；])(?:第[一二三四五六七八九十]+|首先|其次|再次|最后)，", r"\1", text)


# joiners that cannot make up a sentence's last clause (left when a repeated pointer expands to nothing)
_DANGLING = "其中|同时|此外|并且|以及|认真|积极|全年|进一步|不断"


def _drop_stubs(text: str) -> str:
    """Remove sentences left with under four characters ("全年。", a repeated pointer expanded once) and
    joiners left at a sentence end ("，其中。")."""
    text = re.sub(r"([，；、])[，；、]+", r"\1", text)
    text = re.sub(r"[，；、：]+(?:(?:" + _DANGLING + r")[，；、：]*)?([。！？])", r"\1", text)
    kept = [s for s in _SENT_RE.findall(text) if len(re.sub(r"[，。；、：！？\s]", "", s)) >= 4]
    return "".join(kept) if kept else text


def _novel_share(text: str, notes: Sequence[str]) -> float:
    """Share of a draft's characters (punctuation aside) that do not come from the notes."""
    rest = text
    for n in notes:
        rest = rest.replace(_note_core(n), "")
    return len(re.sub(r"[，。；、：！？]", "", rest)) / max(1, len(text))


def _tidy(text: str) -> str:
    text = text.strip()
    # cut a trailing unfinished sentence
    m = re.search(r"^(.*[。！？])[^。！？]*$", text, flags=re.S)
    if m and len(m.group(1)) >= 10:
        text = m.group(1)
    return re.sub(r"(\[F\d+\])(?:\1)+", r"\1", text)
