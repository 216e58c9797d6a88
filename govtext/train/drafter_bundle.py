"""Train the drafter on an accelerator: export a tokenised data bundle here, run the plain-torch
loop (:mod:`govtext.train.loop`) where the GPU is, and package the weights it returns.

    python -m govtext.train.drafter_bundle export runs/bundle            # tokenizer + arrays
    python govtext/train/loop.py --data runs/bundle --out runs/gpu       # on the GPU machine
    python -m govtext.train.drafter_bundle package runs/gpu/wide --bundle runs/bundle

The bundle holds token ids only (no jieba, ``datasets`` or govtext needed where the loop runs):
pre-training streams of the train and validation splits, and the notes -> paragraph examples
(prompt ids, target ids) of both splits. ``package`` writes a normal drafter directory
(config, fp16 safetensors, tokenizer, govtext.json, metrics.json, model card) that
``Drafter.load`` reads.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from govtext.drafter import DEFAULT_DRAFTER_DIR

log = logging.getLogger(__name__)

BUNDLE_VERSION = 1


def _examples(tok, examples, max_len: int) -> tuple[np.ndarray, np.ndarray]:
    """Concatenated ids and an (n, 3) index of (offset, length, prompt length)."""
    from govtext.train.drafter import encode_example

    flat: list[int] = []
    idx = []
    for pr, tg in examples:
        ids, k = encode_example(tok, pr, tg, max_len)
        if k >= len(ids):  # nothing of the target survives the cut
            continue
        idx.append((len(flat), len(ids), k))
        flat += ids
    return np.asarray(flat, dtype=np.int32), np.asarray(idx, dtype=np.int64).reshape(-1, 3)


def export_data(out: str | Path, *, corpus: str | None = None, seed: int = 0, dense_variants: int = 3,
                vocab_size: int = 6000, max_len: int = 512) -> dict[str, Any]:
    """Write the tokenizer and the tokenised pre-training and fine-tuning data to ``out``.

    ``dense_variants`` dense-notes pairs are drawn per paragraph (different notes each, duplicates
    dropped): the same paragraph written from differently jotted notes."""
    from govtext.train.drafter import (_slot_text, corpus_texts_and_pairs, dense_pairs, pair_example, token_stream,
                                       train_tokenizer)

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tr_texts, pairs = corpus_texts_and_pairs(corpus, splits=("train",))
    va_texts, _ = corpus_texts_and_pairs(corpus, splits=("validation",))
    seen = {(p["id"], tuple(p["bullets"])) for p in pairs}
    for v in range(max(1, dense_variants)):
        for p in dense_pairs(corpus, seed=seed + v):
            key = (p["id"], tuple(p["bullets"]))
            if key not in seen:
                seen.add(key)
                pairs.append(p)
    examples = {s: [e for p in pairs if p.get("split") == s and (e := pair_example(p))] for s in ("train", "validation")}
    pre_tr = [_slot_text(t) for t in tr_texts]
    pre_va = [_slot_text(t) for t in va_texts]
    tok = train_tokenizer(pre_tr + [e[0] + e[1] for e in examples["train"]], out / "tokenizer", vocab_size=vocab_size)
    eos = tok.convert_tokens_to_ids("[EOS]")
    for name, texts in (("pre_train", pre_tr), ("pre_val", pre_va)):
        np.save(out / f"{name}.npy", np.asarray(token_stream(tok, texts), dtype=np.int32))
    counts: dict[str, Any] = {}
    for s in ("train", "validation"):
        flat, idx = _examples(tok, examples[s], max_len)
        np.save(out / f"sft_{s}.npy", flat)
        np.save(out / f"sft_{s}_index.npy", idx)
        counts[f"sft_{s}"] = int(len(idx))
    meta = {"bundle_version": BUNDLE_VERSION, "vocab_size": len(tok), "pad_id": tok.pad_token_id,
            "bos_id": tok.bos_token_id, "eos_id": eos, "seed": seed, "dense_variants": dense_variants,
            "pre_train_tokens": int(np.load(out / "pre_train.npy").size),
            "pre_val_tokens": int(np.load(out / "pre_val.npy").size), **counts}
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log.info("bundle written to %s: %s", out, meta)
    return meta


def package(weights: str | Path, *, bundle: str | Path, out: str | Path = DEFAULT_DRAFTER_DIR,
            make_default: bool = False, note: str = "") -> dict[str, Any]:
    """Turn a directory written by the loop (config.json, safetensors, run.json) into a drafter
    directory with the bundle's tokenizer, fp16 weights, govtext.json, metrics.json and a card."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from govtext.train.drafter import _write_card, write_govtext_json

    weights, bundle, out = Path(weights), Path(bundle), Path(out)
    run = json.loads((weights / "run.json").read_text(encoding="utf-8"))
    model = AutoModelForCausalLM.from_pretrained(str(weights), dtype=torch.float16)
    tok = AutoTokenizer.from_pretrained(str(bundle / "tokenizer"))
    if model.config.vocab_size != len(tok):
        raise ValueError(f"the weights in {weights} have vocabulary {model.config.vocab_size}, "
                         f"the bundle's tokenizer {len(tok)}: package with the bundle they were trained on")
    if out.exists():
        for f in out.iterdir():
            if f.is_file():
                f.unlink()
    out.mkdir(parents=True, exist_ok=True)
    model.config.use_cache = True
    model.save_pretrained(str(out), safe_serialization=True, max_shard_size="200MB")
    tok.save_pretrained(str(out))
    meta = json.loads((bundle / "meta.json").read_text(encoding="utf-8"))
    write_govtext_json(out, default=make_default, seed=meta.get("seed", 0), trained_on="corpora/",
                       storage="float16 (loaded as float32)", versions={"trained_with": run.get("versions", {})})
    cfg = run["config"]
    metrics = {"parameters": run["parameters"], "size": run["name"],
               **{k: cfg[k] for k in ("hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
                                      "num_key_value_heads") if k in cfg},
               "pretrain_tokens": meta["pre_train_tokens"], "pretrain_epochs": run["pretrain"]["best_epoch"],
               "pretrain_seconds": round(run["pretrain"]["seconds"]),
               "pretrain_validation_loss": run["pretrain"]["best_val_loss"],
               "finetune_pairs": meta["sft_train"], "finetune_epochs": run["finetune"]["best_epoch"],
               "finetune_seconds": round(run["finetune"]["seconds"]),
               "validation_loss": run["finetune"]["best_val_loss"],
               "validation_perplexity": round(float(np.exp(run["finetune"]["best_val_loss"])), 2),
               "total_seconds": round(run["pretrain"]["seconds"] + run["finetune"]["seconds"]),
               "device": run.get("device"), "curves": {"pretrain": run["pretrain"]["curve"],
                                                       "finetune": run["finetune"]["curve"]},
               "default": make_default}
    if note:
        metrics["training_note"] = note
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _write_card(out, metrics, folder=None, base=None)
    shutil.copy(weights / "run.json", out / "run.json")
    return metrics


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m govtext.train.drafter_bundle", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("export", help="write the tokenizer and tokenised training data")
    e.add_argument("out", type=Path)
    e.add_argument("--corpus", default=None)
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--dense-variants", type=int, default=3)
    p = sub.add_parser("package", help="package the loop's weights as a drafter directory")
    p.add_argument("weights", type=Path)
    p.add_argument("--bundle", type=Path, required=True)
    p.add_argument("--out", type=Path, default=DEFAULT_DRAFTER_DIR)
    p.add_argument("--make-default", action="store_true")
    p.add_argument("--note", default="")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if a.cmd == "export":
        m = export_data(a.out, corpus=a.corpus, seed=a.seed, dense_variants=a.dense_variants)
    else:
        m = package(a.weights, bundle=a.bundle, out=a.out, make_default=a.make_default, note=a.note)
        m.pop("curves", None)
    print(json.dumps(m, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
