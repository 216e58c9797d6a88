"""Parse throughput against plain jieba.lcut, cold import time, and domain-term boundary accuracy.

    python benchmarks/bench_parse.py
"""

from __future__ import annotations

import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REALDEV, ROOT, table, write_result  # noqa: E402


def load_texts() -> list[str]:
    files = sorted(REALDEV.glob("*.txt")) if REALDEV.is_dir() else []
    if files:
        return [f.read_text(encoding="utf-8") for f in files]
    return [p.read_text(encoding="utf-8") for p in (ROOT / "govtext" / "data").glob("sample_report.txt")] * 50


def cold_import(n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import govtext"], check=True)
        times.append(time.perf_counter() - t)
    base = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - t)
    return statistics.median(times) - statistics.median(base)


def boundary_accuracy() -> tuple[int, float, float]:
    import jieba

    from govtext.tokenize import Tokenizer

    rows = list(csv.DictReader(open(ROOT / "benchmarks" / "data" / "domain_terms.tsv", encoding="utf-8"), delimiter="\t"))
    plain = jieba.Tokenizer()
    ours = Tokenizer()

    def ok(words: list[str], sentence: str, term: str) -> bool:
        i = sentence.index(term)
        bounds, pos = {0}, 0
        for w in words:
            pos += len(w)
            bounds.add(pos)
        # the term is kept whole: both its edges are boundaries and nothing cuts inside it
        return i in bounds and i + len(term) in bounds and not any(i < b < i + len(term) for b in bounds)

    p = sum(ok(plain.lcut(r["sentence"]), r["sentence"], r["term"]) for r in rows) / len(rows)
    g = sum(ok(ours.cut(r["sentence"]), r["sentence"], r["term"]) for r in rows) / len(rows)
    return len(rows), p, g


def main() -> None:
    import jieba

    import govtext

    texts = load_texts()
    n_chars = sum(len(t) for t in texts)
    jieba.setLogLevel(60)
    jieba.lcut("预热")
    govtext.parse("预热。")
    t = time.perf_counter()
    for x in texts:
        jieba.lcut(x)
    t_jieba = time.perf_counter() - t
    t = time.perf_counter()
    for x in texts:
        govtext.parse(x)
    t_full = time.perf_counter() - t
    t = time.perf_counter()
    for x in texts:
        govtext.parse(x, tokenize=False)
    t_struct = time.perf_counter() - t
    rows = [
        ["jieba.lcut (baseline: words only)", f"{n_chars / t_jieba:,.0f}", "1.00"],
        ["govtext.parse (structure + sentences + tokens + POS)", f"{n_chars / t_full:,.0f}", f"{t_jieba / t_full:.2f}"],
        ["govtext.parse(tokenize=False) (structure + sentences)", f"{n_chars / t_struct:,.0f}", f"{t_jieba / t_struct:.2f}"],
    ]
    imp = cold_import()
    n_rows, acc_plain, acc_ours = boundary_accuracy()
    write_result("parse", "Parsing (`benchmarks/bench_parse.py`)", [
        f"Text: {len(texts)} real-dev reports, {n_chars:,} characters.",
        table(["what", "chars/s", "speed vs jieba.lcut"], rows),
        table(["measure", "value"], [["cold `import govtext` (s, median of 5, interpreter start subtracted)", f"{imp:.3f}"]]),
        table(["domain-term boundaries", "sentences", "terms kept whole"],
              [["plain jieba", n_rows, f"{acc_plain:.3f}"], ["govtext tokenizer", n_rows, f"{acc_ours:.3f}"]]),
    ])


if __name__ == "__main__":
    main()
