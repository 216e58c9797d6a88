"""Drafter size vs speed on this machine: training tokens/s and generation latency per size.

    python benchmarks/bench_drafter_size.py

Chooses the drafter size: the largest whose 4-candidate generation of a ~300-character section
stays under the 3 s latency target leaves room for reranking.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import table, write_result  # noqa: E402


def main() -> None:
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    from govtext.train.drafter import SIZES

    torch.manual_seed(0)
    vocab, seq, batch = 6000, 256, 8
    rows = []
    for name, cfg in SIZES.items():
        model = Qwen2ForCausalLM(Qwen2Config(vocab_size=vocab, max_position_embeddings=1024, tie_word_embeddings=True, **cfg))
        n = sum(p.numel() for p in model.parameters())
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
        x = torch.randint(0, vocab, (batch, seq))
        model.train()
        for i in range(4):
            if i == 1:
                t = time.perf_counter()
            loss = model(input_ids=x, labels=x).loss
            loss.backward()
            opt.step()
            opt.zero_grad()
        train_tps = 3 * batch * seq / (time.perf_counter() - t)
        model.eval()
        prompt = torch.randint(0, vocab, (1, 60))
        with torch.no_grad():
            model.generate(prompt, max_new_tokens=8, do_sample=False)
            t = time.perf_counter()
            model.generate(prompt, max_new_tokens=200, min_new_tokens=200, do_sample=True, num_return_sequences=4)
            gen_s = time.perf_counter() - t
        rows.append([name, f"{n / 1e6:.1f}M", f"{train_tps:,.0f}", f"{train_tps * 3600 / 1e6:.1f}M",
                     f"{4 * 200 / gen_s:,.0f}", f"{gen_s:.2f}"])
    write_result("drafter_size", "Drafter size vs speed (`benchmarks/bench_drafter_size.py`)", [
        "200 new tokens ≈ 300 characters with the corpus tokenizer; 4 candidates sampled together (KV cache).",
        table(["size", "parameters", "train tokens/s", "tokens/hour", "generate tokens/s (4 × 200)", "4 candidates × 200 tokens, s"], rows),
    ])


if __name__ == "__main__":
    main()
