"""Assemble benchmarks/RESULTS.md from the latest table of each benchmark (benchmarks/results/*.md).

    python benchmarks/collect_results.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["parse", "classify", "retrieve", "draft", "decoding", "check"]


def main() -> None:
    parts = ["# Benchmark results", "",
             "Latest figures of each benchmark, with the date and machine they were measured on. Each section is "
             "written by its benchmark (`python benchmarks/bench_<name>.py`) to `benchmarks/results/<name>.md`; "
             "this file is assembled by `python benchmarks/collect_results.py`. Speeds are ratios against a baseline "
             "measured in the same run.", ""]
    files = {p.stem: p for p in (HERE / "results").glob("*.md")}
    for name in ORDER + sorted(set(files) - set(ORDER)):
        if name in files:
            parts += [files[name].read_text(encoding="utf-8").strip().replace("](confusion_", "](results/confusion_"), ""]
    (HERE / "RESULTS.md").write_text("\n".join(parts) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'} ({len(files)} sections)")


if __name__ == "__main__":
    main()
