"""Shared helpers for the benchmarks (each benchmark is one command and prints a table)."""

from __future__ import annotations

import datetime as _dt
import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REALDEV = SHARED / "data" / "real-dev"
RESULTS = ROOT / "benchmarks" / "results"


def machine() -> str:
    return f"{os.cpu_count()} CPU cores, {platform.machine()}, Python {platform.python_version()}"


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in cells]
    return "\n".join([line, sep, *body])


def write_result(name: str, title: str, sections: list[str]) -> Path:
    """Write benchmarks/results/<name>.md with the date and machine, and print it."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = f"## {title}\n\n_{_dt.date.today().isoformat()} · {machine()}_\n\n" + "\n\n".join(sections) + "\n"
    p = RESULTS / f"{name}.md"
    p.write_text(text, encoding="utf-8")
    print(text)
    return p
