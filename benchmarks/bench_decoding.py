"""Choose the neural drafter's decoding on corpus validation pairs (never on real-dev or test).

    python benchmarks/bench_decoding.py [--model DIR] [--limit N]

The model's raw continuations (1 greedy + 7 sampled, as ``draft`` makes them) are generated once
per pair and cached under runs/decoding-cache/ (keyed by the model's weights); each decoding
configuration is then applied to the same continuations by ``Drafter.compose``. Openers come from
the train split's paragraphs only. Columns: ROUGE-L against the reference; theme agreement by the
bundled classifier (the reranker's own judge) and by a second judge it never sees (TF-IDF over
jieba words + logistic regression, fitted on the train split's sentences); the share of drafts
opened by a framing lead; the share of draft characters not from the notes ("model prose"). The
reference paragraphs' own row gives the scale: framing lines can lift a draft's theme agreement
above what real paragraphs score.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, table, write_result  # noqa: E402
from bench_draft import rouge_l, run_engine, second_judge  # noqa: E402

CONFIGS = {  # name -> Drafter.compose options
    "session-3 decoding (pruned variants added, v1 opener when off theme)": dict(guard=False, strict=False, lead="opener"),
    "+ guard (invented names, fragments, claiming joiners)": dict(guard=True, strict=False, lead="opener"),
    "+ guard, pooled framing lead when off theme": dict(guard=True, strict=False, lead="when_off_theme"),
    "strict (model prose cut to joiners ≤ 4 chars), v1 opener when off theme": dict(guard=True, strict=True, lead="opener"),
    "strict, pooled framing lead when off theme or bare (default)": dict(guard=True, strict=True, lead="when_off_theme"),
    "strict with joiners ≤ 6 chars, pooled lead": dict(guard=True, strict=True, lead="when_off_theme", strict_keep=6),
    "strict, framing lead always": dict(guard=True, strict=True, lead="always"),
}


def cached_generations(drafter, pairs: list[dict], model_dir: Path) -> dict[str, list]:
    from tqdm import tqdm

    from govtext.facts import parse_facts

    key = hashlib.sha1((model_dir / "model.safetensors").read_bytes()).hexdigest()[:12]
    path = ROOT / "runs" / "decoding-cache" / f"{key}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    have = {}
    if path.exists():
        have = {r["id"]: r["raw"] for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    with open(path, "a", encoding="utf-8") as out:
        for p in tqdm([p for p in pairs if p["id"] not in have], desc="generating", unit="pair"):
            fs = [parse_facts([b])[0] for b in p["bullets"] if str(b).strip()]
            have[p["id"]] = drafter.continuations(p["theme"], fs, kind=p["kind"])  # as draft() makes them
            out.write(json.dumps({"id": p["id"], "raw": have[p["id"]]}, ensure_ascii=False) + "\n")
    return have


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None, help="drafter directory (default: the bundled models/drafter-small)")
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args()
    from govtext.classify import ThemeClassifier
    from govtext.drafter import DEFAULT_DRAFTER_DIR, Drafter, _novel_share
    from govtext.facts import parse_facts
    from govtext.retrieve import ExemplarIndex

    model_dir = Path(a.model or DEFAULT_DRAFTER_DIR)
    pairs = [json.loads(l) for l in open(ROOT / "corpora" / "derived" / "pairs.jsonl", encoding="utf-8")]
    val = [p for p in pairs if p["split"] == "validation" and p.get("source") != "dense"][: a.limit]
    drafter = Drafter.load(model_dir)
    t = time.perf_counter()
    raw = cached_generations(drafter, val, model_dir)
    gen_s = time.perf_counter() - t
    idx = ExemplarIndex.from_corpus(split="train", units=("paragraph",))
    clf = ThemeClassifier.load_default()
    judge = second_judge()

    def measure(texts: list[str], leads: list[bool], sub: list[dict]) -> list:
        items = [{"text": x} for x in texts]
        return [len(sub), f"{statistics.mean(rouge_l(x, p['reference']) for x, p in zip(texts, sub)):.3f}",
                f"{statistics.mean(str(y) == p['theme'] for y, p in zip(clf.predict(items), sub)):.3f}",
                f"{statistics.mean(str(y) == p['theme'] for y, p in zip(judge.predict(items), sub)):.3f}",
                f"{statistics.mean(leads):.3f}" if leads else "",
                f"{statistics.mean(_novel_share(x, p['bullets']) for x, p in zip(texts, sub)):.3f}",
                f"{statistics.mean(len(x) for x in texts):.0f}"]

    subsets = {"all": lambda p: True, "z* (reports the model never saw)": lambda p: p["id"].startswith("z")}
    rows = []
    for sname, keep in subsets.items():
        sub = [p for p in val if keep(p)]
        rows.append(["(reference paragraphs, for scale)", sname] + measure([p["reference"] for p in sub], [], sub))
    outs, _ = run_engine("template", val, index=idx)
    for sname, keep in subsets.items():
        sub = [(o, p) for o, p in zip(outs, val) if keep(p)]
        rows.append(["version 1 (template)", sname] + measure([o["text"] for o, _ in sub], [], [p for _, p in sub]))
    for name, cfg in CONFIGS.items():
        res = []
        for p in val:
            fs = [parse_facts([b])[0] for b in p["bullets"] if str(b).strip()]
            r = drafter.compose(p["theme"], fs, [tuple(x) for x in raw[p["id"]]], kind=p["kind"], index=idx, **cfg)
            assert r.check.fact_recall == 1.0 and not r.check.unsupported, p["id"]
            res.append(r)
        for sname, keep in subsets.items():
            sub = [(r, p) for r, p in zip(res, val) if keep(p)]
            rows.append([name, sname] + measure([r.text for r, _ in sub], [r.theme_lead for r, _ in sub],
                                                [p for _, p in sub]))
        print(rows[-2], flush=True)
    sections = [
        f"Corpus validation pairs (figure pairs), model `{model_dir.name}`; generations cached once "
        f"({gen_s:.0f} s this run); every row decodes the same continuations. Every draft keeps fact recall 1.0 and "
        "0 unsupported figures (asserted).",
        "Why strict is the default: it keeps ROUGE-L (the best rows) and cuts the model's own prose to joiners (4 "
        "characters: 此外, 一年来; at 6, claims such as 全部整改到位 slip through, for no gain in ROUGE-L). A draft "
        "under 20 characters (a single short note) also gets a framing lead. The "
        "theme agreement the non-strict rows add comes from the model's own clauses, which read as the theme by naming "
        "its topics; read side by side, most such clauses state things the notes never said (a hospital, a programme, "
        "a pandemic). A framing lead on every draft (`lead=\"always\"`) trades ROUGE-L for the second judge's agreement.",
        table(["decoding", "pairs", "n", "ROUGE-L", "theme (classifier)", "theme (second judge)", "lead share",
               "model prose share", "chars"], rows),
    ]
    write_result("decoding", "Choosing the drafter's decoding (`benchmarks/bench_decoding.py`)", sections)


if __name__ == "__main__":
    main()
