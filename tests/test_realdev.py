"""Real published reports from ../shared: every file parses; coherent 一、二、三 headings are found."""
import re

import pytest

from govtext import parse
from govtext.structure import chinese_to_int
from govtext.text import normalize

L1 = re.compile(r"^([一二三四五六七八九十]{1,3})、")


def _files(shared_dir):
    files = sorted((shared_dir / "data" / "real-dev").glob("*.txt"))
    if not files:
        pytest.skip("no real-dev files")
    return files


def test_every_real_file_parses(shared_dir):
    for f in _files(shared_dir):
        doc = parse(f, tokenize=False)
        assert doc.sentences, f.name
        for pi, p in enumerate(doc.paragraphs):
            assert "".join(s.text for s in doc.sentences_of(pi)) == doc.text[p.start:p.end]


def test_top_level_headings_found_exactly(shared_dir):
    checked = 0
    for f in _files(shared_dir):
        lines = normalize(f.read_text(encoding="utf-8")).text.split("\n")
        l1 = [l for l in lines if L1.match(l)]
        nums = [chinese_to_int(L1.match(l).group(1)) for l in l1]
        # a report "uses 一、二、三 top-level headings" when those lines run 一..N once, as headings
        if not l1 or nums != list(range(1, len(nums) + 1)) or any(len(l) > 60 or l.endswith("；") for l in l1):
            continue
        doc = parse(f, tokenize=False)
        found = [s.heading for s in doc.walk_sections() if s.level == 1]
        assert len(found) == len(l1), f.name
        assert all(line.startswith(head) for head, line in zip(found, l1)), f.name
        checked += 1
    assert checked >= 30


def test_label_documents_point_at_the_labelled_spans(shared_dir):
    import json

    from govtext.train import realdev

    if not (shared_dir / "data" / "real-dev" / "labels.jsonl").exists():
        pytest.skip("no real-dev labels")
    items, gold, rows, index = realdev.label_documents()
    assert len(gold) == len(rows) == len(index) == len({*index})
    assert all(items[j]["text"] == r["text"] for j, r in zip(index, rows))
    assert all(isinstance(it["group"], tuple) for it in items)
