"""Exemplar search: :class:`ExemplarIndex` over sentences and paragraphs of reports.

- lexical: BM25 (bm25s) over domain-tokenizer tokens (plus the sub-words of long terms, as
  jieba's search mode does, so 放管服 finds 深化放管服改革);
- semantic: a scorer that finds phrasing with different wording. Default ``"chargram"``:
  BM25 over character bigrams, which matches 治理空气污染 to 大气污染防治 and 减少行政审批 to
  取消和下放行政审批事项 where the words differ. Alternatives, measured in
  ``benchmarks/bench_retrieve.py``: ``"lsa"`` (character 1–2-gram TF-IDF projected by a truncated
  SVD), ``"chargram+lsa"``, or a local sentence-transformers model directory
  (``semantic="st:/path/to/model"``), never a download;
- fusion of the two (max-normalised linear blend by default, or reciprocal-rank fusion), filters
  (theme, kind, year, unit type), near-duplicate collapse and highlighted spans.

>>> idx = ExemplarIndex.from_corpus()                               # doctest: +SKIP
>>> hit = idx.search("落实廉政责任", theme="integrity", k=5)[0]       # doctest: +SKIP
>>> hit.text, hit.highlights                                        # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from govtext.themes import KINDS, THEME_IDS

__all__ = ["ExemplarIndex", "Hit", "retrieval_tokens", "cached_corpus_index"]

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
UNIT_TYPES = ("sentence", "paragraph")
_PUNCT = re.compile(r"^[\W_]+$")
_NO_THEME = len(THEME_IDS)
_NO_KIND = len(KINDS)


def retrieval_tokens(text: str, tokenizer=None) -> list[str]:
    """Tokens for BM25: domain-tokenizer words without punctuation, plus the dictionary sub-words
    (2- and 3-character) of longer words."""
    from govtext.tokenize import get_tokenizer

    tk = tokenizer or get_tokenizer()
    freq = tk._ensure().FREQ
    out: list[str] = []
    for w in tk.cut(text):
        if not w.strip() or _PUNCT.match(w):
            continue
        out.append(w)
        n = len(w)
        if n > 2:
            for k in (2, 3):
                if n > k:
                    out.extend(w[i:i + k] for i in range(n - k + 1) if freq.get(w[i:i + k]))
    return out


@dataclass
class Hit:
    """One search result; ``highlights`` are (start, end) offsets into ``text``."""

    text: str
    score: float
    unit: str
    theme: str | None
    kind: str | None
    year: int | None
    source: str
    start: int
    end: int
    highlights: list[tuple[int, int]] = field(default_factory=list)
    lexical_rank: int | None = None
    semantic_rank: int | None = None
    index: int = -1

    def highlighted(self, open_mark: str = "【", close_mark: str = "】") -> str:
        out, last = [], 0
        for a, b in self.highlights:
            out += [self.text[last:a], open_mark, self.text[a:b], close_mark]
            last = b
        return "".join(out) + self.text[last:]


class ExemplarIndex:
    """Search units (sentences and paragraphs) with metadata; see the module docstring."""

    def __init__(self, *, semantic: str = "chargram", dims: int = 128, fusion: str = "linear", alpha: float = 0.5,
                 rrf_k: int = 60, candidates: int = 200) -> None:
        self.semantic = semantic
        self.dims = dims
        self.fusion = fusion
        self.alpha = alpha
        self.rrf_k = rrf_k
        self.candidates = candidates
        self._texts: list[str] = []
        self._unit = np.zeros(0, np.int8)
        self._theme = np.zeros(0, np.int8)
        self._kind = np.zeros(0, np.int8)
        self._year = np.zeros(0, np.int16)
        self._start = np.zeros(0, np.int64)
        self._sources: list[str] = []
        self._source = np.zeros(0, np.int32)
        self._tokens: list[list[str]] | None = []
        self._bm25 = None
        self._cbm25 = None
        self._vec = None  # (vocab dict, idf, components)
        self._emb: np.ndarray | None = None
        self._dirty = True
        self._st_model = None
        self._phrase_cache: dict = {}

    # -- building ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._texts)

    def add_units(self, units: Iterable[dict[str, Any]], *, progress: bool = True) -> "ExemplarIndex":
        """Add units: dicts with ``text`` and optional ``unit``, ``theme``, ``kind``, ``year``,
        ``source``, ``start``. The index is rebuilt lazily on the next search."""
        units = list(units)
        if not units:
            return self
        texts = [u["text"] for u in units]
        if any(not isinstance(t, str) or not t.strip() for t in texts):
            raise ValueError("every unit needs a non-empty 'text'")
        src_ids = {s: i for i, s in enumerate(self._sources)}
        srcs = []
        for u in units:
            s = str(u.get("source", ""))
            if s not in src_ids:
                src_ids[s] = len(self._sources)
                self._sources.append(s)
            srcs.append(src_ids[s])
        th = [THEME_IDS.index(u["theme"]) if u.get("theme") in THEME_IDS else _NO_THEME for u in units]
        kd = [KINDS.index(u["kind"]) if u.get("kind") in KINDS else _NO_KIND for u in units]
        un = [UNIT_TYPES.index(u.get("unit", "sentence")) for u in units]
        self._texts.extend(texts)
        self._unit = np.concatenate([self._unit, np.array(un, np.int8)])
        self._theme = np.concatenate([self._theme, np.array(th, np.int8)])
        self._kind = np.concatenate([self._kind, np.array(kd, np.int8)])
        self._year = np.concatenate([self._year, np.array([int(u.get("year") or 0) for u in units], np.int16)])
        self._start = np.concatenate([self._start, np.array([int(u.get("start", 0)) for u in units], np.int64)])
        self._source = np.concatenate([self._source, np.array(srcs, np.int32)])
        if self._tokens is None:
            self._tokens = [retrieval_tokens(t) for t in self._texts[: len(self._texts) - len(texts)]]
        it: Iterable[str] = texts
        if progress and len(texts) >= 5000:
            from tqdm.auto import tqdm

            it = tqdm(texts, desc="tokenizing units", unit="unit")
        from govtext.tokenize import get_tokenizer

        tk = get_tokenizer()
        self._tokens.extend(retrieval_tokens(t, tk) for t in it)
        self._dirty = True
        self._phrase_cache.clear()
        return self

    def add(self, documents: Iterable[Any], *, meta: dict[str, Any] | None = None, units: Sequence[str] = UNIT_TYPES,
            tag_themes: bool = True, progress: bool = True) -> "ExemplarIndex":
        """Add parsed Documents (or texts/paths, parsed here). Sentences without a theme are tagged
        with the bundled classifier when ``tag_themes``."""
        from govtext.document import Document
        from govtext.parse import parse

        rows = []
        for d in documents:
            doc = d if isinstance(d, Document) else parse(d, tokenize=False)
            m = {**doc.meta, **(meta or {})}
            if tag_themes and any(s.theme is None for s in doc.sentences):
                try:
                    from govtext.classify import tag

                    tag(doc)
                except Exception as e:  # the index still works without themes
                    log.warning("could not tag themes (%s); units get no theme", e)
            src = m.get("id") or doc.source or doc.title or ""
            if "sentence" in units:
                for s in doc.sentences:
                    if len(s.text) >= 4:
                        rows.append({"text": s.text, "unit": "sentence", "theme": s.theme, "kind": m.get("kind"),
                                     "year": m.get("year"), "source": src, "start": s.start})
            if "paragraph" in units:
                for pi, p in enumerate(doc.paragraphs):
                    ss = doc.sentences_of(pi)
                    if p.kind == "body" and len(ss) >= 2:
                        themes = [s.theme for s in ss if s.theme]
                        rows.append({"text": doc.text[p.start:p.end], "unit": "paragraph",
                                     "theme": max(dict.fromkeys(themes), key=themes.count) if themes else None,
                                     "kind": m.get("kind"), "year": m.get("year"), "source": src, "start": p.start})
        return self.add_units(rows, progress=progress)

    @classmethod
    def from_corpus(cls, corpus_dir: str | Path | None = None, *, split: str | None = None,
                    units: Sequence[str] = UNIT_TYPES, **kwargs: Any) -> "ExemplarIndex":
        """An index of the bundled corpus with its author-assigned themes."""
        from govtext.corpus import iter_reports

        rows = []
        for r in iter_reports(corpus_dir, split=split):
            by_p: dict[int, list[dict]] = {}
            for s in r.sentences:
                by_p.setdefault(s["paragraph"], []).append(s)
                if "sentence" in units and len(s["text"]) >= 4:
                    rows.append({"text": s["text"], "unit": "sentence", "theme": s["theme"], "kind": r.meta["kind"],
                                 "year": r.meta["year"], "source": r.id, "start": s["start"]})
            if "paragraph" in units:
                for pi, ss in by_p.items():
                    if len(ss) >= 2:
                        themes = [s["theme"] for s in ss]
                        rows.append({"text": "".join(s["text"] for s in ss), "unit": "paragraph",
                                     "theme": max(dict.fromkeys(themes), key=themes.count), "kind": r.meta["kind"],
                                     "year": r.meta["year"], "source": r.id, "start": ss[0]["start"]})
        return cls(**kwargs).add_units(rows)

    def _build(self) -> None:
        if not self._dirty:
            return
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        t0 = time.time()
        self._bm25 = bm25s.BM25()
        self._bm25.index([t or ["∅"] for t in self._tokens], show_progress=len(self._tokens) >= 50_000)
        if self.semantic not in ("chargram", "lsa", "chargram+lsa", "none") and not self.semantic.startswith("st:"):
            raise ValueError("semantic must be 'chargram', 'lsa', 'chargram+lsa', 'none' or 'st:/path/to/local/model'")
        if "chargram" in self.semantic:
            self._cbm25 = bm25s.BM25()
            self._cbm25.index([_bigrams(t) or ["∅"] for t in self._texts], show_progress=len(self._texts) >= 50_000)
        if "lsa" in self.semantic:
            self._fit_lsa()
        elif self.semantic.startswith("st:"):
            self._emb = self._st_encode(self._texts)
        self._dirty = False
        log.info("index built over %d units in %.1fs", len(self), time.time() - t0)

    # -- semantic: LSA ----------------------------------------------------------------------
    @staticmethod
    def _grams(t: str) -> list[str]:
        t = re.sub(r"[\W\d_]+", " ", t)
        return [g for n in (1, 2) for i in range(len(t) - n + 1) if " " not in (g := t[i:i + n])]

    def _fit_lsa(self) -> None:
        from sklearn.decomposition import TruncatedSVD

        n = len(self._texts)
        sample = np.arange(n) if n <= 60_000 else np.random.default_rng(0).choice(n, 60_000, replace=False)
        df: dict[str, int] = {}
        for i in sample:
            for g in set(self._grams(self._texts[i])):
                df[g] = df.get(g, 0) + 1
        vocab = {g: j for j, g in enumerate(sorted(g for g, c in df.items() if c >= 2))}
        idf = np.array([np.log((1 + len(sample)) / (1 + df[g])) + 1 for g in sorted(vocab, key=vocab.get)], np.float32)
        X = self._tfidf([self._texts[i] for i in sample], vocab, idf)
        k = max(2, min(self.dims, X.shape[1] - 1, X.shape[0] - 1))
        svd = TruncatedSVD(n_components=k, random_state=0, algorithm="randomized", n_iter=5).fit(X)
        comps = svd.components_.astype(np.float32)
        self._vec = (vocab, idf, comps)
        self._emb = self._project(self._texts)

    @staticmethod
    def _tfidf(texts: Sequence[str], vocab: dict[str, int], idf: np.ndarray):
        from scipy.sparse import csr_matrix

        ind, val, ptr = [], [], [0]
        for t in texts:
            c: dict[int, int] = {}
            for g in ExemplarIndex._grams(t):
                j = vocab.get(g)
                if j is not None:
                    c[j] = c.get(j, 0) + 1
            if c:
                js = np.fromiter(c, np.int32, len(c))
                v = (1 + np.log(np.fromiter(c.values(), np.float32, len(c)))) * idf[js]
                v /= np.linalg.norm(v)
                ind.append(js)
                val.append(v)
            ptr.append(ptr[-1] + len(c))
        return csr_matrix((np.concatenate(val) if val else np.zeros(0, np.float32),
                           np.concatenate(ind) if ind else np.zeros(0, np.int32), np.array(ptr)),
                          shape=(len(texts), len(vocab)))

    def _project(self, texts: Sequence[str]) -> np.ndarray:
        vocab, idf, comps = self._vec
        out = np.zeros((len(texts), comps.shape[0]), np.float32)
        step = 20_000
        for a in range(0, len(texts), step):
            X = self._tfidf(texts[a:a + step], vocab, idf)
            e = np.asarray(X @ comps.T, dtype=np.float32)
            e /= np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-9)
            out[a:a + step] = e
        return out

    def _st_encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._st_model is None:
            from sentence_transformers import SentenceTransformer  # optional; a local directory only

            path = self.semantic[3:]
            if not Path(path).is_dir():
                raise FileNotFoundError(f"sentence-transformers model directory {path} does not exist (no downloads)")
            self._st_model = SentenceTransformer(path, device="cpu")
        return np.asarray(self._st_model.encode(list(texts), normalize_embeddings=True), np.float32)

    def _query_vec(self, query: str) -> np.ndarray:
        if self.semantic.startswith("st:"):
            return self._st_encode([query])[0]
        return self._project([query])[0]

    # -- search -----------------------------------------------------------------------------
    def _mask(self, theme, kind, year, unit) -> np.ndarray | None:
        m = None

        def both(a, b):
            return b if a is None else a & b

        if unit is not None:
            if unit not in UNIT_TYPES:
                raise ValueError(f"unit must be one of {UNIT_TYPES}")
            m = both(m, self._unit == UNIT_TYPES.index(unit))
        for value, column, names, what in ((theme, self._theme, THEME_IDS, "theme"), (kind, self._kind, KINDS, "kind")):
            if value is None:
                continue
            vals = [value] if isinstance(value, str) else list(value)
            bad = [v for v in vals if v not in names]
            if bad:
                raise ValueError(f"unknown {what} {bad[0]!r}; valid: {', '.join(names)}")
            m = both(m, np.isin(column, [names.index(v) for v in vals]))
        if year is not None:
            lo, hi = (year, year) if isinstance(year, int) else year
            m = both(m, (self._year >= lo) & (self._year <= hi))
        return m

    def lexical_scores(self, query: str) -> np.ndarray:
        self._build()
        vd = self._bm25.vocab_dict
        toks = [t for t in retrieval_tokens(query) if t in vd]
        if not toks:
            return np.zeros(len(self), np.float32)
        return np.asarray(self._bm25.get_scores(toks), np.float32)

    def semantic_scores(self, query: str) -> np.ndarray:
        self._build()
        out = np.zeros(len(self), np.float32)
        parts = 0
        if self._cbm25 is not None:
            vd = self._cbm25.vocab_dict
            grams = [g for g in _bigrams(query) if g in vd]
            if grams:
                sc = np.asarray(self._cbm25.get_scores(grams), np.float32)
                m = float(sc.max())
                out += sc / m if m > 0 else sc
            parts += 1
        if self._emb is not None:
            out += np.maximum(self._emb @ self._query_vec(query), 0)
            parts += 1
        return out / max(1, parts)

    def search(self, query: str, *, k: int = 10, theme: str | Sequence[str] | None = None,
               kind: str | Sequence[str] | None = None, year: int | tuple[int, int] | None = None,
               unit: str | None = "sentence", mode: str = "fused", collapse: bool = True) -> list[Hit]:
        """Top-``k`` units for ``query`` (``mode``: ``fused``, ``lexical`` or ``semantic``)."""
        if not query or not query.strip():
            raise ValueError("empty query: give a few words, e.g. '落实廉政责任'")
        if mode not in ("fused", "lexical", "semantic"):
            raise ValueError("mode must be 'fused', 'lexical' or 'semantic'")
        if not len(self):
            return []
        self._build()
        mask = self._mask(theme, kind, year, unit)
        n_cand = max(self.candidates, 5 * k)
        lex_rank = sem_rank = None
        lex = sem = None
        if mode in ("fused", "lexical"):
            lex = self.lexical_scores(query)
            if mask is not None:
                lex = np.where(mask, lex, -np.inf)
            lex_rank = _top(lex, n_cand, positive=True)
        if mode in ("fused", "semantic") and self.semantic != "none":
            sem = self.semantic_scores(query)
            if mask is not None:
                sem = np.where(mask, sem, -np.inf)
            sem_rank = _top(sem, n_cand)
        if mode == "lexical" or (mode == "fused" and sem_rank is None):
            order, score = lex_rank, lex[lex_rank] if len(lex_rank) else np.zeros(0)
        elif mode == "semantic":
            order, score = sem_rank, sem[sem_rank]
        else:
            order, score = self._fuse(lex, lex_rank, sem, sem_rank)
        lr = {int(i): r for r, i in enumerate(lex_rank)} if lex_rank is not None else {}
        sr = {int(i): r for r, i in enumerate(sem_rank)} if sem_rank is not None else {}
        hits: list[Hit] = []
        kept_grams: list[set[str]] = []
        for i, s in zip(order, score):
            i = int(i)
            text = self._texts[i]
            if collapse:
                g = _trigrams(text)
                if any(_jaccard(g, h) >= 0.6 for h in kept_grams):
                    continue
                kept_grams.append(g)
            hits.append(self._hit(i, float(s), query, lr.get(i), sr.get(i)))
            if len(hits) >= k:
                break
        return hits

    def _fuse(self, lex, lex_rank, sem, sem_rank):
        cand = np.unique(np.concatenate([lex_rank, sem_rank]))
        if self.fusion == "rrf":
            pos_l = {int(i): r for r, i in enumerate(lex_rank)}
            pos_s = {int(i): r for r, i in enumerate(sem_rank)}
            big = len(lex_rank) + len(sem_rank) + 1000
            f = np.array([1 / (self.rrf_k + pos_l.get(int(i), big)) + 1 / (self.rrf_k + pos_s.get(int(i), big))
                          for i in cand])
        elif self.fusion == "linear":
            def norm(x):
                x = np.maximum(np.where(np.isfinite(x), x, 0.0), 0.0)
                hi = float(x.max()) if len(x) else 0.0
                return x / hi if hi > 0 else x

            f = self.alpha * norm(lex[cand]) + (1 - self.alpha) * norm(sem[cand])
        else:
            raise ValueError("fusion must be 'rrf' or 'linear'")
        o = np.argsort(-f, kind="stable")
        return cand[o], f[o]

    def _hit(self, i: int, score: float, query: str, lr, sr) -> Hit:
        text = self._texts[i]
        th = int(self._theme[i])
        kd = int(self._kind[i])
        start = int(self._start[i])
        return Hit(text=text, score=score, unit=UNIT_TYPES[int(self._unit[i])],
                   theme=THEME_IDS[th] if th < _NO_THEME else None, kind=KINDS[kd] if kd < _NO_KIND else None,
                   year=int(self._year[i]) or None, source=self._sources[int(self._source[i])], start=start,
                   end=start + len(text), highlights=_highlights(text, query), lexical_rank=lr, semantic_rank=sr,
                   index=i)

    # -- phrase bank ------------------------------------------------------------------------
    def phrases(self, *, theme: str | None = None, kinds: Sequence[str] = ("idiom", "parallel", "slogan", "collocation"),
                top: int = 30, min_count: int = 2) -> list:
        """Recurring official expressions of a theme (all units when ``theme`` is None)."""
        from govtext.phrases import mine_phrases

        key = (theme, tuple(kinds), top, min_count)
        if key not in self._phrase_cache:
            sel = self._mask(theme, None, None, "sentence")
            idx = np.nonzero(sel)[0] if sel is not None else np.arange(len(self))
            other = np.nonzero(~sel & (self._unit == 0))[0] if sel is not None else None
            self._phrase_cache[key] = mine_phrases(
                [self._texts[i] for i in idx], background=[self._texts[i] for i in other] if other is not None else None,
                kinds=kinds, top=top, min_count=min_count, theme=theme)
        return self._phrase_cache[key]

    # -- persistence ------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the index to a folder: numpy arrays (.npy, no pickle), JSON metadata, the texts as
        one UTF-8 file with offsets, and the bm25s index."""
        self._build()
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        blob = "".join(self._texts).encode("utf-8")
        lens = np.array([len(t.encode("utf-8")) for t in self._texts], np.int64)
        (p / "texts.bin").write_bytes(blob)
        arrays = {"text_offsets": np.concatenate([[0], np.cumsum(lens)]), "unit": self._unit, "theme": self._theme,
                  "kind": self._kind, "year": self._year, "start": self._start, "source": self._source}
        if self._emb is not None:
            arrays["embeddings"] = self._emb
        if self._vec is not None:
            arrays["lsa_idf"], arrays["lsa_components"] = self._vec[1], self._vec[2]
        for name, a in arrays.items():
            np.save(p / f"{name}.npy", np.ascontiguousarray(a), allow_pickle=False)
        self._bm25.save(str(p / "bm25"), show_progress=False)
        if self._cbm25 is not None:
            self._cbm25.save(str(p / "bm25_chargram"), show_progress=False)
        import bm25s

        import govtext

        meta = {"class": "govtext.retrieve.ExemplarIndex", "format_version": FORMAT_VERSION,
                "params": {"semantic": self.semantic, "dims": self.dims, "fusion": self.fusion, "alpha": self.alpha,
                           "rrf_k": self.rrf_k, "candidates": self.candidates},
                "units": len(self), "sources": self._sources,
                "lsa_vocab": sorted(self._vec[0], key=self._vec[0].get) if self._vec is not None else None,
                "versions": {"govtext": govtext.__version__, "bm25s": bm25s.__version__, "numpy": np.__version__}}
        (p / "index.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
        return p

    @classmethod
    def load(cls, path: str | Path, *, mmap: bool = False) -> "ExemplarIndex":
        """Load a saved index; ``mmap=True`` memory-maps the arrays and the BM25 matrix."""
        import bm25s

        p = Path(path)
        if not (p / "index.json").exists():
            raise FileNotFoundError(f"no ExemplarIndex at {p} (index.json missing); build one with ExemplarIndex.save")
        meta = json.loads((p / "index.json").read_text(encoding="utf-8"))
        if meta.get("format_version", 0) > FORMAT_VERSION:
            raise ValueError(f"{p} was written by a newer govtext; upgrade govtext")
        obj = cls(**meta["params"])
        mode = "r" if mmap else None

        def arr(name):
            return np.load(p / f"{name}.npy", mmap_mode=mode, allow_pickle=False)

        offs = arr("text_offsets")
        blob = (p / "texts.bin").read_bytes()
        obj._texts = _LazyTexts(blob, offs) if mmap else [
            blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(len(offs) - 1)]
        obj._unit, obj._theme, obj._kind = arr("unit"), arr("theme"), arr("kind")
        obj._year, obj._start, obj._source = arr("year"), arr("start"), arr("source")
        obj._sources = meta["sources"]
        if (p / "embeddings.npy").exists():
            obj._emb = arr("embeddings")
        if meta.get("lsa_vocab") is not None:
            obj._vec = ({g: j for j, g in enumerate(meta["lsa_vocab"])}, np.load(p / "lsa_idf.npy"),
                        np.load(p / "lsa_components.npy"))
        obj._bm25 = bm25s.BM25.load(str(p / "bm25"), mmap=mmap, show_progress=False)
        if (p / "bm25_chargram").is_dir():
            obj._cbm25 = bm25s.BM25.load(str(p / "bm25_chargram"), mmap=mmap, show_progress=False)
        obj._tokens = None  # re-tokenised only if units are added later
        obj._dirty = False
        return obj


_BUILD = 2  # bumped when how the corpus is indexed changes (2: a paragraph's theme ties broken by first occurrence)


def cached_corpus_index(*, units: Sequence[str] = UNIT_TYPES, cache_dir: str | Path | None = None) -> "ExemplarIndex":
    """``ExemplarIndex.from_corpus(units=...)`` for the bundled corpus, built once and kept in a
    cache folder (``cache_dir``, else ``$GOVTEXT_CACHE_DIR``, else ``~/.cache/govtext``) under a key
    made of the corpus files' contents, the units and govtext's version; later processes load it
    (about 0.1 s instead of several seconds). A cache that cannot be written is only logged.

    >>> idx = cached_corpus_index(units=("paragraph",))         # doctest: +SKIP
    """
    import hashlib
    import os
    import shutil
    import tempfile

    import govtext
    from govtext.corpus import CORPUS_DIR

    h = hashlib.sha1(f"{govtext.__version__}|{FORMAT_VERSION}|{_BUILD}|{','.join(units)}".encode("utf-8"))
    for f in sorted((CORPUS_DIR / "reports").glob("*.txt")):
        h.update(f.name.encode("utf-8"))
        h.update(f.read_bytes())
    root = Path(cache_dir or os.environ.get("GOVTEXT_CACHE_DIR") or Path.home() / ".cache" / "govtext")
    d = root / f"corpus-index-{h.hexdigest()[:16]}"
    if (d / "index.json").exists():
        try:
            return ExemplarIndex.load(d)
        except (OSError, ValueError, KeyError) as e:
            log.warning("ignoring an unreadable cached index at %s (%s); rebuilding it", d, e)
    idx = ExemplarIndex.from_corpus(units=units)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=root, prefix=".building-"))
        idx.save(tmp)
        shutil.rmtree(d, ignore_errors=True)
        os.replace(tmp, d)  # atomic: another process sees the whole index or none
    except OSError as e:
        log.info("could not cache the corpus index in %s (%s)", root, e)
    return idx


class _LazyTexts:
    """A read-only list of texts decoded on access from one UTF-8 blob."""

    def __init__(self, blob: bytes, offsets: np.ndarray) -> None:
        self._blob, self._offs = blob, offsets

    def __len__(self) -> int:
        return len(self._offs) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self._blob[self._offs[i]:self._offs[i + 1]].decode("utf-8")

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def extend(self, items):  # adding to a memory-mapped index materialises it
        raise TypeError("a memory-mapped index is read-only: load it with mmap=False to add units")


def _top(scores: np.ndarray, n: int, *, positive: bool = False) -> np.ndarray:
    valid = np.isfinite(scores) & ((scores > 0) if positive else True)
    idx = np.nonzero(valid)[0]
    if len(idx) > n:
        part = np.argpartition(-scores[idx], n)[:n]
        idx = idx[part]
    return idx[np.argsort(-scores[idx], kind="stable")]


def _bigrams(t: str) -> list[str]:
    """Character bigrams of the CJK/Latin runs of ``t`` (no punctuation or digits)."""
    return [g for g in (t[i:i + 2] for i in range(len(t) - 1)) if _GRAM_OK.match(g)]


_GRAM_OK = re.compile(r"^[^\W\d_]{2}$")


def _trigrams(t: str) -> set[str]:
    return {t[i:i + 3] for i in range(max(1, len(t) - 2))}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def _highlights(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of ``text`` matching the query's words, or else its character bigrams; merged."""
    words = [w for w in retrieval_tokens(query) if len(w) >= 2] or [query.strip()]
    spans = []
    for w in set(words):
        for m in re.finditer(re.escape(w), text):
            spans.append((m.start(), m.end()))
    if not spans:
        q = re.sub(r"\W", "", query)
        for g in {q[i:i + 2] for i in range(len(q) - 1)}:
            for m in re.finditer(re.escape(g), text):
                spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
