import numpy as np
import pytest

from govtext import parse
from govtext.retrieve import ExemplarIndex, retrieval_tokens

UNITS = [
    {"text": "认真落实党风廉政建设主体责任，签订廉政责任书42份。", "theme": "integrity", "kind": "work_summary", "year": 2023, "source": "r1"},
    {"text": "严格执行中央八项规定精神，三公经费下降12%。", "theme": "integrity", "kind": "duty_report", "year": 2024, "source": "r2"},
    {"text": "取消和下放行政审批事项41项，企业开办时间压缩至1天。", "theme": "reform", "kind": "gov_work_report", "year": 2022, "source": "r3"},
    {"text": "深入推进大气污染防治，空气优良天数比例达到90%。", "theme": "ecology", "kind": "work_summary", "year": 2021, "source": "r4"},
    {"text": "全年地区生产总值增长6%，规上工业增加值增长8%。", "theme": "economy", "kind": "gov_work_report", "year": 2023, "source": "r5"},
    {"text": "认真落实党风廉政建设主体责任，签订廉政责任书42份！", "theme": "integrity", "kind": "work_summary", "year": 2023, "source": "r6"},
]


@pytest.fixture(scope="module")
def idx():
    return ExemplarIndex().add_units(UNITS)


def test_tokens_include_subwords():
    toks = retrieval_tokens("深化放管服改革")
    assert "放管服" in toks or any("放管服" in t for t in toks)
    assert "，" not in retrieval_tokens("落实责任，强化监督")


def test_lexical_semantic_fused(idx):
    hits = idx.search("落实廉政责任", k=3)
    assert hits[0].theme == "integrity" and "廉政" in hits[0].text
    # different wording: 减少行政审批 / 治理空气污染 still find their sentences
    assert idx.search("减少行政审批", k=1, mode="semantic")[0].source == "r3"
    assert idx.search("治理空气污染", k=1)[0].source == "r4"


def test_filters(idx):
    assert {h.source for h in idx.search("落实责任", theme="integrity", k=10)} <= {"r1", "r2", "r6"}
    assert all(h.kind == "duty_report" for h in idx.search("规定", kind="duty_report", k=5))
    assert all(2022 <= h.year <= 2023 for h in idx.search("增长", year=(2022, 2023), k=5))
    with pytest.raises(ValueError, match="theme"):
        idx.search("落实", theme="bogus")
    with pytest.raises(ValueError, match="empty"):
        idx.search("  ")


def test_near_duplicates_collapse(idx):
    srcs = [h.source for h in idx.search("廉政责任书", k=5)]
    assert not ({"r1", "r6"} <= set(srcs))
    srcs = [h.source for h in idx.search("廉政责任书", k=5, collapse=False)]
    assert {"r1", "r6"} <= set(srcs)


def test_highlights(idx):
    h = idx.search("廉政责任", k=1)[0]
    assert h.highlights and all("廉政" in h.text[a:b] or "责任" in h.text[a:b] for a, b in h.highlights)
    assert "【" in h.highlighted()


def test_save_load_round_trip_and_mmap(idx, tmp_path):
    idx.save(tmp_path / "ix")
    for mmap in (False, True):
        again = ExemplarIndex.load(tmp_path / "ix", mmap=mmap)
        a = [(h.source, round(h.score, 5)) for h in idx.search("落实廉政责任", k=4)]
        b = [(h.source, round(h.score, 5)) for h in again.search("落实廉政责任", k=4)]
        assert a == b
    assert (tmp_path / "ix" / "index.json").exists() and not list((tmp_path / "ix").rglob("*.pkl"))


def test_incremental_add(idx, tmp_path):
    ix = ExemplarIndex().add_units(UNITS[:2])
    assert ix.search("行政审批", k=3, mode="lexical") == []
    ix.add_units(UNITS[2:3])
    assert ix.search("行政审批", k=1)[0].source == "r3"
    ix.add([parse("某局工作总结\n一、安全生产\n全年开展安全生产大检查12次，整改隐患86处。")], meta={"kind": "work_summary"}, tag_themes=False)
    assert any(h.text.startswith("全年开展安全生产") for h in ix.search("安全生产大检查", k=2))


def test_phrase_bank(idx):
    ps = ExemplarIndex().add_units([
        {"text": "坚持问题导向，不断完善制度。", "theme": "governance"},
        {"text": "坚持系统观念，不断深化改革。", "theme": "governance"},
        {"text": "严格落实“一岗双责”，统筹推进各项工作。", "theme": "governance"},
        {"text": "严格落实“一岗双责”，统筹推进廉政建设。", "theme": "governance"},
    ]).phrases(theme="governance", min_count=2)
    texts = {(p.kind, p.text) for p in ps}
    assert ("parallel", "坚持……，不断……") in texts
    assert ("slogan", "“一岗双责”") in texts
    assert ("idiom", "统筹推进") in texts
    assert all(p.examples for p in ps)


@pytest.mark.slow
def test_bundled_corpus_index():
    ix = ExemplarIndex.from_corpus()
    hits = ix.search("落实廉政责任", theme="integrity", k=5)
    assert len(hits) == 5 and all(h.theme == "integrity" for h in hits)
    assert any(p.kind == "idiom" for p in ix.phrases(theme="integrity"))


def test_lsa_semantic_option_and_errors(tmp_path):
    ix = ExemplarIndex(semantic="lsa", dims=4).add_units(UNITS)
    assert ix.search("治理空气污染", k=1)[0].source == "r4"
    ix.save(tmp_path / "lsa")
    assert ExemplarIndex.load(tmp_path / "lsa").search("治理空气污染", k=1)[0].source == "r4"
    with pytest.raises(ValueError, match="semantic"):
        ExemplarIndex(semantic="word2vec").add_units(UNITS).search("落实", k=1)
    with pytest.raises(FileNotFoundError):
        ExemplarIndex.load(tmp_path / "missing")


def test_cached_corpus_index_builds_once_then_loads(tmp_path, monkeypatch):
    from govtext import retrieve

    built = []
    real = retrieve.ExemplarIndex.from_corpus.__func__

    def counting(cls, *a, **kw):
        built.append(1)
        return real(cls, *a, **kw)

    monkeypatch.setattr(retrieve.ExemplarIndex, "from_corpus", classmethod(counting))
    a = retrieve.cached_corpus_index(units=("paragraph",), cache_dir=tmp_path)
    b = retrieve.cached_corpus_index(units=("paragraph",), cache_dir=tmp_path)
    assert len(built) == 1 and len(a) == len(b) > 0
    assert [h.text for h in a.search("廉政警示教育", k=3)] == [h.text for h in b.search("廉政警示教育", k=3)]
    assert len(list(tmp_path.glob("corpus-index-*"))) == 1 and not list(tmp_path.glob(".building-*"))


def test_paragraph_theme_ties_are_broken_by_first_sentence(tmp_path):
    """A paragraph's theme is its commonest sentence theme; ties go to the first (never to set order,
    which changes from process to process)."""
    pairs = [("integrity", "duties"), ("duties", "integrity"), ("safety", "team"), ("team", "safety"),
             ("economy", "reform"), ("reform", "economy"), ("ecology", "livelihood"), ("livelihood", "ecology")]
    body = "\n\n".join(f"{a}\t第{i}段第一句讲的是一件事情。\n{b}\t第{i}段第二句讲的是另一件事情。"
                       for i, (a, b) in enumerate(pairs))
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "t1.txt").write_text(
        "id: t1\nkind: work_summary\nissuer: 青山县测试局\nlevel: county\nyear: 2024\n---\n" + body + "\n",
        encoding="utf-8")
    ix = ExemplarIndex.from_corpus(tmp_path, units=("paragraph",))
    for i, (a, _) in enumerate(pairs):
        hit = ix.search(f"第{i}段第一句", unit="paragraph", k=1)[0]
        assert hit.text.startswith(f"第{i}段") and hit.theme == a
