"""Corpora as ``datasets.Dataset`` objects: the bundled corpus and a user's own folder of reports.

The bundled corpus (``corpora/reports/*.txt``, format in ``corpora/FORMAT.md``) carries an
author-assigned theme on every sentence; a user's folder (.txt/.docx/.jsonl) is parsed with
:func:`govtext.parse` and its metadata read from a sidecar file or inferred.

>>> from govtext.corpus import sentences
>>> ds = sentences(split="train")          # doctest: +SKIP
>>> ds[0]["theme"]                         # doctest: +SKIP
'overview'
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from govtext.corpusfmt import AnnotatedReport, read_annotated

__all__ = [
    "CORPUS_DIR",
    "CorpusReport",
    "iter_reports",
    "reports",
    "paragraphs",
    "sentences",
    "load_folder",
    "infer_meta",
    "build_splits",
    "build_pairs",
    "build_queries",
    "SPLITS",
]

log = logging.getLogger(__name__)

_PKG_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = _PKG_ROOT / "corpora"
SPLITS = ("train", "validation", "test")


@dataclass
class CorpusReport:
    """A report with per-sentence labels (``None`` where unlabelled) and its parsed Document."""

    id: str
    meta: dict[str, Any]
    text: str
    sentences: list[dict[str, Any]]

    @property
    def title(self) -> str:
        return self.meta.get("title", "")

    def by_paragraph(self) -> dict[int, list[dict[str, Any]]]:
        """The sentences grouped by paragraph index, in order."""
        out: dict[int, list[dict[str, Any]]] = {}
        for s in self.sentences:
            out.setdefault(s["paragraph"], []).append(s)
        return out


def _corpus_dir(path: str | Path | None) -> Path:
    d = Path(path) if path else CORPUS_DIR
    if not (d / "reports").is_dir():
        raise FileNotFoundError(
            f"no corpus at {d} (expected {d / 'reports'}/*.txt); the bundled corpus ships in a source checkout"
        )
    return d


def load_splits(corpus_dir: str | Path | None = None) -> dict[str, str]:
    p = _corpus_dir(corpus_dir) / "splits.json"
    if not p.exists():
        return {}
    data = json.loads(p.read_text(encoding="utf-8"))
    return {rid: split for split, ids in data["splits"].items() for rid in ids}


def _annotated_to_report(rep: AnnotatedReport, split: str | None) -> CorpusReport:
    from govtext.parse import parse

    text = rep.text
    doc = parse(text, tokenize=False)
    offs = rep.sentence_offsets()
    rows: list[dict[str, Any]] = []
    n = len(offs)
    prev_text = ""
    for k, (s, (pi, a, b)) in enumerate(zip(rep.sentences, offs)):
        path = doc.heading_path(a)
        heading = path[-1] if path else ""
        if heading and text[a:b] == heading:  # a heading's own context is its parent heading
            heading = path[-2] if len(path) > 1 else ""
        rows.append({
            "report_id": rep.id, "kind": rep.kind, "year": rep.year, "level": rep.level, "split": split or "",
            "index": k, "paragraph": pi, "start": a, "end": b, "text": s.text, "theme": s.theme,
            "heading": heading, "heading_path": path, "prev_text": prev_text, "position": k / max(1, n - 1),
            "is_heading": bool(path) and path[-1] == s.text or (pi == 0),
            "queries": list(s.queries),
        })
        prev_text = s.text
    meta = {"id": rep.id, "kind": rep.kind, "issuer": rep.issuer, "level": rep.level, "year": rep.year,
            "title": rep.title, "split": split or ""}
    return CorpusReport(id=rep.id, meta=meta, text=text, sentences=rows)


def iter_reports(corpus_dir: str | Path | None = None, *, split: str | None = None) -> Iterator[CorpusReport]:
    """The bundled corpus (or another annotated corpus folder), report by report."""
    d = _corpus_dir(corpus_dir)
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    splits = load_splits(d)
    for f in sorted((d / "reports").glob("*.txt")):
        rep = read_annotated(f)
        s = splits.get(rep.id, "")
        if split is not None and s != split:
            continue
        yield _annotated_to_report(rep, s)


def _dataset(rows: list[dict[str, Any]]):
    import datasets

    return datasets.Dataset.from_list(rows)


def reports(corpus_dir: str | Path | None = None, *, split: str | None = None):
    """One row per report: id, kind, issuer, level, year, title, split, text."""
    return _dataset([{**r.meta, "text": r.text} for r in iter_reports(corpus_dir, split=split)])


def paragraphs(corpus_dir: str | Path | None = None, *, split: str | None = None):
    """One row per paragraph with its sentences' themes and the majority theme."""
    rows = []
    for r in iter_reports(corpus_dir, split=split):
        for pi, ss in r.by_paragraph().items():
            themes = [s["theme"] for s in ss]
            rows.append({
                "report_id": r.id, "kind": r.meta["kind"], "year": r.meta["year"], "split": r.meta["split"],
                "paragraph": pi, "start": ss[0]["start"], "end": ss[-1]["end"], "text": "".join(s["text"] for s in ss),
                "themes": themes, "theme": max(set(themes), key=themes.count), "heading": ss[0]["heading"],
            })
    return _dataset(rows)


def sentences(corpus_dir: str | Path | None = None, *, split: str | None = None):
    """One row per labelled sentence with its context (heading, previous sentence, position)."""
    return _dataset([s for r in iter_reports(corpus_dir, split=split) for s in r.sentences])


# ---------------------------------------------------------------------------------------------
# a user's folder
_KIND_CUES = [
    ("duty_report", ("述职", "述廉")),
    ("gov_work_report", ("政府工作报告",)),
    ("research_report", ("调研报告", "调查报告", "调研")),
    ("speech", ("讲话", "致辞", "发言")),
    ("briefing", ("汇报", "情况报告", "情况的报告", "整改")),
    ("work_summary", ("总结", "工作报告")),
]


def infer_meta(text: str, name: str = "") -> dict[str, Any]:
    """Guess kind, year and issuer from a report's title (first line) and file name."""
    first = text.strip().split("\n", 1)[0][:80]
    probe = first + " " + name
    kind = next((k for k, cues in _KIND_CUES if any(c in probe for c in cues)), "work_summary")
    m = re.search(r"(19[5-9]\d|20[0-4]\d)", probe)
    year = int(m.group(1)) if m else None
    issuer = ""
    mi = re.match(r"^(.{2,30}?(?:人民政府办公室|人民政府|委员会|办公室|局|厅|委|院|校|公司|集团|街道|镇|乡|县|市|区))", first)
    if mi:
        issuer = mi.group(1)
    return {"kind": kind, "year": year, "issuer": issuer, "title": first}


def _read_sidecar(folder: Path) -> dict[str, dict[str, Any]]:
    for name in ("metadata.jsonl", "meta.jsonl", "metadata.json", "metadata.csv"):
        p = folder / name
        if not p.exists():
            continue
        if p.suffix == ".csv":
            import csv

            with open(p, encoding="utf-8-sig", newline="") as fh:
                return {row["file"]: row for row in csv.DictReader(fh)}
        if p.suffix == ".json":
            data = json.loads(p.read_text(encoding="utf-8"))
            return {d["file"]: d for d in (data if isinstance(data, list) else data.get("files", []))}
        out = {}
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    out[d["file"]] = d
        return out
    return {}


def load_folder(folder: str | Path, *, level: str = "report", progress: bool = True):
    """Load a folder of a user's reports (.txt, .docx, and .jsonl with a ``text`` field per line).

    Metadata comes from a sidecar (``metadata.jsonl`` / ``.json`` / ``.csv`` with a ``file``
    column) or is inferred from each title. ``level`` is ``report``, ``paragraph`` or ``sentence``.
    Sentences carry ``theme=None`` (unlabelled) unless the sidecar gives labels.
    """
    from govtext.parse import parse

    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of reports")
    if level not in ("report", "paragraph", "sentence"):
        raise ValueError("level must be 'report', 'paragraph' or 'sentence'")
    side = _read_sidecar(folder)
    items: list[tuple[str, str, dict]] = []
    for p in sorted(folder.rglob("*")):
        if p.suffix.lower() in (".txt", ".docx") and p.is_file() and not p.name.startswith("."):
            items.append((p.relative_to(folder).as_posix(), str(p), {}))
        elif p.suffix.lower() == ".jsonl" and p.name not in ("metadata.jsonl", "meta.jsonl"):
            with open(p, encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    if line.strip():
                        d = json.loads(line)
                        items.append((f"{p.name}#{i}", d["text"], {k: v for k, v in d.items() if k != "text"}))
    if not items:
        raise FileNotFoundError(f"{folder} holds no .txt, .docx or .jsonl reports")
    rows: list[dict[str, Any]] = []
    it: Iterable = items
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(items, desc="reading reports", unit="report", disable=len(items) < 20)
    for key, src, extra in it:
        doc = parse(src, tokenize=False)
        meta = {**infer_meta(doc.text, key), **extra, **{k: v for k, v in side.get(key, {}).items() if v not in ("", None)}}
        if meta.get("year") not in (None, ""):
            meta["year"] = int(meta["year"])
        rid = meta.get("id") or re.sub(r"\W+", "_", key)
        if level == "report":
            rows.append({"id": rid, "file": key, "kind": meta["kind"], "year": meta.get("year"), "issuer": meta.get("issuer", ""),
                         "title": doc.title or meta.get("title", ""), "text": doc.text})
        elif level == "paragraph":
            for pi, p in enumerate(doc.paragraphs):
                rows.append({"report_id": rid, "kind": meta["kind"], "year": meta.get("year"), "paragraph": pi,
                             "start": p.start, "end": p.end, "text": doc.text[p.start:p.end], "kind_of_paragraph": p.kind})
        else:
            from govtext.classify import document_items

            for k, (s, ctx) in enumerate(zip(doc.sentences, document_items(doc))):
                rows.append({"report_id": rid, "kind": meta["kind"], "year": meta.get("year"), "index": k,
                             "paragraph": s.paragraph, "start": s.start, "end": s.end, "theme": None, **ctx})
    return _dataset(rows)


# ---------------------------------------------------------------------------------------------
# derived sets (built by code, committed with their build command: python -m govtext.corpus build)
def split_of(report_id: str, *, test: float = 0.15, validation: float = 0.15) -> str:
    """The fixed split of a report: a hash of its id, so adding reports never moves old ones."""
    u = int(hashlib.sha1(report_id.encode("utf-8")).hexdigest()[:8], 16) / 0x100000000
    return "test" if u < test else "validation" if u < test + validation else "train"


def build_splits(corpus_dir: str | Path | None = None, *, test: float = 0.15, validation: float = 0.15) -> dict[str, list[str]]:
    """A fixed split by report (never by sentence), decided by a hash of each report id."""
    d = _corpus_dir(corpus_dir)
    out: dict[str, list[str]] = {s: [] for s in SPLITS}
    for f in sorted((d / "reports").glob("*.txt")):
        rid = read_annotated(f).id
        out[split_of(rid, test=test, validation=validation)].append(rid)
    return out


_FILLER = re.compile(r"^(?:同时|此外|另外|其中|全年|累计|共|先后|目前|截至目前|截至年底|一年来|今年以来|通过|积极|认真|扎实)+")
_CLAUSE = re.compile(r"[^，；。！？：]+[，；。！？：]?")


def _notes_for(paragraph: str) -> tuple[list[str], list[str]]:
    """Bullet notes a writer would have had for a paragraph: every figure, nothing else."""
    from govtext.facts import find_figures

    notes: list[str] = []
    figures: list[str] = []
    clauses = [m.group() for m in _CLAUSE.finditer(paragraph)]
    pending_subject = ""
    for c in clauses:
        body = c.rstrip("，；。！？：")
        figs = find_figures(body)
        if not figs:
            if not notes and not pending_subject and 4 <= len(body) <= 24:
                pending_subject = body  # the topic a writer notes first
            continue
        note = _FILLER.sub("", body).strip()
        note = re.sub(r"^[一二三四五六七八九十]+是", "", note)
        if len(note) > 40:  # keep the figure-bearing part of a long clause
            a = max(0, figs[0].start - 14)
            b = min(len(body), figs[-1].end + 8)
            note = body[a:b]
        notes.append(note)
        figures.extend(f.text for f in figs)
    if pending_subject:
        notes.insert(0, re.sub(r"^[一二三四五六七八九十]+是", "", pending_subject))
    return notes, figures


def build_pairs(corpus_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """Bullet-facts -> paragraph pairs from every body paragraph that states figures."""
    from govtext.facts import find_figures, verify

    out = []
    for r in iter_reports(corpus_dir):
        for pi, ss in r.by_paragraph().items():
            if pi == 0 or ss[0]["is_heading"] and len(ss) == 1:
                continue
            text = "".join(s["text"] for s in ss)
            if not (30 <= len(text) <= 400) or not find_figures(text):
                continue
            notes, figures = _notes_for(text)
            # the notes must carry every figure of the paragraph, and no other figure
            check = verify(text, notes)
            if check.unsupported or check.facts_missing:
                continue
            themes = [s["theme"] for s in ss if not s["is_heading"]] or [ss[0]["theme"]]
            out.append({
                "id": f"{r.id}-p{pi}", "report_id": r.id, "split": r.meta["split"], "kind": r.meta["kind"],
                "theme": max(set(themes), key=themes.count), "heading": ss[0]["heading"],
                "bullets": notes, "figures": figures, "reference": text,
            })
    return out


def build_queries(corpus_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """Retrieval queries written beside the sentences (``Q:`` column), with judged sentences."""
    qs: dict[str, dict[str, Any]] = {}
    for r in iter_reports(corpus_dir):
        for s in r.sentences:
            for q in s["queries"]:
                e = qs.setdefault(q, {"query": q, "themes": [], "relevant": []})
                e["themes"].append(s["theme"])
                e["relevant"].append(f"{r.id}:{s['index']}")
    out = []
    for i, (q, e) in enumerate(sorted(qs.items())):
        th = e.pop("themes")
        out.append({"id": f"cq{i:04d}", **e, "theme": max(set(th), key=th.count)})
    return out


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def build_all(corpus_dir: str | Path | None = None) -> dict[str, int]:
    """Rebuild ``splits.json`` and ``derived/*.jsonl`` from ``reports/``."""
    d = _corpus_dir(corpus_dir)
    splits = build_splits(d)
    (d / "splits.json").write_text(
        json.dumps({"note": "fixed split by report; rebuild: python -m govtext.corpus build", "splits": splits},
                   ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    pairs = build_pairs(d)
    _write_jsonl(d / "derived" / "pairs.jsonl", pairs)
    queries = build_queries(d)
    _write_jsonl(d / "derived" / "queries.jsonl", queries)
    return {"reports": sum(len(v) for v in splits.values()), "pairs": len(pairs), "queries": len(queries)}


_DATASHEET_HEAD = """# corpora/: the govtext corpus (datasheet)

Reports **written by the govtext team** for this project, in the genre of Chinese official reports, with
a section-theme label on every sentence and heading. Nothing here is copied or closely paraphrased
from published reports: a check (`scripts/check_originality.py`, also run by the tests) rejects any
14-character run shared with the real material in `../shared`.

## How the text was written
Each report was written from a brief naming its kind, issuer, level and year (1950–2026), with
invented place names (青山县, 临江市, 江淮省 …) and no real officials. Writers were asked for the genre's
features: a title, the heading hierarchy 一、 → （一） → 1. → （1）, 一是/二是 and 第一/第二 enumerations,
set four-character expressions, parallel phrasing, quoted slogans and many concrete figures in varied
forms, plus a problems section and a plans section where the genre has them. A second batch wrote
provincial and city government work reports and leaders' speeches in the national register; a third
added retrospective passages (older vocabulary enters through modern texts looking back), foreign
affairs, governance and work-style material, candid problems paragraphs and target-heavy task sections;
a fourth exercised the theme boundaries the classifier found hardest (reform vs economy pairs on the
same topic, task sentences with and without future markers, framing sentences, foreign affairs); a
fifth and a sixth (prefixes `x` and `y`, 84 reports) wrote provincial government work reports,
plan reports, Party-congress-style reports and people's-congress resolutions in the register of their
era, 1955–2025 (planned economy, the reform decades, the 2000s and today), stressing the hard
boundaries: framing vs topic, targets vs bare imperatives, reform vs economy, foreign affairs and
defence, government self-building, candid problems passages among achievements; a seventh (prefix
`z`, 36 reports) wrote figure-dense provincial government work reports, plan-implementation reports
and Party-congress reports of 1957–2024, for the drafter's notes -> paragraph pairs above all.

## How the labels were assigned and checked
Every sentence was labelled by its writer with one of the 13 ids of `THEMES.md`, following its
boundary rules (label the content, not the heading; `problems` wins over topics; `plans` only with an
explicit future marker; the topic table for defence, foreign affairs, congresses …). Checks by code:
the format validator (`python -m govtext.corpusfmt`) rejects unknown ids, unlabelled lines and
malformed sentences; the tests check that every sentence is labelled and that each theme has at least
250 sentences. Writers reported their hard cases (e.g. congress suggestions → governance; 12345 hotline
as welfare → livelihood; debt risk → safety); these were reconciled against THEMES.md. Labels were
not double-annotated: expect some noise on the boundaries (reform/economy, duties/governance,
political/integrity).

## Format, splits and derived sets
- `reports/*.txt`: one report per file in the annotated format of `FORMAT.md` (metadata header; one
  sentence per line prefixed by its theme; optional `Q:` search phrases).
- `splits.json`: a fixed split **by report** (never by sentence), decided by a hash of the report id, so
  adding reports never moves old ones: about 70% train, 15% validation, 15% test.
- `derived/pairs.jsonl`: bullet-notes → paragraph pairs built by code from every body paragraph with
  figures (the notes hold every figure of the paragraph exactly and nothing else; checked by
  `facts.verify`).
- `derived/queries.jsonl`: retrieval queries written beside the sentences (`Q:` column), grouped by
  query text, with the sentences judged relevant.
- Rebuild all three: `python -m govtext.corpus build`; this datasheet's tables: `python -m govtext.corpus datasheet`.

## Licence
Written for govtext and released with it under the Apache-2.0 licence.

## Known biases and gaps
- All text is synthetic prose by one team; phrasing is more uniform than real archives, and every
  report is "well written". Real reports have typos, unpaired quotes, OCR noise and older vocabulary.
- Years 2019–2026 for most reports; 120 provincial reports (prefixes `x`, `y`, `z`) cover 1955–2025 in their
  era's register, so older vocabulary is thinner than today's.
- Issuers are invented; provinces and cities are fictional; figures are plausible, not real statistics.
- Theme shares reflect the briefs (economy and problems are the largest classes); `overview` and `plans`
  boundaries follow the rules strictly, which real labellers may apply less strictly.
- Only six report kinds; no notices (通知), requests (请示) or minutes (纪要).
"""


def datasheet(corpus_dir: str | Path | None = None) -> str:
    """The datasheet with composition tables computed from the corpus."""
    from collections import Counter

    from govtext.themes import KINDS, THEME_IDS

    reps = list(iter_reports(corpus_dir))
    kt: dict[str, Counter] = {k: Counter() for k in KINDS}
    chars: Counter = Counter()
    n_rep: Counter = Counter()
    split_rep: Counter = Counter()
    levels: Counter = Counter()
    years: Counter = Counter()
    for r in reps:
        k = r.meta["kind"]
        n_rep[k] += 1
        chars[k] += sum(len(s["text"]) for s in r.sentences)
        split_rep[r.meta["split"]] += 1
        levels[r.meta["level"]] += 1
        years[r.meta["year"]] += 1
        for s in r.sentences:
            kt[k][s["theme"]] += 1
    head = "| kind | reports | characters | " + " | ".join(THEME_IDS) + " | sentences |"
    sep = "|" + "---|" * (len(THEME_IDS) + 4)
    rows = [f"| {k} | {n_rep[k]} | {chars[k]:,} | " + " | ".join(str(kt[k][t]) for t in THEME_IDS)
            + f" | {sum(kt[k].values()):,} |" for k in KINDS]
    tot = Counter()
    for k in KINDS:
        tot.update(kt[k])
    rows.append(f"| **all** | {len(reps)} | {sum(chars.values()):,} | " + " | ".join(str(tot[t]) for t in THEME_IDS)
                + f" | {sum(tot.values()):,} |")
    comp = ["## Composition", "", head, sep, *rows, "",
            "Reports by split: " + ", ".join(f"{s} {split_rep[s]}" for s in SPLITS) + ".",
            "By level: " + ", ".join(f"{l} {c}" for l, c in levels.most_common()) + ".",
            "By year: " + ", ".join(f"{y} {years[y]}" for y in sorted(years)) + "."]
    try:
        n_pairs = sum(1 for _ in open(_corpus_dir(corpus_dir) / "derived" / "pairs.jsonl", encoding="utf-8"))
        n_q = sum(1 for _ in open(_corpus_dir(corpus_dir) / "derived" / "queries.jsonl", encoding="utf-8"))
        comp.append(f"Derived: {n_pairs} notes→paragraph pairs, {n_q} retrieval queries.")
    except FileNotFoundError:
        pass
    return _DATASHEET_HEAD + "\n" + "\n".join(comp) + "\n"


def _main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m govtext.corpus", description="Build the corpus's derived sets.")
    ap.add_argument("command", choices=["build", "stats", "datasheet"])
    ap.add_argument("--corpus", default=None)
    a = ap.parse_args(argv)
    if a.command == "build":
        print(json.dumps(build_all(a.corpus), ensure_ascii=False))
    elif a.command == "datasheet":
        d = _corpus_dir(a.corpus)
        (d / "README.md").write_text(datasheet(d), encoding="utf-8")
        print(f"wrote {d / 'README.md'}")
    else:
        from collections import Counter

        rs = list(iter_reports(a.corpus))
        print(len(rs), "reports", sum(len(r.text) for r in rs), "chars")
        print(Counter(s["theme"] for r in rs for s in r.sentences))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
