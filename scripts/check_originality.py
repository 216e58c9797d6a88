"""Report every 14-character run shared between project text and ``../shared`` material.

Usage: python scripts/check_originality.py [FILES_OR_DIRS ...]   (default: corpora/)
Exit 1 when any shared run is found.  The check mirrors the project's before-stop hook.
"""
from __future__ import annotations

import sys
from pathlib import Path

K = 14
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _runs(text: str) -> set[int]:
    return {hash(text[i:i + K]) for i in range(0, len(text) - K)}


def main(argv: list[str]) -> int:
    if not SHARED.is_dir():
        print("../shared is absent: nothing to compare against")
        return 0
    seen: set[int] = set()
    for p in list((SHARED / "reference").glob("*.txt")) + list((SHARED / "data").rglob("*.txt")):
        seen |= _runs(p.read_text(encoding="utf-8", errors="ignore"))
    targets = [Path(a) for a in argv] or [ROOT / "corpora"]
    files = [f for t in targets for f in ([t] if t.is_file() else t.rglob("*"))
             if f.is_file() and f.suffix in {".txt", ".jsonl", ".json", ".md"}]
    bad = 0
    for f in files:
        t = f.read_text(encoding="utf-8", errors="ignore")
        for i in range(0, len(t) - K):
            s = t[i:i + K]
            if hash(s) in seen and sum("\u4e00" <= c <= "\u9fff" for c in s) >= 10:
                print(f"{f}: shares {s!r}")
                bad += 1
    print(f"checked {len(files)} files: {bad} shared 14-character runs")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
