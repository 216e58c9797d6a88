"""Exemplar retrieval: quality (lexical vs semantic vs fused) and speed (bm25s vs rank-bm25).

    python benchmarks/bench_retrieve.py [--max-scale 1000000] [--quick]

Quality: MRR@10 and Recall@10 on the corpus query set (corpora/derived/queries.jsonl, searched
with the query's theme as a filter, as a writer would) and on the team's real-dev query set
(benchmarks/data/realdev_queries.jsonl, searched over every sentence of ../shared/data/real-dev,
no filter). Speed: index build time, query p50/p95 and memory for the BM25 engines at 10k, 100k
and 1M sentences (scaled up by recombining clauses of real-dev and corpus sentences), and the
full fused search at 10k and 100k.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REALDEV, ROOT, table, write_result  # noqa: E402

from govtext.retrieve import ExemplarIndex, retrieval_tokens  # noqa: E402

MODES = ("lexical", "semantic", "fused")


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def metrics(ranked: list[list[bool]], n_rel: list[int]) -> tuple[float, float]:
    mrr = statistics.mean(next((1 / (i + 1) for i, r in enumerate(rs) if r), 0.0) for rs in ranked)
    rec = statistics.mean(sum(rs) / max(1, n) for rs, n in zip(ranked, n_rel))
    return mrr, rec


def corpus_quality() -> list[list]:
    from govtext.corpus import iter_reports

    queries = [json.loads(l) for l in open(ROOT / "corpora" / "derived" / "queries.jsonl", encoding="utf-8")]
    pos = {}
    for r in iter_reports():
        for s in r.sentences:
            pos[(r.id, s["start"])] = f"{r.id}:{s['index']}"
    idx = ExemplarIndex.from_corpus(units=("sentence",))
    rows = []
    for mode in MODES:
        ranked, nrel = [], []
        for q in queries:
            rel = set(q["relevant"])
            hits = idx.search(q["query"], theme=q["theme"], k=10, mode=mode, collapse=False)
            ranked.append([pos.get((h.source, h.start)) in rel for h in hits])
            nrel.append(min(10, len(rel)))
        mrr, rec = metrics(ranked, nrel)
        rows.append(["corpus", len(queries), mode, f"{mrr:.3f}", f"{rec:.3f}"])
    return rows


def realdev_units() -> list[dict]:
    from govtext.parse import parse

    units = []
    for f in sorted(REALDEV.glob("*.txt")):
        doc = parse(f, tokenize=False)
        for s in doc.sentences:
            if len(s.text) >= 4:
                a = doc.original_offset(s.start)
                units.append({"text": s.text, "unit": "sentence", "source": f.name, "start": a,
                              "end_orig": doc.original_offset(s.end - 1) + 1})
    return units


def realdev_quality(units: list[dict]) -> list[list]:
    qpath = ROOT / "benchmarks" / "data" / "realdev_queries.jsonl"
    queries = [json.loads(l) for l in open(qpath, encoding="utf-8")]
    idx = ExemplarIndex().add_units([{k: v for k, v in u.items() if k != "end_orig"} for u in units], progress=False)
    ends = {(u["source"], u["start"]): u["end_orig"] for u in units}
    rows = []
    for mode in MODES:
        ranked, nrel = [], []
        for q in queries:
            rel = [(r["file"], r["start"], r["end"]) for r in q["relevant"]]

            def relevant(h) -> bool:
                e = ends[(h.source, h.start)]
                return any(f == h.source and h.start < b and a < e for f, a, b in rel)

            hits = idx.search(q["query"], k=10, mode=mode, collapse=False)
            ranked.append([relevant(h) for h in hits])
            nrel.append(min(10, len(rel)))
        mrr, rec = metrics(ranked, nrel)
        rows.append(["real-dev", len(queries), mode, f"{mrr:.3f}", f"{rec:.3f}"])
    return rows


def scaled_token_corpus(texts: list[str], n: int, seed: int = 0) -> list[list[str]]:
    """n token lists made by recombining 1–3 clauses of the given sentences (tokenised once)."""
    clauses = []
    for t in texts:
        clauses += [c for c in re.split(r"[，；。！？：]", t) if len(c) >= 4]
    clauses = list(dict.fromkeys(clauses))
    ctoks = [retrieval_tokens(c) for c in clauses]
    rng = random.Random(seed)
    out = []
    m = len(ctoks)
    for _ in range(n):
        k = rng.choice((1, 2, 2, 3))
        toks: list[str] = []
        for _j in range(k):
            toks += ctoks[rng.randrange(m)]
        out.append(toks or ["∅"])
    return out


def _time_engine(name: str, build, score, queries: list[list[str]]) -> tuple:
    """Build an engine and time top-10 queries: (name, build s, latencies, memory MB)."""
    gc.collect()
    m0 = rss_mb()
    t = time.perf_counter()
    engine = build()
    build_s = time.perf_counter() - t
    mem = rss_mb() - m0
    lat = []
    for q in queries:
        t = time.perf_counter()
        np.argpartition(-score(engine, q), 10)[:10]
        lat.append(time.perf_counter() - t)
    return name, build_s, lat, mem


def lexical_speed(corpus_tokens: list[list[str]], queries: list[list[str]], *, with_rank_bm25: bool, rank_queries: int) -> list:
    import bm25s

    def build_bm25s():
        ix = bm25s.BM25()
        ix.index(corpus_tokens, show_progress=False)
        return ix

    def score_bm25s(ix, q):
        vd = ix.vocab_dict
        return ix.get_scores([x for x in q if x in vd] or [next(iter(vd))])

    res = [_time_engine("bm25s (govtext)", build_bm25s, score_bm25s, queries)]
    if with_rank_bm25:
        from rank_bm25 import BM25Okapi

        res.append(_time_engine("rank-bm25", lambda: BM25Okapi(corpus_tokens), lambda rb, q: rb.get_scores(q),
                                queries[:rank_queries]))
    return res


def pct(xs: list[float], p: float) -> float:
    return float(np.percentile(np.array(xs) * 1000, p))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-scale", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true", help="quality only")
    a = ap.parse_args()
    sections = []
    qrows = corpus_quality()
    units = realdev_units() if REALDEV.is_dir() else []
    if units:
        qrows += realdev_quality(units)
    sections.append("Quality (k = 10; corpus queries filtered by their theme; real-dev queries over all real-dev sentences):")
    sections.append(table(["query set", "queries", "mode", "MRR@10", "Recall@10"], qrows))
    if not a.quick:
        from govtext.corpus import iter_reports

        texts = [u["text"] for u in units] + [s["text"] for r in iter_reports() for s in r.sentences]
        qset = [json.loads(l)["query"] for l in open(ROOT / "corpora" / "derived" / "queries.jsonl", encoding="utf-8")]
        queries = [retrieval_tokens(q) for q in random.Random(1).sample(qset, 200)]
        srows = []
        for n in (10_000, 100_000, 1_000_000):
            if n > a.max_scale:
                continue
            toks = scaled_token_corpus(texts, n)
            rq = 50 if n <= 10_000 else (10 if n <= 100_000 else 3)
            for name, build, lat, mem in lexical_speed(toks, queries, with_rank_bm25=True, rank_queries=rq):
                srows.append([f"{n:,}", name, f"{build:.1f}", f"{pct(lat, 50):.2f}", f"{pct(lat, 95):.2f}",
                              len(lat), f"{mem:,.0f}"])
            base = {r[1]: r for r in srows if r[0] == f"{n:,}"}
            if "rank-bm25" in base:
                b, o = base["rank-bm25"], base["bm25s (govtext)"]
                srows.append([f"{n:,}", "ratio rank-bm25 / bm25s", f"{float(b[2]) / max(1e-9, float(o[2])):.1f}x",
                              f"{float(b[3]) / max(1e-9, float(o[3])):.0f}x", f"{float(b[4]) / max(1e-9, float(o[4])):.0f}x", "", ""])
            del toks
            gc.collect()
        sections.append("Lexical engine speed (same tokens, same queries; build excludes tokenisation; memory = RSS growth):")
        sections.append(table(["sentences", "engine", "build s", "query p50 ms", "query p95 ms", "queries", "memory MB"], srows))
        frows = []
        for n in (10_000, 100_000):
            rng = random.Random(2)
            sample = [texts[rng.randrange(len(texts))] + ("" if i < len(texts) else f"（{i}）") for i in range(n)]
            t = time.perf_counter()
            ix = ExemplarIndex().add_units([{"text": s} for s in sample], progress=False)
            ix._build()
            build = time.perf_counter() - t
            lat_f, lat_l = [], []
            for q in qset[:100]:
                t = time.perf_counter()
                ix.search(q, k=10, mode="fused", unit=None)
                lat_f.append(time.perf_counter() - t)
                t = time.perf_counter()
                ix.search(q, k=10, mode="lexical", unit=None)
                lat_l.append(time.perf_counter() - t)
            frows.append([f"{n:,}", f"{build:.1f}", f"{pct(lat_l, 50):.2f}", f"{pct(lat_l, 95):.2f}",
                          f"{pct(lat_f, 50):.2f}", f"{pct(lat_f, 95):.2f}"])
            del ix
            gc.collect()
        sections.append("Full `ExemplarIndex.search` (tokenising the query, filters, collapse, highlights included):")
        sections.append(table(["sentences", "build s (incl. tokenising)", "lexical p50 ms", "lexical p95 ms",
                               "fused p50 ms", "fused p95 ms"], frows))
    write_result("retrieve", "Exemplar retrieval (`benchmarks/bench_retrieve.py`)", sections)


if __name__ == "__main__":
    main()
