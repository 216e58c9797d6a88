"""Sentence theme classification: :class:`ThemeClassifier` and :func:`tag`.

Features (one sparse vector per sentence, each block TF-IDF weighted and L2-normalised):
- the sentence: occurrences of character 1–3-grams and of the domain tokenizer's words (the
  vocabulary is learned by segmenting the training corpus with :mod:`govtext.tokenize`; at
  predict time words are found with an Aho–Corasick automaton, so no Viterbi pass is needed);
- context: the same features of the enclosing heading and of the previous sentence (down-weighted,
  and blanked at random during training so that unfamiliar headings do not mislead it);
  optionally a position bucket and a heading flag (``position=True``; off by default: it hurt on
  real reports, whose structure differs from the corpus's).
A multinomial logistic regression sits on top. At prediction time, sentences that share a
paragraph (items with the same ``group`` key, as :func:`document_items` gives them) pool their
probabilities: ``p_i + w * mean(p_paragraph)``, with ``w = paragraph_weight`` chosen on the
validation split (sentences of one paragraph nearly always share a theme). Saved as ``config.json`` + ``model.safetensors``.

>>> from govtext.classify import ThemeClassifier
>>> clf = ThemeClassifier.load_default()                 # doctest: +SKIP
>>> clf.predict(["严格落实中央八项规定精神，坚决纠治四风。"])  # doctest: +SKIP
array(['integrity'], dtype='<U10')
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections import Counter
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from govtext.errors import ModelFormatError, ModelNotFoundError
from govtext.themes import KINDS, THEME_IDS

__all__ = ["ThemeClassifier", "Featurizer", "tag", "theme_profile", "ThemeProfile", "DEFAULT_MODEL_DIR", "to_items"]

log = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "theme-classifier"
_second = itemgetter(1)
FORMAT_VERSION = 1
_N_POS = 5


def to_items(X: Iterable[Any]) -> list[dict[str, Any]]:
    """Normalise inputs: a string, or a dict with ``text`` and optional ``heading``,
    ``prev_text``, ``position`` (0..1), ``is_heading`` and ``group`` (any hashable key naming the
    paragraph; items of one group in one call pool their probabilities)."""
    out = []
    for x in X:
        if isinstance(x, str):
            out.append({"text": x})
        elif isinstance(x, dict):
            if "text" not in x:
                raise ValueError("each input dict needs a 'text' key")
            out.append(x)
        else:
            raise TypeError(f"inputs must be str or dict, not {type(x).__name__}")
    return out


class Featurizer:
    """Vocabulary strings (char n-grams + words) -> TF-IDF blocks for sentence, heading, previous."""

    def __init__(self, *, ngram_max: int = 3, min_df: int = 2, heading_weight: float = 0.6,
                 prev_weight: float = 0.3, context: bool = True, position: bool = False) -> None:
        self.position = position
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.heading_weight = heading_weight
        self.prev_weight = prev_weight
        self.context = context
        self.vocab: list[str] = []
        self.idf: np.ndarray | None = None
        self._automaton = None
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # -- vocabulary -------------------------------------------------------------------------
    def fit(self, texts: Sequence[str]) -> "Featurizer":
        from govtext.tokenize import get_tokenizer

        tk = get_tokenizer()
        df: Counter[str] = Counter()
        for t in texts:
            grams = {t[i:i + n] for n in range(1, self.ngram_max + 1) for i in range(len(t) - n + 1)}
            grams.update(w for w in tk.cut(t) if len(w) > self.ngram_max and not w.isspace())
            df.update(grams)
        self.vocab = sorted(g for g, c in df.items() if c >= self.min_df and g.strip())
        n = len(texts)
        self.idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in self.vocab], dtype=np.float32)
        self._automaton = None
        self._cache.clear()
        return self

    @property
    def n_block(self) -> int:
        return len(self.vocab)

    @property
    def n_features(self) -> int:
        return self.n_block * (3 if self.context else 1) + (_N_POS + 1 if self.context else 0)

    def _matcher(self):
        if self._automaton is None:
            import ahocorasick

            a = ahocorasick.Automaton()
            for i, g in enumerate(self.vocab):
                a.add_word(g, i)
            a.make_automaton()
            self._automaton = a
        return self._automaton

    def _counts(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(vocabulary indices, counts) of one text, cached."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        counts = Counter(map(_second, self._matcher().iter(text)))
        idx = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[text] = (idx, tf)
        return idx, tf

    def transform(self, items: Sequence[dict[str, Any]]):
        """One row per item: the sentence block, then (with context) the heading and previous-sentence
        blocks, each sublinear TF-IDF, L2-normalised and weighted; computed in one vectorised pass."""
        from scipy.sparse import csr_matrix

        nb = self.n_block
        idx_parts: list[np.ndarray] = []
        tf_parts: list[np.ndarray] = []
        seg_len: list[int] = []
        seg_w: list[float] = []
        seg_off: list[int] = []
        row_nnz = np.zeros(len(items), dtype=np.int64)
        extras: dict[int, list[int]] = {}
        for r, it in enumerate(items):
            blocks = [(it["text"], 0, 1.0)]
            if self.context:
                blocks += [(it.get("heading") or "", nb, self.heading_weight), (it.get("prev_text") or "", 2 * nb, self.prev_weight)]
            for text, off, w in blocks:
                if not text:
                    continue
                i, tf = self._counts(text)
                if len(i):
                    idx_parts.append(i)
                    tf_parts.append(tf)
                    seg_len.append(len(i))
                    seg_w.append(w)
                    seg_off.append(off)
                    row_nnz[r] += len(i)
            if self.context and self.position:
                extra = []
                pos = it.get("position")
                if pos is not None:
                    extra.append(3 * nb + min(_N_POS - 1, int(float(pos) * _N_POS)))
                if it.get("is_heading"):
                    extra.append(3 * nb + _N_POS)
                if extra:
                    extras[r] = extra
        if idx_parts:
            base = np.concatenate(idx_parts)
            lens = np.array(seg_len, dtype=np.int64)
            val = (1.0 + np.log(np.concatenate(tf_parts))) * self.idf[base]
            starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
            norm = np.sqrt(np.add.reduceat(val * val, starts))
            norm[norm == 0] = 1.0
            val = val * np.repeat(np.array(seg_w, dtype=np.float32) / norm, lens)
            ind = base + np.repeat(np.array(seg_off, dtype=np.int32), lens)
        else:
            ind, val = np.zeros(0, np.int32), np.zeros(0, np.float32)
        if extras:  # position features (off by default): appended per row, value 0.5
            rows = np.repeat(np.arange(len(items)), row_nnz)
            er = np.array([r for r, ex in extras.items() for _ in ex], dtype=np.int64)
            ei = np.array([e for ex in extras.values() for e in ex], dtype=np.int32)
            rows = np.concatenate([rows, er])
            ind = np.concatenate([ind, ei])
            val = np.concatenate([val, np.full(len(ei), 0.5, dtype=np.float32)])
            order = np.argsort(rows, kind="stable")
            rows, ind, val = rows[order], ind[order], val[order]
            row_nnz = np.bincount(rows, minlength=len(items))
        indptr = np.concatenate(([0], np.cumsum(row_nnz)))
        return csr_matrix((val.astype(np.float32), ind, indptr), shape=(len(items), self.n_features))


class ThemeClassifier:
    """Scikit-learn-style estimator predicting the 13 theme ids of THEMES.md.

    ``backend="linear"`` (default): the features above + logistic regression.
    ``backend="transformers"``: fine-tunes a local Hugging Face model directory (``model_path``)
    with the Trainer (see :mod:`govtext.classify_hf`).
    """

    def __init__(self, *, backend: str = "linear", context: bool = True, C: float = 8.0, ngram_max: int = 3,
                 min_df: int = 2, heading_weight: float = 0.6, prev_weight: float = 0.3,
                 class_weight: str | None = "balanced", max_iter: int = 300, context_dropout: float = 0.5,
                 position: bool = False, paragraph_weight: float = 0.0,
                 model_path: str | None = None,
                 epochs: float = 3.0, batch_size: int = 32, learning_rate: float = 5e-5, seed: int = 0) -> None:
        self.backend = backend
        self.context = context
        self.C = C
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.heading_weight = heading_weight
        self.prev_weight = prev_weight
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.context_dropout = context_dropout
        self.position = position
        self.paragraph_weight = paragraph_weight
        self.model_path = model_path
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.seed = seed

    # -- sklearn protocol -------------------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {k: getattr(self, k) for k in (
            "backend", "context", "C", "ngram_max", "min_df", "heading_weight", "prev_weight", "class_weight",
            "max_iter", "context_dropout", "position", "paragraph_weight", "model_path", "epochs", "batch_size", "learning_rate", "seed")}

    def set_params(self, **params: Any) -> "ThemeClassifier":
        for k, v in params.items():
            if k not in self.get_params():
                raise ValueError(f"unknown parameter {k!r}")
            setattr(self, k, v)
        return self

    def __repr__(self) -> str:
        return f"ThemeClassifier(backend={self.backend!r}, context={self.context})"

    def fit(self, X: Iterable[Any], y: Sequence[str]) -> "ThemeClassifier":
        items = to_items(X)
        y = list(y)
        if len(items) != len(y):
            raise ValueError(f"X has {len(items)} items but y has {len(y)} labels")
        bad = sorted({t for t in y if t not in THEME_IDS})
        if bad:
            raise ValueError(f"unknown theme labels {bad}; use the ids of THEMES.md: {', '.join(THEME_IDS)}")
        if self.backend == "transformers":
            from govtext.classify_hf import HFBackend

            self._hf = HFBackend(self.model_path, epochs=self.epochs, batch_size=self.batch_size,
                                 learning_rate=self.learning_rate, seed=self.seed, context=self.context)
            self._hf.fit(items, y)
            self.classes_ = np.array(self._hf.classes)
            return self
        if self.backend != "linear":
            raise ValueError("backend must be 'linear' or 'transformers'")
        from sklearn.linear_model import LogisticRegression

        t0 = time.time()
        self.featurizer_ = Featurizer(ngram_max=self.ngram_max, min_df=self.min_df, heading_weight=self.heading_weight,
                                      prev_weight=self.prev_weight, context=self.context, position=self.position)
        self.featurizer_.fit([it["text"] for it in items])
        Xm = self.featurizer_.transform(self._dropout(items))
        lr = LogisticRegression(C=self.C, max_iter=self.max_iter, class_weight=self.class_weight)
        lr.fit(Xm, y)
        self.classes_ = lr.classes_
        self.coef_ = np.ascontiguousarray(lr.coef_, dtype=np.float32)
        self.intercept_ = np.ascontiguousarray(lr.intercept_, dtype=np.float32)
        log.info("fitted on %d sentences, %d features in %.1fs", len(items), Xm.shape[1], time.time() - t0)
        return self

    def _dropout(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Blank the heading / previous sentence of a random share of training items, so that the
        model leans on the sentence itself when a report's headings are unlike the corpus's."""
        if not self.context or self.context_dropout <= 0:
            return items
        rng = np.random.default_rng(self.seed)
        out = []
        for it in items:
            it = dict(it)
            if rng.random() < self.context_dropout:
                it["heading"] = ""
            if rng.random() < self.context_dropout:
                it["prev_text"] = ""
            out.append(it)
        return out

    def _check_fitted(self) -> None:
        if not hasattr(self, "classes_"):
            raise RuntimeError("this ThemeClassifier is not fitted: call fit() or ThemeClassifier.load(path)")

    def decision_function(self, X: Iterable[Any]) -> np.ndarray:
        self._check_fitted()
        items = to_items(X)
        if self.backend == "transformers":
            return np.log(self._hf.predict_proba(items) + 1e-12)
        Xm = self.featurizer_.transform(items)
        return np.asarray(Xm @ self.coef_.T) + self.intercept_

    def predict_proba(self, X: Iterable[Any]) -> np.ndarray:
        items = to_items(X)
        z = self.decision_function(items)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return self._pool(items, e / e.sum(axis=1, keepdims=True))

    def _pool(self, items: list[dict[str, Any]], P: np.ndarray) -> np.ndarray:
        """Mix each sentence's probabilities with the mean of its paragraph (items sharing ``group``)."""
        w = float(self.paragraph_weight or 0.0)
        if w <= 0 or not self.context:
            return P
        groups: dict[Any, list[int]] = {}
        for i, it in enumerate(items):
            g = it.get("group")
            if g is not None:
                groups.setdefault(g, []).append(i)
        if not groups:
            return P
        out = P.copy()
        for idx in groups.values():
            if len(idx) > 1:
                out[idx] = (P[idx] + w * P[idx].mean(axis=0)) / (1.0 + w)
        return out

    def predict(self, X: Iterable[Any]) -> np.ndarray:
        items = to_items(X)
        if self.paragraph_weight and any(it.get("group") is not None for it in items):
            return self.classes_[np.argmax(self.predict_proba(items), axis=1)]
        z = self.decision_function(items)
        return self.classes_[np.argmax(z, axis=1)]

    def score(self, X: Iterable[Any], y: Sequence[str]) -> float:
        from sklearn.metrics import f1_score

        return float(f1_score(list(y), list(self.predict(X)), average="macro"))

    # -- persistence ------------------------------------------------------------------------
    def save(self, path: str | Path, *, metrics: dict | None = None, extra: dict | None = None) -> Path:
        """Write ``config.json`` and ``model.safetensors`` (no pickle) to ``path``."""
        self._check_fitted()
        import safetensors.numpy
        import sklearn

        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        if self.backend == "transformers":
            self._hf.save(p)
        else:
            safetensors.numpy.save_file(
                # coefficients in float16 halve the file; predictions agree to ~1e-3 in probability
                {k: np.ascontiguousarray(v) for k, v in (("coef", self.coef_.astype(np.float16)),
                                                        ("intercept", self.intercept_), ("idf", self.featurizer_.idf))},
                str(p / "model.safetensors"))
            (p / "vocab.txt").write_text("\n".join(self.featurizer_.vocab) + "\n", encoding="utf-8")
        import govtext

        cfg = {
            "class": "govtext.classify.ThemeClassifier", "format_version": FORMAT_VERSION,
            "params": self.get_params(), "classes": list(map(str, self.classes_)),
            "versions": {"govtext": govtext.__version__, "scikit-learn": sklearn.__version__, "numpy": np.__version__},
            **(extra or {}),
        }
        # the transformers backend keeps the model's own config.json; govtext's goes beside it
        name = "govtext.json" if self.backend == "transformers" else "config.json"
        (p / name).write_text(json.dumps(cfg, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if metrics is not None:
            (p / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return p

    @classmethod
    def load(cls, path: str | Path) -> "ThemeClassifier":
        """Load a classifier written by :meth:`save`."""
        p = Path(path)
        cfg_path = p / "govtext.json" if (p / "govtext.json").exists() else p / "config.json"
        if not cfg_path.exists():
            raise ModelNotFoundError(
                f"no theme classifier at {p} (config.json missing); rebuild it with: python -m govtext.train.classifier")
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        if cfg.get("class") != "govtext.classify.ThemeClassifier":
            raise ModelFormatError(f"{p} holds a {cfg.get('class')!r}, not a ThemeClassifier")
        if cfg.get("format_version", 0) > FORMAT_VERSION:
            raise ModelFormatError(f"{p} was written by a newer govtext (format {cfg['format_version']}); upgrade govtext")
        obj = cls(**cfg["params"])
        obj.classes_ = np.array(cfg["classes"])
        obj.config_ = cfg
        if obj.backend == "transformers":
            from govtext.classify_hf import HFBackend

            obj._hf = HFBackend.load(p)
            return obj
        import safetensors.numpy

        w = safetensors.numpy.load_file(str(p / "model.safetensors"))
        f = Featurizer(ngram_max=obj.ngram_max, min_df=obj.min_df, heading_weight=obj.heading_weight,
                       prev_weight=obj.prev_weight, context=obj.context, position=obj.position)
        f.vocab = (p / "vocab.txt").read_text(encoding="utf-8").split("\n")[:-1]
        f.idf = w["idf"]
        if len(f.vocab) != len(f.idf):
            raise ModelFormatError(f"{p}: vocab.txt has {len(f.vocab)} entries but idf has {len(f.idf)}")
        obj.featurizer_ = f
        obj.coef_, obj.intercept_ = w["coef"].astype(np.float32), w["intercept"]
        return obj

    _default: "ThemeClassifier | None" = None

    @classmethod
    def load_default(cls) -> "ThemeClassifier":
        """The bundled ``models/theme-classifier`` (loaded once)."""
        if cls._default is None:
            cls._default = cls.load(DEFAULT_MODEL_DIR)
        return cls._default


# ---------------------------------------------------------------------------------------------
def document_items(doc) -> list[dict[str, Any]]:
    """Classifier inputs for every sentence of a Document: heading, previous sentence, position and
    paragraph (``group``)."""
    n = len(doc.sentences)
    items = []
    prev = ""
    for k, s in enumerate(doc.sentences):
        path = doc.heading_path(s.start)
        heading = path[-1] if path else ""
        if heading == s.text:
            heading = path[-2] if len(path) > 1 else ""
        items.append({"text": s.text, "heading": heading, "prev_text": prev, "position": k / max(1, n - 1),
                      "is_heading": s.is_heading, "group": s.paragraph})
        prev = s.text
    return items


def tag(document, *, model: ThemeClassifier | str | Path | None = None):
    """Set ``theme`` and ``theme_proba`` on every sentence of a Document (or parse text first).

    >>> doc = tag("一、存在的问题\\n调查研究还不够深入。")     # doctest: +SKIP
    >>> doc.sentences[1].theme                              # doctest: +SKIP
    'problems'
    """
    from govtext.document import Document
    from govtext.parse import parse

    doc = document if isinstance(document, Document) else parse(document)
    clf = model if isinstance(model, ThemeClassifier) else (
        ThemeClassifier.load(model) if model is not None else ThemeClassifier.load_default())
    if not doc.sentences:
        return doc
    proba = clf.predict_proba(document_items(doc))
    classes = [str(c) for c in clf.classes_]
    for s, row in zip(doc.sentences, proba):
        j = int(np.argmax(row))
        s.theme = classes[j]
        s.theme_proba = {c: round(float(v), 4) for c, v in zip(classes, row)}
    return doc


# Themes a report kind normally contains (share of bundled-corpus reports of that kind >= 80%).
GENRE_EXPECTED: dict[str, tuple[str, ...]] = {
    "work_summary": ("overview", "problems", "plans"),
    "duty_report": ("overview", "political", "integrity", "problems", "plans"),
    "gov_work_report": ("overview", "economy", "reform", "livelihood", "ecology", "plans"),
    "research_report": ("overview", "problems"),
    "briefing": ("overview", "problems"),
    "speech": ("plans",),
}


class ThemeProfile(dict):
    """``{"overall": {theme: share}, "sections": [...], "missing": [...], "kind": ...}``."""


def theme_profile(document, *, kind: str | None = None, min_sentences: int = 1) -> ThemeProfile:
    """Share of each theme in the report and in each top-level section, and the themes the genre
    usually has that this report lacks (e.g. a work summary with no problems or plans)."""
    from govtext.corpus import infer_meta

    doc = document if any(s.theme for s in getattr(document, "sentences", [])) else tag(document)
    kind = kind or doc.meta.get("kind") or infer_meta(doc.text)["kind"]
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}; use one of {', '.join(KINDS)}")

    def shares(sents) -> dict[str, float]:
        c = Counter(s.theme for s in sents if s.theme)
        n = sum(c.values()) or 1
        return {t: round(c[t] / n, 4) for t in THEME_IDS if c[t]}

    overall = shares(doc.sentences)
    counts = Counter(s.theme for s in doc.sentences if s.theme)
    sections = []
    for sec in doc.sections:
        ss = [s for s in doc.sentences if sec.start <= s.start < sec.end]
        sections.append({"heading": sec.heading, "sentences": len(ss), "shares": shares(ss)})
    missing = [t for t in GENRE_EXPECTED.get(kind, ()) if counts[t] < min_sentences]
    return ThemeProfile(kind=kind, overall=overall, sections=sections, missing=missing)
