import json
from collections import Counter
from pathlib import Path

import pytest

from govtext.corpus import CORPUS_DIR, build_splits, infer_meta, iter_reports, load_folder, sentences
from govtext.corpusfmt import CorpusFormatError, read_annotated_text
from govtext.themes import KINDS, THEME_IDS


@pytest.fixture(scope="module")
def reps():
    return list(iter_reports())


def test_corpus_size_and_spread(reps):
    assert len(reps) >= 48
    assert sum(len(r.text) for r in reps) >= 150_000
    kinds = Counter(r.meta["kind"] for r in reps)
    assert set(kinds) == set(KINDS)
    assert {r.meta["year"] for r in reps} <= set(range(1950, 2027)) and len({r.meta["year"] for r in reps}) >= 6
    assert len({r.meta["issuer"] for r in reps}) >= 40


def test_every_sentence_labelled_and_each_theme_has_250(reps):
    counts = Counter()
    for r in reps:
        for s in r.sentences:
            assert s["theme"] in THEME_IDS, (r.id, s["text"])
            counts[s["theme"]] += 1
        assert "".join(s["text"] for s in r.sentences) == r.text.replace("\n", "")
    assert all(counts[t] >= 250 for t in THEME_IDS), counts


def test_splits_are_fixed_and_disjoint_by_report(reps):
    data = json.loads((CORPUS_DIR / "splits.json").read_text(encoding="utf-8"))["splits"]
    sets = {k: set(v) for k, v in data.items()}
    assert not (sets["train"] & sets["test"]) and not (sets["train"] & sets["validation"]) and not (sets["test"] & sets["validation"])
    assert set().union(*sets.values()) == {r.id for r in reps}
    assert {k: sorted(v) for k, v in build_splits().items()} == {k: sorted(v) for k, v in data.items()}  # reproducible
    test_ids = {r.id for r in iter_reports(split="test")}
    assert test_ids == sets["test"]


def test_derived_sets():
    pairs = [json.loads(l) for l in open(CORPUS_DIR / "derived" / "pairs.jsonl", encoding="utf-8")]
    queries = [json.loads(l) for l in open(CORPUS_DIR / "derived" / "queries.jsonl", encoding="utf-8")]
    assert len(pairs) >= 600 and len(queries) >= 300
    from govtext.facts import verify

    for p in pairs[:200]:
        r = verify(p["reference"], p["bullets"])
        assert r.ok, p["id"]  # notes carry every figure of the paragraph and nothing else
    assert all(q["theme"] in THEME_IDS and q["relevant"] for q in queries)


def test_sentence_dataset_has_context():
    ds = sentences(split="validation")
    row = ds[5]
    assert {"text", "theme", "heading", "prev_text", "position", "report_id", "split"} <= set(ds.column_names)
    assert row["split"] == "validation"


def test_format_errors_name_the_line():
    with pytest.raises(CorpusFormatError, match=":8"):
        read_annotated_text("id: x\nkind: briefing\nissuer: 某县\nlevel: county\nyear: 2024\n---\noverview\t标题\nbogus\t句子。\n")
    with pytest.raises(CorpusFormatError, match="kind"):
        read_annotated_text("id: x\nkind: novel\nissuer: 某\nlevel: county\nyear: 2024\n---\noverview\t标题\n")


def test_user_folder_with_sidecar_and_inference(tmp_path):
    (tmp_path / "a.txt").write_text("临江市审计局2023年工作总结\n一、主要工作\n全年完成审计项目36个。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("关于石桥镇养老服务的调研报告\n一、基本情况\n全镇有老年人2100名。\n", encoding="gbk")
    (tmp_path / "metadata.jsonl").write_text('{"file": "a.txt", "kind": "work_summary", "year": 2023, "issuer": "临江市审计局"}\n', encoding="utf-8")
    rep = load_folder(tmp_path, progress=False)
    assert rep.num_rows == 2
    by_file = {r["file"]: r for r in rep}
    assert by_file["a.txt"]["issuer"] == "临江市审计局"
    assert by_file["b.txt"]["kind"] == "research_report"
    sents = load_folder(tmp_path, level="sentence", progress=False)
    assert sents.num_rows == 6 and sents[2]["heading"] == "一、主要工作"
    assert infer_meta("青山县2024年述职述廉报告")["kind"] == "duty_report"


ROOT = Path(__file__).resolve().parents[1]


def test_no_14_char_run_shared_with_shared_material(shared_dir):
    seen = set()
    for p in list((shared_dir / "reference").glob("*.txt")) + list((shared_dir / "data").rglob("*.txt")):
        t = p.read_text(encoding="utf-8", errors="ignore")
        seen.update(hash(t[i:i + 14]) for i in range(len(t) - 14))
    hits = []
    for p in (ROOT / "corpora").rglob("*"):
        if p.is_file() and p.suffix in {".txt", ".jsonl", ".json", ".md"}:
            t = p.read_text(encoding="utf-8", errors="ignore")
            for i in range(len(t) - 14):
                s = t[i:i + 14]
                if hash(s) in seen and sum("\u4e00" <= c <= "\u9fff" for c in s) >= 10:
                    hits.append((p.name, s))
                    break
    assert hits == []
