"""Theme classification: ours vs keyword rules vs TF-IDF + logistic regression on words.

    python benchmarks/bench_classify.py

Scores the corpus test split and the real labelled sentences of ../shared/data/real-dev
(never trained on); saves confusion matrices as PNG; measures throughput and load time.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, SHARED, table, write_result  # noqa: E402

from govtext.classify import DEFAULT_MODEL_DIR, ThemeClassifier  # noqa: E402
from govtext.themes import THEME_IDS, THEMES  # noqa: E402


def cue_words() -> dict[str, list[str]]:
    """Cue words from THEMES.md's table (the 'typical cues' column); themes.py when absent."""
    p = SHARED / "THEMES.md"
    cues: dict[str, list[str]] = {}
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\|\s*`(\w+)`\s*\|.*\|\s*([^|]+)\|\s*$", line)
            if m and m.group(1) in THEMES:
                cues[m.group(1)] = [c.strip() for c in re.split(r"[、,，]", m.group(2)) if c.strip()]
    return cues or {t: list(THEMES[t].cues) for t in THEME_IDS}


class KeywordRules:
    """Baseline: the theme whose cue words occur most often; 'overview' when none does."""

    def __init__(self, cues: dict[str, list[str]]) -> None:
        self.cues = cues

    def predict(self, items) -> list[str]:
        out = []
        for it in items:
            t = it["text"]
            scores = {th: sum(t.count(c) for c in cs) for th, cs in self.cues.items()}
            best = max(scores, key=lambda k: scores[k])
            out.append(best if scores[best] > 0 else "overview")
        return out


class WordsTfidfLR:
    """Baseline: TF-IDF over jieba words of the sentence alone + logistic regression."""

    def fit(self, items, y):
        import jieba
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        jieba.setLogLevel(60)
        self.vec = TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None, lowercase=False, sublinear_tf=True, min_df=1)
        X = self.vec.fit_transform([it["text"] for it in items])
        self.lr = LogisticRegression(C=8.0, max_iter=300, class_weight="balanced").fit(X, y)
        return self

    def predict(self, items):
        return list(self.lr.predict(self.vec.transform([it["text"] for it in items])))


def scores(gold, pred) -> tuple[float, dict[str, float], np.ndarray]:
    from sklearn.metrics import confusion_matrix, f1_score

    per = f1_score(gold, pred, labels=list(THEME_IDS), average=None, zero_division=0)
    return (float(np.mean(per)), dict(zip(THEME_IDS, per)),
            confusion_matrix(gold, pred, labels=list(THEME_IDS)))


def save_confusion(cm: np.ndarray, title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from govtext.plotting import use_cjk_font

    use_cjk_font()
    labels = [f"{THEMES[t].name}" for t in THEME_IDS]
    fig, ax = plt.subplots(figsize=(8.5, 7.5))
    norm = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
    ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
    for i in range(len(THEME_IDS)):
        for j in range(len(THEME_IDS)):
            if cm[i, j]:
                ax.text(j, i, str(cm[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if norm[i, j] > 0.6 else "black")
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlabel("预测主题")
    ax.set_ylabel("标注主题")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    from govtext import corpus as gc
    from govtext.train import realdev
    from govtext.train.classifier import _xy

    t = time.perf_counter()
    ours = ThemeClassifier.load(DEFAULT_MODEL_DIR)
    ours.predict(["预热。"])  # the first prediction builds the feature automaton: counted as loading
    load_s = time.perf_counter() - t
    tr_items, tr_y = _xy(gc.sentences(split="train"))
    va_items, va_y = _xy(gc.sentences(split="validation"))
    te_items, te_y = _xy(gc.sentences(split="test"))
    # (items, gold, index): whole documents are scored so that paragraph pooling sees neighbours;
    # ``index`` picks the labelled items (None: all)
    sets = {"corpus test split": (te_items, te_y, None)}
    if realdev.available():
        items, gold, raw, index = realdev.label_documents()
        sets["real-dev labels"] = (items, gold, index)
        hi = [i for i, r in enumerate(raw) if r.get("confidence") == "high"]
        sets["real-dev labels, high confidence only"] = (items, [gold[i] for i in hi], [index[i] for i in hi])
    kw = KeywordRules(cue_words())
    lr = WordsTfidfLR().fit(tr_items + va_items, tr_y + va_y)
    no_ctx = ThemeClassifier(**{**ours.get_params(), "context": False}).fit(tr_items + va_items, tr_y + va_y)
    models = {"keyword rules (THEMES.md cues)": kw, "TF-IDF words + LR": lr,
              "govtext, sentence only": no_ctx, "govtext (bundled model)": ours}
    summary, per_rows, sections = [], [], []
    for set_name, (items, gold, index) in sets.items():
        res = {}
        for name, m in models.items():
            pred = list(m.predict(items))
            if index is not None:
                pred = [pred[j] for j in index]
            res[name] = scores(gold, pred)
            summary.append([set_name, name, len(gold), f"{res[name][0]:.3f}",
                            f"{sum(a == b for a, b in zip(gold, pred)) / len(gold):.3f}"])
        for th in THEME_IDS:
            per_rows.append([set_name, th] + [f"{res[n][1][th]:.2f}" for n in models])
        if "high confidence" in set_name:
            continue
        png = RESULTS / f"confusion_{'corpus' if set_name.startswith('corpus') else 'realdev'}.png"
        save_confusion(res["govtext (bundled model)"][2], f"govtext · {set_name}", png)
        sections.append(f"![confusion matrix, {set_name}]({png.name})")
    # throughput on raw, distinct strings (featurisation included, cache cold), after load
    big = list(dict.fromkeys(it["text"] for it in tr_items + va_items + te_items))
    if realdev.available():
        from govtext.parse import parse

        for f in sorted(realdev.REALDEV_DIR.glob("*.txt")):
            big += [s.text for s in parse(f, tokenize=False).sentences]
        big = list(dict.fromkeys(big))
    big = big[:50_000]
    fresh = ThemeClassifier.load(DEFAULT_MODEL_DIR)
    fresh.predict(["预热。"])
    t = time.perf_counter()
    fresh.predict(big)
    cold_s = time.perf_counter() - t
    ctx_items = [{"text": x, "heading": "一、主要工作", "prev_text": y} for x, y in zip(big[1:], big)]
    fresh2 = ThemeClassifier.load(DEFAULT_MODEL_DIR)
    t = time.perf_counter()
    fresh2.predict(ctx_items)
    ctx_s = time.perf_counter() - t
    perf = [["model load + first prediction (s)", f"{load_s:.3f}"],
            [f"predict, sentences/s ({len(big):,} distinct sentences, no context)", f"{len(big) / cold_s:,.0f}"],
            [f"predict, sentences/s (with heading + previous sentence)", f"{len(ctx_items) / ctx_s:,.0f}"]]
    write_result("classify", "Theme classification (`benchmarks/bench_classify.py`)", [
        "Macro-F1 over the 13 themes; the real-dev sentences are never trained on. Baselines are fitted on the same "
        "corpus train+validation split as the bundled model.",
        table(["set", "model", "sentences", "macro-F1", "accuracy"], summary),
        "Per-theme F1:",
        table(["set", "theme"] + list(models), per_rows),
        table(["speed (2 cores)", "value"], perf),
        *sections,
    ])


if __name__ == "__main__":
    main()
