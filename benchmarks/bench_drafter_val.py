"""Choose between drafter models on the corpus validation pairs (never on real-dev or test).

    python benchmarks/bench_drafter_val.py [MODEL_DIR ...] [--limit 80]

For each model: fact recall, unsupported figures, character ROUGE-L against the reference, theme
agreement, latency p50 — on the first N figure pairs of the validation split
(corpora/derived/pairs.jsonl), plus the version-1 template as the baseline of the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, table, write_result  # noqa: E402
from bench_draft import run_engine  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="*", help="drafter directories (default: the bundled models/drafter-small)")
    ap.add_argument("--limit", type=int, default=80)
    ap.add_argument("--note", default="", help="a line to print above the table (what the candidates are)")
    ap.add_argument("--prefix", default="", help="only pairs of reports whose id starts with this (e.g. reports "
                    "added after a model was trained, which it has never seen)")
    a = ap.parse_args()
    if not a.models:
        from govtext.drafter import DEFAULT_DRAFTER_DIR

        a.models = [str(DEFAULT_DRAFTER_DIR)]
    pairs = [json.loads(l) for l in open(ROOT / "corpora" / "derived" / "pairs.jsonl", encoding="utf-8")]
    val = [p for p in pairs if p["split"] == "validation" and p.get("source") != "dense"
           and p["id"].startswith(a.prefix)][: a.limit]

    def row(name: str, agg: dict) -> list:
        return [name, agg["n"], f"{agg['fact_recall']:.3f}", agg["unsupported"], f"{agg['rouge_l']:.3f}",
                f"{agg['theme_agreement']:.3f}", f"{agg['p50']:.2f}", agg["placed"], agg["lead"]]

    from govtext.retrieve import ExemplarIndex

    idx = ExemplarIndex.from_corpus(split="train", units=("paragraph",))  # openers never from the pair's own report
    rows = [row("version 1", run_engine("template", val, index=idx)[1])]
    for m in a.models:
        from govtext.draft import draft

        draft("integrity", ["开展警示教育 3次"], engine="neural", model=m)  # load + warm up
        rows.append(row(m, run_engine("neural", val, m, index=idx)[1]))
        print(rows[-1], flush=True)
    headers = ["model", "pairs", "fact recall", "unsupported", "ROUGE-L", "theme agreement", "p50 s", "facts placed",
               "theme leads"]
    runs = []
    for m in a.models:
        rp = Path(m) / "run.json"
        if rp.exists():
            r = json.loads(rp.read_text(encoding="utf-8"))
            runs.append([m, f"{r['parameters'] / 1e6:.1f}M", r.get("device", ""), r.get("batches", {}).get("pretrain", 64),
                         f"{r['pretrain']['best_val_loss']} (epoch {r['pretrain']['best_epoch']})",
                         f"{r['finetune']['best_val_loss']} (epoch {r['finetune']['best_epoch']})"])
    sections = [f"Validation pairs{' of reports ' + a.prefix + '*' if a.prefix else ''} (corpora/derived/pairs.jsonl, "
                "figure pairs, split validation): the set that chooses between drafter models. " + a.note,
                table(headers, rows)]
    if runs:
        sections += ["How the candidates were trained (`run.json` of `govtext/train/loop.py`):",
                     table(["model", "parameters", "device", "pre-training batch", "pre-training val loss",
                            "fine-tuning val loss"], runs)]
    write_result("drafter_val", "Choosing a drafter (`benchmarks/bench_drafter_val.py`)", sections)

if __name__ == "__main__":
    main()
