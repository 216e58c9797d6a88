"""The data model: one :class:`Document` flows through the whole pipeline.

Every unit carries ``start``/``end`` character offsets into :attr:`Document.text` (the normalized
text); :meth:`Document.original_offset` maps an offset back to the text as it was read.

>>> from govtext import parse
>>> doc = parse("一、总体情况\\n今年以来，各项工作稳步推进。")
>>> doc.sections[0].heading
'一、总体情况'
>>> doc.sentences[1].text
'今年以来，各项工作稳步推进。'
"""

from __future__ import annotations

import bisect
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

__all__ = ["Span", "Token", "Sentence", "Paragraph", "Section", "Document", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1


@dataclass
class Span:
    """A labelled character range ``[start, end)`` of :attr:`Document.text`."""

    start: int
    end: int
    label: str = ""

    def text(self, doc: "Document") -> str:
        return doc.text[self.start:self.end]


@dataclass
class Token:
    text: str
    start: int
    end: int
    pos: str = ""


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    is_heading: bool = False
    tokens: list[Token] = field(default_factory=list)
    theme: str | None = None
    theme_proba: dict[str, float] | None = None


@dataclass
class Paragraph:
    """A line of the report. ``kind`` is ``title``, ``subtitle``, ``heading`` (stands alone),
    ``body``; a body paragraph that opens with a numbered heading has ``heading_level`` set and
    its first sentence marked ``is_heading``."""

    start: int
    end: int
    kind: str = "body"
    heading_level: int | None = None
    marker: str = ""
    items: list[Span] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)


@dataclass
class Section:
    """A heading and everything under it, down to the next heading of the same or higher level."""

    level: int
    heading: str
    marker: str
    heading_span: Span
    start: int
    end: int
    paragraphs: list[int] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    def walk(self) -> Iterator["Section"]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Document:
    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    offset_map: list[tuple[int, int]] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    # -- navigation -------------------------------------------------------------------------
    def paragraph_text(self, i: int) -> str:
        p = self.paragraphs[i]
        return self.text[p.start:p.end]

    def sentences_of(self, paragraph: int) -> list[Sentence]:
        return [self.sentences[i] for i in self.paragraphs[paragraph].sentences]

    def walk_sections(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def section_of(self, offset: int) -> Section | None:
        """The innermost section containing ``offset``, or ``None`` in the preamble."""
        found = None
        level = self.sections
        while True:
            hit = next((s for s in level if s.start <= offset < s.end), None)
            if hit is None:
                return found
            found, level = hit, hit.children

    def heading_path(self, offset: int) -> list[str]:
        """Headings enclosing ``offset``, outermost first."""
        path, level = [], self.sections
        while True:
            hit = next((s for s in level if s.start <= offset < s.end), None)
            if hit is None:
                return path
            path.append(hit.heading)
            level = hit.children

    def items(self) -> list[Span]:
        return [it for p in self.paragraphs for it in p.items]

    @property
    def tokens(self) -> list[Token]:
        return [t for s in self.sentences for t in s.tokens]

    def original_offset(self, offset: int) -> int:
        """Map an offset of :attr:`text` to the offset in the text as it was read."""
        if not self.offset_map:
            return offset
        i = bisect.bisect_right(self.offset_map, offset, key=lambda run: run[0]) - 1
        if i < 0:
            return offset
        a, b = self.offset_map[i]
        return b + (offset - a)

    # -- serialisation ----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        version = d.get("schema_version", SCHEMA_VERSION)
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"document schema {version} is newer than this govtext understands ({SCHEMA_VERSION}); upgrade govtext"
            )

        def sec(x: dict[str, Any]) -> Section:
            return Section(
                level=x["level"], heading=x["heading"], marker=x.get("marker", ""),
                heading_span=Span(**x["heading_span"]), start=x["start"], end=x["end"],
                paragraphs=list(x.get("paragraphs", [])), children=[sec(c) for c in x.get("children", [])],
            )

        return cls(
            text=d["text"],
            paragraphs=[
                Paragraph(**{**p, "items": [Span(**it) for it in p.get("items", [])]}) for p in d.get("paragraphs", [])
            ],
            sentences=[
                Sentence(**{**s, "tokens": [Token(**t) for t in s.get("tokens", [])]}) for s in d.get("sentences", [])
            ],
            sections=[sec(s) for s in d.get("sections", [])],
            title=d.get("title"),
            title_span=Span(**d["title_span"]) if d.get("title_span") else None,
            meta=dict(d.get("meta", {})),
            source=d.get("source"),
            offset_map=[tuple(x) for x in d.get("offset_map", [])],
            schema_version=version,
        )

    @classmethod
    def from_json(cls, s: str) -> "Document":
        return cls.from_dict(json.loads(s))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "Document":
        return cls.from_json(Path(path).read_text(encoding="utf-8"))

    def __repr__(self) -> str:  # keep the REPL readable on long reports
        return (
            f"Document(title={self.title!r}, chars={len(self.text)}, paragraphs={len(self.paragraphs)}, "
            f"sentences={len(self.sentences)}, sections={len(self.sections)})"
        )
