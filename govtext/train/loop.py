"""A plain-torch training loop for the drafter, runnable where only torch and transformers exist.

It reads a bundle written by ``python -m govtext.train.drafter_bundle export`` (token ids only),
pre-trains a Qwen2-style model on the report text with early stopping on the validation split,
then fine-tunes it on the notes -> paragraph examples, again keeping the epoch with the best
validation loss. It writes ``OUT/<name>/`` (config.json, float16 safetensors, run.json with the
loss curves). It imports nothing from govtext, so it runs as a file on a bare GPU machine:

    python govtext/train/loop.py --data runs/bundle --out runs/gpu --size wide

Seeded; bf16 autocast on CUDA, float32 on CPU.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import time
from pathlib import Path

import numpy as np

log = logging.getLogger("govtext.train.loop")

SIZES = {
    "test": {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2, "num_key_value_heads": 1},
    "small": {"hidden_size": 256, "intermediate_size": 704, "num_hidden_layers": 6, "num_attention_heads": 4, "num_key_value_heads": 2},
    "mid": {"hidden_size": 384, "intermediate_size": 1024, "num_hidden_layers": 6, "num_attention_heads": 6, "num_key_value_heads": 2},
    "wide": {"hidden_size": 512, "intermediate_size": 1408, "num_hidden_layers": 6, "num_attention_heads": 8, "num_key_value_heads": 2},
}


def _schedule(step: int, total: int, warmup: int, floor: float = 0.1) -> float:
    if step < warmup:
        return (step + 1) / warmup
    p = min(1.0, (step - warmup) / max(1, total - warmup))
    return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * p))


def _lm_blocks(stream: np.ndarray, block: int, offset: int = 0) -> np.ndarray:
    s = stream[offset:]
    n = len(s) // block
    if n == 0:
        return stream[None, :block] if len(stream) else np.zeros((0, block), dtype=np.int64)
    return s[: n * block].reshape(n, block)


def _sft_batches(flat: np.ndarray, idx: np.ndarray, batch: int, pad: int, rng: np.random.Generator | None):
    """Length-bucketed batches of (ids, labels, mask) with the prompt masked out of the labels."""
    order = np.arange(len(idx)) if rng is None else rng.permutation(len(idx))
    chunks = [order[i:i + batch * 32] for i in range(0, len(order), batch * 32)]
    batches = []
    for ch in chunks:
        ch = ch[np.argsort(idx[ch, 1], kind="stable")]
        batches += [ch[i:i + batch] for i in range(0, len(ch), batch)]
    if rng is not None:
        rng.shuffle(batches)
    for b in batches:
        n = int(idx[b, 1].max())
        ids = np.full((len(b), n), pad, dtype=np.int64)
        lab = np.full((len(b), n), -100, dtype=np.int64)
        mask = np.zeros((len(b), n), dtype=np.int64)
        for r, k in enumerate(b):
            off, ln, pl = (int(x) for x in idx[k])
            ids[r, :ln] = flat[off:off + ln]
            lab[r, pl:ln] = flat[off + pl:off + ln]
            mask[r, :ln] = 1
        yield ids, lab, mask


def train(data: str | Path, out: str | Path, *, size: str = "wide", seed: int = 0, block: int = 256,
          pre_batch: int = 64, sft_batch: int = 32, max_pre_epochs: int = 40, max_ft_epochs: int = 12,
          patience: int = 3, pre_lr: float = 1e-3, ft_lr: float = 3e-4, attention_dropout: float = 0.1,
          weight_decay: float = 0.1, budget_s: float = 1e9, device: str | None = None,
          ft_early_stop: bool = True, save_epochs: tuple[int, ...] = ()) -> dict:
    """Pre-train then fine-tune; returns the run record also written to ``out/<size>/run.json``.

    With ``ft_early_stop=False`` fine-tuning runs all ``max_ft_epochs`` and keeps the last epoch
    (validation loss on new prose bottoms out before the model has learnt to use every note);
    ``save_epochs`` also writes ``out/<size>-e<k>/`` after fine-tuning epoch k."""
    import torch
    import torch.nn.functional as F
    import transformers
    from transformers import Qwen2Config, Qwen2ForCausalLM

    t_start = time.time()
    data, out = Path(data), Path(out) / size
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    dev = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    if dev.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
    amp = torch.autocast("cuda", dtype=torch.bfloat16) if dev.type == "cuda" else torch.autocast("cpu", enabled=False)
    cfg = Qwen2Config(vocab_size=meta["vocab_size"], max_position_embeddings=1024, tie_word_embeddings=True,
                      bos_token_id=meta["bos_id"], eos_token_id=meta["eos_id"], pad_token_id=meta["pad_id"],
                      attention_dropout=attention_dropout, rope_theta=10000.0, **SIZES[size])
    model = Qwen2ForCausalLM(cfg).to(dev)
    n_params = sum(p.numel() for p in model.parameters())
    log.info("%s: %.1fM parameters on %s", size, n_params / 1e6, dev)

    def loss_sum(ids, lab, mask=None):
        with amp:
            logits = model(input_ids=ids, attention_mask=mask).logits
        lg = logits[:, :-1].float().reshape(-1, logits.shape[-1])
        tg = lab[:, 1:].reshape(-1)
        return F.cross_entropy(lg, tg, ignore_index=-100, reduction="sum"), int((tg != -100).sum())

    def evaluate(batches) -> float:
        model.eval()
        tot, n = 0.0, 0
        with torch.no_grad():
            for b in batches:
                ls, k = loss_sum(*b)
                tot, n = tot + float(ls), n + k
        model.train()
        return tot / max(1, n)

    def snapshot():
        return {k: v.detach().clone() for k, v in model.state_dict().items()}

    saved: dict[int, tuple[dict, float]] = {}

    def stage(name, epochs, lr, make_train, make_val, steps_per_epoch):
        early = name == "pretrain" or ft_early_stop
        opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay, betas=(0.9, 0.95),
                                fused=dev.type == "cuda")
        total = epochs * steps_per_epoch
        warm = max(1, min(200, total // 20))
        best, best_ep, best_state, bad, curve, step = float("inf"), 0, None, 0, [], 0
        t0 = time.time()
        model.train()
        for ep in range(1, epochs + 1):
            tr, nt = 0.0, 0
            for ids, lab, mask in make_train(ep):
                for g in opt.param_groups:
                    g["lr"] = lr * _schedule(step, total, warm)
                ls, k = loss_sum(ids, lab, mask)
                (ls / max(1, k)).backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                opt.zero_grad(set_to_none=True)
                tr, nt, step = tr + float(ls.detach()), nt + k, step + 1
            val = evaluate(make_val())
            curve.append({"epoch": ep, "train_loss": round(tr / max(1, nt), 4), "val_loss": round(val, 4),
                          "seconds": round(time.time() - t0, 1)})
            log.info("%s %s epoch %d: train %.4f val %.4f (%.0fs)", size, name, ep, tr / max(1, nt), val, time.time() - t0)
            if val < best - 1e-4:
                best, best_ep, best_state, bad = val, ep, snapshot(), 0
            else:
                bad += 1
            if name == "finetune" and ep in save_epochs:
                saved[ep] = ({k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}, round(val, 4))
            if not early:
                best, best_ep, best_state = val, ep, None
            if (early and bad >= patience) or time.time() - t_start > budget_s * (0.45 if name == "pretrain" else 0.97):
                break
        if best_state is not None:
            model.load_state_dict(best_state)
        return {"best_epoch": best_ep, "best_val_loss": round(best, 4), "seconds": round(time.time() - t0, 1),
                "curve": curve, "lr": lr}

    def t(a):
        return torch.as_tensor(a, device=dev)

    pre_tr = np.load(data / "pre_train.npy").astype(np.int64)
    pre_va = np.load(data / "pre_val.npy").astype(np.int64)
    val_blocks = _lm_blocks(pre_va, block)

    def pre_train_batches(ep):
        blocks = _lm_blocks(pre_tr, block, offset=int(rng.integers(0, block)) if ep > 1 else 0)
        order = rng.permutation(len(blocks))
        for i in range(0, len(order), pre_batch):
            b = t(blocks[order[i:i + pre_batch]])
            yield b, b, None

    def pre_val_batches():
        for i in range(0, len(val_blocks), pre_batch):
            b = t(val_blocks[i:i + pre_batch])
            yield b, b, None

    pre = {"best_epoch": 0, "best_val_loss": float("nan"), "seconds": 0.0, "curve": []}
    if max_pre_epochs > 0 and len(pre_tr):
        pre = stage("pretrain", max_pre_epochs, pre_lr, pre_train_batches, pre_val_batches,
                    max(1, math.ceil(len(_lm_blocks(pre_tr, block)) / pre_batch)))

    sft = {s: (np.load(data / f"sft_{s}.npy").astype(np.int64), np.load(data / f"sft_{s}_index.npy"))
           for s in ("train", "validation")}
    if not len(sft["validation"][1]):
        sft["validation"] = sft["train"]

    def ft_train_batches(ep):
        for ids, lab, mask in _sft_batches(*sft["train"], sft_batch, meta["pad_id"], rng):
            yield t(ids), t(lab), t(mask)

    def ft_val_batches():
        for ids, lab, mask in _sft_batches(*sft["validation"], sft_batch, meta["pad_id"], None):
            yield t(ids), t(lab), t(mask)

    ft = stage("finetune", max_ft_epochs, ft_lr, ft_train_batches, ft_val_batches,
               max(1, math.ceil(len(sft["train"][1]) / sft_batch)))

    out.mkdir(parents=True, exist_ok=True)
    model.config.use_cache = True
    model.to("cpu")
    final_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    record = {"name": size, "config": SIZES[size], "parameters": n_params, "seed": seed, "block": block,
              "attention_dropout": attention_dropout, "weight_decay": weight_decay,
              "device": torch.cuda.get_device_name(0) if dev.type == "cuda" else "cpu",
              "pretrain": pre, "finetune": ft, "ft_early_stop": ft_early_stop,
              "total_seconds": round(time.time() - t_start, 1),
              "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
              "bundle": {k: meta[k] for k in ("pre_train_tokens", "sft_train", "sft_validation") if k in meta},
              "batches": {"pretrain": pre_batch, "finetune": sft_batch}}
    targets = [(out, final_state, record)] + [
        (out.parent / f"{size}-e{k}", state, {**record, "finetune": {**ft, "best_epoch": k, "best_val_loss": val}})
        for k, (state, val) in sorted(saved.items())]
    for where, state, rec in targets:
        model.load_state_dict(state)
        where.mkdir(parents=True, exist_ok=True)
        model.to(torch.float16).save_pretrained(str(where), safe_serialization=True)
        model.to(torch.float32)
        (where / "run.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the drafter from a token bundle (plain torch loop).")
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--size", choices=sorted(SIZES), default="wide")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-pre-epochs", type=int, default=40)
    ap.add_argument("--max-ft-epochs", type=int, default=12)
    ap.add_argument("--patience", type=int, default=3)
    ap.add_argument("--pre-lr", type=float, default=1e-3)
    ap.add_argument("--ft-lr", type=float, default=3e-4)
    ap.add_argument("--attention-dropout", type=float, default=0.1)
    ap.add_argument("--pre-batch", type=int, default=64)
    ap.add_argument("--sft-batch", type=int, default=32)
    ap.add_argument("--no-ft-early-stop", action="store_true", help="fine-tune all --max-ft-epochs, keep the last")
    ap.add_argument("--save-epochs", default="", help="also save after these fine-tuning epochs, e.g. 2,3")
    ap.add_argument("--budget-s", type=float, default=1e9, help="stop early to finish within this many seconds")
    ap.add_argument("--device", default=None)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    run = train(a.data, a.out, size=a.size, seed=a.seed, max_pre_epochs=a.max_pre_epochs, max_ft_epochs=a.max_ft_epochs,
                patience=a.patience, pre_lr=a.pre_lr, ft_lr=a.ft_lr, attention_dropout=a.attention_dropout, budget_s=a.budget_s, device=a.device,
                pre_batch=a.pre_batch, sft_batch=a.sft_batch, ft_early_stop=not a.no_ft_early_stop,
                save_epochs=tuple(int(x) for x in a.save_epochs.split(",") if x))
    log.info("done: pretrain best %s at epoch %s, finetune best %s at epoch %s, %.0fs", run["pretrain"]["best_val_loss"],
             run["pretrain"]["best_epoch"], run["finetune"]["best_val_loss"], run["finetune"]["best_epoch"],
             run["total_seconds"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
