"""Reader and validator for the annotated corpus format (``corpora/FORMAT.md``).

The format is one sentence per line, each prefixed by its theme id, so that every sentence
of the bundled corpus carries a label written by its author.

>>> rep = read_annotated_text("id: x\\nkind: briefing\\nissuer: 某县\\nlevel: county\\nyear: 2024\\n---\\n"
...                           "overview\\t某县工作汇报\\n\\noverview\\t现将有关情况汇报如下。\\n")
>>> rep.title, len(rep.paragraphs)
('某县工作汇报', 1)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from govtext.themes import KINDS, THEME_IDS

__all__ = [
    "AnnotatedSentence",
    "AnnotatedReport",
    "CorpusFormatError",
    "read_annotated",
    "read_annotated_text",
]

LEVELS = ("province", "city", "county", "district", "township", "street", "enterprise", "university")
_END = re.compile(r"[。！？：][”’」』）)]*$|[。！？]…*$|……[”’]?$")
_HEADING_ONLY = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])[^。！？]{1,40}$"
)


class CorpusFormatError(ValueError):
    """A corpus file does not follow ``corpora/FORMAT.md``; the message names file and line."""


@dataclass
class AnnotatedSentence:
    text: str
    theme: str
    queries: list[str] = field(default_factory=list)
    line: int = 0


@dataclass
class AnnotatedReport:
    id: str
    kind: str
    issuer: str
    level: str
    year: int
    paragraphs: list[list[AnnotatedSentence]]
    path: str = ""

    @property
    def title(self) -> str:
        return "".join(s.text for s in self.paragraphs[0]) if self.paragraphs else ""

    @property
    def sentences(self) -> list[AnnotatedSentence]:
        return [s for p in self.paragraphs for s in p]

    @property
    def text(self) -> str:
        """The plain report: one paragraph per line."""
        return "\n".join("".join(s.text for s in p) for p in self.paragraphs) + "\n"

    def sentence_offsets(self) -> list[tuple[int, int, int]]:
        """``(paragraph_index, start, end)`` of every sentence in :attr:`text`."""
        out, pos = [], 0
        for pi, p in enumerate(self.paragraphs):
            for s in p:
                out.append((pi, pos, pos + len(s.text)))
                pos += len(s.text)
            pos += 1
        return out


def read_annotated_text(raw: str, *, name: str = "<string>", strict: bool = True) -> AnnotatedReport:
    """Parse annotated text; raise :class:`CorpusFormatError` naming the line on any problem."""
    lines = raw.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    try:
        sep = lines.index("---")
    except ValueError:
        raise CorpusFormatError(f"{name}: no '---' line after the header; see corpora/FORMAT.md") from None
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[:sep], 1):
        if not line.strip():
            continue
        if ":" not in line:
            raise CorpusFormatError(f"{name}:{i}: header line must be 'key: value', got {line!r}")
        k, v = line.split(":", 1)
        meta[k.strip()] = v.strip()
    for k in ("id", "kind", "issuer", "level", "year"):
        if k not in meta:
            raise CorpusFormatError(f"{name}: header lacks '{k}:'")
    if meta["kind"] not in KINDS:
        raise CorpusFormatError(f"{name}: kind {meta['kind']!r} is not one of {', '.join(KINDS)}")
    if strict and meta["level"] not in LEVELS:
        raise CorpusFormatError(f"{name}: level {meta['level']!r} is not one of {', '.join(LEVELS)}")
    try:
        year = int(meta["year"])
    except ValueError:
        raise CorpusFormatError(f"{name}: year {meta['year']!r} is not a number") from None
    if strict and not 1949 <= year <= 2100:
        raise CorpusFormatError(f"{name}: year {year} is outside 1949–2100; write the report's own year, e.g. year: 2024")

    paragraphs: list[list[AnnotatedSentence]] = []
    cur: list[AnnotatedSentence] = []
    for i in range(sep + 1, len(lines)):
        line = lines[i].rstrip()
        lineno = i + 1
        if not line.strip():
            if cur:
                paragraphs.append(cur)
                cur = []
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise CorpusFormatError(f"{name}:{lineno}: expected 'theme<TAB>sentence', got {line[:30]!r}")
        theme, text = parts[0].strip(), parts[1].strip()
        if theme not in THEME_IDS:
            raise CorpusFormatError(f"{name}:{lineno}: unknown theme {theme!r}; use one of {' '.join(THEME_IDS)}")
        if not text:
            raise CorpusFormatError(f"{name}:{lineno}: empty sentence")
        queries: list[str] = []
        for extra in parts[2:]:
            extra = extra.strip()
            if not extra:
                continue
            if not extra.startswith("Q:"):
                raise CorpusFormatError(f"{name}:{lineno}: third column must start with 'Q:'")
            queries += [q.strip() for q in extra[2:].split("|") if q.strip()]
        if strict and paragraphs and not _END.search(text) and not (not cur and _HEADING_ONLY.match(text)):
            raise CorpusFormatError(
                f"{name}:{lineno}: sentence must end with 。！？ or ： (or be a stand-alone heading): {text[-20:]!r}"
            )
        cur.append(AnnotatedSentence(text=text, theme=theme, queries=queries, line=lineno))
    if cur:
        paragraphs.append(cur)
    if not paragraphs:
        raise CorpusFormatError(f"{name}: no text after '---'")
    return AnnotatedReport(
        id=meta["id"], kind=meta["kind"], issuer=meta["issuer"], level=meta["level"], year=year,
        paragraphs=paragraphs, path=name,
    )


def read_annotated(path: str | Path, *, strict: bool = True) -> AnnotatedReport:
    """Read one annotated report file."""
    p = Path(path)
    rep = read_annotated_text(p.read_text(encoding="utf-8"), name=str(p), strict=strict)
    if strict and rep.id != p.stem:
        raise CorpusFormatError(f"{p}: header id {rep.id!r} differs from the file name {p.stem!r}")
    return rep


def _main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Validate annotated corpus files and count themes.")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv)
    themes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    chars = nq = 0
    bad = 0
    for f in args.files:
        try:
            rep = read_annotated(f)
        except CorpusFormatError as e:
            print(f"ERROR {e}")
            bad += 1
            continue
        kinds[rep.kind] += 1
        for s in rep.sentences:
            themes[s.theme] += 1
            nq += len(s.queries)
        chars += sum(len(s.text) for s in rep.sentences)
    print(f"files ok: {len(args.files) - bad}/{len(args.files)}  chars: {chars}  queries: {nq}")
    print("kinds:", dict(kinds))
    for t in THEME_IDS:
        print(f"  {t:<11}{themes[t]:>6}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(_main())
