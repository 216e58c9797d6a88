"""Evaluation inputs built at run time from ``../shared/data/real-dev`` (never trained on)."""

from __future__ import annotations

import bisect
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from govtext.classify import document_items

SHARED_DIR = Path(__file__).resolve().parents[2].parent / "shared"
REALDEV_DIR = SHARED_DIR / "data" / "real-dev"


def available() -> bool:
    return (REALDEV_DIR / "labels.jsonl").exists()


@lru_cache(maxsize=None)
def _parsed(file: str):
    from govtext.parse import parse

    doc = parse(REALDEV_DIR / file, tokenize=False)
    starts = [doc.original_offset(s.start) for s in doc.sentences]
    return doc, starts


def locate(file: str, start: int, end: int) -> tuple[Any, int]:
    """The parsed Document of a real-dev file and the index of the sentence at raw offsets."""
    doc, starts = _parsed(file)
    mid = (start + end) // 2
    i = max(0, bisect.bisect_right(starts, mid) - 1)
    return doc, i


def label_items() -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]]]:
    """(classifier items with context, gold themes, raw rows) for ``labels.jsonl``: one item per
    labelled span, no paragraph ``group`` (see :func:`label_documents` for whole documents)."""
    items, gold, rows, index = label_documents()
    return [{k: v for k, v in items[j].items() if k != "group"} for j in index], gold, rows


def label_documents() -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]], list[int]]:
    """Every sentence of the labelled files as classifier items (paragraph ``group`` keys set, the
    labelled span's exact text substituted), the gold themes, the raw rows, and for each row the
    index of its item. Scoring whole documents lets paragraph pooling see a labelled sentence's
    neighbours, as :func:`govtext.tag` does on a user's report."""
    rows = [json.loads(l) for l in open(REALDEV_DIR / "labels.jsonl", encoding="utf-8")]
    items: list[dict[str, Any]] = []
    base: dict[str, int] = {}
    taken: set[int] = set()
    index, gold = [], []
    for r in rows:
        doc, i = locate(r["file"], r["start"], r["end"])
        if r["file"] not in base:
            base[r["file"]] = len(items)
            items += [dict(it, group=(r["file"], it["group"])) for it in document_items(doc)]
        j = base[r["file"]] + i
        if j in taken:  # two labelled spans inside one parsed sentence: score the second apart
            items.append(dict(items[j], text=r["text"]))
            j = len(items) - 1
        else:
            items[j]["text"] = r["text"]
        taken.add(j)
        index.append(j)
        gold.append(r["label"])
    return items, gold, rows, index
